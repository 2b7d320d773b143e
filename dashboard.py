"""Communiqué Lens dashboard: widgets call lib/, results are rendered. No analysis logic here.

Run with ``streamlit run dashboard.py``. User text is only ever rendered as escaped Markdown
(lib.markup) or in tables, never as HTML.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any
from dataclasses import dataclass, replace
import functools
from itertools import groupby
from pathlib import Path

import streamlit as st

from lib.analysis import Analysis, rederived, stages, warm_up
from lib.catalog import CatalogEntry, Metadata, find, load_catalog, read_document
from lib.errors import MAX_BYTES, MB, SUPPORTED_EXTENSIONS, LensError
from lib.ingest import Source, read_bytes, read_pasted
from lib.language import language_name
from lib.charts import places_map, timeline_figure, topic_bar
from lib.entities import Curation, Entity, is_loaded, load_model
from lib.keywords import Keyword
from lib.markup import Highlight, escape_markdown, highlight
from lib.report import BASELINE_REASONS, EXPORTS, KEY_FACT_LABELS, key_facts
from lib.summary import DEFAULT_K
from lib.view import SECTION_LABELS, SECTIONS, View, link, parse_view, view_params
from lib.worker import Budget, Job, ResultCache
from lib.topics import (
    DEFAULT_MIN_WEIGHT,
    TAXONOMY_FILE,
    Taxonomy,
    default_taxonomy_text,
    parse_taxonomy,
)

SOURCE_CATALOG, SOURCE_PASTE, SOURCE_UPLOAD = "Catalog", "Paste text", "Upload a file"
LIMIT_MB = MAX_BYTES // (1024 * 1024)
# Plotly maps fetch their base layer from a CDN unless told otherwise: serve it ourselves.
MAP_CONFIG = {"displayModeBar": False, "topojsonURL": "app/static/"}


# --- cached work ----------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=32)
def catalog_source(doc_id: str) -> Source:
    entry = find(doc_id=doc_id)
    assert entry is not None, doc_id
    return read_document(entry)


@st.cache_data(show_spinner=False, max_entries=16)
def upload_source(data: bytes, name: str) -> Source:
    """Read an uploaded file in a worker process: a 3,000-page PDF or a large .docx takes its
    time there, not in the server that every session shares."""
    status = st.empty()
    with Job(functools.partial(read_bytes, name=name), data, budget=READING_BUDGET) as job:
        source = job.next(wait=lambda elapsed: status.caption(f"Reading {name}… {elapsed:.1f} s"))
    status.empty()
    return source


@st.cache_data(show_spinner=False, max_entries=16)
def pasted_source(text: str) -> Source:
    return read_pasted(text)


@st.cache_data(show_spinner=False, max_entries=8)
def cached_taxonomy(text: str, name: str) -> Taxonomy:
    return parse_taxonomy(text, name=name)


@st.cache_resource(show_spinner="Loading the language model…")
def warm_worker() -> bool:
    """Load the French model and every data file once per server process, in the server:
    each analysis runs in a child forked from it, which then starts warm (a few ms)."""
    load_model()
    warm_up()
    return True


@st.cache_resource
def analysis_cache() -> ResultCache:
    """Analyses already made, shared by the sessions of this server, bounded (LRU)."""
    return ResultCache(max_entries=64, max_characters=8 * DASHBOARD_MAX_CHARACTERS)


# (Comments, not docstrings: Streamlit's "magic" would draw a bare string on the page.)
# The dashboard analyzes at most this many characters (about 130 pages); the CLI reads all.
DASHBOARD_MAX_CHARACTERS = 400_000
# What one analysis, or reading one upload, may spend in its worker process before it is stopped.
DASHBOARD_BUDGET = Budget(seconds=120, memory=1536 * MB)
READING_BUDGET = Budget(seconds=60, memory=1536 * MB)


class Analyzer:
    """The analysis of the document shown: from the cache, else from a worker process.

    The worker sends the quick part (no model) first, then the whole analysis; what the script
    draws between the two is on screen while the model works. Leaving the script early (the user
    changed something, or clicked Cancel) stops the worker: see :meth:`close`.

    Only a new text goes to a worker. The same text under another publication date, title or
    taxonomy is rebuilt here from its cached analysis (:func:`rederived`: the timeline, key
    facts, topics and warnings; no language detection, no YAKE, no model).
    """

    def __init__(self, source: Source, metadata: Metadata, taxonomy: Taxonomy) -> None:
        self.key = (source, metadata, taxonomy)
        self.cache = analysis_cache()
        self.job: Job | None = None
        self.waits = 0

    def partial(self, status: Any) -> Analysis:
        """Header, summary, keywords and topics need only this (the full analysis has it too)."""
        return (self.cache.get(("full", self.key)) or self.cache.get(("text", self.key))
                or self._rederived("full") or self._rederived("text") or self._receive("text", status))

    def _rederived(self, stage: str) -> Analysis | None:
        """This text's analysis under this key, rebuilt from one cached under other metadata or
        another taxonomy, if there is one (it is then cached under this key too)."""
        source, metadata, taxonomy = self.key
        other = self.cache.get((stage, "text of", source))
        if other is None:
            return None
        result = rederived(other, metadata, taxonomy, full=stage == "full")
        self.cache.put((stage, self.key), result, characters=len(result.text))
        return result

    def has_full(self) -> bool:
        """Whether the whole analysis is at hand without a worker (then the page can draw the key
        facts before the charts)."""
        return self.cache.get(("full", self.key)) is not None or self.cache.get(("full", "text of", self.key[0])) is not None

    def full(self, status: Any, partial: Analysis) -> Analysis:
        cached = self.cache.get(("full", self.key)) or self._rederived("full")
        if cached is not None:
            return cached
        missing = [code for code in dict.fromkeys(partial.languages) if not is_loaded(code)]
        if missing:  # load a language's model once, in the server, so that workers inherit it
            with st.spinner(f"Loading the {', '.join(language_name(code) for code in missing)} language model…"):
                for code in missing:
                    load_model(code)
            self.close()  # its worker started without the model: start one that has it
        if self.job is None:  # the quick part came from the cache; the worker sends it again
            self._receive("text", status)
        return self._receive("full", status)

    def _receive(self, stage: str, status: Any) -> Analysis:
        """The worker's next result, with a progress line and a Cancel button meanwhile."""
        if self.job is None:
            warm_worker()
            self.job = Job(functools.partial(stages, max_characters=DASHBOARD_MAX_CHARACTERS), *self.key, budget=DASHBOARD_BUDGET)
        with status.container():
            line = st.empty()
            self.waits += 1  # a key of its own each time: the text stage may be asked for twice in a run
            st.button("Cancel", key=f"lens_cancel_{stage}_{self.waits}", on_click=_cancel, args=(self.key,),
                      icon=":material/cancel:")

        def wait(elapsed: float) -> None:  # each update is also where Streamlit stops a stale run
            line.caption(f"{STAGE_LABELS[stage]} {elapsed:.1f} s")

        try:
            result = self.job.next(wait=wait)
        finally:
            status.empty()
        assert result is not None
        self.cache.put((stage, self.key), result, characters=len(result.text))
        self.cache.put((stage, "text of", self.key[0]), result, characters=len(result.text))
        if stage == "full":
            self.close()
        return result

    def close(self) -> None:
        """Stop the worker, if any (idempotent; called whenever the script ends)."""
        if self.job is not None:
            self.job.cancel()
            self.job = None


STAGE_LABELS = {"text": "Reading the text…", "full": "Finding people, organizations, places and dates…"}


def _cancel(key: tuple[Source, Metadata, Taxonomy]) -> None:
    st.session_state["lens_cancelled"] = key


# --- choosing the document ------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """What the sidebar asks for: an identity, how to read it, and its known metadata."""

    identity: str
    read: Callable[[], Source]
    metadata: Metadata | None  # None: look the file up in the catalog by its hash


def _keep_pasted_text() -> None:
    # The text area's own state is dropped when it is not on screen; keep a copy.
    st.session_state["lens_paste_saved"] = st.session_state.get("lens_paste", "")


def choose_document(catalog: tuple[CatalogEntry, ...]) -> Choice | None:
    """Sidebar: where the document comes from. None when nothing is chosen yet."""
    st.sidebar.title("Communiqué Lens")
    st.sidebar.header("Document")
    mode = st.sidebar.radio(
        "Read from", (SOURCE_CATALOG, SOURCE_PASTE, SOURCE_UPLOAD), key="lens_source", horizontal=True
    )
    if mode == SOURCE_CATALOG:
        if not catalog:
            st.sidebar.info("The catalog (data/catalog.toml) lists no document.")
            return None
        by_id = {entry.metadata.doc_id: entry for entry in catalog}
        doc_id = st.sidebar.selectbox(
            "Communiqué",
            tuple(by_id),
            key="lens_doc",
            format_func=lambda i: _catalog_label(by_id[i]),
        )
        entry = by_id[doc_id]
        return Choice(f"catalog:{doc_id}", lambda: catalog_source(doc_id), entry.metadata)
    if mode == SOURCE_PASTE:
        if "lens_paste" not in st.session_state:
            st.session_state["lens_paste"] = st.session_state.get("lens_paste_saved", "")
        text = st.sidebar.text_area(
            "Paste the communiqué",
            key="lens_paste",
            height=260,
            on_change=_keep_pasted_text,
            placeholder="Title on the first line, then the text…",
        )
        st.sidebar.caption(f"Up to {LIMIT_MB} MB. Ctrl+Enter, or click outside the box, to analyze.")
        if text == "":
            st.sidebar.info("Paste a communiqué above to analyze it.")
            return None
        return Choice("paste", lambda: pasted_source(text), Metadata())
    upload = st.sidebar.file_uploader(
        "Upload a communiqué",
        type=[ext.lstrip(".") for ext in SUPPORTED_EXTENSIONS],
        key="lens_upload",
        help=f".txt, .md, .html, .pdf with a text layer, or .docx; up to {LIMIT_MB} MB.",
    )
    if upload is None:
        st.sidebar.info(f"Upload a .txt, .md, .html, .pdf or .docx file (up to {LIMIT_MB} MB).")
        return None
    data, name = upload.getvalue(), upload.name
    return Choice(f"upload:{name}:{len(data)}", lambda: upload_source(data, name), None)


def _catalog_label(entry: CatalogEntry) -> str:
    meta = entry.metadata
    date = meta.published.isoformat() if meta.published else "undated"
    title = meta.title
    if not title:
        try:
            title = catalog_source(meta.doc_id).text.split("\n", 1)[0]
        except LensError:
            title = entry.path.name
    return f"{date} · {title}"


def load_choice(choice: Choice | None) -> str | None:
    """Read the chosen document; on success it becomes the current one. Returns an error."""
    if choice is None:
        return None
    try:
        source = choice.read()
    except LensError as err:
        return str(err)
    except Exception as err:  # noqa: BLE001 - never a traceback in front of the user
        return f"This document could not be read ({type(err).__name__}). Try another format, or paste the text."
    metadata = choice.metadata
    if metadata is None:
        entry = find(sha256=source.sha256)
        metadata = entry.metadata if entry else Metadata()
    st.session_state["lens_current"] = (choice.identity, source, metadata)
    return None


def document_details(identity: str, metadata: Metadata) -> Metadata:
    """Sidebar: title, source and publication date, which the user can set or correct."""
    if st.session_state.get("lens_details_for") != identity:
        # A new document: show its own metadata, not the previous document's corrections.
        st.session_state["lens_details_for"] = identity
        st.session_state["lens_title"] = metadata.title or ""
        st.session_state["lens_source_label"] = metadata.source or ""
        st.session_state["lens_published"] = metadata.published
    if "lens_published_from_link" in st.session_state:  # a link's date wins once, on arrival
        st.session_state["lens_published"] = st.session_state.pop("lens_published_from_link")
    st.sidebar.header("Details")
    published = st.sidebar.date_input(
        "Publication date",
        key="lens_published",
        format="YYYY-MM-DD",
        min_value=dt.date(1900, 1, 1),
        max_value=dt.date(2100, 12, 31),
        help="Relative dates in the text (“mardi”, “soon”) are anchored on it. It never defaults to today.",
    )
    title = st.sidebar.text_input("Title", key="lens_title", placeholder="the document's title line")
    source_label = st.sidebar.text_input(
        "Issued by", key="lens_source_label", placeholder="who issued or relayed it"
    )
    return replace(
        metadata,
        published=published or None,
        title=title.strip() or None,
        source=source_label.strip() or None,
    )


def choose_taxonomy() -> Taxonomy:
    """Sidebar: the topic taxonomy, data/topics.toml or a copy uploaded or edited for this session."""
    with st.sidebar.expander("Topic taxonomy"):
        applied = st.session_state.get("lens_taxonomy")  # (name, text) once the user changed it
        upload = st.file_uploader("Load a taxonomy (.toml)", type=["toml"], key="lens_taxonomy_upload")
        if upload is not None and st.session_state.get("lens_taxonomy_upload_id") != upload.file_id:
            st.session_state["lens_taxonomy_upload_id"] = upload.file_id
            applied = _apply_taxonomy(upload.getvalue().decode("utf-8", "replace"), upload.name) or applied
        if "lens_taxonomy_text" not in st.session_state:
            st.session_state["lens_taxonomy_text"] = applied[1] if applied else default_taxonomy_text()
        st.text_area("Edit it for this session", key="lens_taxonomy_text", height=260)
        apply_column, reset_column = st.columns(2)
        if apply_column.button("Apply", key="lens_taxonomy_apply"):
            applied = _apply_taxonomy(st.session_state["lens_taxonomy_text"], "edited taxonomy") or applied
        if reset_column.button("Reset", key="lens_taxonomy_reset", help=f"Back to {TAXONOMY_FILE}"):
            st.session_state.pop("lens_taxonomy", None)
            st.session_state.pop("lens_taxonomy_text", None)
            st.rerun()
        name, text = applied if applied else (TAXONOMY_FILE, default_taxonomy_text())
        taxonomy = cached_taxonomy(text, name)
        st.caption(escape_markdown(f"In use: {name} ({len(taxonomy.topics)} topics)."))
    return taxonomy


def _apply_taxonomy(text: str, name: str) -> tuple[str, str] | None:
    """Validate a taxonomy; keep it for the session, or show why it is refused."""
    try:
        cached_taxonomy(text, name)
    except LensError as err:
        st.error(f"Taxonomy refused, the previous one stays in use: {err}", icon=":material/error:")
        return None
    st.session_state["lens_taxonomy"] = (name, text)
    return name, text


# --- rendering ------------------------------------------------------------------------------


def render_header(analysis: Analysis) -> None:
    st.header(escape_markdown(analysis.title), anchor=False)
    meta = analysis.metadata
    known = [
        meta.source,
        f"published {meta.published.isoformat()}" if meta.published else "publication date not set",
        f"issued in {meta.issued_in}" if meta.issued_in else None,
        None if meta.doc_id else f"from {analysis.source.name}",
    ]
    st.caption(escape_markdown(" · ".join(part for part in known if part)))
    language = analysis.language
    columns = st.columns(5)
    columns[0].metric(
        "Language",
        language_name(language.code),  # the code is in the help: "English (en)" was cut in its column
        help=f"Code: {language.code or '?'}. Detected with langdetect (seeded). Probabilities: "
        + ", ".join(f"{code} {p:.2%}" for code, p in language.probabilities),
    )
    columns[1].metric("Confidence", f"{language.confidence:.1%}" if language.code else "–")
    columns[2].metric("Words", analysis.words)
    columns[3].metric("Sentences", len(analysis.sentences))
    columns[4].metric("Reading time", f"{analysis.reading_minutes} min")
    for warning in analysis.warnings:
        st.warning(escape_markdown(DASHBOARD_WARNINGS.get(warning.kind, warning.message)), icon=":material/warning:")


# Warnings whose words in lib/ speak of the command line: the dashboard's own words for them.
DASHBOARD_WARNINGS = {
    "no_publication_date": "No publication date: set it in the sidebar (Details → Publication date) so that "
    "relative dates such as “Tuesday” or “soon” can be resolved.",
}


EXPORT_LABELS = {
    "json": "Analysis (JSON, as the CLI)",
    "md": "Brief (Markdown)",
    "csv": "Facts with evidence (CSV)",
    "timelinejs": "Timeline (TimelineJS JSON)",
}


def render_exports(analysis: Analysis, summary_k: int) -> None:
    """Sidebar: downloads of the analysis as shown (curation and summary length included)."""
    st.header("Export")
    stem = re.sub(r"[^A-Za-z0-9]+", "-", analysis.metadata.doc_id or analysis.title).strip("-")[:50] or "communique"
    for name, (export, extension, mime) in EXPORTS.items():
        st.download_button(
            EXPORT_LABELS[name],
            data=export(analysis, summary_k=summary_k),
            file_name=f"{stem}.{extension}",
            mime=mime,
            key=f"lens_export_{name}",
            width="stretch",
        )


def render_key_facts(analysis: Analysis) -> None:
    """Who met whom, where, when, about what, what next — each with its evidence."""
    with st.container(border=True, key="lens_key_facts"):
        st.markdown("**Key facts**")
        for name, fact in key_facts(analysis):
            value_column, evidence_column = st.columns([6, 1])
            value = escape_markdown(fact.value) if fact.value else "*not found in the text*"
            value_column.markdown(f"**{KEY_FACT_LABELS[name]}:** {value}")
            if fact.evidence:
                numbers = sorted({m.sentence + 1 for m in fact.evidence})
                with evidence_column.popover(f"§ {', '.join(map(str, numbers))}", help="Show the words this comes from"):
                    marks = [Highlight(m.start, m.end, "orange") for m in fact.evidence]
                    for index in sorted({m.sentence for m in fact.evidence}):
                        sentence = analysis.sentences[index]
                        st.markdown(f":gray-badge[{index + 1}] " + highlight(sentence.text, marks, offset=sentence.start))


def render_timeline(analysis: Analysis) -> None:
    """Events on a time axis, the events table and every date found."""
    st.subheader("Timeline")
    published = analysis.metadata.published
    if published is None:
        st.info("Set the publication date in the sidebar: relative dates (“mardi”, “soon”) are anchored on it.")
    events = analysis.timeline.events
    if not events and not analysis.timeline.expressions:
        st.caption("No date or event was found. The text may still give some in a form the readers do not "
                   "know yet (see the README for what they read).")
        return
    if any(e.start for e in events):
        st.plotly_chart(
            timeline_figure(events, published, analysis.sentences), key="lens_timeline_chart",
            config={"displayModeBar": False},
        )
        st.caption("Points are days, bars intervals; dotted, faded bars are approximate. The red line is the publication date.")
    if events:
        st.dataframe(
            [
                {
                    "event": e.label,
                    "status": e.status,
                    "start": e.start,
                    "end": e.end,
                    "approximate": e.approximate,
                    "written": e.when_text or "",
                    "place": e.place or "",
                    "participants": ", ".join(e.participants),
                    "sentence": e.evidence.sentence + 1,
                }
                for e in events
            ],
            hide_index=True,
            key="lens_events_table",
        )
    with st.expander(f"Dates found in the text ({len(analysis.timeline.expressions)})"):
        st.dataframe(
            [
                {
                    "written": x.text,
                    "sentence": x.sentence + 1,
                    "kind": x.kind,
                    "from": x.start_date,
                    "to": x.end_date,
                    "granularity": x.granularity,
                    "approximate": x.approximate,
                    "resolved": x.resolved,
                }
                for x in analysis.timeline.expressions
            ],
            hide_index=True,
        )


def render_summary(analysis: Analysis, *, live: bool = True) -> None:
    """Summary sentences with their scores, and the lead baseline when it matters. Not ``live``:
    the slider is shown disabled (a preview while the language model reads the text)."""
    st.subheader("Summary")
    summary = analysis.summary
    body = len(summary.order)
    if body == 0:
        st.info("Nothing to summarize: the document has no sentence besides its title.")
        return
    if body == 1:
        k = 1
    else:
        asked = st.session_state.get("lens_summary_k", DEFAULT_K)
        if live and asked > body:  # a link's k, or a shorter document than the last one: say so
            st.session_state["lens_summary_k"] = body
            st.info(f"{asked} summary sentences were asked for; this document has {body} besides its title, "
                    f"so all {body} are shown.", icon=":material/info:")
        state = (
            {"key": "lens_summary_k"} | ({} if "lens_summary_k" in st.session_state else {"value": min(DEFAULT_K, body)})
            if live
            else {"disabled": True, "value": st.session_state.get("lens_summary_k", min(DEFAULT_K, body))}
        )
        k = st.slider(
            "Summary sentences", 1, body,
            help="Ranked with TextRank over the document's words, choosing sentences that add new facts.", **state,
        )
    chosen = summary.sentences(k)
    lead = summary.lead(k)
    reason = summary.baseline_reason
    if reason is not None and lead != chosen:
        ranked_column, lead_column = st.columns(2)
        ranked_column.caption("Ranked summary")
        _summary_list(analysis, chosen, ranked_column)
        lead_column.caption(f"Lead baseline — shown because {BASELINE_REASONS[reason]}")
        _summary_list(analysis, lead, lead_column)
    else:
        _summary_list(analysis, chosen, st)
        if reason is not None:
            st.caption(f"The first {k} sentences give the same summary ({BASELINE_REASONS[reason]}).")
    with st.expander("How each sentence ranks"):
        rank = {index: position + 1 for position, index in enumerate(summary.order)}
        st.dataframe(
            [
                {
                    "sentence": index + 1,
                    "score": score,
                    "rank": rank[index],
                    "in summary": index in chosen,
                    "text": analysis.sentences[index].text,
                }
                for index, score in summary.scores
            ],
            hide_index=True,
        )


def _summary_list(analysis: Analysis, indices: tuple[int, ...], where) -> None:  # noqa: ANN001
    rank = {index: position + 1 for position, index in enumerate(analysis.summary.order)}
    for index in indices:
        sentence = analysis.sentences[index]
        where.markdown(
            f":blue-badge[{index + 1}] {escape_markdown(sentence.text)}",
            help=f"Sentence {index + 1}: score {analysis.summary.score_of(index):.2f}, "
            f"rank {rank[index]} of {len(rank)}. Marked in blue in the Text view.",
        )


def render_keywords(analysis: Analysis, *, live: bool = True) -> Keyword | None:
    """Keyword pills; the one picked is highlighted in the Text view (disabled when not ``live``)."""
    keywords = {kw.text: kw for kw in analysis.keywords}
    if not keywords:
        st.caption("No keyword found.")
        return None
    if st.session_state.get("lens_keyword") not in keywords:
        st.session_state.pop("lens_keyword", None)  # a keyword of the previous document
    state = {"key": "lens_keyword"} if live else {"disabled": True, "default": st.session_state.get("lens_keyword")}
    picked = st.pills(
        "Keywords — pick one to highlight where it occurs", tuple(keywords), format_func=escape_markdown, **state)
    if picked is None:
        return None
    keyword = keywords[picked]
    where = sorted({o.sentence + 1 for o in keyword.occurrences})
    also = ", ".join(keyword.variants + keyword.related)
    st.caption(
        escape_markdown(
            f"“{keyword.text}”: {len(keyword.occurrences)} occurrence(s), in sentence(s) "
            + ", ".join(map(str, where))
            + f" · YAKE score {keyword.score:.4f} (lower is better)"
            + (f" · merged: {also}" if also else "")
        )
    )
    return keyword


def render_topics(analysis: Analysis, *, live: bool = True) -> None:
    """Topic shares as a chart, then the sentences and words behind each topic (the threshold
    disabled when not ``live``)."""
    st.subheader("Topics")
    topics = analysis.topics
    if not topics:
        st.info("No topic of the taxonomy is mentioned. Its cues can be extended in the sidebar.")
        return
    top = max(1.0, max(t.weight for t in topics))
    current = min(max(st.session_state.get("lens_topic_threshold", DEFAULT_MIN_WEIGHT), 0.5), top)
    if live:
        st.session_state["lens_topic_threshold"] = current
    state = {"key": "lens_topic_threshold"} if live else {"disabled": True, "value": current}
    threshold = st.slider(
        "Hide topics weighing less than", 0.5, top, step=0.5,
        help="Weight: 1 for each cue found in the text, 0.5 for each weak cue.", **state,
    )
    shown = [t for t in topics if t.weight >= threshold]
    hidden = len(topics) - len(shown)
    if hidden:
        st.caption(f"{hidden} weaker topic(s) hidden; lower the threshold to see them.")
    if not shown:
        return
    st.plotly_chart(topic_bar(shown, analysis.text), config={"displayModeBar": False},
                    **({"key": "lens_topic_chart"} if live else {}))
    st.caption("Evidence: open a topic to see the sentences and the words that count for it.")
    for topic in shown:
        sentences = sorted({h.sentence for h in topic.hits})
        title = (
            f"{topic.label} — {len(topic.hits)} hit(s), {topic.share:.0%}, "
            f"sentence(s) {', '.join(str(i + 1) for i in sentences)}"
        )
        with st.expander(escape_markdown(title)):
            st.caption(escape_markdown(topic.topic.description))
            marks = [Highlight(h.start, h.end, "violet") for h in topic.hits]
            for index in sentences:
                sentence = analysis.sentences[index]
                st.markdown(f":gray-badge[{index + 1}] " + highlight(sentence.text, marks, offset=sentence.start))


STYLESHEET = Path(__file__).resolve().parent / "static" / "lens.css"
# The page's own stylesheet: Streamlit wraps a CSS file in a style tag, off the page flow.

ENTITY_COLOURS = {"person": "green", "organization": "violet", "place": "blue", "event": "red"}
ENTITY_LABELS = {"person": "People", "organization": "Organizations", "place": "Places", "event": "Events"}


def curation_rows(entities: tuple[Entity, ...]) -> list[dict[str, Any]]:
    """The curation table's rows, kept in session state for the document shown."""
    ids = tuple(e.id for e in entities)
    if st.session_state.get("lens_curation_for") != ids:
        st.session_state["lens_curation_for"] = ids  # another document: forget the old edits
        st.session_state["lens_curation_rows"] = [
            {"id": e.id, "type": e.type, "name": e.name, "same as": None, "drop": False} for e in entities
        ]
        st.session_state.pop("lens_curation", None)
    return st.session_state["lens_curation_rows"]


def curation_editor(entities: tuple[Entity, ...], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A table to rename, merge or drop the extracted entities for this session."""
    with st.expander("Correct the entities (this session only)"):
        st.caption("Rename an entity, say it is the same as another, or drop it. Every panel and export follows.")
        edited = st.data_editor(
            rows,
            key="lens_curation",
            hide_index=True,
            disabled=("id", "type"),
            column_config={
                "same as": st.column_config.SelectboxColumn("same as", options=list(entity_choices(entities))),
                "drop": st.column_config.CheckboxColumn("drop"),
            },
        )
    if edited != rows:
        st.session_state["lens_curation_rows"] = edited
    return edited


def entity_choices(entities: tuple[Entity, ...]) -> dict[str, str]:
    """What the "same as" column offers — "Name (type)", the id added when two read alike — → ids."""
    labels = [f"{e.name} ({e.type})" for e in entities]
    return {(label if labels.count(label) == 1 else f"{label} [{e.id}]"): e.id for label, e in zip(labels, entities)}


def curation_from_rows(entities: tuple[Entity, ...], rows: list[dict[str, Any]]) -> Curation:
    by_id = {e.id: e for e in entities}
    choices = entity_choices(entities)
    renames, merges, drops = [], [], []
    for row in rows:
        entity = by_id.get(row["id"])
        if entity is None:
            continue
        if row["name"] and row["name"].strip() != entity.name:
            renames.append((entity.id, row["name"].strip()))
        target = choices.get(row["same as"]) if row["same as"] else None
        if target and target != entity.id:
            merges.append((entity.id, target))
        if row["drop"]:
            drops.append(entity.id)
    return Curation(tuple(renames), tuple(merges), tuple(drops))


def render_entities(analysis: Analysis) -> None:
    """Person cards, organizations, a map of places, events."""
    st.subheader("People, organizations and places")
    if analysis.readers:
        st.caption(escape_markdown("Read by: " + "; ".join(
            f"{language_name(code)}, {reader}" + (" (rules find fewer names than a model)" if reader == "rules" else "")
            for code, reader in analysis.readers
        )))
    entities = analysis.entities
    if not entities:
        st.info("No person, organization or place was found. The text may still name some that its "
                "readers cannot tell (rules need an honorific, capitals or a name listed in data/).")
        return
    people = [e for e in entities if e.type == "person"]
    if people:
        columns = st.columns(min(3, len(people)))
        for n, person in enumerate(people):
            with columns[n % len(columns)].container(border=True, key=f"lens_person_{n}"):
                st.markdown(f":green-badge[person] **{escape_markdown(person.name)}**")
                for label, value in (
                    ("Role", person.role),
                    ("Organization", person.organization),
                    ("Country", person.country_name),
                ):
                    st.markdown(f"{label}: {escape_markdown(value) if value else '*not found*'}")
                st.caption(escape_markdown(_mentions_line(person)))
    organizations = [e for e in entities if e.type == "organization"]
    places = [e for e in entities if e.type == "place"]
    events = [e for e in entities if e.type == "event"]
    left, right = st.columns(2)
    with left:
        if organizations:
            st.markdown("**Organizations**")
            st.dataframe(
                [
                    {
                        "name": e.name,
                        "acronym": e.acronym or "",
                        "country": e.country_name or "",
                        "mentions": len(e.mentions),
                        "written as": ", ".join(e.aliases),
                    }
                    for e in organizations
                ],
                hide_index=True,
            )
        if events:
            st.markdown("**Named events**")
            for event in events:
                st.markdown(f":red-badge[event] {escape_markdown(event.name)} — {escape_markdown(_mentions_line(event))}")
    with right:
        if places:
            st.markdown("**Places**")
            st.plotly_chart(places_map(places), key="lens_places_map", config=MAP_CONFIG)
            missing = [p.name for p in places if p.lat is None]
            if missing:
                st.caption(escape_markdown("Not on the map (no coordinates in data/places.toml): " + ", ".join(missing)))


def _mentions_line(entity: Entity) -> str:
    sentences = sorted({m.sentence + 1 for m in entity.mentions})
    aliases = f"; also written {', '.join(entity.aliases)}" if entity.aliases else ""
    return f"{len(entity.mentions)} mention(s), sentence(s) {', '.join(map(str, sentences))}{aliases}"


def render_text(analysis: Analysis, *, summary: tuple[int, ...] = (), keyword: Keyword | None = None) -> None:
    """The document as numbered sentences, paragraph by paragraph, with the marks asked for."""
    st.subheader("Text")
    st.caption(
        "Sentences are numbered from 1. Starred blue numbers: summary sentences; orange: the "
        "keyword picked above; a small orange tag: a sentence in another language."
    )
    marks = [Highlight(o.start, o.end, "orange") for o in keyword.occurrences] if keyword else []
    if st.toggle("Mark people, organizations, places and events", key="lens_mark_entities",
                 **({} if "lens_mark_entities" in st.session_state else {"value": True})):
        marks += [
            Highlight(m.start, m.end, ENTITY_COLOURS[e.type])
            for e in analysis.entities
            for m in e.mentions
            if not any(m.start < k.end and k.start < m.end for k in marks)
        ]
        st.caption(
            ":green-background[person] :violet-background[organization] :blue-background[place] "
            ":red-background[event] :orange-background[keyword]"
        )
    for _, group in groupby(analysis.sentences, key=lambda s: s.paragraph):
        parts = []
        for sentence in group:
            guess = analysis.sentence_languages[sentence.index]
            badge = ""
            if guess.reliable and guess.code not in (None, analysis.language.code):
                badge = f" :orange-badge[{escape_markdown(guess.code or '')}]"
            body = highlight(sentence.text, marks, offset=sentence.start)
            if sentence.heading:
                body = f"**{body}**"
            number = (
                f":blue-badge[★ {sentence.index + 1}]"  # a character, not an icon: copied text reads "★ 2", not "star 2"
                if sentence.index in summary
                else f":gray-badge[{sentence.index + 1}]"
            )
            parts.append(f"{number}{badge} {body}")
        st.markdown(" ".join(parts))
    with st.expander("Language of each sentence"):
        st.dataframe(
            [
                {
                    "sentence": s.index + 1,
                    "language": g.code or "–",
                    "confidence": round(g.confidence, 4),
                    "reliable": g.reliable,
                    "text": s.text,
                }
                for s, g in zip(analysis.sentences, analysis.sentence_languages)
            ],
            hide_index=True,
        )
    with st.expander("Document text as analyzed (all offsets refer to it)"):
        st.text(analysis.text)


PERSISTENT_KEYS = ("lens_summary_k", "lens_topic_threshold", "lens_keyword", "lens_mark_entities", "lens_section")


def keep_view_state() -> None:
    # Streamlit forgets the value of a widget that is not drawn in a run (its section hidden).
    for key in PERSISTENT_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def read_link(catalog: tuple[CatalogEntry, ...]) -> None:
    """Once per session, before any widget: apply the view the page's link carries."""
    if st.session_state.get("lens_link_read"):
        return
    st.session_state["lens_link_read"] = True
    view, notices = parse_view(st.query_params.to_dict(), catalog_ids=[e.metadata.doc_id for e in catalog])
    if view.doc:
        st.session_state["lens_source"] = SOURCE_CATALOG
        st.session_state["lens_doc"] = view.doc
    if view.published or view.no_date:
        st.session_state["lens_published_from_link"] = view.published
    if view.summary_k:
        st.session_state["lens_summary_k"] = view.summary_k
    if view.threshold is not None:
        st.session_state["lens_topic_threshold"] = view.threshold
    if view.section:
        st.session_state["lens_section"] = view.section
    st.session_state["lens_link_notices"] = notices
    if notices:  # rewrite the address at once: a reload must not bring the bad value back
        st.query_params.from_dict(view_params(view))


def write_link(identity: str, analysis: Analysis) -> None:
    """Put the view in the address bar, and offer the link to copy."""
    doc = identity.removeprefix("catalog:") if identity.startswith("catalog:") else None
    view = View(
        doc=doc,
        published=analysis.metadata.published,
        no_date=analysis.metadata.published is None,
        summary_k=st.session_state.get("lens_summary_k"),
        threshold=st.session_state.get("lens_topic_threshold"),
        section=st.session_state.get("lens_section", "all"),
    )
    params = view_params(view)
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
    st.header("Share")
    if doc:
        st.caption("The address bar holds this view; the link is also here, to copy:")
        with st.popover("Link to this view", icon=":material/link:", width="stretch"):
            # (a popover draws its content when opened: the code block's script loads then, not with the page)
            st.code(link(st.context.url or "", view), language=None, wrap_lines=True)
    else:
        st.caption(
            "Links restore documents of the catalog; a pasted or uploaded text stays in your session. "
            "Use the exports to share it."
        )


def main() -> None:
    """The Communiqué page: one document, every panel."""
    st.html(STYLESHEET)  # static CSS only (right-to-left paragraphs for Arabic), never user text
    try:
        catalog = load_catalog()
    except LensError as err:
        st.error(f"The document catalog could not be read: {err}")
        catalog = ()
    keep_view_state()
    read_link(catalog)
    for notice in st.session_state.get("lens_link_notices", ()):
        st.warning(escape_markdown(f"Ignored from the link: {notice}."), icon=":material/link_off:")
    error = load_choice(choose_document(catalog))
    if error:
        shown = "The previous document is still shown." if "lens_current" in st.session_state else ""
        st.error(f"{error} {shown}".strip(), icon=":material/error:")
    current = st.session_state.get("lens_current")
    if current is None:
        st.info("Choose a communiqué in the sidebar: from the catalog, pasted, or uploaded.")
        return
    identity, source, metadata = current
    metadata = document_details(identity, metadata)
    st.sidebar.caption(f"Limit: {LIMIT_MB} MB per document.")
    taxonomy = choose_taxonomy()
    if st.session_state.get("lens_cancelled") == (source, metadata, taxonomy):
        st.warning("Analysis cancelled. The document is kept: analyze it when you are ready.", icon=":material/cancel:")
        st.button("Analyze this document", key="lens_resume", on_click=st.session_state.pop, args=("lens_cancelled", None))
        return
    analyzer = Analyzer(source, metadata, taxonomy)
    try:
        show_analysis(identity, analyzer)
    except LensError as err:  # the worker refused the document or ran out of its budget
        st.error(str(err), icon=":material/error:")
    finally:
        analyzer.close()  # also when Streamlit stops this run early: the worker stops with it


def show_analysis(identity: str, analyzer: Analyzer) -> None:
    """Every panel. Progressive: what needs no language model (header, summary, topics) is
    drawn first; the key facts, entities, timeline and marked text follow once the model has
    read the text. When the whole analysis is cached, the key facts come before the topic chart
    (the first chart makes the browser load plotly: the facts should not wait for it). A panel
    that fails says so in its place; the others are still drawn."""
    status = st.empty()
    facts_first = analyzer.has_full()
    partial = analyzer.partial(status)
    header = st.container()
    facts_section = st.container()
    section = st.radio(
        "Show", SECTIONS, key="lens_section", horizontal=True, format_func=SECTION_LABELS.get,
        label_visibility="collapsed",
    )

    def shown(name: str) -> bool:
        return section in ("all", name)

    summary_section = st.container(key="lens_summary_section")
    topics_section = st.container(key="lens_topics_section")
    entities_section = st.container(key="lens_entities_section")
    timeline_section = st.container(key="lens_timeline_section")
    text_section = st.container(key="lens_text_section")
    with header:
        panel("header", render_header, partial)
    places = {name: where.empty() for name, where in
              (("summary", summary_section), ("topics", topics_section), ("text", text_section)) if shown(name)}
    if not facts_first:  # the model has yet to read the text: the summary and topics meanwhile
        if "summary" in places:
            with places["summary"].container():
                panel("summary", functools.partial(render_summary, live=False), partial)
                panel("keywords", functools.partial(render_keywords, live=False), partial)
        if "topics" in places:
            with places["topics"].container():
                panel("topics", functools.partial(render_topics, live=False), partial)
    with facts_section:
        facts_status = st.empty()
        try:
            analysis = analyzer.full(facts_status, partial)
        except LensError as err:
            st.error(f"People, places, dates and key facts could not be read: {err}", icon=":material/error:")
            return
    with header:
        for warning in analysis.warnings[len(partial.warnings) :]:  # dates that contradict each other
            st.warning(escape_markdown(warning.message), icon=":material/event_busy:")
    rows = curation_rows(analysis.entities)
    if shown("entities") and analysis.entities:
        with entities_section:
            entities_panel = st.container()
            rows = panel("entity corrections", curation_editor, analysis.entities, rows) or rows
    analysis = analysis.curated(curation_from_rows(analysis.entities, rows))
    with facts_section:
        panel("key facts", render_key_facts, analysis)
    with st.sidebar:
        outputs = st.container()
    reading_panel(identity, analysis, places, outputs)
    if shown("entities"):
        with entities_section if not analysis.entities else entities_panel:
            panel("people and places", render_entities, analysis)
    if shown("timeline"):
        with timeline_section:
            panel("timeline", render_timeline, analysis)


@st.fragment
def reading_panel(identity: str, analysis: Analysis, places: dict[str, Any], outputs: Any) -> None:
    """The panels that the view's widgets change, as one fragment: the summary length, a keyword,
    the topic threshold or the entity marks redraw the summary, topics, Text view, exports and
    link (the address too) — not the header, key facts, map and timeline. The fragment writes
    into the sections' places, made by the full run (where a preview may stand meanwhile)."""
    if "summary" in places:
        with places["summary"].container():
            panel("summary", render_summary, analysis)
            panel("keywords", render_keywords, analysis)
    if "topics" in places:
        with places["topics"].container():
            panel("topics", render_topics, analysis)
    if "text" in places:
        summary = analysis.summary.sentences(st.session_state.get("lens_summary_k", DEFAULT_K))
        keyword = next((k for k in analysis.keywords if k.text == st.session_state.get("lens_keyword")), None)
        with places["text"].container():
            panel("text", lambda: render_text(analysis, summary=summary, keyword=keyword))
    with outputs:
        panel("export", render_exports, analysis, st.session_state.get("lens_summary_k", DEFAULT_K))
        panel("share", write_link, identity, analysis)


def panel(name: str, render: Callable[..., Any], *args: Any) -> Any:
    """Draw one panel; if it fails, a short message takes its place and the page goes on."""
    try:
        return render(*args)
    except LensError as err:
        st.error(f"The {name} panel could not be drawn: {err}", icon=":material/error:")
    except Exception as err:  # noqa: BLE001 - one panel's bug must not blank the page
        st.error(
            f"The {name} panel could not be drawn ({type(err).__name__}); the other panels are not affected. "
            "Please report it.",
            icon=":material/error:",
        )
    return None

st.set_page_config(page_title="Communiqué Lens", page_icon=str(Path(__file__).resolve().parent / "static" / "favicon.png"),
                   layout="wide")  # a file of ours: a material icon or an emoji is fetched from a CDN, offline it fails
st.navigation([
    st.Page(main, title="Communiqué", icon=":material/article:", default=True),
    st.Page("app_pages/corpus.py", title="Corpus", icon=":material/library_books:", url_path="corpus"),
]).run()
