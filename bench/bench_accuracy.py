"""Accuracy of the facts, per language and field, on communiqués written for the project.

The texts and their gold facts are in tests/fixtures/accuracy/ (gold.toml says how they were
made and what counts). Each text is analyzed with the publication date an analyst would set,
then scored:

* people — precision and recall of the person cards: a card is right when its name (or one of
  its aliases) is a gold name, ignoring case and accents;
* roles — of the gold people who have a role in the text, how many got it: the card's role has
  the same words as the gold role (at least 75 % in common);
* places — recall of the places named (a place entity's name or one of its aliases);
* events — recall of the events the text dates to the day (same first and last day);
* invented — events dated to the day that the text does not date so (named events of
  data/events.toml aside): the count that must stay at zero.

Usage: python bench/bench_accuracy.py [--verbose] [--heldout]

--heldout scores tests/fixtures/heldout/ instead: texts written after the rules were set and never
used to tune them, an estimate of how the rules do on communiqués they were not written for.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tomllib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.analysis import Analysis, analyze  # noqa: E402
from lib.catalog import Metadata  # noqa: E402
from lib.ingest import read_path  # noqa: E402

FOLDER = ROOT / "tests" / "fixtures" / "accuracy"
HELDOUT = ROOT / "tests" / "fixtures" / "heldout"
ROLE_OVERLAP = 0.75


def fold(text: str) -> str:
    """Lower case, no accents, single spaces: how names and roles are compared."""
    decomposed = unicodedata.normalize("NFD", text.replace("’", "'").lower())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def same_role(found: str | None, gold: str) -> bool:
    if not found:
        return False
    a, b = set(fold(found).replace("'", " ").split()), set(fold(gold).replace("'", " ").split())
    return len(a & b) / len(a | b) >= ROLE_OVERLAP


@dataclass
class Score:
    """Counts for one language (or one document)."""

    people_found: int = 0
    people_right: int = 0
    people_gold: int = 0
    roles_gold: int = 0
    roles_right: int = 0
    places_gold: int = 0
    places_right: int = 0
    events_gold: int = 0
    events_right: int = 0
    invented: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in vars(self):
            if name != "notes":
                setattr(self, name, getattr(self, name) + getattr(other, name))
        self.notes += other.notes


def score(analysis: Analysis, gold: dict) -> Score:  # noqa: ANN001 - a gold.toml table
    result = Score()
    people = [e for e in analysis.entities if e.type == "person"]
    gold_people = {fold(p["name"]): p for p in gold["people"]}
    matched: dict[str, object] = {}
    for person in people:
        names = {fold(person.name), *(fold(a) for a in person.aliases)}
        hit = next((name for name in gold_people if name in names), None)
        result.people_found += 1
        if hit is not None and hit not in matched:
            matched[hit] = person
            result.people_right += 1
        else:
            result.notes.append(f"not a gold person: {person.name}")
    result.people_gold = len(gold_people)
    for name, expected in gold_people.items():
        person = matched.get(name)
        if person is None:
            result.notes.append(f"missed person: {expected['name']}")
        if "role" in expected:
            result.roles_gold += 1
            if person is not None and same_role(person.role, expected["role"]):  # type: ignore[attr-defined]
                result.roles_right += 1
            elif person is not None:
                result.notes.append(f"role of {expected['name']}: {person.role!r}, not {expected['role']!r}")  # type: ignore[attr-defined]
    places = [{fold(e.name), *(fold(a) for a in e.aliases)} for e in analysis.entities if e.type == "place"]
    for place in gold["places"]:
        result.places_gold += 1
        if any(fold(place) in names for names in places):
            result.places_right += 1
        else:
            result.notes.append(f"missed place: {place}")
    dated = [e for e in analysis.timeline.events if e.kind != "event" and e.start and e.granularity == "day" and not e.approximate]
    expected_days = {(e["start"], e["end"]) for e in gold["events"]}
    for event in gold["events"]:
        result.events_gold += 1
        if any((e.start, e.end or e.start) == (event["start"], event["end"]) for e in dated):
            result.events_right += 1
        else:
            result.notes.append(f"missed event: {event['kind']} {event['start']}..{event['end']}")
    for event in dated:
        if (event.start, event.end or event.start) not in expected_days:
            result.invented += 1
            result.notes.append(f"invented date: {event.label} {event.start}..{event.end} (“{event.when_text}”)")
    return result


def ratio(right: int, total: int) -> str:
    return f"{right / total:.2f}" if total else "–"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss and extra per document")
    parser.add_argument("--heldout", action="store_true", help="score the held-out texts")
    args = parser.parse_args()
    folder = HELDOUT if args.heldout else FOLDER
    gold = tomllib.loads((folder / "gold.toml").read_text(encoding="utf-8"))
    by_language: dict[str, Score] = defaultdict(Score)
    for name, expected in gold.items():
        published = expected["published"]
        assert isinstance(published, dt.date)
        analysis = analyze(read_path(folder / name), Metadata(published=published))
        result = score(analysis, expected)
        by_language[name[:2]].add(result)
        if args.verbose and result.notes:
            print(f"{name} ({analysis.language.code}, read by {dict(analysis.readers)})")
            for note in result.notes:
                print(f"    {note}")
    print(f"\n| language | documents | people precision | people recall | roles | places recall | day-dated events | invented dates |")
    print("|---|---|---|---|---|---|---|---|")
    counts = defaultdict(int)
    for name in gold:
        counts[name[:2]] += 1
    for language in ("fr", "en", "es", "ar"):
        s = by_language.get(language)
        if s is None:
            continue
        print(f"| {language} | {counts[language]} | {ratio(s.people_right, s.people_found)} | "
              f"{ratio(s.people_right, s.people_gold)} | {ratio(s.roles_right, s.roles_gold)} | "
              f"{ratio(s.places_right, s.places_gold)} | {ratio(s.events_right, s.events_gold)} | {s.invented} |")


if __name__ == "__main__":
    main()
