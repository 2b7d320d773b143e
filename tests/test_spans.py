"""Span indexes: the same answers as the all-pairs loops they replace."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lib.sentences import split
from lib.spans import Occupied, SentenceIndex, inside

spans = st.lists(st.tuples(st.integers(0, 200), st.integers(1, 30)).map(lambda t: (t[0], t[0] + t[1])), max_size=60)


@given(spans)
def test_occupied_keeps_what_a_linear_scan_keeps(candidates: list[tuple[int, int]]) -> None:
    occupied = Occupied()
    kept: list[tuple[int, int]] = []
    for start, end in candidates:
        expected = not any(start < e and s < end for s, e in kept)
        assert occupied.overlaps(start, end) == (not expected)
        assert occupied.add(start, end) == expected
        if expected:
            kept.append((start, end))
    assert len(occupied) == len(kept)


@given(st.lists(st.integers(0, 100), max_size=40), st.integers(0, 100), st.integers(0, 100))
def test_inside_is_the_slice_of_positions_in_range(positions: list[int], start: int, end: int) -> None:
    positions.sort()
    assert [positions[i] for i in inside(positions, start, end)] == [p for p in positions if start <= p < end]


def test_sentence_index_finds_the_sentence_holding_a_span() -> None:
    text = "Premier paragraphe. Deuxième phrase.\nTroisième phrase ici."
    sentences = split(text)
    index = SentenceIndex(sentences)
    for sentence in sentences:
        assert index.containing(sentence.start, sentence.end) == sentence
        assert index.containing(sentence.start + 1, sentence.end - 1) == sentence
    assert index.containing(sentences[0].start, sentences[1].end) is None  # across two sentences
    assert index.containing(sentences[0].end, sentences[0].end + 1) is None  # the space between
