"""Exports of an Analysis: the JSON contract, the facts as CSV, the timeline for TimelineJS (and
the brief of lib.brief).

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
from lib.brief import key_facts, to_markdown
from lib.entities import Entity
from lib.timeline import Event
from lib.language import language_name
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
