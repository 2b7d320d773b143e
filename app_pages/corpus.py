"""The Corpus page: many communiqués, one story (documents, cross-document timeline with
follow-ups, people index, topic trends). Widgets call lib/; no analysis logic here.

The shipped corpus is the catalog (seeds/ and data/examples/), analyzed once per server. Files
added in the sidebar go into this session's corpus (an in-memory store of its own). With
``LENS_CORPUS_STORE=PATH`` the page reads that store file instead (read-only), e.g. one built by
``python -m lib corpus add``.
"""

from __future__ import annotations

import datetime as dt
import functools
import os

import pandas as pd
import streamlit as st

from lib.catalog import Metadata, find, load_catalog, read_document
from lib.charts import corpus_timeline, topic_trends
from lib.corpus import Rows, Store, analyzed_rows, monthly_topics, resolve_surnames
from lib.errors import MB, LensError
from lib.ingest import read_bytes
from lib.markup import escape_markdown
from lib.worker import Budget, Job
from app_pages.ui import t, words

ADD_BUDGET = Budget(seconds=120, memory=1536 * MB)
STATUS_ICONS = {"confirmed": "✅", "possible": "❔", "open": "⏳", "overdue": "⌛"}


@st.cache_resource(show_spinner=False)
def shipped_rows() -> tuple[Rows, ...]:
    """The catalog's documents, analyzed once per server."""
    return tuple(analyzed_rows(read_document(e), e.metadata, e.path.name) for e in load_catalog())


def _store_with(rows: tuple[Rows, ...]) -> Store:
    store = Store(":memory:")
    for row in rows:
        store.write(row)
    resolve_surnames(store)
    return store


@st.cache_resource(show_spinner=False)
def shared_store(path: str | None) -> Store:
    """The corpus every session sees until it adds files: a store file, or the shipped corpus."""
    return Store(path, read_only=True) if path else _store_with(shipped_rows())


def session_store() -> Store:
    added: tuple[Rows, ...] = st.session_state.get("lens_corpus_added", ())
    path = os.environ.get("LENS_CORPUS_STORE")
    if not added:
        return shared_store(path)
    key = tuple(r.doc_key for r in added)
    if st.session_state.get("lens_corpus_key") != key:
        base = () if path else shipped_rows()
        st.session_state["lens_corpus_store"] = _store_with(base + added)
        st.session_state["lens_corpus_key"] = key
    return st.session_state["lens_corpus_store"]


def add_files() -> None:
    """Sidebar: files analyzed (in a worker process) into this session's corpus."""
    st.sidebar.header(t("corpus.add"))
    uploads = st.sidebar.file_uploader(t("corpus.uploads"), accept_multiple_files=True, key="lens_corpus_uploads")
    added: tuple[Rows, ...] = st.session_state.get("lens_corpus_added", ())
    known = {r.doc_key for r in added}
    for upload in uploads or ():
        try:
            source = read_bytes(upload.getvalue(), name=upload.name)
        except LensError as err:
            st.sidebar.error(escape_markdown(err.said(words())), icon=":material/error:")
            continue
        if source.sha256 in known:
            continue
        entry = find(sha256=source.sha256)
        job = Job(functools.partial(analyzed_rows, name=upload.name), source, entry.metadata if entry else Metadata(),
                  budget=ADD_BUDGET)
        try:
            with st.spinner(escape_markdown(t("corpus.analyzing", name=upload.name))):
                rows = job.next()
        except LensError as err:
            st.sidebar.error(escape_markdown(f"{upload.name}: {err.said(words())}"), icon=":material/error:")
            continue
        finally:
            job.cancel()
        added += (rows,)
        known.add(source.sha256)
    st.session_state["lens_corpus_added"] = added
    if added:
        st.sidebar.caption(t("corpus.added", n=len(added)))


def _link(doc_id: object) -> str | None:
    """The Communiqué page of a catalog document (a document outside the catalog has no link)."""
    return f"/?doc={doc_id}" if isinstance(doc_id, str) else None


def documents_table(store: Store) -> None:
    frame = store.documents()
    frame["open"] = [_link(d) for d in frame["doc_id"]]
    st.dataframe(
        frame[["published", "source", "language", "title", "top_topics", "open"]],
        hide_index=True, key="lens_corpus_documents",
        column_config={
            "published": st.column_config.DateColumn(t("corpus.date"), format="YYYY-MM-DD", width="small"),
            "source": st.column_config.TextColumn(t("corpus.issuer"), width="medium"),
            "language": st.column_config.TextColumn(t("corpus.language"), width="small"),
            "title": st.column_config.TextColumn(t("corpus.title_column"), width="large"),
            "top_topics": st.column_config.TextColumn(t("corpus.top_topics"), width="medium"),
            "open": st.column_config.LinkColumn(t("corpus.open"), display_text=t("corpus.page_link"), width="small",
                                                help=t("corpus.open_help")),
        },
    )


def followups_table(followups: pd.DataFrame) -> None:
    if followups.empty:
        st.info(t("corpus.no_followup"))
        return
    frame = followups.assign(status=followups["status"].map(lambda status: f"{STATUS_ICONS[status]} {t(f'followup.{status}')}"))
    frame["open_plan"] = [_link(d) for d in frame["planned_doc_id"]]
    frame["open_report"] = [_link(d) for d in frame["report_doc_id"]]
    st.dataframe(
        frame[["planned_published", "planned_label", "window_start", "window_end", "when_text", "status", "score",
               "report_published", "report_label", "planned_sentence", "planned_evidence", "report_sentence",
               "report_evidence", "planned_title", "open_plan", "report_title", "open_report"]],
        hide_index=True, key="lens_corpus_followups",
        column_config={
            "planned_published": st.column_config.DateColumn(t("corpus.announced"), format="YYYY-MM-DD", width="small"),
            "planned_label": st.column_config.TextColumn(t("corpus.planned_event"), width="medium"),
            "window_start": st.column_config.DateColumn(t("corpus.window_from"), format="YYYY-MM-DD", width="small"),
            "window_end": st.column_config.DateColumn(t("corpus.window_to"), format="YYYY-MM-DD", width="small"),
            "when_text": st.column_config.TextColumn(t("corpus.as_written"), width="small"),
            "status": st.column_config.TextColumn(t("corpus.status"), width="small"),
            "score": st.column_config.NumberColumn(t("corpus.score"), format="%.2f", width="small", help=t("corpus.score_help")),
            "report_published": st.column_config.DateColumn(t("corpus.reported"), format="YYYY-MM-DD", width="small"),
            "report_label": st.column_config.TextColumn(t("corpus.report"), width="medium"),
            "planned_sentence": st.column_config.NumberColumn(t("corpus.plan_sentence"), width="small"),
            "planned_evidence": st.column_config.TextColumn(t("corpus.plan_evidence"), width="large"),
            "report_sentence": st.column_config.NumberColumn(t("corpus.report_sentence"), width="small"),
            "report_evidence": st.column_config.TextColumn(t("corpus.report_evidence"), width="large"),
            "planned_title": st.column_config.TextColumn(t("corpus.plan_title"), width="medium"),
            "open_plan": st.column_config.LinkColumn(t("corpus.open_plan"), display_text=t("corpus.page_link")),
            "report_title": st.column_config.TextColumn(t("corpus.report_title"), width="medium"),
            "open_report": st.column_config.LinkColumn(t("corpus.open_report"), display_text=t("corpus.page_link")),
        },
    )


def main() -> None:
    st.title(t("corpus.title"))
    st.caption(t("corpus.intro"))
    add_files()
    try:
        with st.spinner(t("corpus.reading")):
            store = session_store()
    except LensError as err:
        st.error(escape_markdown(err.said(words())), icon=":material/error:")
        return
    st.subheader(t("corpus.documents"))
    documents_table(store)
    st.subheader(t("corpus.followups"))
    followups = store.followups(as_of=dt.date.today())  # once per run: the table and the timeline
    followups_table(followups)
    st.subheader(t("corpus.timeline"))
    events = store.timeline()
    if events["start_date"].notna().any():
        st.plotly_chart(corpus_timeline(events, followups, words()), key="lens_corpus_timeline",
                        config={"displayModeBar": False})
    else:
        st.info(t("corpus.no_event"))
    st.subheader(t("corpus.people"))
    people = store.people()
    st.dataframe(people[["name", "type", "documents", "mentions", "roles", "written", "first_seen", "last_seen"]],
                 hide_index=True, key="lens_corpus_people",
                 column_config={"name": st.column_config.TextColumn(t("corpus.name"), width="medium"),
                                "type": st.column_config.TextColumn(t("corpus.type"), width="small"),
                                "documents": st.column_config.NumberColumn(t("corpus.documents_count"), width="small"),
                                "mentions": st.column_config.NumberColumn(t("corpus.mentions"), width="small"),
                                "roles": st.column_config.TextColumn(t("corpus.roles"), width="large"),
                                "written": st.column_config.TextColumn(t("corpus.written"), width="medium"),
                                "first_seen": st.column_config.DateColumn(t("corpus.first"), format="YYYY-MM-DD", width="small"),
                                "last_seen": st.column_config.DateColumn(t("corpus.last"), format="YYYY-MM-DD", width="small")})
    st.subheader(t("corpus.topics"))
    monthly = monthly_topics(store)
    if monthly.empty:
        st.info(t("corpus.no_topics"))
    else:
        st.plotly_chart(topic_trends(monthly, words()), key="lens_corpus_topics", config={"displayModeBar": False})


main()
