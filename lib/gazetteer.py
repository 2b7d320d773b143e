"""Known names: countries, places, organizations and named events from data/, found in text.

Each data file lists the ways a thing is written; :func:`find` returns every occurrence in a
sentence, longest first where names overlap, as spans of the document text.

Two layers: the hand-kept files (countries.toml, places.toml, organizations.toml, events.toml)
always win; world.toml (generated from CLDR and GeoNames, see data/build_world.py) knows every
country and capital, and its names are *weak*: they give way to a person's name read around
them ("Santiago Abascal").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from lib.errors import DataFileError
from lib.lexicon import PROCLITICS, compiled, match_view, phrase_literal, phrase_pattern
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
    weak: bool = False


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
    for filename, weak in (("countries.toml", False), ("world.toml", True)):
        for raw in _table(filename, "country"):
            entry = Entry("country", raw["code"], raw["name"], country=raw["code"], lat=raw.get("lat"), lon=raw.get("lon"))
            found += _names(entry, _all_languages(raw.get("names", {})), filename, weak=weak)
            found += _names(entry, _all_languages(raw.get("demonyms", {})), filename, demonym=True, weak=weak)
    strong = {n.entry.key for n in found if n.entry.kind == "country" and not n.weak}
    if any(n.weak for n in found if n.entry.key in strong):
        raise DataFileError("data/world.toml", "a country of countries.toml is listed again: run data/build_world.py")
    for filename, weak in (("places.toml", False), ("world.toml", True)):
        for raw in _table(filename, "place"):
            entry = Entry("place", raw["name"], raw["name"], country=raw.get("country"), lat=raw.get("lat"), lon=raw.get("lon"))
            found += _names(entry, raw.get("aliases", [raw["name"]]), filename, weak=weak)
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


@lru_cache(maxsize=8)
def entries(kind: Kind) -> tuple[Entry, ...]:
    """Every entry of one kind, each once."""
    return tuple(dict.fromkeys(n.entry for n in names() if n.entry.kind == kind))


_PREFIX = 3
"""Names are looked up by the first letters of their first word (see :func:`_by_prefix`)."""
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _by_prefix() -> tuple[dict[tuple[bool, str], tuple[Name, ...]], tuple[Name, ...]]:
    """Names by (case-sensitive, first letters of their literal), and those too short to index.

    A sentence's words give the few names worth testing, so the cost of a sentence does not
    grow with the number of names the data files hold."""
    indexed: dict[tuple[bool, str], list[Name]] = {}
    short: list[Name] = []
    for name in names():
        key = name.literal[:_PREFIX]
        if len(key) >= 2 and _WORD.fullmatch(key):  # a word's first two or three letters
            indexed.setdefault((name.case_sensitive, key), []).append(name)
        else:
            short.append(name)
    return {key: tuple(group) for key, group in indexed.items()}, tuple(short)


def _candidates(pieces: tuple[str, str]) -> list[Name]:
    indexed, short = _by_prefix()
    keys = {(case_sensitive, word[:size]) for case_sensitive in (False, True)
            for word in _words(pieces[case_sensitive]) for size in (2, _PREFIX) if len(word) >= size}
    found = [name for key in keys for name in indexed.get(key, ())]
    return found + list(short)


def _words(piece: str) -> list[str]:
    """The words of a sentence, and each Arabic word without the letters attached before it
    ("بالرباط" is also looked up as "الرباط"), as phrase patterns let them stand."""
    found = []
    for word in _WORD.findall(piece):
        found.append(word)
        cut = 0
        while cut < 2 and cut < len(word) - 2 and word[cut] in PROCLITICS:
            cut += 1
            found.append(word[cut:])
    return found


def find(text_views: tuple[str, str], sentence: Sentence, *, kinds: Iterable[Kind] | None = None) -> list[Found]:
    """Known names inside one sentence, not overlapping (the longest wins; a hand-kept name over a
    weak one of the same length).

    Args:
        text_views: ``(match_view(text), match_view(text, keep_case=True))``.
        sentence: Where to look.
        kinds: Only these kinds of entry.
    """
    folded, cased = text_views
    wanted = set(kinds) if kinds is not None else None
    pieces = (folded[sentence.start : sentence.end], cased[sentence.start : sentence.end])
    spans: list[Found] = []
    for name in _candidates(pieces):
        if wanted is not None and name.entry.kind not in wanted:
            continue
        if name.literal not in pieces[name.case_sensitive]:
            continue  # a plain substring test first: most names are not in most sentences
        view = cased if name.case_sensitive else folded
        for match in compiled(name.pattern).finditer(view, sentence.start, sentence.end):
            spans.append(Found(name, match.start(), match.end()))
    kept: list[Found] = []
    for found in sorted(spans, key=lambda f: (-(f.end - f.start), f.name.weak, f.start)):
        if not any(found.start < k.end and k.start < found.end for k in kept):
            kept.append(found)
    return sorted(kept, key=lambda f: f.start)


def views(text: str) -> tuple[str, str]:
    """The two match views :func:`find` needs, computed once per document."""
    return match_view(text), match_view(text, keep_case=True)



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


def _names(entry: Entry, written: list[str], filename: str, *, demonym: bool = False, weak: bool = False) -> list[Name]:
    out = []
    for text in dict.fromkeys(written):
        if not isinstance(text, str) or not text.strip():
            raise DataFileError(f"data/{filename}", f"{entry.name}: names must be non-empty strings")
        try:
            pattern, case_sensitive = phrase_pattern(text)
        except ValueError as err:
            raise DataFileError(f"data/{filename}", f"{entry.name}: {err}") from err
        out.append(Name(entry, text.lstrip("="), pattern, case_sensitive, phrase_literal(text), demonym, weak))
    return out
