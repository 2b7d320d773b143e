"""Exports of an Analysis: the JSON contract and a Markdown brief.

The JSON keys are a contract with users' scripts: add keys, never rename or remove them.
Sentence ``index`` values are 0-based; the dashboard and the brief number sentences from 1
(``number``). Offsets (``start``, ``end``) are character offsets in ``document.text``.
"""

from __future__ import annotations

import json
from typing import Any

from lib.analysis import Analysis
from lib.language import language_name
from lib.markup import escape_markdown

SCHEMA_VERSION = 1


def to_dict(analysis: Analysis) -> dict[str, Any]:
    """The analysis as plain JSON-ready values (the CLI's JSON output)."""
    meta = analysis.metadata
    source = analysis.source
    language = analysis.language
    return {
        "schema_version": SCHEMA_VERSION,
        "document": {
            "title": analysis.title,
            "source": meta.source,
            "published": meta.published.isoformat() if meta.published else None,
            "issued_in": meta.issued_in,
            "id": meta.doc_id,
            "origin": source.name,
            "format": source.format,
            "encoding": source.encoding,
            "words": analysis.words,
            "characters": len(analysis.text),
            "paragraphs": analysis.paragraphs,
            "reading_minutes": analysis.reading_minutes,
            "language": {
                "code": language.code,
                "name": language_name(language.code),
                "confidence": language.confidence,
                "reliable": language.reliable,
                "probabilities": [{"code": c, "probability": p} for c, p in language.probabilities],
                "by_sentence": [
                    {
                        "sentence": s.index,
                        "code": g.code,
                        "confidence": g.confidence,
                        "reliable": g.reliable,
                    }
                    for s, g in zip(analysis.sentences, analysis.sentence_languages)
                ],
            },
            "sentences": [
                {
                    "index": s.index,
                    "number": s.index + 1,
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "paragraph": s.paragraph,
                    "heading": s.heading,
                }
                for s in analysis.sentences
            ],
            "text": analysis.text,
        },
        "warnings": [
            {"kind": w.kind, "message": w.message, "sentences": list(w.sentences)}
            for w in analysis.warnings
        ],
    }


def to_json(analysis: Analysis) -> str:
    """The JSON export: UTF-8 text, stable key order, the same bytes for the same input."""
    return json.dumps(to_dict(analysis), ensure_ascii=False, indent=2) + "\n"


def header_facts(analysis: Analysis) -> list[tuple[str, str]]:
    """The header line items as (label, value) — shared by the dashboard and the brief."""
    meta = analysis.metadata
    language = analysis.language
    confidence = f"{language.confidence:.0%}" if language.code else "–"
    return [
        ("Source", meta.source or "not stated"),
        ("Published", meta.published.isoformat() if meta.published else "not set"),
        ("Issued in", meta.issued_in or "not stated"),
        ("Language", f"{language_name(language.code)} ({language.code or '?'}, {confidence})"),
        ("Words", str(analysis.words)),
        ("Sentences", str(len(analysis.sentences))),
        ("Reading time", f"{analysis.reading_minutes} min"),
    ]


def to_markdown(analysis: Analysis) -> str:
    """A brief readable without the dashboard: header facts, warnings, numbered sentences."""
    esc = lambda text: escape_markdown(text, strict=False)  # noqa: E731
    lines = [f"# {esc(analysis.title)}", ""]
    lines += [f"- **{label}:** {esc(value)}" for label, value in header_facts(analysis)]
    if analysis.warnings:
        lines += ["", "## Warnings", ""]
        lines += [f"- {esc(w.message)}" for w in analysis.warnings]
    lines += ["", "## Text", ""]
    paragraph = None
    for sentence in analysis.sentences:
        if paragraph is not None and sentence.paragraph != paragraph:
            lines.append("")
        paragraph = sentence.paragraph
        lines.append(f"[{sentence.index + 1}] {esc(sentence.text)}  ")
    return "\n".join(lines).rstrip() + "\n"
