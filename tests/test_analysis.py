"""The Analysis object: title, statistics and warnings on real documents."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.analysis import analyze
from lib.catalog import Metadata, find
from lib.ingest import read_bytes, read_pasted, read_path
from tests.conftest import FIXTURES, SEED, make_docx


@pytest.fixture(scope="module")
def seed_analysis():  # noqa: ANN201
    source = read_path(SEED)
    return analyze(source, find(sha256=source.sha256).metadata)


def test_seed_analysis(seed_analysis) -> None:  # noqa: ANN001
    a = seed_analysis
    assert a.title.startswith("Les chefs de la police nationale marocaine et française")
    assert a.language.code == "fr" and a.language.confidence >= 0.99
    assert (len(a.sentences), a.paragraphs, a.words, a.reading_minutes) == (8, 7, 319, 2)
    assert a.metadata.published == dt.date(2023, 12, 12)
    assert a.warnings == ()  # long enough, one language, dated
    assert all(g.code == "fr" for g in a.sentence_languages)


def test_mixed_languages_are_flagged_with_the_sentence() -> None:
    a = analyze(read_path(FIXTURES / "fr_mixed_quote.txt"), Metadata(published=dt.date(2024, 3, 5)))
    (warning,) = a.warnings
    assert warning.kind == "mixed_languages"
    assert warning.sentences == (3,)
    assert "English in sentence 4" in warning.message


def test_short_text_and_missing_date_are_flagged() -> None:
    a = analyze(read_pasted("Réunion à Rabat mardi."))
    assert [w.kind for w in a.warnings] == ["short_text", "no_publication_date"]
    assert "4 words" in a.warnings[0].message


def test_unsupported_language_is_flagged() -> None:
    text = (
        "Die Polizeichefs beider Länder haben am Dienstag in Berlin über die Zusammenarbeit im Kampf "
        "gegen den Terrorismus, die organisierte Kriminalität und den Drogenhandel gesprochen."
    )
    a = analyze(read_pasted(text), Metadata(published=dt.date(2024, 1, 9)))
    assert [w.kind for w in a.warnings] == ["unsupported_language"]
    assert "German" in a.warnings[0].message


def test_title_order_metadata_markup_title_line_then_start() -> None:
    docx = read_bytes(make_docx(["Premier paragraphe sans titre qui est long. " * 4], title="Titre DOCX"), name="a.docx")
    assert analyze(docx).title == "Titre DOCX"
    assert analyze(docx, Metadata(title="Mon titre")).title == "Mon titre"
    plain = analyze(read_pasted("Une phrase très longue " * 10 + "."))
    assert plain.title.endswith("…") and len(plain.title) <= 91
    assert analyze(read_path(FIXTURES / "es_policia_rabat.txt")).title == (
        "El director general de la Policía se reúne en Madrid con su homólogo marroquí"
    )


@pytest.mark.parametrize(("words", "minutes"), [(1, 1), (200, 1), (201, 2), (1000, 5)])
def test_reading_time(words: int, minutes: int) -> None:
    assert analyze(read_pasted("mot " * words)).reading_minutes == minutes


REDERIVED_DOCUMENTS = [SEED, FIXTURES / "accuracy" / "en_01_accra_dateline.txt", FIXTURES / "accuracy" / "es_01_efe_madrid.txt",
                       FIXTURES / "accuracy" / "ar_08_madrid_hijra.txt", FIXTURES / "fr_mixed_quote.txt"]
METADATA = [Metadata(), Metadata(published=dt.date(2023, 12, 12)), Metadata(published=dt.date(2024, 6, 30), title="Autre titre"),
            Metadata(published=dt.date(1999, 1, 4), issued_in="Tunis", source="MAP")]


@pytest.mark.parametrize("path", REDERIVED_DOCUMENTS, ids=lambda p: p.name)
def test_rederiving_for_other_metadata_or_topics_equals_analyzing_again(path) -> None:  # noqa: ANN001
    from lib.analysis import analyze_text, rederived
    from lib.topics import parse_taxonomy

    source = read_path(path)
    first = analyze(source, METADATA[0])
    first_partial = analyze_text(source, METADATA[0])
    for metadata in METADATA[1:]:
        assert rederived(first, metadata, full=True) == analyze(source, metadata)
        assert rederived(first_partial, metadata, full=False) == analyze_text(source, metadata)
    taxonomy = parse_taxonomy('[[topic]]\nid = "drugs"\nlabel = { fr = "Drogues", en = "Drugs" }\ndescription = "Drugs."\n'
                              'cues.fr = ["drogue*"]\ncues.en = ["drug*"]\ncues.es = ["droga*"]\ncues.ar = ["المخدرات"]\n', name="test")
    assert rederived(first, METADATA[1], taxonomy, full=True) == analyze(source, METADATA[1], taxonomy=taxonomy)
