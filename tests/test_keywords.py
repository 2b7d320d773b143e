"""Keywords: what comes out on real communiqués, and that every occurrence is exact."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings

from lib.analysis import analyze
from lib.ingest import fold, read_pasted, read_path
from lib.keywords import extract
from lib.sentences import split
from tests.conftest import FIXTURES, SEED, documents


def keywords_of(path):  # noqa: ANN001, ANN201
    return analyze(read_path(path)).keywords


def assert_occurrences_exact(analysis) -> None:  # noqa: ANN001
    """Every occurrence lies inside its sentence and reads as the keyword or a variant."""
    for keyword in analysis.keywords:
        forms = {re.sub(r"\s+", " ", fold(f).lower()) for f in (keyword.text, *keyword.variants)}
        for occurrence in keyword.occurrences:
            sentence = analysis.sentences[occurrence.sentence]
            assert sentence.start <= occurrence.start < occurrence.end <= sentence.end
            found = re.sub(r"\s+", " ", fold(analysis.text[occurrence.start : occurrence.end]).lower())
            assert found in forms


def test_seed_keywords() -> None:
    keywords = keywords_of(SEED)
    texts = [kw.text for kw in keywords]
    assert len(keywords) == 10
    for expected in ("Frédéric Veaux", "Abdellatif Hammouchi", "Jeux olympiques", "coopération sécuritaire", "police nationale française"):
        assert expected in texts
    for junk in ("Les", "s’", "Jeux", "lutte", "communiqué", "mardi à Rabat", "sécurité lors", "effectue actuellement"):
        assert junk not in texts
    jeux = keywords[texts.index("Jeux olympiques")]
    assert [o.sentence for o in jeux.occurrences] == [0, 2]  # the title and the cooperation sentence
    assert [kw.score for kw in keywords] == sorted(kw.score for kw in keywords)


@pytest.mark.parametrize(
    ("fixture", "expected", "absent"),
    [
        ("en_police_lisbon.txt", {"maritime drug trafficking", "Francisco Pardo Piqueras", "José Barros Correia"}, {"said", "statement"}),
        ("es_policia_rabat.txt", {"Francisco Pardo Piqueras", "Ministerio del Interior", "cooperación policial"}, {"martes en Madrid", "comunicado"}),
        ("fr_mixed_quote.txt", {"réseaux criminels transnationaux", "sûreté nationale"}, {"with the Moroccan", "The Secretary General", "General said that"}),
    ],
)
def test_fixture_keywords(fixture: str, expected: set[str], absent: set[str]) -> None:
    texts = {kw.text for kw in keywords_of(FIXTURES / fixture)}
    assert expected <= texts
    assert not absent & texts


@pytest.mark.parametrize("path", [SEED, *sorted(FIXTURES.glob("*.txt"))], ids=lambda p: p.name)
def test_every_occurrence_is_exact_and_inside_its_sentence(path) -> None:  # noqa: ANN001
    analysis = analyze(read_path(path))
    assert all(keyword.occurrences for keyword in analysis.keywords)
    assert_occurrences_exact(analysis)


def test_no_keywords_from_nothing() -> None:
    assert extract("", (), "fr") == ()
    text = "Rencontre à Rabat."
    assert extract(text, split(text), "fr", top=0) == ()


def test_short_text_keywords_are_words_of_the_text() -> None:
    analysis = analyze(read_pasted("Trafic de drogues : arrestation de trois suspects à Tanger."))
    assert analysis.keywords
    assert all(kw.text.lower() in analysis.text.lower() for kw in analysis.keywords)


TEXT = documents(
    ["police", "coopération", "Rabat", "trafic de drogues", "l’immigration", "Jeux olympiques", "M.", "la",
     "de", "sécurité", "«", "»", "2024", "DGSN", "réseaux", "—", "migrants", "et", "d’expertise"],
    min_words=3, max_words=15, max_paragraphs=6,
)


@settings(max_examples=60, deadline=None)
@given(TEXT)
def test_occurrence_invariants(raw: str) -> None:
    assert_occurrences_exact(analyze(read_pasted(raw)))


def test_no_arabic_keyword_runs_across_a_comma() -> None:
    analysis = analyze(read_path(FIXTURES / "accuracy" / "ar_01_map_rabat.txt"))
    assert analysis.keywords
    for keyword in analysis.keywords:
        for occurrence in keyword.occurrences:
            assert "،" not in analysis.text[occurrence.start : occurrence.end]
    assert "عبد اللطيف حموشي" in [k.text for k in analysis.keywords]


def test_a_phrase_cut_inside_a_name_is_not_a_keyword() -> None:
    from lib.analysis import analyze
    from lib.ingest import read_pasted
    from tests.conftest import FIXTURES

    shown = [k.text for k in analyze(read_pasted((FIXTURES / "en_police_lisbon.txt").read_text(encoding="utf-8"))).keywords]
    assert "Public Security Police" in shown and "Portuguese Public Security" not in shown  # "… Security" + "Police"
