"""Shared paths and builders of binary test documents (PDF, DOCX) made at test time."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_d58dcee9dee1240e.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_pdf(lines: list[str] | None) -> bytes:
    """A one-page PDF; with ``lines`` None it holds only a drawing (no text layer)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    if lines is None:
        pdf.rect(72, 600, 200, 100, fill=1)
    else:
        text = pdf.beginText(72, 770)
        text.setFont("Helvetica", 10)
        for line in lines:
            text.textLine(line)
        pdf.drawText(text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_docx(paragraphs: list[str], *, title: str | None = None, table: list[list[str]] | None = None) -> bytes:
    """A .docx with these paragraphs, an optional table after them and a core title."""
    from docx import Document

    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    if title:
        document.core_properties.title = title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def documents(words: list[str], *, min_words: int = 2, max_words: int = 16, max_paragraphs: int = 5) -> st.SearchStrategy[str]:
    """Generated documents: paragraphs of one sentence each, made of ``words`` in any order.

    Only documents with letters: the others are bad input, tested as such in test_ingest.
    """
    return st.builds(
        lambda paragraphs: "\n".join(" ".join(p) + "." for p in paragraphs),
        st.lists(st.lists(st.sampled_from(words), min_size=min_words, max_size=max_words), min_size=1, max_size=max_paragraphs),
    ).filter(lambda text: any(ch.isalpha() for ch in text))
