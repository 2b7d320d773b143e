"""The brief: what someone who never opens the dashboard needs — title, source, date, key facts
with their sentence numbers, warnings, summary, topics, timeline, people, keywords and the
numbered text. One model (:class:`Brief`), two renderings: Markdown and Word (.docx).

The CLI's brief is English with topic labels as read in the document; the dashboard's brief is
in the interface's language (topic labels too).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from lib.analysis import Analysis
from lib.interface import ENGLISH, Words
from lib.markup import escape_markdown
from lib.summary import DEFAULT_K
from lib.timeline import Fact
from lib.topics import DEFAULT_MIN_WEIGHT

FACT_NAMES = ("who", "where", "when", "about", "next")


def key_facts(analysis: Analysis) -> list[tuple[str, Fact]]:
    """The key facts in reading order: who, where, when, about, next."""
    facts = analysis.timeline.key_facts
    return [(name, getattr(facts, name)) for name in FACT_NAMES]


def header_facts(analysis: Analysis, words: Words = ENGLISH) -> list[tuple[str, str]]:
    """The header line items as (label, value)."""
    meta = analysis.metadata
    language = analysis.language
    confidence = words.percent(language.confidence) if language.code else "–"
    published = words("brief.not_set")
    if meta.published:
        published = meta.published.isoformat() + (words("brief.from_dateline") if meta.published_from == "dateline" else "")
    return [
        (words("brief.source"), meta.source or words("brief.not_stated")),
        (words("brief.published"), published),
        (words("brief.issued_in"), meta.issued_in or words("brief.not_stated")),
        (words("header.language"), f"{words.language(language.code)} ({language.code or '?'}, {confidence})"),
        (words("header.words"), str(analysis.words)),
        (words("header.sentences"), str(len(analysis.sentences))),
        (words("header.reading_time"), words("header.minutes", n=analysis.reading_minutes)),
    ]


@dataclass(frozen=True)
class Line:
    """One line of a brief's list: bold ``label``, then ``text``, then where it comes from."""

    label: str
    text: str
    where: str = ""


@dataclass(frozen=True)
class Brief:
    """A brief in one language, as plain text pieces (each renderer escapes them its way).

    Attributes:
        sections: (kind, heading, lines) in reading order. Kinds: facts, warnings, summary,
            topics, timeline (its lines are in ``timeline``), people, others, keywords.
        timeline: The events as table rows: (dates, event, status, as written, sentence number).
        text: The numbered text, paragraph by paragraph: (sentence number, sentence).
    """

    title: str
    header: tuple[tuple[str, str], ...]
    sections: tuple[tuple[str, str, tuple[Line, ...]], ...]
    timeline: tuple[tuple[str, str, str, str, str], ...]
    text: tuple[tuple[tuple[int, str], ...], ...]
    words: Words


def _sentences(words: Words, numbers: Sequence[int]) -> str:
    return words("brief.sentences", n=len(numbers), numbers=", ".join(map(str, numbers)))


def brief(analysis: Analysis, *, summary_k: int = DEFAULT_K, words: Words | None = None) -> Brief:
    """The brief of an analysis, in ``words``' language (None: the CLI's English, topic labels
    as read in the document)."""
    said = words or ENGLISH
    by_index = {s.index: s for s in analysis.sentences}
    facts = []
    for name, fact in key_facts(analysis):
        where = sorted({m.sentence + 1 for m in fact.evidence})
        value = fact.value if words is None else fact.text(said)  # (the CLI's: topic labels as read)
        facts.append(Line(said(f"facts.{name}"), value or "", _sentences(said, where) if where else ""))
    summary = analysis.summary
    chosen = summary.sentences(summary_k)
    summarized = [Line(f"[{i + 1}]", by_index[i].text) for i in chosen]
    if chosen and summary.baseline_reason is not None and summary.lead(summary_k) != chosen:
        summarized.append(Line("", said("brief.lead", reason=said(f"summary.{summary.baseline_reason}"))))
        summarized += [Line(f"[{i + 1}]", by_index[i].text) for i in summary.lead(summary_k)]
    topics = []
    for topic in (t for t in analysis.topics if t.weight >= DEFAULT_MIN_WEIGHT):
        cues = ", ".join(dict.fromkeys(analysis.text[h.start : h.end] for h in topic.hits))
        where = sorted({h.sentence + 1 for h in topic.hits})
        label = topic.topic.label(said.code) if words is not None else topic.label
        topics.append(Line(label, said("brief.topic", share=topic.share, numbers=", ".join(map(str, where)), cues=cues)))
    timeline = []
    for event in sorted(analysis.timeline.events, key=lambda e: (e.start or dt.date.max, e.evidence.start)):
        dates = event.start.isoformat() if event.start else said("brief.no_date")
        if event.end and event.end != event.start:
            dates = said("brief.date_range", start=dates, end=event.end.isoformat())
        if event.approximate:
            dates = said("brief.approximately", dates=dates)
        timeline.append((dates, event.text(said), said(f"status.{event.status}"), event.when_text or "",
                         str(event.evidence.sentence + 1)))
    people = []
    for person in (e for e in analysis.entities if e.type == "person"):
        details = ", ".join(part for part in (person.role, person.organization, person.country_name) if part)
        people.append(Line(person.name, details, _sentences(said, sorted({m.sentence + 1 for m in person.mentions}))))
    others = []
    for kind in ("organization", "place", "event"):
        listed = [e.name + (f" ({e.acronym})" if e.acronym and e.acronym != e.name else "")
                  for e in analysis.entities if e.type == kind]
        if listed:
            others.append(Line(said(f"brief.{kind}s"), "; ".join(listed)))
    keywords = [Line("", kw.text, _sentences(said, sorted({o.sentence + 1 for o in kw.occurrences})))
                for kw in analysis.keywords]
    paragraphs: list[list[tuple[int, str]]] = []
    current = None
    for sentence in analysis.sentences:
        if current is None or sentence.paragraph != current:
            paragraphs.append([])
            current = sentence.paragraph
        paragraphs[-1].append((sentence.index + 1, sentence.text))
    sections = (
        ("facts", said("facts.title"), tuple(facts)),
        ("warnings", said("brief.warnings"), tuple(Line("", w.said(said)) for w in analysis.warnings)),
        ("summary", said("summary.title"), tuple(summarized)),
        ("topics", said("topics.title"), tuple(topics)),
        ("timeline", said("timeline.title"), ()),
        ("people", said("brief.people"), tuple(people)),
        ("others", said("brief.others"), tuple(others)),
        ("keywords", said("brief.keywords"), tuple(keywords)),
    )
    return Brief(analysis.title, tuple(header_facts(analysis, said)), sections, tuple(timeline),
                 tuple(tuple(p) for p in paragraphs), said)


def citation(analysis: Analysis, index: int, words: Words = ENGLISH) -> str:
    """A sentence quoted with what a reader needs to find it: its number, the document's title,
    issuer and publication date, in the language of ``words``."""
    meta = analysis.metadata
    return words(
        "brief.citation", sentence=analysis.sentences[index].text.strip(), number=index + 1, title=analysis.title,
        issuer=meta.source or words("brief.no_issuer"),
        date=meta.published.isoformat() if meta.published else words("brief.undated"),
    )


# --- Markdown -------------------------------------------------------------------------------


def to_markdown(analysis: Analysis, *, summary_k: int = DEFAULT_K, words: Words | None = None) -> str:
    """The brief as Markdown: user text escaped, readable as plain text too."""
    made = brief(analysis, summary_k=summary_k, words=words)
    said = made.words
    esc = lambda text: escape_markdown(text, strict=False)  # noqa: E731
    out = [f"# {esc(made.title)}", ""]
    out += [f"- **{said('brief.field', label=label)}** {esc(value)}" for label, value in made.header]
    for kind, heading, lines in made.sections:
        if not lines and kind not in ("facts", "timeline") or kind == "timeline" and not made.timeline:
            continue
        out += ["", f"## {heading}", ""]
        if kind == "facts":
            out += [f"- **{said('brief.field', label=line.label)}** {esc(line.text) if line.text else '*' + said('brief.not_found') + '*'}"
                    + (f" ({line.where})" if line.where else "") for line in lines]
        elif kind == "timeline":
            for dates, label, status, written, sentence in made.timeline:
                quoted = said("brief.as_written", text=esc(written)) if written else ""
                out.append(f"- {dates} — **{esc(label)}** ({status}{quoted}; {said('brief.sentence', number=sentence)})")
        elif kind == "keywords":
            out.append("; ".join(f"{esc(line.text)} ({line.where})" for line in lines))
        elif kind == "others":
            out += [f"- **{said('brief.field', label=line.label)}** {esc(line.text)}" for line in lines]
        else:
            for line in lines:
                if line.label.startswith("["):  # a summary sentence
                    out.append(f"- {line.label} {esc(line.text)}")
                elif not line.label:  # a warning, or the lead baseline's heading
                    out += ["", esc(line.text), ""] if kind == "summary" else [f"- {esc(line.text)}"]
                else:
                    details = (f" — {esc(line.text)}" if line.text else "") + (f" ({line.where})" if line.where else "")
                    out.append(f"- **{esc(line.label)}**{details}")
    out += ["", f"## {said('text.title')}", ""]
    for n, paragraph in enumerate(made.text):
        if n:
            out.append("")
        out += [f"[{number}] {esc(sentence)}  " for number, sentence in paragraph]
    return "\n".join(out).rstrip() + "\n"


# --- Word -----------------------------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ARABIC = re.compile("[\u0600-\u06ff]")


def _xml(text: str) -> str:
    """Text as a Word file can hold it (XML forbids most control characters)."""
    return _NOT_XML.sub("\ufffd", text)


def to_docx(analysis: Analysis, *, summary_k: int = DEFAULT_K, words: Words | None = None) -> bytes:
    """The brief as a Word document (.docx): headings, the key facts with their sentence numbers,
    the timeline as a table, and the numbered text (Arabic paragraphs right to left)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    made = brief(analysis, summary_k=summary_k, words=words)
    said = made.words
    document = Document()
    document.core_properties.title = _xml(made.title)[:255]
    document.core_properties.language = said.code
    document.core_properties.comments = said("brief.generated")
    document.styles["Normal"].font.size = Pt(10.5)

    def paragraph(text: str = "", *, style: str | None = None, label: str = "", where: str = "") -> None:
        added = document.add_paragraph(style=style)
        if label:
            added.add_run(_xml(label)).bold = True
            if text:
                added.add_run(" " if label.endswith((":", "]")) else " — ")
        if text:
            added.add_run(_xml(text))
        if where:
            added.add_run(f" ({where})").italic = True
        if _ARABIC.search(text):  # right to left, as the text reads
            properties = added._p.get_or_add_pPr()  # noqa: SLF001 - python-docx has no API for bidi
            properties.append(OxmlElement("w:bidi"))
            added.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    document.add_heading(_xml(made.title), level=0)
    header = document.add_table(rows=0, cols=2)
    header.style = "Light List"
    for label, value in made.header:
        cells = header.add_row().cells
        cells[0].text, cells[1].text = label, _xml(value)
        cells[0].paragraphs[0].runs[0].bold = True
    for kind, heading, lines in made.sections:
        if kind == "timeline":
            if made.timeline:
                document.add_heading(heading, level=1)
                table = document.add_table(rows=1, cols=5)
                table.style = "Light Grid"
                titles = (said("brief.timeline_dates"), said("timeline.event"), said("timeline.status"),
                          said("timeline.written"), said("timeline.sentence"))
                for cell, title in zip(table.rows[0].cells, titles):
                    cell.text = title
                for row in made.timeline:
                    for cell, value in zip(table.add_row().cells, row):
                        cell.text = _xml(value)
            continue
        if not lines and kind != "facts":
            continue
        document.add_heading(heading, level=1)
        for line in lines:
            if kind == "facts":
                if line.text:
                    paragraph(line.text, style="List Bullet", label=said("brief.field", label=line.label), where=line.where)
                else:
                    added = document.add_paragraph(style="List Bullet")
                    added.add_run(said("brief.field", label=line.label) + " ").bold = True
                    added.add_run(said("brief.not_found")).italic = True
            elif kind == "keywords":
                paragraph(line.text, style="List Bullet", where=line.where)
            elif kind == "summary" and not line.label:
                paragraph(line.text)
            else:
                paragraph(line.text, style="List Bullet", label=line.label, where=line.where)
    document.add_heading(said("brief.numbered_text"), level=1)
    for sentences in made.text:
        added = document.add_paragraph()
        for n, (number, sentence) in enumerate(sentences):
            added.add_run(f"{' ' if n else ''}[{number}] ").bold = True
            added.add_run(_xml(sentence))
        if any(_ARABIC.search(sentence) for _, sentence in sentences):
            added._p.get_or_add_pPr().append(OxmlElement("w:bidi"))  # noqa: SLF001
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
