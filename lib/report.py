"""Exports of an Analysis: the JSON contract and a Markdown brief.

The JSON keys are a contract with users' scripts: add keys, never rename or remove them.
Sentence ``index`` values are 0-based; the dashboard and the brief number sentences from 1
(``number``). Offsets (``start``, ``end``) are character offsets in ``document.text``.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import math
from collections.abc import Callable, Iterator, Sequence
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from lib.analysis import Analysis
from lib.entities import Entity
from lib.timeline import Event, Fact
from lib.language import language_name
from lib.markup import escape_markdown
from lib.summary import DEFAULT_K
from lib.topics import DEFAULT_MIN_WEIGHT

SCHEMA_VERSION = 1


class _Rows:
    """A list of JSON objects made one at a time as they are written: a 10 MB document has
    hundreds of thousands of sentences or dates, and their dicts need not all exist at once."""

    def __init__(self, items: Sequence[Any], make: Callable[[Any], dict[str, Any]]) -> None:
        self.items, self.make = items, make

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return map(self.make, self.items)

    def __len__(self) -> int:
        return len(self.items)


def _listed(items: Sequence[Any], make: Callable[[Any], dict[str, Any]]) -> list[dict[str, Any]]:
    return [make(item) for item in items]


def to_dict(analysis: Analysis, *, summary_k: int = DEFAULT_K, lazy: bool = False) -> dict[str, Any]:
    """The analysis as plain JSON-ready values (the CLI's JSON output).

    Args:
        analysis: The analysis.
        summary_k: Number of summary sentences (all body sentences when larger).
        lazy: Leave the long lists (sentences, their languages, dates) as rows made when they
            are iterated, for :func:`iter_json`.
    """
    rows = _Rows if lazy else _listed
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
                "by_sentence": rows(
                    tuple(zip(analysis.sentences, analysis.sentence_languages)),
                    lambda pair: {
                        "sentence": pair[0].index,
                        "code": pair[1].code,
                        "confidence": pair[1].confidence,
                        "reliable": pair[1].reliable,
                    },
                ),
            },
            "sentences": rows(
                analysis.sentences,
                lambda s: {
                    "index": s.index,
                    "number": s.index + 1,
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "paragraph": s.paragraph,
                    "heading": s.heading,
                },
            ),
            "text": analysis.text,
            "published_from": meta.published_from,
            "dateline": None if analysis.dateline is None else {
                "place": analysis.dateline.place.text,
                "when": analysis.dateline.when.text,
                "agency": analysis.dateline.agency,
                "sentence": analysis.dateline.place.sentence,
                "start": analysis.dateline.place.start,
                "end": analysis.dateline.when.end,
            },
        },
        "summary": summary_dict(analysis, summary_k),
        "keywords": [
            {
                "text": kw.text,
                "score": kw.score,
                "variants": list(kw.variants),
                "related": list(kw.related),
                "occurrences": [{"sentence": o.sentence, "start": o.start, "end": o.end} for o in kw.occurrences],
            }
            for kw in analysis.keywords
        ],
        "topics": [
            {
                "id": t.id,
                "label": t.label,
                "labels": dict(t.topic.labels),
                "description": t.topic.description,
                "share": t.share,
                "weight": t.weight,
                "above_threshold": t.weight >= DEFAULT_MIN_WEIGHT,
                "hits": [{"sentence": h.sentence, "start": h.start, "end": h.end, "cue": h.cue} for h in t.hits],
            }
            for t in analysis.topics
        ],
        "taxonomy": analysis.taxonomy.name,
        "entities": [entity_dict(e) for e in analysis.entities],
        "events": [event_dict(e) for e in analysis.timeline.events],
        "key_facts": {
            name: {
                "value": fact.value,
                "evidence": [{"sentence": m.sentence, "start": m.start, "end": m.end, "text": m.text} for m in fact.evidence],
            }
            for name, fact in key_facts(analysis)
        },
        "dates": rows(
            analysis.timeline.expressions,
            lambda x: {
                "sentence": x.sentence,
                "start": x.start,
                "end": x.end,
                "text": x.text,
                "kind": x.kind,
                "value_start": _iso(x.start_date),
                "value_end": _iso(x.end_date),
                "granularity": x.granularity,
                "approximate": x.approximate,
                "resolved": x.resolved,
                "dateline": x.dateline,
            },
        ),
        "warnings": [
            {"kind": w.kind, "message": w.message, "sentences": list(w.sentences)}
            for w in analysis.warnings
        ],
        "readers": dict(analysis.readers),
    }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def key_facts(analysis: Analysis) -> list[tuple[str, Fact]]:
    """The key facts in reading order: who, where, when, about, next."""
    facts = analysis.timeline.key_facts
    return [("who", facts.who), ("where", facts.where), ("when", facts.when), ("about", facts.about), ("next", facts.next)]


KEY_FACT_LABELS = {"who": "Who met whom", "where": "Where", "when": "When", "about": "About", "next": "What next"}


def event_dict(event: Event) -> dict[str, Any]:
    """One event as JSON values; dates as ISO strings."""
    return {
        "id": event.id,
        "kind": event.kind,
        "label": event.label,
        "status": event.status,
        "start": _iso(event.start),
        "end": _iso(event.end),
        "granularity": event.granularity,
        "approximate": event.approximate,
        "when_text": event.when_text,
        "place": event.place,
        "participants": list(event.participants),
        "evidence": {"sentence": event.evidence.sentence, "start": event.evidence.start, "end": event.evidence.end},
    }


def entity_dict(entity: Entity) -> dict[str, Any]:
    """One entity as JSON values."""
    evidence = entity.role_evidence
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "role": entity.role,
        "organization": entity.organization,
        "country": entity.country,
        "country_name": entity.country_name,
        "acronym": entity.acronym,
        "aliases": list(entity.aliases),
        "lat": entity.lat,
        "lon": entity.lon,
        "role_evidence": (
            {"sentence": evidence.sentence, "start": evidence.start, "end": evidence.end} if evidence else None
        ),
        "mentions": [{"sentence": m.sentence, "start": m.start, "end": m.end, "text": m.text} for m in entity.mentions],
    }


def summary_dict(analysis: Analysis, k: int) -> dict[str, Any]:
    """The summary of ``k`` sentences, with every body sentence's score and the lead baseline."""
    summary = analysis.summary
    baseline = None
    if summary.baseline_reason is not None:
        baseline = {"method": "lead", "reason": summary.baseline_reason, "sentences": list(summary.lead(k))}
    return {
        "method": summary.method,
        "k": k,
        "sentences": list(summary.sentences(k)),
        "scores": {str(index): score for index, score in summary.scores},
        "order": list(summary.order),
        "baseline": baseline,
    }


def to_json(analysis: Analysis, *, summary_k: int = DEFAULT_K) -> str:
    """The JSON export: UTF-8 text, stable key order, the same bytes for the same input."""
    return "".join(iter_json(analysis, summary_k=summary_k))


def iter_json(analysis: Analysis, *, summary_k: int = DEFAULT_K) -> Iterator[str]:
    """The JSON export in pieces, for writing as it is made: the same text as
    ``json.dumps(to_dict(analysis), ensure_ascii=False, indent=2) + "\\n"``, without the whole
    dict or string of a long document in memory at once."""
    yield from _encode(to_dict(analysis, summary_k=summary_k, lazy=True), 0)
    yield "\n"


def _encode(value: Any, level: int) -> Iterator[str]:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` as a stream of pieces."""
    if isinstance(value, dict):
        items: Iterator[tuple[str | None, Any]] = iter(value.items())
        opening, closing = "{", "}"
    elif isinstance(value, (list, tuple, _Rows)):
        items = ((None, item) for item in value)
        opening, closing = "[", "]"
    else:
        yield _scalar(value)
        return
    if not len(value):
        yield opening + closing
        return
    inner = "\n" + "  " * (level + 1)
    separator = opening + inner
    for key, item in items:
        yield separator if key is None else f"{separator}{encode_basestring(key)}: "
        yield from _encode(item, level + 1)
        separator = "," + inner
    yield "\n" + "  " * level + closing


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return repr(value)  # what json writes for ints and finite floats
    if isinstance(value, float):
        return json.dumps(value)  # NaN, Infinity
    raise TypeError(f"not JSON: {type(value).__name__}")


def header_facts(analysis: Analysis) -> list[tuple[str, str]]:
    """The header line items as (label, value) — shared by the dashboard and the brief."""
    meta = analysis.metadata
    language = analysis.language
    confidence = f"{language.confidence:.0%}" if language.code else "–"
    return [
        ("Source", meta.source or "not stated"),
        ("Published", (meta.published.isoformat() + (" (from the dateline)" if meta.published_from == "dateline" else ""))
         if meta.published else "not set"),
        ("Issued in", meta.issued_in or "not stated"),
        ("Language", f"{language_name(language.code)} ({language.code or '?'}, {confidence})"),
        ("Words", str(analysis.words)),
        ("Sentences", str(len(analysis.sentences))),
        ("Reading time", f"{analysis.reading_minutes} min"),
    ]


BASELINE_REASONS = {
    "short": "the body has 5 sentences or fewer, too few to rank reliably",
    "flat": "the sentence scores are nearly equal, so the ranking says little",
}


def to_markdown(analysis: Analysis, *, summary_k: int = DEFAULT_K) -> str:
    """A brief readable without the dashboard: facts, warnings, summary, keywords, the text."""
    esc = lambda text: escape_markdown(text, strict=False)  # noqa: E731
    by_index = {s.index: s for s in analysis.sentences}
    lines = [f"# {esc(analysis.title)}", ""]
    lines += [f"- **{label}:** {esc(value)}" for label, value in header_facts(analysis)]
    lines += ["", "## Key facts", ""]
    for name, fact in key_facts(analysis):
        where = sorted({m.sentence + 1 for m in fact.evidence})
        source = f" (sentence{'s' if len(where) > 1 else ''} {', '.join(map(str, where))})" if where else ""
        lines.append(f"- **{KEY_FACT_LABELS[name]}:** {esc(fact.value) if fact.value else '*not found in the text*'}{source}")
    if analysis.warnings:
        lines += ["", "## Warnings", ""]
        lines += [f"- {esc(w.message)}" for w in analysis.warnings]
    summary = analysis.summary
    chosen = summary.sentences(summary_k)
    if chosen:
        lines += ["", "## Summary", ""]
        lines += [f"- [{i + 1}] {esc(by_index[i].text)}" for i in chosen]
        if summary.baseline_reason is not None and summary.lead(summary_k) != chosen:
            lines += ["", f"Lead baseline ({BASELINE_REASONS[summary.baseline_reason]}):", ""]
            lines += [f"- [{i + 1}] {esc(by_index[i].text)}" for i in summary.lead(summary_k)]
    shown = [t for t in analysis.topics if t.weight >= DEFAULT_MIN_WEIGHT]
    if shown:
        lines += ["", "## Topics", ""]
        for topic in shown:
            where = ", ".join(str(i + 1) for i in sorted({h.sentence for h in topic.hits}))
            cues = ", ".join(dict.fromkeys(esc(analysis.text[h.start : h.end]) for h in topic.hits))
            lines.append(f"- **{esc(topic.label)}** — {topic.share:.0%} of topic hits; sentences {where}: {cues}")
    if analysis.timeline.events:
        lines += ["", "## Timeline", ""]
        for event in sorted(analysis.timeline.events, key=lambda e: (e.start or dt.date.max, e.evidence.start)):
            dates = _iso(event.start) or "date not stated"
            if event.end and event.end != event.start:
                dates += f" to {_iso(event.end)}"
            if event.approximate:
                dates = f"approximately {dates}"
            written = f", “{esc(event.when_text)}”" if event.when_text else ""
            lines.append(f"- {dates} — **{esc(event.label)}** ({event.status}{written}; sentence {event.evidence.sentence + 1})")
    people = [e for e in analysis.entities if e.type == "person"]
    if people:
        lines += ["", "## People", ""]
        for person in people:
            details = ", ".join(
                esc(part) for part in (person.role, person.organization, person.country_name) if part
            )
            where = ", ".join(str(i + 1) for i in sorted({m.sentence for m in person.mentions}))
            lines.append(f"- **{esc(person.name)}**" + (f" — {details}" if details else "") + f" (sentences {where})")
    others = [e for e in analysis.entities if e.type != "person"]
    if others:
        lines += ["", "## Organizations, places and events", ""]
        for kind in ("organization", "place", "event"):
            listed = [esc(e.name + (f" ({e.acronym})" if e.acronym and e.acronym != e.name else "")) for e in others if e.type == kind]
            if listed:
                lines.append(f"- **{kind.capitalize()}s:** " + "; ".join(listed))
    if analysis.keywords:
        lines += ["", "## Keywords", ""]
        lines.append(
            "; ".join(
                f"{esc(kw.text)} (sentence{'s' if len({o.sentence for o in kw.occurrences}) > 1 else ''} "
                + ", ".join(str(i + 1) for i in sorted({o.sentence for o in kw.occurrences}))
                + ")"
                for kw in analysis.keywords
            )
        )
    lines += ["", "## Text", ""]
    paragraph = None
    for sentence in analysis.sentences:
        if paragraph is not None and sentence.paragraph != paragraph:
            lines.append("")
        paragraph = sentence.paragraph
        lines.append(f"[{sentence.index + 1}] {esc(sentence.text)}  ")
    return "\n".join(lines).rstrip() + "\n"


FACT_COLUMNS = ("kind", "value", "sentence", "start", "end", "evidence")


def fact_rows(analysis: Analysis, *, summary_k: int = DEFAULT_K) -> list[dict[str, Any]]:
    """Every fact with its evidence, one row each: summary sentences, key facts, people and
    their roles, entity mentions, topic hits, keyword occurrences, events and dates.

    ``sentence`` is the 1-based sentence number; ``start``/``end`` are offsets in the document
    text; ``evidence`` is the text at those offsets.
    """
    text = analysis.text
    rows: list[dict[str, Any]] = []

    def add(kind: str, value: str, sentence: int, start: int, end: int) -> None:
        rows.append({"kind": kind, "value": value, "sentence": sentence + 1, "start": start, "end": end,
                     "evidence": text[start:end]})

    for index in analysis.summary.sentences(summary_k):
        sentence = analysis.sentences[index]
        add("summary sentence", f"rank {analysis.summary.order.index(index) + 1}", index, sentence.start, sentence.end)
    for name, fact in key_facts(analysis):
        for mention in fact.evidence:
            add(f"key fact: {name}", fact.value or "not stated", mention.sentence, mention.start, mention.end)
    for entity in analysis.entities:
        if entity.role_evidence is not None:
            evidence = entity.role_evidence
            add("role", f"{entity.name}: {entity.role}", evidence.sentence, evidence.start, evidence.end)
        for mention in entity.mentions:
            add(entity.type, entity.name, mention.sentence, mention.start, mention.end)
    for event in analysis.timeline.events:
        dates = _iso(event.start) or "not stated"
        if event.end and event.end != event.start:
            dates += f"/{_iso(event.end)}"
        add(f"event: {event.kind}", f"{event.label} ({event.status}, {dates})", event.evidence.sentence,
            event.evidence.start, event.evidence.end)
    for expression in analysis.timeline.expressions:
        value = _iso(expression.start_date) or "unresolved"
        if expression.end_date and expression.end_date != expression.start_date:
            value += f"/{_iso(expression.end_date)}"
        add("date", value, expression.sentence, expression.start, expression.end)
    for topic in analysis.topics:
        for hit in topic.hits:
            add("topic", topic.label, hit.sentence, hit.start, hit.end)
    for keyword in analysis.keywords:
        for occurrence in keyword.occurrences:
            add("keyword", keyword.text, occurrence.sentence, occurrence.start, occurrence.end)
    return rows


def to_csv(analysis: Analysis, *, summary_k: int = DEFAULT_K) -> str:
    """The facts as CSV (UTF-8, comma-separated, header row)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FACT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(fact_rows(analysis, summary_k=summary_k))
    return buffer.getvalue()


def to_timelinejs(analysis: Analysis, *, summary_k: int = DEFAULT_K) -> str:  # noqa: ARG001 - same signature as the others
    """The events in TimelineJS's JSON format (title slide plus one slide per dated event).

    TimelineJS renders these texts as HTML: document text is escaped.
    """

    def date(value: dt.date) -> dict[str, str]:
        return {"year": str(value.year), "month": str(value.month), "day": str(value.day)}

    events = []
    for event in analysis.timeline.events:
        if event.start is None:
            continue
        slide: dict[str, Any] = {
            "start_date": date(event.start),
            "text": {
                "headline": html.escape(event.label),
                "text": html.escape(
                    f"{event.status}" + (f" · “{event.when_text}”" if event.when_text else "")
                    + (" · approximate" if event.approximate else "")
                    + f" · sentence {event.evidence.sentence + 1}: {event.evidence.text}"
                ),
            },
            "group": event.status,
            "unique_id": event.id,
        }
        if event.end and event.end != event.start:
            slide["end_date"] = date(event.end)
        events.append(slide)
    published = analysis.metadata.published
    document = {
        "title": {"text": {"headline": html.escape(analysis.title),
                           "text": f"Published {published.isoformat()}" if published else "Publication date not set"}},
        "events": events,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


EXPORTS = {
    # format: (function, file extension, MIME type)
    "json": (to_json, "json", "application/json"),
    "md": (to_markdown, "md", "text/markdown"),
    "csv": (to_csv, "csv", "text/csv"),
    "timelinejs": (to_timelinejs, "timeline.json", "application/json"),
}
