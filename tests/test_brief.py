"""The brief in Markdown and Word: sections, sentence numbers, the interface's language, and
text that a Word file cannot hold."""

from __future__ import annotations

import io

from docx import Document

from lib.analysis import analyze
from lib.brief import to_docx, to_markdown
from lib.catalog import find
from lib.ingest import read_pasted, read_path
from lib.interface import Words
from tests.conftest import FIXTURES, SEED


def seed_analysis():  # noqa: ANN201
    source = read_path(SEED)
    return analyze(source, find(sha256=source.sha256).metadata)


def opened(data: bytes):  # noqa: ANN201
    return Document(io.BytesIO(data))


def headings(document) -> list[str]:  # noqa: ANN001
    return [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def test_the_word_brief_has_every_section_with_sentence_numbers() -> None:
    analysis = seed_analysis()
    document = opened(to_docx(analysis))
    assert headings(document) == [
        analysis.title,
        "Key facts", "Summary", "Topics", "Timeline", "People", "Organizations, places and events", "Keywords",
        "Text, sentence by sentence"]
    texts = [p.text for p in document.paragraphs]
    assert "Where: Rabat (sentence 2)" in texts
    assert any(t.startswith("Abdellatif Hammouchi — directeur général de la sécurité nationale") and t.endswith("(sentences 2, 5)")
               for t in texts)
    header = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert header["Published"] == "2023-12-12" and header["Language"] == "French (fr, 100%)"
    timeline = [[cell.text for cell in row.cells] for row in document.tables[1].rows]
    assert timeline[0] == ["dates", "event", "status", "written", "sentence"]
    assert ["2023-12-12", "Meeting: Abdellatif Hammouchi – Frédéric Veaux in Rabat", "past", "mardi", "2"] in timeline
    numbered = texts[texts.index("Text, sentence by sentence") + 1 :]
    assert len(numbered) == 7 and numbered[-1].startswith("[7] ") and " [8] L’objectif est de renforcer" in numbered[-1]


def test_the_word_brief_speaks_the_interface_language() -> None:
    document = opened(to_docx(seed_analysis(), words=Words("fr")))
    assert headings(document)[1:] == ["Faits clés", "Résumé", "Thèmes", "Chronologie", "Personnes",
                                      "Organisations, lieux et événements", "Mots-clés", "Texte, phrase par phrase"]
    texts = [p.text for p in document.paragraphs]
    assert "Où : Rabat (phrase 2)" in texts
    assert any(t.startswith("Coopération institutionnelle — 50\xa0% des occurrences") for t in texts)


def test_the_markdown_brief_in_french_keeps_the_same_facts() -> None:
    english, french = to_markdown(seed_analysis()), to_markdown(seed_analysis(), words=Words("fr"))
    assert "## Key facts" in english and "## Faits clés" in french
    assert "- **Où :** Rabat (phrase 2)" in french and "- **Where:** Rabat (sentence 2)" in english
    assert english.split("## Text")[1].strip() == french.split("## Texte")[1].strip()  # the text is the document's


def test_arabic_paragraphs_read_right_to_left_and_control_characters_do_not_break_the_file() -> None:
    arabic = analyze(read_path(FIXTURES / "accuracy" / "ar_01_map_rabat.txt"))
    document = opened(to_docx(arabic))
    numbered = document.paragraphs[[p.text for p in document.paragraphs].index("Text, sentence by sentence") + 1]
    assert numbered._p.pPr is not None and numbered._p.pPr.find(  # noqa: SLF001
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi") is not None
    odd = analyze(read_pasted("Titre\x01 avec\x0b des caractères\n\nLe ministre a reçu\x1f mardi son homologue à Rabat."))
    assert "Titre" in headings(opened(to_docx(odd)))[0]
