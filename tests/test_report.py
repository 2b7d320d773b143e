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
