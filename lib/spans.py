"""Spans of the document text: which sentence holds a span, and sets of spans that must not overlap.

Both answer in logarithmic time, so that readers stay linear in the document however many
mentions, hits or occurrences it holds (a loop over every earlier span made them quadratic).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from lib.sentences import Sentence


class SentenceIndex:
    """Finds the sentence that contains a span, by binary search over sentence starts."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self._sentences = sentences
        self._starts = [s.start for s in sentences]

    def containing(self, start: int, end: int) -> Sentence | None:
        """The sentence holding ``[start, end)`` whole, or ``None`` (a span across two sentences)."""
        position = bisect_right(self._starts, start) - 1
        if position < 0:
            return None
        sentence = self._sentences[position]
        return sentence if end <= sentence.end else None


class Occupied:
    """A set of non-overlapping ``[start, end)`` spans; overlap tests and inserts in O(log n)."""

    def __init__(self, spans: Sequence[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with a span of the set."""
        position = bisect_left(self._starts, end)  # spans starting before ``end``
        return position > 0 and self._ends[position - 1] > start

    def add(self, start: int, end: int) -> bool:
        """Add the span unless it overlaps one already there; returns whether it was added."""
        if self.overlaps(start, end):
            return False
        position = bisect_left(self._starts, start)
        self._starts.insert(position, start)
        self._ends.insert(position, end)
        return True

    def __len__(self) -> int:
        return len(self._starts)


def inside(starts: Sequence[int], start: int, end: int) -> range:
    """Indices ``i`` of a sorted list of positions with ``start <= starts[i] < end``."""
    return range(bisect_left(starts, start), bisect_left(starts, end))

