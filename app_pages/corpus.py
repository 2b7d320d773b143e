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

ADD_BUDGET = Budget(seconds=120, memory=1536 * MB)
STATUS_LABELS = {"confirmed": "✅ confirmed", "possible": "❔ possible", "open": "⏳ open", "overdue": "⌛ overdue"}


@st.cache_resource(show_spinner="Reading the shipped corpus…")
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
    st.sidebar.header("Add to this session's corpus")
    uploads = st.sidebar.file_uploader("Communiqués (.txt, .md, .html, .pdf, .docx)", accept_multiple_files=True,
                                       key="lens_corpus_uploads")
    added: tuple[Rows, ...] = st.session_state.get("lens_corpus_added", ())
    known = {r.doc_key for r in added}
    for upload in uploads or ():
        try:
            source = read_bytes(upload.getvalue(), name=upload.name)
        except LensError as err:
            st.sidebar.error(escape_markdown(str(err)), icon=":material/error:")
            continue
        if source.sha256 in known:
            continue
        entry = find(sha256=source.sha256)
        job = Job(functools.partial(analyzed_rows, name=upload.name), source, entry.metadata if entry else Metadata(),
                  budget=ADD_BUDGET)
        try:
            with st.spinner(escape_markdown(f"Analyzing {upload.name}…")):
                rows = job.next()
        except LensError as err:
            st.sidebar.error(escape_markdown(f"{upload.name}: {err}"), icon=":material/error:")
            continue
        finally:
            job.cancel()
        added += (rows,)
        known.add(source.sha256)
    st.session_state["lens_corpus_added"] = added
    if added:
        st.sidebar.caption(f"{len(added)} file(s) added in this session (kept until the session ends).")


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
            "published": st.column_config.DateColumn("date", format="YYYY-MM-DD", width="small"),
            "source": st.column_config.TextColumn("issuer", width="medium"),
            "language": st.column_config.TextColumn("lang.", width="small"),
            "title": st.column_config.TextColumn("title", width="large"),
            "top_topics": st.column_config.TextColumn("top topics", width="medium"),
            "open": st.column_config.LinkColumn("open", display_text="Communiqué page", width="small",
                                                help="Open the document on the Communiqué page (catalog documents)"),
        },
    )


def followups_table(followups: pd.DataFrame) -> None:
    if followups.empty:
        st.info("No planned or upcoming event in the corpus.")
        return
    frame = followups.assign(status=followups["status"].map(STATUS_LABELS))
    frame["open_plan"] = [_link(d) for d in frame["planned_doc_id"]]
    frame["open_report"] = [_link(d) for d in frame["report_doc_id"]]
    st.dataframe(
        frame[["planned_published", "planned_label", "window_start", "window_end", "when_text", "status", "score",
               "report_published", "report_label", "planned_sentence", "planned_evidence", "report_sentence",
               "report_evidence", "planned_title", "open_plan", "report_title", "open_report"]],
        hide_index=True, key="lens_corpus_followups",
        column_config={
            "planned_published": st.column_config.DateColumn("announced", format="YYYY-MM-DD"),
            "planned_label": st.column_config.TextColumn("planned event", width="medium"),
            "window_start": st.column_config.DateColumn("window from", format="YYYY-MM-DD"),
            "window_end": st.column_config.DateColumn("to", format="YYYY-MM-DD"),
            "when_text": st.column_config.TextColumn("as written"),
            "score": st.column_config.NumberColumn("score", format="%.2f",
                                                   help="0.4 shared participant + 0.3 same place + 0.3 date in the window"),
            "report_published": st.column_config.DateColumn("reported", format="YYYY-MM-DD"),
            "report_label": st.column_config.TextColumn("report", width="medium"),
            "planned_sentence": st.column_config.NumberColumn("§ plan"),
            "planned_evidence": st.column_config.TextColumn("planned — evidence", width="large"),
            "report_sentence": st.column_config.NumberColumn("§ report"),
            "report_evidence": st.column_config.TextColumn("report — evidence", width="large"),
            "open_plan": st.column_config.LinkColumn("open plan", display_text="Communiqué page"),
            "open_report": st.column_config.LinkColumn("open report", display_text="Communiqué page"),
        },
    )


def main() -> None:
    st.title("Corpus")
    st.caption("Many communiqués, one story: who appears where, what was planned, and which later "
               "document reports it. Each planned event is confirmed, possible (never shown as "
               "confirmed), still open, or overdue.")
    add_files()
    try:
        store = session_store()
    except LensError as err:
        st.error(str(err), icon=":material/error:")
        return
    st.subheader("Documents")
    documents_table(store)
    st.subheader("Follow-ups")
    followups = store.followups(as_of=dt.date.today())  # once per run: the table and the timeline
    followups_table(followups)
    st.subheader("Timeline across documents")
    events = store.timeline()
    if events["start_date"].notna().any():
        st.plotly_chart(corpus_timeline(events, followups), key="lens_corpus_timeline",
                        config={"displayModeBar": False})
    else:
        st.info("No dated event in the corpus.")
    st.subheader("People, organizations and places")
    people = store.people()
    st.dataframe(people[["name", "type", "documents", "mentions", "roles", "written", "first_seen", "last_seen"]],
                 hide_index=True, key="lens_corpus_people",
                 column_config={"roles": st.column_config.TextColumn("roles over time", width="large"),
                                "written": st.column_config.TextColumn("written as", width="medium"),
                                "first_seen": st.column_config.DateColumn("first", format="YYYY-MM-DD"),
                                "last_seen": st.column_config.DateColumn("last", format="YYYY-MM-DD")})
    st.subheader("Topics per month")
    monthly = monthly_topics(store)
    if monthly.empty:
        st.info("No dated document with topics.")
    else:
        st.plotly_chart(topic_trends(monthly), key="lens_corpus_topics", config={"displayModeBar": False})


main()
