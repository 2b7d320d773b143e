"""Exports: the JSON key contract and the Markdown brief."""

from __future__ import annotations

import datetime as dt
import json

from lib.analysis import analyze
from lib.catalog import Metadata
from lib.ingest import read_pasted
from lib.report import to_dict, to_json, to_markdown

TEXT = (
    "Réunion *urgente* à Rabat [DGSN] sur la coopération\n"
    "Le directeur général a reçu mardi à Rabat son homologue français pour parler de la "
    "coopération sécuritaire, de la lutte contre le terrorisme et du trafic de drogues."
)

# Every key the JSON had when it was first published (issue 2). Later versions may add keys;
# removing or renaming one breaks users' scripts and must fail here.
CONTRACT = {
    "": {"schema_version", "document", "warnings", "summary", "keywords"},
    "summary": {"method", "k", "sentences", "scores"},
    "keywords[]": {"text", "score", "occurrences"},
    "keywords[].occurrences[]": {"sentence", "start", "end"},
    "topics[]": {"id", "label", "share", "weight", "hits"},
    "topics[].hits[]": {"sentence", "start", "end", "cue"},
    "entities[]": {"id", "name", "type", "role", "organization", "country", "aliases", "lat", "lon", "mentions"},
    "entities[].mentions[]": {"sentence", "start", "end", "text"},
    "events[]": {"id", "kind", "label", "status", "start", "end", "granularity", "approximate", "when_text", "place",
                 "participants", "evidence"},
    "key_facts": {"who", "where", "when", "about", "next"},
    "document": {
        "title", "source", "published", "issued_in", "id", "origin", "format", "encoding", "words",
        "characters", "paragraphs", "reading_minutes", "language", "sentences", "text",
    },
    "document.language": {"code", "name", "confidence", "reliable", "probabilities", "by_sentence"},
    "document.language.probabilities[]": {"code", "probability"},
    "document.language.by_sentence[]": {"sentence", "code", "confidence", "reliable"},
    "document.sentences[]": {"index", "number", "start", "end", "text", "paragraph", "heading"},
    "warnings[]": {"kind", "message", "sentences"},
}


def _at(data: dict, path: str) -> dict:
    node = data
    for part in filter(None, path.split(".")):
        node = node[part.rstrip("[]")]
        if part.endswith("[]"):
            node = node[0]
    return node


def test_json_keeps_every_contract_key() -> None:
    data = to_dict(analyze(read_pasted(TEXT + " " + TEXT.split("\n")[1] + " Une visite de M. Jean Dupont suivra.")))
    for path, keys in CONTRACT.items():
        assert keys <= _at(data, path).keys(), path


def test_json_is_plain_utf8_and_round_trips() -> None:
    analysis = analyze(read_pasted(TEXT), Metadata(published=dt.date(2024, 2, 6), source="DGSN"))
    output = to_json(analysis)
    assert "Réunion" in output  # not \u-escaped
    data = json.loads(output)
    assert data["document"]["published"] == "2024-02-06"
    assert data["warnings"] == []
    assert output == to_json(analysis)


def test_brief_escapes_user_markdown_but_stays_readable() -> None:
    brief = to_markdown(analyze(read_pasted(TEXT)))
    lines = brief.splitlines()
    assert lines[0] == r"# Réunion \*urgente\* à Rabat \[DGSN\] sur la coopération"
    assert "- **Published:** not set" in lines
    assert any(line.startswith("[2] Le directeur général a reçu mardi à Rabat") for line in lines)
    assert "## Warnings" in lines and any("No publication date" in line for line in lines)


def test_summary_json_and_baseline() -> None:
    analysis = analyze(read_pasted(TEXT))
    summary = to_dict(analysis, summary_k=3)["summary"]
    assert summary["k"] == 3 and summary["sentences"] == [1]
    assert summary["scores"] == {"1": 1.0}
    assert summary["baseline"] == {"method": "lead", "reason": "short", "sentences": [1]}
    assert to_dict(analysis, summary_k=0)["summary"]["sentences"] == []


def test_brief_has_summary_and_keywords() -> None:
    brief = to_markdown(analyze(read_pasted(TEXT)))
    assert "## Summary" in brief and "- [2] Le directeur général a reçu" in brief
    assert "## Keywords" in brief


def test_brief_lists_topics_with_their_sentences() -> None:
    brief = to_markdown(analyze(read_pasted(TEXT)))
    assert "## Topics" in brief
    assert "- **Terrorisme** —" in brief and "sentences 2: terrorisme" in brief


def _seed_analysis():  # noqa: ANN202
    from lib.catalog import find
    from lib.ingest import read_path
    from tests.conftest import SEED

    source = read_path(SEED)
    return analyze(source, find(sha256=source.sha256).metadata)


def test_csv_rows_carry_exact_evidence() -> None:
    import csv
    import io

    from lib.report import to_csv

    analysis = _seed_analysis()
    rows = list(csv.DictReader(io.StringIO(to_csv(analysis))))
    assert list(rows[0]) == ["kind", "value", "sentence", "start", "end", "evidence"]
    for row in rows:
        start, end = int(row["start"]), int(row["end"])
        assert analysis.text[start:end] == row["evidence"]
        sentence = analysis.sentences[int(row["sentence"]) - 1]
        assert sentence.start <= start < end <= sentence.end
    kinds = {row["kind"] for row in rows}
    assert {"summary sentence", "key fact: who", "person", "role", "event: meeting", "date", "topic", "keyword"} <= kinds
    role = next(r for r in rows if r["kind"] == "role" and r["value"].startswith("Frédéric Veaux"))
    assert role["evidence"] == "directeur général de la police nationale française"


def test_timelinejs_has_one_slide_per_dated_event_and_escapes_html() -> None:
    from lib.report import to_timelinejs

    analysis = _seed_analysis()
    data = json.loads(to_timelinejs(analysis))
    assert len(data["events"]) == 4
    meeting = next(e for e in data["events"] if e["unique_id"] == "meeting")
    assert meeting["start_date"] == {"year": "2023", "month": "12", "day": "12"} and "end_date" not in meeting
    olympics = next(e for e in data["events"] if e["unique_id"] == "event-paris-2024-olympics")
    assert olympics["end_date"] == {"year": "2024", "month": "8", "day": "11"}
    nasty = analyze(read_pasted("<script>alert(1)</script> Réunion\nM. Jean Dupont a rencontré mardi <b>M. Paul Durand</b> à Rabat."),
                    Metadata(published=dt.date(2024, 1, 9)))
    out = to_timelinejs(nasty)
    assert "<script>" not in out and "&lt;script&gt;" in out and "<b>" not in out
