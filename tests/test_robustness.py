"""Pathological documents cost no more than ordinary text of the same size (issue 10).

Every attack of bench/attacks.py, and documents generated from their grammar by Hypothesis, are
read and analyzed at 200 KB and timed against the seed communiqué repeated to the same size, in
the same process, one after the other: the assertion is on the ratio (≤ 3×), not on seconds.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.attacks import ATTACKS, ordinary
from lib.analysis import analyze
from lib.catalog import Metadata
from lib.entities import load_model
from lib.errors import LensError
from lib.ingest import read_bytes

SIZE = 200_000
MAX_RATIO = 3.0
PUBLISHED = Metadata(published=dt.date(2023, 12, 12))


def seconds(data: bytes, name: str) -> float:
    """Time to read and analyze a document (a refusal counts as done)."""
    start = time.perf_counter()
    try:
        analyze(read_bytes(data, name=name), PUBLISHED)
    except LensError:
        pass
    return time.perf_counter() - start


@pytest.fixture(scope="module")
def ordinary_seconds() -> float:
    load_model()
    data = ordinary(SIZE)
    return min(seconds(data, "ordinary.txt") for _ in range(2))


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a.name)
def test_each_attack_costs_at_most_three_times_ordinary_text(attack, ordinary_seconds: float) -> None:  # noqa: ANN001
    spent = seconds(attack.build(SIZE), f"attack{attack.extension}")
    assert spent <= MAX_RATIO * ordinary_seconds, f"{attack.name}: {spent:.2f} s against {ordinary_seconds:.2f} s"


UNITS = (
    "M. ", "S.E. ", "Aaaa ", "Bbbb Cccc ", "(DGSN) ", "DGSN ", "le 12 décembre 2023, ", "mardi ", "[", "](", "**a ",
    "_a ", " " * 40, "a. ", "Abdellatif Hammouchi, ", "Direction Générale ", "\n", "\n\n", "# ", "- ", "visite ",
    "la coopération sécuritaire ", "«", "», ", "12/12/2023 ", "du 26 au 28 juin ", "le directeur général, ",
)


@settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(units=st.lists(st.sampled_from(UNITS), min_size=1, max_size=12), extension=st.sampled_from([".txt", ".md"]))
def test_documents_from_the_attack_grammar(units: list[str], extension: str, ordinary_seconds: float) -> None:
    unit = "".join(units).encode()
    data = (unit * (SIZE // len(unit) + 1))[:SIZE]
    spent = seconds(data, f"generated{extension}")
    assert spent <= MAX_RATIO * ordinary_seconds, f"{units!r}: {spent:.2f} s against {ordinary_seconds:.2f} s"
