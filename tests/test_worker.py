"""The worker process: results in order, budgets, cancellation, and the bounded result cache."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from lib.analysis import stages
from lib.catalog import Metadata
from lib.errors import MB, LensError, NoLettersError
from lib.ingest import Source, read_path
from lib.topics import default_taxonomy
from lib.worker import Budget, Job, ResultCache, WorkerError
from tests.conftest import SEED


def counting(n: int) -> Iterator[int]:
    yield from range(n)


def sleeping(seconds: float) -> Iterator[int]:
    time.sleep(seconds)
    yield 1


def hungry() -> Iterator[int]:
    chunks = [bytearray(64 * MB) for _ in range(64)]  # 4 GB
    yield len(chunks)


def refusing() -> Iterator[int]:
    raise NoLettersError()
    yield 0  # pragma: no cover


def buggy() -> Iterator[int]:
    yield 1
    raise ZeroDivisionError("division by zero")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_results_come_back_in_order_then_none() -> None:
    with Job(counting, 3) as job:
        assert [job.next(), job.next(), job.next(), job.next(), job.next()] == [0, 1, 2, None, None]


def test_the_analysis_stages_match_the_analysis_in_process() -> None:
    source = read_path(SEED)
    expected = list(stages(source, Metadata(), default_taxonomy()))
    with Job(stages, source, Metadata(), default_taxonomy()) as job:
        partial, full = job.next(), job.next()
    assert partial == expected[0] and full == expected[1]
    assert not partial.entities and {e.name for e in full.entities} >= {"Abdellatif Hammouchi", "Frédéric Veaux"}


def test_a_long_document_is_cut_and_says_so() -> None:
    text = "Le ministre a reçu son homologue à Rabat.\n" * 200
    source = Source(text, "long.txt", "text")
    partial = next(stages(source, Metadata(), default_taxonomy(), max_characters=1000))
    assert len(partial.text) <= 1000 and partial.text.endswith("Rabat.")
    warning = next(w for w in partial.warnings if w.kind == "truncated")
    assert f"of {len(text.rstrip()):,}" in warning.message or f"of {len(text):,}" in warning.message


def test_time_budget_stops_the_child() -> None:
    started = time.monotonic()
    job = Job(sleeping, 60, budget=Budget(seconds=0.5))
    with pytest.raises(WorkerError, match="more than 0 s|more than 1 s"):
        job.next()
    assert time.monotonic() - started < 10
    assert not alive(job._process.pid)  # noqa: SLF001


def test_memory_budget_gives_a_clear_error() -> None:
    with Job(hungry, budget=Budget(memory=256 * MB)) as job, pytest.raises(WorkerError, match="more memory"):
        job.next()


def test_a_refused_input_keeps_its_message() -> None:
    with Job(refusing) as job, pytest.raises(LensError) as raised:
        job.next()
    assert str(raised.value) == str(NoLettersError())


def test_a_bug_in_the_child_is_one_line_and_earlier_results_stand() -> None:
    with Job(buggy) as job:
        assert job.next() == 1
        with pytest.raises(WorkerError, match="ZeroDivisionError") as raised:
            job.next()
    assert "\n" not in str(raised.value) and isinstance(raised.value, LensError)


def test_cancel_stops_the_child_at_once_and_the_wait_callback_can_interrupt() -> None:
    job = Job(sleeping, 60)
    ticks: list[float] = []

    class Interrupted(Exception):
        pass

    def wait(elapsed: float) -> None:
        ticks.append(elapsed)
        if len(ticks) == 3:
            raise Interrupted  # what Streamlit does when the user clicks elsewhere

    with pytest.raises(Interrupted):
        with job:
            job.next(wait=wait, tick=0.05)
    assert len(ticks) == 3 and not alive(job._process.pid)  # noqa: SLF001


def test_result_cache_is_bounded_by_entries_and_characters() -> None:
    cache = ResultCache(max_entries=3, max_characters=100)
    for n in range(5):
        cache.put(n, f"result {n}", characters=10)
    assert len(cache) == 3 and cache.get(0) is None and cache.get(4) == "result 4"
    cache.get(2)  # recently used: kept
    cache.put("big", "big result", characters=85)
    assert cache.get("big") == "big result" and cache.get(2) == "result 2" and len(cache) == 2
    assert cache.get(3) is None and cache.get(4) is None  # least recently used went first
    cache.put("huge", "too big alone", characters=1000)  # the newest always stays
    assert cache.get("huge") == "too big alone" and len(cache) == 1
