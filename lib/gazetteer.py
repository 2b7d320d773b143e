"""Known names: countries, places, organizations and named events from data/, found in text.

Each data file lists the ways a thing is written; :func:`find` returns every occurrence in a
sentence, longest first where names overlap, as spans of the document text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from lib.errors import DataFileError
from lib.lexicon import compiled, match_view, phrase_pattern
from lib.resources import load_toml
from lib.sentences import Sentence

Kind = Literal["country", "place", "organization", "event"]


@dataclass(frozen=True)
class Entry:
    """A thing the data files know.

    Attributes:
        kind: What it is.
        key: Stable identifier: country code, place name, organization name, event id.
        name: Display name.
        country: ISO code of its country (a country's own code), or ``None``.
        acronym: An organization's acronym, if any.
        lat, lon: A point for the map, or ``None``.
        start, end: An event's first and last day.
        approximate: An event whose dates are only roughly known.
        place: Where an event is held.
    """

    kind: Kind
    key: str
    name: str
    country: str | None = None
    acronym: str | None = None
    lat: float | None = None
    lon: float | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    approximate: bool = False
    place: str | None = None


@dataclass(frozen=True)
class Name:
    """One way of writing an entry, as a pattern; ``demonym`` for adjectives ("française")."""

    entry: Entry
    text: str
    pattern: str
    case_sensitive: bool
    literal: str
    demonym: bool = False


@dataclass(frozen=True)
class Found:
    """A known name found in the text."""

    name: Name
    start: int
    end: int


@lru_cache(maxsize=1)
def names() -> tuple[Name, ...]:
    """Every name of every entry of the data files, longest first."""
    found: list[Name] = []
    for raw in _table("countries.toml", "country"):
        entry = Entry("country", raw["code"], raw["name"], country=raw["code"], lat=raw.get("lat"), lon=raw.get("lon"))
        found += _names(entry, _all_languages(raw.get("names", {})), "countries.toml")
        found += _names(entry, _all_languages(raw.get("demonyms", {})), "countries.toml", demonym=True)
    for raw in _table("places.toml", "place"):
        entry = Entry("place", raw["name"], raw["name"], country=raw.get("country"), lat=raw.get("lat"), lon=raw.get("lon"))
        found += _names(entry, raw.get("aliases", [raw["name"]]), "places.toml")
    for raw in _table("organizations.toml", "organization"):
        acronym = raw.get("acronym")
        entry = Entry("organization", raw["name"], raw["name"], country=raw.get("country"), acronym=acronym)
        # The display name is not matched (bare "Police nationale" is also Morocco's): aliases are.
        written = [*raw.get("aliases", [])] + ([f"={acronym}"] if acronym else [])
        found += _names(entry, written, "organizations.toml")
    for raw in _table("events.toml", "event"):
        entry = Entry(
            "event", raw["id"], raw["name"], start=raw.get("start"), end=raw.get("end"),
            approximate=bool(raw.get("approximate", False)), place=raw.get("place"),
        )
        found += _names(entry, _all_languages(raw.get("names", {})), "events.toml")
    return tuple(sorted(found, key=lambda n: -len(n.text)))


def entries(kind: Kind) -> tuple[Entry, ...]:
    """Every entry of one kind, each once."""
    return tuple(dict.fromkeys(n.entry for n in names() if n.entry.kind == kind))


def find(text_views: tuple[str, str], sentence: Sentence, *, kinds: Iterable[Kind] | None = None) -> list[Found]:
    """Known names inside one sentence, not overlapping (the longest wins).

    Args:
        text_views: ``(match_view(text), match_view(text, keep_case=True))``.
        sentence: Where to look.
        kinds: Only these kinds of entry.
    """
    folded, cased = text_views
    wanted = set(kinds) if kinds is not None else None
    pieces = (folded[sentence.start : sentence.end], cased[sentence.start : sentence.end])
    spans: list[Found] = []
    for name in names():
        if wanted is not None and name.entry.kind not in wanted:
            continue
        if name.literal not in pieces[name.case_sensitive]:
            continue  # a plain substring test first: most names are not in most sentences
        view = cased if name.case_sensitive else folded
        for match in compiled(name.pattern).finditer(view, sentence.start, sentence.end):
            spans.append(Found(name, match.start(), match.end()))
    kept: list[Found] = []
    for found in sorted(spans, key=lambda f: (-(f.end - f.start), f.start)):
        if not any(found.start < k.end and k.start < found.end for k in kept):
            kept.append(found)
    return sorted(kept, key=lambda f: f.start)


def views(text: str) -> tuple[str, str]:
    """The two match views :func:`find` needs, computed once per document."""
    return match_view(text), match_view(text, keep_case=True)


def _literal(text: str, case_sensitive: bool) -> str:
    """Text every match contains: the first word, cut before a wildcard, a hyphen or an ending."""
    first = match_view(text.lstrip("="), keep_case=case_sensitive).split()[0]
    return re.split(r"[*?\-]", first)[0][: max(len(first) - 2, 1)]


def _table(filename: str, key: str) -> list[dict[str, Any]]:
    rows = load_toml(filename).get(key, [])
    where = f"data/{filename}"
    if not isinstance(rows, list):
        raise DataFileError(where, f"expected [[{key}]] tables")
    required = {"country": ("code", "name"), "place": ("name", "country"), "organization": ("name",), "event": ("id", "name")}[key]
    for n, row in enumerate(rows, start=1):
        for field in required:
            if not isinstance(row.get(field), str) or not row[field]:
                raise DataFileError(where, f"{key} #{n} has no {field}")
    return rows


def _all_languages(by_language: dict[str, list[str]]) -> list[str]:
    return [value for values in by_language.values() for value in values]


def _names(entry: Entry, written: list[str], filename: str, *, demonym: bool = False) -> list[Name]:
    out = []
    for text in dict.fromkeys(written):
        if not isinstance(text, str) or not text.strip():
            raise DataFileError(f"data/{filename}", f"{entry.name}: names must be non-empty strings")
        try:
            pattern, case_sensitive = phrase_pattern(text)
        except ValueError as err:
            raise DataFileError(f"data/{filename}", f"{entry.name}: {err}") from err
        out.append(Name(entry, text.lstrip("="), pattern, case_sensitive, _literal(text, case_sensitive), demonym))
    return out
