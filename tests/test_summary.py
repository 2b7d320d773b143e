"""Extractive summary: exact picks on real communiqués, edge cases, invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.analysis import analyze
from lib.ingest import read_pasted, read_path
from lib.sentences import split
from lib.summary import DEFAULT_K, summarize
from tests.conftest import FIXTURES, SEED


def summary_of(path):  # noqa: ANN001, ANN201
    return analyze(read_path(path)).summary


def test_seed_summary_carries_meeting_cooperation_and_threats() -> None:
    summary = summary_of(SEED)
    assert summary.method == "textrank-coverage"
    # 1: the two chiefs met in Rabat; 2: cooperation and Paris Olympics security;
    # 3: the list of threats discussed. Never 0, the title line.
    assert summary.sentences(DEFAULT_K) == (1, 2, 3)
    assert summary.order[:3] == (1, 3, 2)
    assert summary.baseline_reason is None  # 7 body sentences, clearly ranked
    assert [i for i, _ in summary.scores] == [1, 2, 3, 4, 5, 6, 7]
    assert max(score for _, score in summary.scores) == 1.0
    assert summary.score_of(5) < 0.5  # "Ces initiatives sont fondées…": the least informative


@pytest.mark.parametrize(
    ("fixture", "expected", "reason"),
    [
        # meeting in Lisbon; what they discussed; the next meeting in Madrid
        ("en_police_lisbon.txt", (1, 2, 4), "short"),
        # meeting in Madrid; topics (terrorism, drugs…); the 2030 World Cup preparations
        ("es_policia_rabat.txt", (1, 2, 5), "short"),
        ("fr_dakar_abbreviations.txt", (1, 3, 4), None),
        ("en_wrapped.txt", (1, 2, 3), "short"),
    ],
)
def test_fixture_summaries(fixture: str, expected: tuple[int, ...], reason: str | None) -> None:
    summary = summary_of(FIXTURES / fixture)
    assert summary.sentences(3) == expected
    assert summary.baseline_reason == reason


def test_lead_baseline_is_the_first_body_sentences() -> None:
    summary = summary_of(FIXTURES / "en_police_lisbon.txt")
    assert summary.lead(3) == (1, 2, 3)
    assert summary.lead(10) == (1, 2, 3, 4, 5)


@pytest.mark.parametrize(("k", "expected"), [(0, ()), (1, (1,)), (2, (1, 3)), (7, (1, 2, 3, 4, 5, 6, 7)), (50, (1, 2, 3, 4, 5, 6, 7))])
def test_k_is_respected(k: int, expected: tuple[int, ...]) -> None:
    assert summary_of(SEED).sentences(k) == expected


def test_one_sentence_and_title_only_documents() -> None:
    one = analyze(read_pasted("La police a arrêté trois suspects à Rabat.")).summary
    assert one.sentences(3) == (0,) and one.baseline_reason == "short"
    title_only = analyze(read_pasted("Communiqué de la DGSN")).summary
    assert title_only.order == () and title_only.sentences(3) == () and title_only.scores == ()


def test_empty_input() -> None:
    summary = summarize((), ())
    assert summary.sentences(3) == () and summary.lead(3) == ()


def test_flat_ranking_offers_the_baseline() -> None:
    # Six sentences with the same words: nothing to rank.
    text = "Titre\n" + " ".join(["La police renforce la coopération."] * 6)
    summary = analyze(read_pasted(text)).summary
    assert summary.baseline_reason == "flat"


WORDS = st.sampled_from(
    "police coopération Rabat sécurité terrorisme drogue visite Paris directeur réunion accord "
    "formation migration frontière the police meeting security la le de et".split()
)
SENTENCE = st.builds(lambda ws: " ".join(ws).capitalize() + ".", st.lists(WORDS, min_size=1, max_size=14))
DOCUMENT = st.builds(
    lambda title, paragraphs: "\n".join(([title] if title else []) + [" ".join(p) for p in paragraphs]),
    st.one_of(st.none(), st.just("Titre du communiqué")),
    st.lists(st.lists(SENTENCE, min_size=1, max_size=3), min_size=1, max_size=6),
)


@settings(max_examples=80, deadline=None)
@given(DOCUMENT, st.integers(min_value=0, max_value=25))
def test_summary_invariants(text: str, k: int) -> None:
    sentences = split(text)
    summary = summarize(sentences, ["fr"] * len(sentences))
    body = [s.index for s in sentences if not s.heading]
    chosen = summary.sentences(k)
    assert list(chosen) == sorted(chosen)
    assert set(chosen) <= set(body)
    assert len(chosen) == min(k, len(body))
    assert sorted(summary.order) == body
    assert all(0.0 <= score <= 1.0 for _, score in summary.scores)
    assert summary.lead(k) == tuple(body[:k])
