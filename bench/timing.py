"""Timing helpers shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def side_by_side(baseline: Callable[[], object], ours: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median seconds of two functions, run alternately so both see the same machine load."""
    baseline()
    ours()  # warm up both
    first, second = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        baseline()
        t1 = time.perf_counter()
        ours()
        t2 = time.perf_counter()
        first.append(t1 - t0)
        second.append(t2 - t1)
    return statistics.median(first), statistics.median(second)
