"""Run an analysis in a child process with a time and memory budget, so that one document can
never stall the process that asked for it (the dashboard's server, shared by every session).

A regular expression or the language model holds Python's GIL while it works: in a thread, one
long document would freeze every other session. In a child process it cannot; the parent only
waits on a pipe, can stop the child at any moment (the user cancels, the budget is spent), and
the child's memory is returned to the system when it ends.

The child is forked: it starts at once, with the language model the parent already loaded
(shared copy-on-write, never loaded twice). It sends one or more results back, in order — the
dashboard shows the quick part of an analysis while the slower part goes on.
"""

from __future__ import annotations

import multiprocessing
import resource
import threading
import time
import traceback
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from lib.errors import MB, LensError
from lib.interface import Message


@dataclass(frozen=True)
class Budget:
    """What one analysis may spend.

    Attributes:
        seconds: Wall-clock time before the child is stopped.
        memory: Bytes the child may allocate on top of what it inherits.
    """

    seconds: float = 120.0
    memory: int = 1536 * MB


class WorkerError(LensError):
    """The child failed: over its budget, stopped, or a bug (the message says which)."""


def _over_time(seconds: float) -> Message:
    return Message.of("error.over_time", seconds=seconds)


_OVER_MEMORY = Message.of("error.over_memory")


def _child(connection: Connection, task: Callable[..., Any], args: tuple[Any, ...], memory: int) -> None:
    try:
        _limit_memory(memory)
        returned = task(*args)
        for result in returned if isinstance(returned, Iterator) else (returned,):
            connection.send(("result", result))
        connection.send(("done", None))
    except MemoryError:
        connection.send(("error", _OVER_MEMORY))
    except LensError as err:  # sent as its message: LensError subclasses do not unpickle
        connection.send(("refused", err.message or str(err)))
    except BaseException as err:  # noqa: BLE001 - reported to the parent as one line
        summary = traceback.format_exception_only(type(err), err)[-1].strip()
        connection.send(("bug", f"{type(err).__name__}: {summary[:300]}"))
    finally:
        connection.close()


def _limit_memory(extra: int) -> None:
    """Cap the child's address space at what it inherited plus ``extra`` bytes."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            size = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
        resource.setrlimit(resource.RLIMIT_AS, (size + extra, size + extra))
    except (OSError, StopIteration, ValueError):
        pass  # not Linux: the time budget still holds


class Job:
    """A task running in a forked child; its results come back in order.

    Args:
        task: A function whose value is sent back, or a generator function whose values are
            sent back one by one. Its results must be picklable.
        args: Its arguments.
        budget: The time and memory it may spend.
    """

    def __init__(self, task: Callable[..., Any], *args: Any, budget: Budget = Budget()) -> None:
        self.budget = budget
        self.started = time.monotonic()
        context = multiprocessing.get_context("fork")
        self._connection, child_end = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(child_end, task, args, budget.memory), daemon=True)
        self._process.start()
        child_end.close()
        self._finished = False

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def next(self, *, wait: Callable[[float], None] | None = None, tick: float = 0.2) -> Any | None:
        """The next result, or ``None`` once the task has yielded everything.

        Args:
            wait: Called every ``tick`` seconds while nothing has arrived (the dashboard updates
                its progress line there — which is also where Streamlit stops a script whose
                user clicked elsewhere; the job is then cancelled by the caller's ``finally``).

        Raises:
            WorkerError: the budget is spent, the child died, or it hit a bug.
            LensError: the task refused the input.
        """
        if self._finished:
            return None
        while not self._connection.poll(tick):
            if self.elapsed > self.budget.seconds:
                self.cancel()
                raise WorkerError(_over_time(self.budget.seconds))
            if not self._process.is_alive() and not self._connection.poll(0):
                self.cancel()
                raise WorkerError(_OVER_MEMORY if self._process.exitcode in (-9, 137) else
                                  Message.of("error.stopped", reason=f"exit code {self._process.exitcode}"))
            if wait is not None:
                wait(self.elapsed)
        try:
            kind, value = self._connection.recv()
        except (EOFError, OSError) as err:
            self.cancel()
            raise WorkerError(Message.of("error.stopped", reason=type(err).__name__)) from err
        if kind == "result":
            return value
        self._finished = True
        self._process.join(timeout=5)
        if kind == "done":
            return None
        if kind == "error":
            raise WorkerError(value)
        if kind == "refused":
            raise LensError(value)
        raise WorkerError(Message.of("error.internal", reason=value))

    def cancel(self) -> None:
        """Stop the child now (idempotent)."""
        self._finished = True
        if self._process.is_alive():
            self._process.kill()
        self._process.join(timeout=5)
        self._connection.close()

    def __enter__(self) -> Job:
        return self

    def __exit__(self, *_: object) -> None:
        self.cancel()


class ResultCache:
    """Results kept in the process that shows them (a cache hit never crosses a process),
    bounded by count and by the characters of the documents they belong to, least recently
    used first out. Shared by every session of a server: thread-safe.

    Args:
        max_entries: At most this many results.
        max_characters: At most this many document characters over all results (an analysis
            takes memory in proportion to its text).
    """

    def __init__(self, *, max_entries: int, max_characters: int) -> None:
        self.max_entries, self.max_characters = max_entries, max_characters
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._characters = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: Hashable, value: Any, *, characters: int) -> None:
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._characters -= old[1]
            self._items[key] = (value, characters)
            self._characters += characters
            while len(self._items) > 1 and (
                len(self._items) > self.max_entries or self._characters > self.max_characters
            ):
                _, (_, size) = self._items.popitem(last=False)
                self._characters -= size

    def __len__(self) -> int:
        return len(self._items)
