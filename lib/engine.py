"""Run one function over many jobs: on this machine's cores (default) or on a Dask cluster.

``batch`` and ``corpus add`` share this engine. The function runs where the engine puts it and
returns a small picklable result; the caller handles each result as it comes, in this process
(so the corpus store is written by one process only). Interruptions (SIGINT, SIGTERM) stop the
work and raise :class:`Interrupted` with the results handled so far kept.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal, TypeVar

from lib.errors import LensError

Engine = Literal["local", "dask"]
ENGINES: tuple[str, ...] = ("local", "dask")
Job = TypeVar("Job")


class Interrupted(Exception):
    """The run was stopped by a signal (``signal`` is its number)."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.signal = signal_number


def _interrupted(signal_number: int, _frame: object) -> None:
    raise Interrupted(signal_number)


def _worker_signals() -> None:
    # Workers leave interruptions to the parent, which terminates them: no traceback per worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def run(function: Callable[[Job], Any], jobs: Sequence[Job], *, workers: int | None = None,
        engine: Engine = "local", scheduler: str | None = None) -> Iterator[Any]:
    """Yield ``function(job)`` for every job, in the order they finish.

    Args:
        function: A top-level function (it is pickled); it should catch its own errors and
            return them as results, so that one job never costs another.
        jobs: The jobs.
        workers: Local processes (default: every core); ignored by Dask.
        engine: ``"local"`` (fork a pool on this machine) or ``"dask"`` (the cluster at ``scheduler``).
        scheduler: A Dask scheduler address (``tcp://host:8786``), for ``engine="dask"``.

    Raises:
        Interrupted: on SIGINT or SIGTERM (the workers are stopped first).
        LensError: Dask is asked for without a scheduler, or the scheduler cannot be reached.
    """
    previous = {sig: signal.signal(sig, _interrupted) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        if engine == "dask":
            yield from _on_dask(function, jobs, scheduler)
        else:
            yield from _on_cores(function, jobs, min(workers or os.cpu_count() or 1, max(1, len(jobs))))
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _on_cores(function: Callable[[Job], Any], jobs: Sequence[Job], workers: int) -> Iterator[Any]:
    if workers <= 1:
        for job in jobs:
            yield function(job)
        return
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_worker_signals)
    try:
        yield from pool.imap_unordered(function, jobs, chunksize=1)
        pool.close()
    finally:
        pool.terminate()  # stops the workers on an interruption; a no-op once closed
        pool.join()


def _on_dask(function: Callable[[Job], Any], jobs: Sequence[Job], scheduler: str | None) -> Iterator[Any]:
    if not scheduler:
        raise LensError("--engine dask needs --scheduler ADDRESS (for example tcp://127.0.0.1:8786)")
    from distributed import Client, as_completed  # only when asked for: the dashboard never needs it

    try:
        client = Client(scheduler, timeout=10)
    except (OSError, TimeoutError) as err:
        raise LensError(f"--scheduler {scheduler}: no Dask scheduler answers there ({err})") from err
    try:
        futures = client.map(function, list(jobs), pure=False)
        for future in as_completed(futures):
            yield future.result()
    finally:
        client.close()
