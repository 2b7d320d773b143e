"""Communiqué Lens dashboard: widgets call lib/, results are rendered. No analysis logic here.

Run with ``streamlit run dashboard.py``. User text is only ever rendered as escaped Markdown
(lib.markup) or in tables, never as HTML.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
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
from lib.charts import places_map, timeline_figure, topic_bar, topic_label
from lib.entities import Curation, Entity, is_loaded, load_model
from lib.keywords import Keyword
from lib.markup import Highlight, escape_markdown, highlight
from lib.brief import citation, key_facts, to_docx, to_markdown
from lib.report import EXPORTS
from lib.summary import DEFAULT_K
from lib.view import LINK_TEXT_LIMIT, SECTIONS, View, link, parse_view, view_params
from app_pages.ui import choose_interface_language, t, words
from lib.interface import Words
from lib.worker import Budget, Job, ResultCache
from lib.topics import (
    DEFAULT_MIN_WEIGHT,
    TAXONOMY_FILE,
    Taxonomy,
    default_taxonomy_text,
    parse_taxonomy,
)

PRODUCT = "Communiqué Lens"  # a name, the same in every language
SOURCE_CATALOG, SOURCE_PASTE, SOURCE_UPLOAD = "catalog", "paste", "upload"
LIMIT_MB = MAX_BYTES // (1024 * 1024)
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
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
        source = job.next(wait=lambda elapsed: status.caption(t("sidebar.reading_file", name=name, seconds=elapsed)))
    status.empty()
    return source


@st.cache_data(show_spinner=False, max_entries=16)
def pasted_source(text: str) -> Source:
    return read_pasted(text)


@st.cache_data(show_spinner=False, max_entries=8)
def cached_taxonomy(text: str, name: str) -> Taxonomy:
    return parse_taxonomy(text, name=name)


@st.cache_resource(show_spinner=False)
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
            with st.spinner(t("page_messages.loading_models", languages=", ".join(words().language(code) for code in missing))):
                for code in missing:
                    load_model(code)
            self.close()  # its worker started without the model: start one that has it
        if self.job is None:  # the quick part came from the cache; the worker sends it again
            self._receive("text", status)
        return self._receive("full", status)

    def _receive(self, stage: str, status: Any) -> Analysis:
        """The worker's next result, with a progress line and a Cancel button meanwhile."""
        if self.job is None:
            with st.spinner(t("page_messages.loading_model")):
                warm_worker()
            self.job = Job(functools.partial(stages, max_characters=DASHBOARD_MAX_CHARACTERS), *self.key, budget=DASHBOARD_BUDGET)
        with status.container():
            line = st.empty()
            self.waits += 1  # a key of its own each time: the text stage may be asked for twice in a run
            st.button(t("page_messages.cancel"), key=f"lens_cancel_{stage}_{self.waits}", on_click=_cancel, args=(self.key,),
                      icon=":material/cancel:")

        def wait(elapsed: float) -> None:  # each update is also where Streamlit stops a stale run
            line.caption(t(STAGE_LABELS[stage], seconds=elapsed))

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


STAGE_LABELS = {"text": "page_messages.reading_text", "full": "page_messages.finding_facts"}


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
    st.sidebar.header(t("sidebar.document"))
    mode = st.sidebar.radio(
        t("sidebar.read_from"), (SOURCE_CATALOG, SOURCE_PASTE, SOURCE_UPLOAD), key="lens_source", horizontal=True,
        format_func=functools.partial(_said, words(), "sidebar"),  # the words bound now: Streamlit may call it later
    )
    if mode == SOURCE_CATALOG:
        if not catalog:
            st.sidebar.info(t("sidebar.catalog_empty"))
            return None
        by_id = {entry.metadata.doc_id: entry for entry in catalog}
        doc_id = st.sidebar.selectbox(
            t("sidebar.communique"),
            tuple(by_id),
            key="lens_doc",
            format_func=lambda i, said=words(): _catalog_label(by_id[i], said),
        )
        entry = by_id[doc_id]
        return Choice(f"catalog:{doc_id}", lambda: catalog_source(doc_id), entry.metadata)
    if mode == SOURCE_PASTE:
        if "lens_paste" not in st.session_state:
            st.session_state["lens_paste"] = st.session_state.get("lens_paste_saved", "")
        text = st.sidebar.text_area(
            t("sidebar.paste_label"),
            key="lens_paste",
            height=260,
            on_change=_keep_pasted_text,
            placeholder=t("sidebar.paste_placeholder"),
        )
        st.sidebar.caption(t("sidebar.paste_caption", limit=LIMIT_MB))
        if text == "":
            st.sidebar.info(t("sidebar.paste_empty"))
            return None
        return Choice("paste", lambda: pasted_source(text), Metadata())
    upload = st.sidebar.file_uploader(
        t("sidebar.upload_label"),
        type=[ext.lstrip(".") for ext in SUPPORTED_EXTENSIONS],
        key="lens_upload",
        help=t("sidebar.upload_help", limit=LIMIT_MB),
    )
    if upload is None:
        st.sidebar.info(t("sidebar.upload_empty", limit=LIMIT_MB))
        return None
    data, name = upload.getvalue(), upload.name
    return Choice(f"upload:{name}:{len(data)}", lambda: upload_source(data, name), None)


def _said(words: Words, section: str, name: str) -> str:
    """An option's label: the catalog's ``<section>.<name>`` in these words."""
    return words(f"{section}.{name}")


def _catalog_label(entry: CatalogEntry, words: Words) -> str:
    meta = entry.metadata
    date = meta.published.isoformat() if meta.published else words("sidebar.undated")
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
        return err.said(words())
    except Exception as err:  # noqa: BLE001 - never a traceback in front of the user
        return t("error.unreadable", reason=type(err).__name__)
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
    if "lens_details_from_link" in st.session_state:  # and so do the title and issuer of a text it carries
        st.session_state["lens_title"], st.session_state["lens_source_label"] = st.session_state.pop("lens_details_from_link")
    st.sidebar.header(t("sidebar.details"))
    published = st.sidebar.date_input(
        t("sidebar.published"),
        key="lens_published",
        format="YYYY-MM-DD",
        min_value=dt.date(1900, 1, 1),
        max_value=dt.date(2100, 12, 31),
        help=t("sidebar.published_help"),
    )
    title = st.sidebar.text_input(t("sidebar.title"), key="lens_title", placeholder=t("sidebar.title_placeholder"))
    source_label = st.sidebar.text_input(
        t("sidebar.issuer"), key="lens_source_label", placeholder=t("sidebar.issuer_placeholder")
    )
    return replace(
        metadata,
        published=published or None,
        title=title.strip() or None,
        source=source_label.strip() or None,
    )


def choose_taxonomy() -> Taxonomy:
    """Sidebar: the topic taxonomy, data/topics.toml or a copy uploaded or edited for this session."""
    with st.sidebar.expander(t("taxonomy.expander")):
        applied = st.session_state.get("lens_taxonomy")  # (name, text) once the user changed it
        upload = st.file_uploader(t("taxonomy.upload"), type=["toml"], key="lens_taxonomy_upload")
        if upload is not None and st.session_state.get("lens_taxonomy_upload_id") != upload.file_id:
            st.session_state["lens_taxonomy_upload_id"] = upload.file_id
            applied = _apply_taxonomy(upload.getvalue().decode("utf-8", "replace"), upload.name) or applied
        if "lens_taxonomy_text" not in st.session_state:
            st.session_state["lens_taxonomy_text"] = applied[1] if applied else default_taxonomy_text()
        st.text_area(t("taxonomy.edit"), key="lens_taxonomy_text", height=260)
        apply_column, reset_column = st.columns(2)
        if apply_column.button(t("taxonomy.apply"), key="lens_taxonomy_apply"):
            applied = _apply_taxonomy(st.session_state["lens_taxonomy_text"], t("taxonomy.edited")) or applied
        if reset_column.button(t("taxonomy.reset"), key="lens_taxonomy_reset", help=t("taxonomy.reset_help", file=TAXONOMY_FILE)):
            st.session_state.pop("lens_taxonomy", None)
            st.session_state.pop("lens_taxonomy_text", None)
            st.rerun()
        name, text = applied if applied else (TAXONOMY_FILE, default_taxonomy_text())
        taxonomy = cached_taxonomy(text, name)
        st.caption(escape_markdown(t("taxonomy.in_use", name=name, n=len(taxonomy.topics))))
    return taxonomy


def _apply_taxonomy(text: str, name: str) -> tuple[str, str] | None:
    """Validate a taxonomy; keep it for the session, or show why it is refused."""
    try:
        cached_taxonomy(text, name)
    except LensError as err:
        st.error(escape_markdown(t("taxonomy.refused", error=err.said(words()))), icon=":material/error:")
        return None
    st.session_state["lens_taxonomy"] = (name, text)
    return name, text


# --- rendering ------------------------------------------------------------------------------


def labelled(section: str, rows: list[dict[str, Any]], **widths: str) -> dict[str, Any]:
    """A table's column configs: each column's header in the interface's words (the catalog's
    ``<section>.<column>``, spaces in a column's name as underscores) and the widths given
    (``written_as="medium"``), so that each table fits its container."""
    return {
        name: st.column_config.Column(t(f"{section}.{name.replace(' ', '_')}"), width=widths.get(name.replace(" ", "_")))
        for name in (rows[0] if rows else ())
    }


def render_header(analysis: Analysis) -> None:
    st.header(escape_markdown(analysis.title), anchor=False)
    meta = analysis.metadata
    known = [
        meta.source,
        t("header.published", date=meta.published) if meta.published else t("header.no_date"),
        t("header.issued_in", place=meta.issued_in) if meta.issued_in else None,
        None if meta.doc_id else t("header.from_file", name=analysis.source.name),
    ]
    st.caption(escape_markdown(" · ".join(part for part in known if part)))
    language = analysis.language
    said = words()
    columns = st.columns(5)
    columns[0].metric(
        t("header.language"),
        said.language(language.code).capitalize(),  # the code is in the help: "English (en)" was cut in its column
        help=t("header.language_help", code=language.code or "?",
               probabilities=", ".join(f"{code} {said.percent(p, 2)}" for code, p in language.probabilities)),
    )
    columns[1].metric(t("header.confidence"), said.percent(language.confidence, 1) if language.code else "–")
    columns[2].metric(t("header.words"), analysis.words)
    columns[3].metric(t("header.sentences"), len(analysis.sentences))
    columns[4].metric(t("header.reading_time"), t("header.minutes", n=analysis.reading_minutes))
    for warning in analysis.warnings:
        st.warning(escape_markdown(_warning_text(warning)), icon=":material/warning:")


def _warning_text(warning: Any) -> str:
    # The missing date's words in lib/ speak of the command line: the dashboard has its own.
    return t("header.no_publication_date") if warning.kind == "no_publication_date" else warning.said(words())


def render_exports(analysis: Analysis) -> None:
    """Sidebar: downloads of the analysis as shown (curation and summary length included).

    Drawn by the full run, not by the fragment of the summary's slider: Streamlit drops the files
    of a download made in a fragment when the page runs again (streamlit#8932). Each file is made
    when clicked, with the summary length of that moment (the fragment keeps it in a plain dict
    the callable reads: the callable runs outside any script run)."""
    st.header(t("export.title"))
    stem = re.sub(r"[^A-Za-z0-9]+", "-", analysis.metadata.doc_id or analysis.title).strip("-")[:50] or "communique"
    said = words()
    downloads = dict(EXPORTS) | {  # the briefs in the interface's language; the others are the CLI's
        "md": (functools.partial(to_markdown, words=said), "md", "text/markdown"),
        "docx": (functools.partial(to_docx, words=said), "docx", DOCX_MIME),
    }
    shown = st.session_state.setdefault("lens_export_k", {"k": st.session_state.get("lens_summary_k", DEFAULT_K)})
    for name in ("json", "md", "docx", "csv", "timelinejs"):
        export, extension, mime = downloads[name]
        st.download_button(
            t(f"export.{name}"),
            data=functools.partial(_exported, export, analysis, shown),  # made when clicked, not on every run
            file_name=f"{stem}.{extension}",
            mime=mime,
            key=f"lens_export_{name}",
            width="stretch",
        )


def _exported(export: Callable[..., str | bytes], analysis: Analysis, shown: dict[str, int]) -> str | bytes:
    return export(analysis, summary_k=shown["k"])


def render_key_facts(analysis: Analysis) -> None:
    """Who met whom, where, when, about what, what next — each with its evidence."""
    with st.container(border=True, key="lens_key_facts"):
        st.markdown(f"**{t('facts.title')}**")
        for name, fact in key_facts(analysis):
            value_column, evidence_column = st.columns([6, 1])
            said = fact.text(words())
            value = escape_markdown(said) if said else t("facts.not_found")
            value_column.markdown(f"**{t('brief.field', label=t(f'facts.{name}'))}** {value}")
            if fact.evidence:
                numbers = sorted({m.sentence + 1 for m in fact.evidence})
                with evidence_column.popover(f"§ {', '.join(map(str, numbers))}", help=t("facts.evidence_help")):
                    marks = [Highlight(m.start, m.end, "orange") for m in fact.evidence]
                    for index in sorted({m.sentence for m in fact.evidence}):
                        sentence = analysis.sentences[index]
                        st.markdown(f":gray-badge[{index + 1}] " + highlight(sentence.text, marks, offset=sentence.start))
                    st.caption(t("brief.cite_help"))
                    citations(analysis, sorted({m.sentence for m in fact.evidence}))


def render_timeline(analysis: Analysis) -> None:
    """Events on a time axis, the events table and every date found."""
    st.subheader(t("timeline.title"))
    published = analysis.metadata.published
    if published is None:
        st.info(t("timeline.no_date"))
    events = analysis.timeline.events
    if not events and not analysis.timeline.expressions:
        st.caption(t("timeline.nothing"))
        return
    if any(e.start for e in events):
        st.plotly_chart(
            timeline_figure(events, published, analysis.sentences, words()), key="lens_timeline_chart",
            config={"displayModeBar": False},
        )
        st.caption(t("timeline.legend"))
    if events:
        st.dataframe(
            rows := [
                {
                    "event": e.text(words()),
                    "status": t(f"status.{e.status}"),
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
            column_config=labelled("timeline", rows, event="medium", status="small", start="small", end="small",
                                   approximate="small", written="small", place="small", participants="medium",
                                   sentence="small"),  # 940 px: the table fits the page's width
        )
    with st.expander(t("timeline.dates_found", n=len(analysis.timeline.expressions))):
        st.dataframe(
            rows := [
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
            column_config=labelled("timeline", rows, written="medium"),
        )


def render_summary(analysis: Analysis, *, live: bool = True) -> None:
    """Summary sentences with their scores, and the lead baseline when it matters. Not ``live``:
    the slider is shown disabled (a preview while the language model reads the text)."""
    st.subheader(t("summary.title"))
    summary = analysis.summary
    body = len(summary.order)
    if body == 0:
        st.info(t("summary.nothing"))
        return
    if body == 1:
        k = 1
    else:
        asked = st.session_state.get("lens_summary_k", DEFAULT_K)
        if live and asked > body:  # a link's k, or a shorter document than the last one: say so
            st.session_state["lens_summary_k"] = body
            st.info(t("summary.too_many", asked=asked, n=body), icon=":material/info:")
        state = (
            {"key": "lens_summary_k"} | ({} if "lens_summary_k" in st.session_state else {"value": min(DEFAULT_K, body)})
            if live
            else {"disabled": True, "value": st.session_state.get("lens_summary_k", min(DEFAULT_K, body))}
        )
        k = st.slider(t("summary.sentences"), 1, body, help=t("summary.sentences_help"), **state)
    chosen = summary.sentences(k)
    lead = summary.lead(k)
    reason = summary.baseline_reason
    if reason is not None and lead != chosen:
        ranked_column, lead_column = st.columns(2)
        ranked_column.caption(t("summary.ranked"))
        _summary_list(analysis, chosen, ranked_column)
        lead_column.caption(t("summary.lead", reason=t(f"summary.{reason}")))
        _summary_list(analysis, lead, lead_column)
    else:
        _summary_list(analysis, chosen, st)
        if reason is not None:
            st.caption(t("summary.same_as_lead", n=k, reason=t(f"summary.{reason}")))
    with st.expander(t("summary.ranking")):
        rank = {index: position + 1 for position, index in enumerate(summary.order)}
        st.dataframe(
            rows := [
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
            column_config=labelled("summary", rows, text="large"),
        )


def _summary_list(analysis: Analysis, indices: tuple[int, ...], where) -> None:  # noqa: ANN001
    rank = {index: position + 1 for position, index in enumerate(analysis.summary.order)}
    keyword = picked_keyword(analysis)  # marked here too: with only the Summary shown, the Text view is not there
    marks = [Highlight(o.start, o.end, "orange") for o in keyword.occurrences] if keyword else []
    for index in indices:
        sentence = analysis.sentences[index]
        where.markdown(
            f":blue-badge[{index + 1}] {highlight(sentence.text, marks, offset=sentence.start)}",
            help=t("summary.sentence_help", number=index + 1, score=analysis.summary.score_of(index), rank=rank[index],
                   of=len(rank)),
        )
    with where.popover(t("brief.cite"), icon=":material/format_quote:", help=t("brief.cite_help")):
        citations(analysis, indices)


def citations(analysis: Analysis, indices: Iterable[int]) -> None:
    """Each sentence as a citation to copy with one click (st.code's copy button). Drawn inside a
    popover: its content mounts when opened, so the code block's script loads then, not with the page."""
    said = words()
    for index in indices:
        st.code(citation(analysis, index, said), language=None, wrap_lines=True)


def picked_keyword(analysis: Analysis) -> Keyword | None:
    """The keyword picked in the pills, if it is one of this document's."""
    return next((k for k in analysis.keywords if k.text == st.session_state.get("lens_keyword")), None)


def render_keywords(analysis: Analysis, *, live: bool = True) -> Keyword | None:
    """Keyword pills; the one picked is highlighted in the Text view (disabled when not ``live``)."""
    keywords = {kw.text: kw for kw in analysis.keywords}
    if not keywords:
        st.caption(t("keywords.none"))
        return None
    if st.session_state.get("lens_keyword") not in keywords:
        st.session_state.pop("lens_keyword", None)  # a keyword of the previous document
    state = {"key": "lens_keyword"} if live else {"disabled": True, "default": st.session_state.get("lens_keyword")}
    picked = st.pills(t("keywords.pick"), tuple(keywords), format_func=escape_markdown, **state)
    if picked is None:
        return None
    keyword = keywords[picked]
    where = sorted({o.sentence + 1 for o in keyword.occurrences})
    also = ", ".join(keyword.variants + keyword.related)
    st.caption(escape_markdown(
        t("keywords.detail", keyword=keyword.text, n=len(keyword.occurrences), sentences=", ".join(map(str, where)),
          score=keyword.score) + (t("keywords.merged", words=also) if also else "")))
    return keyword


def render_topics(analysis: Analysis, *, live: bool = True) -> None:
    """Topic shares as a chart, then the sentences and words behind each topic (the threshold
    disabled when not ``live``)."""
    st.subheader(t("topics.title"))
    topics = analysis.topics
    if not topics:
        st.info(t("topics.none"))
        return
    top = max(1.0, max(t.weight for t in topics))
    current = min(max(st.session_state.get("lens_topic_threshold", DEFAULT_MIN_WEIGHT), 0.5), top)
    if live:
        st.session_state["lens_topic_threshold"] = current
    state = {"key": "lens_topic_threshold"} if live else {"disabled": True, "value": current}
    threshold = st.slider(t("topics.threshold"), 0.5, top, step=0.5, help=t("topics.threshold_help"), **state)
    shown = [t for t in topics if t.weight >= threshold]
    hidden = len(topics) - len(shown)
    if hidden:
        st.caption(t("topics.hidden", n=hidden))
    if not shown:
        return
    st.plotly_chart(topic_bar(shown, analysis.text, words()), config={"displayModeBar": False},
                    **({"key": "lens_topic_chart"} if live else {}))
    st.caption(t("topics.evidence"))
    if live:  # one popover for every evidence sentence (one per topic cost each rerun of the threshold ~150 ms)
        with st.popover(t("brief.cite"), icon=":material/format_quote:", help=t("brief.cite_help")):
            citations(analysis, sorted({h.sentence for topic in shown for h in topic.hits}))
    for topic in shown:
        sentences = sorted({h.sentence for h in topic.hits})
        # one measure, the share, on the chart (the hits and weight in its hover): the title names the sentences
        title = t("topics.expander", label=topic_label(topic, words()), n=len(sentences),
                  sentences=", ".join(str(i + 1) for i in sentences))
        with st.expander(escape_markdown(title)):
            st.caption(escape_markdown(topic.topic.description))
            marks = [Highlight(h.start, h.end, "violet") for h in topic.hits]
            for index in sentences:
                sentence = analysis.sentences[index]
                st.markdown(f":gray-badge[{index + 1}] " + highlight(sentence.text, marks, offset=sentence.start))


STYLESHEET = Path(__file__).resolve().parent / "static" / "lens.css"
# The page's own stylesheet: Streamlit wraps a CSS file in a style tag, off the page flow.

ENTITY_COLOURS = {"person": "green", "organization": "violet", "place": "blue", "event": "red"}


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
    with st.expander(t("entities.corrections")):
        st.caption(t("entities.corrections_help"))
        edited = st.data_editor(
            rows,
            key="lens_curation",
            hide_index=True,
            disabled=("id", "type"),
            column_config=labelled("entities", rows, id="small", type="small", name="medium") | {
                "same as": st.column_config.SelectboxColumn(t("entities.same_as"), options=list(entity_choices(entities)),
                                                            width="medium"),
                "drop": st.column_config.CheckboxColumn(t("entities.drop"), width="small"),
            },
        )
    if edited != rows:
        st.session_state["lens_curation_rows"] = edited
    return edited


def entity_choices(entities: tuple[Entity, ...]) -> dict[str, str]:
    """What the "same as" column offers — "Name (type)", the id added when two read alike — → ids."""
    labels = [f"{e.name} ({t(f'entities.{e.type}')})" for e in entities]
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
    st.subheader(t("entities.title"))
    if analysis.readers:
        st.caption(escape_markdown(t("entities.read_by", readers=[
            {"language": code, "reader": reader + (t("entities.rules_note") if reader == "rules" else "")}
            for code, reader in analysis.readers])))
    entities = analysis.entities
    if not entities:
        st.info(t("entities.none"))
        return
    people = [e for e in entities if e.type == "person"]
    if people:
        columns = st.columns(min(3, len(people)))
        for n, person in enumerate(people):
            with columns[n % len(columns)].container(border=True, key=f"lens_person_{n}"):
                st.markdown(f":green-badge[{t('entities.person')}] **{escape_markdown(person.name)}**")
                for label, value in (
                    (t("entities.role"), person.role),
                    (t("entities.organization_field"), person.organization),
                    (t("entities.country"), words().country(person.country, person.country_name)),
                ):
                    st.markdown(f"{label}: {escape_markdown(value) if value else t('entities.not_found')}")
                st.caption(escape_markdown(_mentions_line(person)))
    organizations = [e for e in entities if e.type == "organization"]
    places = [e for e in entities if e.type == "place"]
    events = [e for e in entities if e.type == "event"]
    if organizations:  # the page's width: five columns fit it, not half of it
        st.markdown(f"**{t('entities.organizations')}**")
        st.dataframe(
            rows := [
                {
                    "name": e.name,
                    "acronym": e.acronym or "",
                    "country": words().country(e.country, e.country_name) or "",
                    "mentions": len(e.mentions),
                    "written as": ", ".join(e.aliases),
                }
                for e in organizations
            ],
            hide_index=True,
            column_config=labelled("entities", rows, name="large", acronym="small", country="small", mentions="small",
                                   written_as="medium"),
        )
    left, right = st.columns(2)
    with left:
        if events:
            st.markdown(f"**{t('entities.named_events')}**")
            for event in events:
                st.markdown(f":red-badge[{t('entities.event')}] {escape_markdown(event.name)} — "
                            f"{escape_markdown(_mentions_line(event))}")
    with right:
        if places:
            st.markdown(f"**{t('entities.places')}**")
            st.plotly_chart(places_map(places, words()), key="lens_places_map", config=MAP_CONFIG)
            missing = [p.name for p in places if p.lat is None]
            if missing:
                st.caption(escape_markdown(t("entities.not_on_map", names=", ".join(missing))))


def _mentions_line(entity: Entity) -> str:
    sentences = sorted({m.sentence + 1 for m in entity.mentions})
    aliases = t("entities.also_written", aliases=", ".join(entity.aliases)) if entity.aliases else ""
    return t("entities.mentions_line", n=len(entity.mentions), sentences=", ".join(map(str, sentences))) + aliases


def render_text(analysis: Analysis, *, summary: tuple[int, ...] = (), keyword: Keyword | None = None) -> None:
    """The document as numbered sentences, paragraph by paragraph, with the marks asked for."""
    st.subheader(t("text.title"))
    st.caption(t("text.legend"))
    marks = [Highlight(o.start, o.end, "orange") for o in keyword.occurrences] if keyword else []
    if st.toggle(t("text.mark"), key="lens_mark_entities",
                 **({} if "lens_mark_entities" in st.session_state else {"value": True})):
        marks += [
            Highlight(m.start, m.end, ENTITY_COLOURS[e.type])
            for e in analysis.entities
            for m in e.mentions
            if not any(m.start < k.end and k.start < m.end for k in marks)
        ]
        st.markdown(" ".join(f":{colour}-background[{t(f'entities.{kind}')}]"  # the text's colour on them, not a caption's grey
                             for kind, colour in (*ENTITY_COLOURS.items(), ("keyword", "orange"))))
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
    with st.expander(t("text.languages")):
        st.dataframe(
            rows := [
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
            column_config=labelled("text", rows, sentence="small", language="small", confidence="small", reliable="small",
                                   text="large"),
        )
    with st.expander(t("text.analyzed")):
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
    elif view.text:  # a pasted or uploaded text the link carries: it opens as pasted
        st.session_state["lens_source"] = SOURCE_PASTE
        st.session_state["lens_paste"] = st.session_state["lens_paste_saved"] = view.text
        st.session_state["lens_details_from_link"] = (view.title or "", view.issuer or "")
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
    meta = analysis.metadata
    view = View(
        doc=doc,
        published=meta.published,
        no_date=meta.published is None,
        summary_k=st.session_state.get("lens_summary_k"),
        threshold=st.session_state.get("lens_topic_threshold"),
        section=st.session_state.get("lens_section", "all"),
        lang=words().code,
        text=None if doc else analysis.source.text,  # a pasted or uploaded text travels in the link, compressed
        title=None if doc else meta.title,
        issuer=None if doc else meta.source,
    )
    params = view_params(view)
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
    st.header(t("share.title"))
    if doc or "text" in params:
        st.caption(t("share.address") if doc else t("share.text_link"))
        with st.popover(t("share.link"), icon=":material/link:", width="stretch"):
            # (a popover draws its content when opened: the code block's script loads then, not with the page)
            st.code(link(st.context.url or "", view), language=None, wrap_lines=True)
    else:
        st.caption(t("share.too_long", limit=LINK_TEXT_LIMIT))


def main() -> None:
    """The Communiqué page: one document, every panel."""
    st.html(STYLESHEET)  # static CSS only (right-to-left paragraphs for Arabic), never user text
    try:
        catalog = load_catalog()
    except LensError as err:
        st.error(escape_markdown(t("page_messages.catalog_unreadable", error=err.said(words()))))
        catalog = ()
    keep_view_state()
    read_link(catalog)
    for notice in st.session_state.get("lens_link_notices", ()):
        st.warning(escape_markdown(t("page_messages.link_notice", notice=words().say(notice))), icon=":material/link_off:")
    choice = choose_document(catalog)
    if choice is None:  # an empty paste box, no file yet: the previous document is not shown as if it were this one
        st.info(t("page_messages.nothing_chosen"), icon=":material/arrow_back:")
        return
    error = load_choice(choice)
    if error:
        shown = t("page_messages.previous_kept", error=error) if "lens_current" in st.session_state else error
        st.error(escape_markdown(shown), icon=":material/error:")
    current = st.session_state.get("lens_current")
    if current is None:
        st.info(t("page_messages.choose"))
        return
    identity, source, metadata = current
    metadata = document_details(identity, metadata)
    st.sidebar.caption(t("sidebar.limit", limit=LIMIT_MB))
    taxonomy = choose_taxonomy()
    if st.session_state.get("lens_cancelled") == (source, metadata, taxonomy):
        st.warning(t("page_messages.cancelled"), icon=":material/cancel:")
        st.button(t("page_messages.resume"), key="lens_resume", on_click=st.session_state.pop, args=("lens_cancelled", None))
        return
    analyzer = Analyzer(source, metadata, taxonomy)
    try:
        show_analysis(identity, analyzer)
    except LensError as err:  # the worker refused the document or ran out of its budget
        st.error(escape_markdown(err.said(words())), icon=":material/error:")
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
        t("section.show"), SECTIONS, key="lens_section", horizontal=True, format_func=functools.partial(_said, words(), "section"),
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
            st.error(escape_markdown(t("page_messages.facts_unreadable", error=err.said(words()))), icon=":material/error:")
            return
    with header:
        for warning in analysis.warnings[len(partial.warnings) :]:  # dates that contradict each other
            st.warning(escape_markdown(warning.message), icon=":material/event_busy:")
    rows = curation_rows(analysis.entities)
    if shown("entities") and analysis.entities:
        with entities_section:
            entities_panel = st.container()
            rows = panel("corrections", curation_editor, analysis.entities, rows) or rows
    analysis = analysis.curated(curation_from_rows(analysis.entities, rows))
    with facts_section:
        panel("key_facts", render_key_facts, analysis)
    with st.sidebar:
        panel("export", render_exports, analysis)
        outputs = st.container()
    reading_panel(identity, analysis, places, outputs)
    if shown("entities"):
        with entities_section if not analysis.entities else entities_panel:
            panel("entities", render_entities, analysis)
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
        with places["text"].container():
            panel("text", lambda: render_text(analysis, summary=summary, keyword=picked_keyword(analysis)))
    with outputs:
        st.session_state.setdefault("lens_export_k", {})["k"] = st.session_state.get("lens_summary_k", DEFAULT_K)
        panel("share", write_link, identity, analysis)


def panel(name: str, render: Callable[..., Any], *args: Any) -> Any:
    """Draw one panel; if it fails, a short message takes its place and the page goes on."""
    try:
        return render(*args)
    except LensError as err:
        st.error(escape_markdown(t("page_messages.panel_failed", name=t(f"panel.{name}"), error=err.said(words()))),
                 icon=":material/error:")
    except Exception as err:  # noqa: BLE001 - one panel's bug must not blank the page
        st.error(t("page_messages.panel_bug", name=t(f"panel.{name}"), kind=type(err).__name__), icon=":material/error:")
    return None

st.set_page_config(page_title="Communiqué Lens", page_icon=str(Path(__file__).resolve().parent / "static" / "favicon.png"),
                   layout="wide")  # a file of ours: a material icon or an emoji is fetched from a CDN, offline it fails
st.sidebar.title(PRODUCT)
choose_interface_language()  # before the pages: both speak the language chosen here
st.navigation([
    st.Page(main, title=t("page.communique"), icon=":material/article:", default=True),
    st.Page("app_pages/corpus.py", title=t("page.corpus"), icon=":material/library_books:", url_path="corpus"),
]).run()
