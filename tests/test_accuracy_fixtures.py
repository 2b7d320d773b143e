"""The accuracy communiqués and their gold facts agree with each other (bench/bench_accuracy.py)."""

from __future__ import annotations

import tomllib
from collections import Counter

import pytest

from bench.bench_accuracy import FOLDER, HELDOUT, fold
from lib.ingest import read_path

GOLD = tomllib.loads((FOLDER / "gold.toml").read_text(encoding="utf-8"))
HELD = tomllib.loads((HELDOUT / "gold.toml").read_text(encoding="utf-8"))
CASES = [(FOLDER, GOLD, name) for name in sorted(GOLD)] + [(HELDOUT, HELD, name) for name in sorted(HELD)]


def test_at_least_eight_communiques_per_language() -> None:
    counts = Counter(name[:2] for name in GOLD)
    assert all(counts[language] >= 8 for language in ("fr", "en", "es")), counts
    assert sorted(GOLD) == sorted(p.name for p in FOLDER.glob("*.txt"))
    assert sorted(HELD) == sorted(p.name for p in HELDOUT.glob("*.txt"))


@pytest.mark.parametrize(("folder", "table", "name"), CASES, ids=[c[2] for c in CASES])
def test_every_gold_fact_is_written_in_its_text(folder, table: dict, name: str) -> None:  # noqa: ANN001
    text = fold(read_path(folder / name).text)
    gold = table[name]
    for person in gold["people"]:
        surname = fold(person["name"]).split()[-1]
        assert surname in text, person["name"]  # the surname at least (names in capitals are title-cased in gold)
        if "role" in person:
            assert fold(person["role"]) in text, person["role"]
    for place in gold["places"]:
        assert fold(place) in text, place
    for event in gold["events"]:
        assert event["start"] <= event["end"] and event["kind"] in ("meeting", "visit", "signing", "summit", "conference")
