"""The corpus: many communiqués in one DuckDB file, and follow-ups across documents.

Each document is stored whole (its analysis as the CLI's JSON) and in tables a user can query
with SQL or pandas: ``documents``, ``entities``, ``mentions``, ``events``, ``topics``. The same
person, organization or place across documents and languages has one ``identity`` (data/
people.toml lists other spellings and scripts; a surname alone joins the one full name that
ends with it). A document is keyed by the SHA-256 of its bytes: adding it twice is a no-op.

Follow-ups: a planned or upcoming event of one document is matched with an event of a later
document that reports it (:func:`followups`), with a score and evidence from both sides.

Only one process writes the store (the CLI's parent process; workers only analyze and send
back rows). Documents are written in transactions of whole documents (up to 50 at a time): an
interrupted ``corpus add`` writes the documents analyzed so far and leaves no part of another.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from lib.errors import LensError, shown
from lib.lexicon import match_view
from lib.resources import load_toml

SCHEMA_VERSION = 1
TABLES = ("documents", "entities", "mentions", "events", "topics")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS lens_meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    doc_key VARCHAR PRIMARY KEY, name VARCHAR, doc_id VARCHAR, title VARCHAR, source VARCHAR,
    published DATE, issued_in VARCHAR, language VARCHAR, words INTEGER, added TIMESTAMP, analysis JSON);
CREATE TABLE IF NOT EXISTS entities (
    doc_key VARCHAR, entity_id VARCHAR, identity VARCHAR, type VARCHAR, name VARCHAR, role VARCHAR,
    organization VARCHAR, country VARCHAR, mentions INTEGER);
CREATE TABLE IF NOT EXISTS mentions (
    doc_key VARCHAR, identity VARCHAR, sentence INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR);
CREATE TABLE IF NOT EXISTS events (
    doc_key VARCHAR, event_id VARCHAR, kind VARCHAR, label VARCHAR, status VARCHAR, start_date DATE,
    end_date DATE, approximate BOOLEAN, when_text VARCHAR, place VARCHAR, place_identity VARCHAR,
    participants VARCHAR[], sentence INTEGER, evidence VARCHAR);
CREATE TABLE IF NOT EXISTS topics (
    doc_key VARCHAR, topic_id VARCHAR, label VARCHAR, weight DOUBLE, share DOUBLE);
"""

_COLUMNS = {
    "documents": ("doc_key", "name", "doc_id", "title", "source", "published", "issued_in", "language", "words",
                  "added", "analysis"),
    "entities": ("doc_key", "entity_id", "identity", "type", "name", "role", "organization", "country", "mentions"),
    "mentions": ("doc_key", "identity", "sentence", "start_char", "end_char", "text"),
    "events": ("doc_key", "event_id", "kind", "label", "status", "start_date", "end_date", "approximate", "when_text",
               "place", "place_identity", "participants", "sentence", "evidence"),
    "topics": ("doc_key", "topic_id", "label", "weight", "share"),
}
"""The columns of each table, in order (the rows of :func:`rows_of` follow it)."""

CONFIRMED, POSSIBLE = 0.7, 0.4
"""Follow-up scores: at or above CONFIRMED (and a shared participant) a report confirms the
planned event; from POSSIBLE it is listed as possible — never as confirmed."""
NEAR_DAYS = 31
"""A report dated this many days around a planned event's window still counts as near it."""


# --- identity -------------------------------------------------------------------------------


def key_of(kind: str, name: str) -> str:
    """The identity of a name: its type and its words folded (case, accents, Arabic letter
    variants), any script: "Hammouchi", "HAMMOUCHI" → ``person:hammouchi``."""
    words = re.findall(r"\w+", match_view(name).casefold())
    return f"{kind}:{'-'.join(words) or name}"


@lru_cache(maxsize=1)
def _people() -> dict[str, str]:
    """Every spelling of data/people.toml → the identity of the person's shown name."""
    aliases: dict[str, str] = {}
    for person in load_toml("people.toml").get("person", []):
        identity = key_of("person", person["name"])
        for written in (person["name"], *person.get("aliases", [])):
            aliases[key_of("person", written)] = identity
    return aliases


@lru_cache(maxsize=1)
def _shown_names() -> dict[str, str]:
    """The identity of each person of data/people.toml → the name it is shown under."""
    return {key_of("person", p["name"]): p["name"] for p in load_toml("people.toml").get("person", [])}


def identity_of(entity: dict[str, Any]) -> str:
    """The identity of one entity of the JSON contract: data/people.toml first, else its name
    (organizations: data/organizations.toml already gave the same name to their acronyms)."""
    for written in (entity["name"], *entity.get("aliases", ())):
        known = _people().get(key_of(entity["type"], written)) if entity["type"] == "person" else None
        if known:
            return known
    return key_of(entity["type"], entity["name"])


# --- rows of one document ----------------------------------------------------------------------


@dataclass(frozen=True)
class Rows:
    """One document's rows for every table (lists of tuples in column order)."""

    doc_key: str
    tables: dict[str, list[tuple[Any, ...]]]


def rows_of(doc_key: str, name: str, analysis: dict[str, Any], *, added: dt.datetime) -> Rows:
    """The rows of one analysis (the JSON contract, parsed)."""
    document = analysis["document"]
    identities = {}
    entity_rows, mention_rows = [], []
    for entity in analysis["entities"]:
        identity = identity_of(entity)
        for written in (entity["name"], *entity.get("aliases", ())):
            identities[written] = identity
        entity_rows.append((doc_key, entity["id"], identity, entity["type"], entity["name"], entity.get("role"),
                            entity.get("organization"), entity.get("country"), len(entity["mentions"])))
        mention_rows.extend((doc_key, identity, m["sentence"], m["start"], m["end"], m["text"]) for m in entity["mentions"])
    sentences = document["sentences"]
    event_rows = [
        (doc_key, e["id"], e["kind"], e["label"], e["status"], _date(e["start"]), _date(e["end"]), e["approximate"],
         e.get("when_text"), e.get("place"), identities.get(e["place"], key_of("place", e["place"])) if e.get("place") else None,
         [identities.get(p, key_of("person", p)) for p in e["participants"]], e["evidence"]["sentence"],
         sentences[e["evidence"]["sentence"]]["text"])
        for e in analysis["events"]
    ]
    topic_rows = [(doc_key, t["id"], t["labels"].get("en", t["label"]), t["weight"], t["share"]) for t in analysis["topics"]]
    document_row = (doc_key, name, document.get("id"), document["title"], document.get("source"),
                    _date(document.get("published")), document.get("issued_in"), document["language"]["code"],
                    document["words"], added, json.dumps(analysis, ensure_ascii=False))
    return Rows(doc_key, {"documents": [document_row], "entities": entity_rows, "mentions": mention_rows,
                          "events": event_rows, "topics": topic_rows})


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# --- the store ---------------------------------------------------------------------------------


class Store:
    """A corpus file. Open it with ``Store(path)`` (created if missing) and close it, or use it
    in a ``with`` block.

    Raises:
        LensError: the file is not a corpus store (corrupt, another database, a newer schema)
            or another process holds it — the file is left as it was.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        import duckdb  # the dashboard's Communiqué page never needs it

        self.path = Path(path)
        if read_only and not self.path.exists():
            raise LensError(f"{shown(str(path))}: no corpus store there (add documents with `corpus add`)")
        try:
            self.db = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as err:
            reason = "another process is using it" if "lock" in str(err).lower() else "it is not a corpus store"
            raise LensError(f"{shown(str(path))}: cannot open the corpus store ({reason}); the file is unchanged") from err
        except duckdb.Error as err:
            raise LensError(f"{shown(str(path))}: cannot open the corpus store ({type(err).__name__}); "
                            "the file is unchanged") from err
        try:
            if not read_only:
                self.db.execute("BEGIN")
                self.db.execute(_SCHEMA)
                self.db.execute("INSERT OR IGNORE INTO lens_meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
                self.db.execute("COMMIT")
            version = self.db.execute("SELECT value FROM lens_meta WHERE key = 'schema_version'").fetchone()
        except duckdb.Error as err:
            self.db.close()
            raise LensError(f"{shown(str(path))}: not a corpus store ({type(err).__name__})") from err
        if version is None or int(version[0]) != SCHEMA_VERSION:
            self.db.close()
            raise LensError(f"{shown(str(path))}: a corpus store of another version ({version and version[0]}); "
                            f"this one reads version {SCHEMA_VERSION}")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def known(self) -> set[str]:
        """The document keys (SHA-256 of the bytes) already in the store."""
        return {row[0] for row in self.db.cursor().execute("SELECT doc_key FROM documents").fetchall()}

    def write(self, rows: Rows) -> None:
        """Write one document (replacing it if present), all tables in one transaction."""
        self.write_many([rows])

    def write_many(self, documents: Sequence[Rows]) -> None:
        """Write documents (replacing those present) in one transaction: all of them or none.
        Rows go in through pandas frames (DuckDB reads them column-wise: much faster than a
        statement per row)."""
        if not documents:
            return
        keys = pd.DataFrame({"doc_key": [d.doc_key for d in documents]})
        self.db.execute("BEGIN")
        try:
            self.db.register("lens_keys", keys)
            for table in TABLES:
                self.db.execute(f"DELETE FROM {table} WHERE doc_key IN (SELECT doc_key FROM lens_keys)")  # noqa: S608
                values = [row for d in documents for row in d.tables[table]]
                if values:
                    columns = _COLUMNS[table]
                    if any(len(row) != len(columns) for row in values):
                        raise ValueError(f"{table}: rows of {len(columns)} values expected")
                    self.db.register("lens_rows", pd.DataFrame(values, columns=columns))
                    self.db.execute(f"INSERT INTO {table} SELECT * FROM lens_rows")  # noqa: S608 - our names
                    self.db.unregister("lens_rows")
            self.db.unregister("lens_keys")
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def frame(self, sql: str, parameters: Sequence[Any] = ()) -> pd.DataFrame:
        # A cursor of its own: the dashboard's sessions share one store, each in its own thread
        # (a DuckDB connection is not to be used by two threads at once; its cursors may).
        return self.db.cursor().execute(sql, list(parameters)).df()

    def documents(self) -> pd.DataFrame:
        """One row per document: date, issuer, language, title, top topics."""
        return self.frame("""
            SELECT d.doc_key, d.doc_id, d.published, d.source, d.language, d.title, d.name,
                   (SELECT string_agg(t.label, ', ' ORDER BY t.weight DESC) FROM
                       (SELECT * FROM topics t WHERE t.doc_key = d.doc_key ORDER BY t.weight DESC LIMIT 3) t) AS top_topics
            FROM documents d ORDER BY d.published NULLS LAST, d.title""")

    def timeline(self) -> pd.DataFrame:
        """Every event of every document, in date order."""
        return self.frame("""
            SELECT e.start_date, e.end_date, e.kind, e.status, e.label, e.place, e.approximate, d.published,
                   d.title AS document, e.doc_key, e.event_id, e.sentence + 1 AS sentence, e.evidence
            FROM events e JOIN documents d USING (doc_key)
            ORDER BY e.start_date NULLS LAST, d.published, e.event_id""")

    def people(self) -> pd.DataFrame:
        """Each identity across documents: its names as written, documents and roles over time."""
        return self.frame("""
            SELECT e.identity, any_value(e.type) AS type,
                   mode(e.name) AS name,
                   string_agg(DISTINCT e.name, ' | ') AS written,
                   count(DISTINCT e.doc_key) AS documents, sum(e.mentions)::INTEGER AS mentions,
                   string_agg(DISTINCT CASE WHEN e.role IS NOT NULL
                       THEN coalesce(strftime(d.published, '%Y-%m-%d'), '?') || ': ' || e.role END, ' | '
                       ORDER BY CASE WHEN e.role IS NOT NULL
                       THEN coalesce(strftime(d.published, '%Y-%m-%d'), '?') || ': ' || e.role END) AS roles,
                   min(d.published) AS first_seen, max(d.published) AS last_seen
            FROM entities e JOIN documents d USING (doc_key)
            GROUP BY e.identity ORDER BY documents DESC, mentions DESC, name""").assign(
            name=lambda frame: [_shown_names().get(i, n) for i, n in zip(frame["identity"], frame["name"])])

    def export_parquet(self, folder: str | Path) -> list[Path]:
        """Every table as ``folder/TABLE.parquet``."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for table in TABLES:
            target = out / f"{table}.parquet"
            self.db.execute(f"COPY {table} TO '{_quoted(str(target))}' (FORMAT parquet)")  # noqa: S608
            written.append(target)
        return written

    def followups(self, *, as_of: dt.date | None = None) -> pd.DataFrame:
        """See :func:`followups`."""
        return followups(self.db.cursor(), as_of=as_of or dt.date.today())


def _quoted(text: str) -> str:
    return text.replace("'", "''")


def resolve_surnames(store: Store) -> None:
    """A person named by a surname alone ("M. Hammouchi" in a document that never gives the
    full name) is the one person of the corpus whose full name ends with it, if only one does."""
    store.db.execute("BEGIN")
    try:
        store.db.execute("""
            CREATE TEMP TABLE lens_surnames AS
            SELECT short.identity AS short, min(full_.identity) AS full_identity
            FROM (SELECT DISTINCT identity FROM entities WHERE type = 'person' AND identity NOT LIKE '%-%') short
            JOIN (SELECT DISTINCT identity FROM entities WHERE type = 'person' AND identity LIKE '%-%') full_
              ON full_.identity LIKE '%-' || substr(short.identity, 8)
            GROUP BY short.identity HAVING count(*) = 1""")
        for table in ("entities", "mentions"):
            store.db.execute(f"""UPDATE {table} SET identity = s.full_identity FROM lens_surnames s
                                 WHERE {table}.identity = s.short""")  # noqa: S608
        store.db.execute("""UPDATE events SET participants = list_transform(participants, lambda x: coalesce(names.m[x], x))
                            FROM (SELECT map_from_entries(list((short, full_identity))) AS m FROM lens_surnames) names
                            WHERE len(participants) > 0""")
        store.db.execute("DROP TABLE lens_surnames")
        store.db.execute("COMMIT")
    except BaseException:
        store.db.execute("ROLLBACK")
        raise


# --- follow-ups --------------------------------------------------------------------------------

_FOLLOWUPS = f"""
WITH doc AS (SELECT doc_key, doc_id, published, title FROM documents),
planned AS (
    SELECT e.*, d.doc_id, d.published, d.title FROM events e JOIN doc d USING (doc_key)
    WHERE e.status IN ('planned', 'upcoming')),
reported AS (
    SELECT e.*, d.doc_id, d.published, d.title FROM events e JOIN doc d USING (doc_key)
    WHERE e.status IN ('past', 'ongoing')),
pairs AS (
    SELECT p.doc_key AS planned_doc, p.event_id AS planned_event, r.doc_key AS report_doc, r.event_id AS report_event,
           len(list_intersect(p.participants, r.participants)) > 0 AS shared,
           p.place_identity IS NOT NULL AND p.place_identity = r.place_identity AS same_place,
           CASE WHEN r.start_date IS NULL OR p.start_date IS NULL THEN 0.0
                WHEN r.start_date <= coalesce(p.end_date, p.start_date) AND coalesce(r.end_date, r.start_date) >= p.start_date THEN 0.3
                WHEN r.start_date <= coalesce(p.end_date, p.start_date) + INTERVAL {NEAR_DAYS} DAY
                     AND coalesce(r.end_date, r.start_date) >= p.start_date - INTERVAL {NEAR_DAYS} DAY THEN 0.15
                ELSE 0.0 END AS when_score,
           r.label AS report_label, r.start_date AS report_start, r.end_date AS report_end, r.published AS report_published,
           r.title AS report_title, r.doc_id AS report_doc_id, r.sentence + 1 AS report_sentence,
           r.evidence AS report_evidence
    FROM planned p JOIN reported r
      ON p.kind = r.kind AND r.doc_key <> p.doc_key AND r.published > p.published
     AND (len(list_intersect(p.participants, r.participants)) > 0 OR p.place_identity = r.place_identity)),
scored AS (
    SELECT *, round((CASE WHEN shared THEN 0.4 ELSE 0 END) + (CASE WHEN same_place THEN 0.3 ELSE 0 END) + when_score, 2) AS score
    FROM pairs),
best AS (
    SELECT * FROM scored QUALIFY row_number() OVER (PARTITION BY planned_doc, planned_event
                                                     ORDER BY score DESC, report_published, report_doc) = 1)
SELECT p.doc_key AS planned_doc, p.title AS planned_title, p.published AS planned_published, p.event_id AS planned_event,
       p.kind, p.label AS planned_label, p.start_date AS window_start, p.end_date AS window_end, p.when_text,
       p.sentence + 1 AS planned_sentence, p.evidence AS planned_evidence,
       CASE WHEN b.score >= {CONFIRMED} AND b.shared THEN 'confirmed'
            WHEN b.score >= {POSSIBLE} THEN 'possible'
            WHEN coalesce(p.end_date, p.start_date) < $as_of THEN 'overdue'
            ELSE 'open' END AS status,
       CASE WHEN b.score >= {POSSIBLE} THEN b.score END AS score,
       CASE WHEN b.score >= {POSSIBLE} THEN b.report_doc END AS report_doc,
       CASE WHEN b.score >= {POSSIBLE} THEN b.report_title END AS report_title,
       CASE WHEN b.score >= {POSSIBLE} THEN b.report_published END AS report_published,
       CASE WHEN b.score >= {POSSIBLE} THEN b.report_label END AS report_label,
       CASE WHEN b.score >= {POSSIBLE} THEN b.report_start END AS report_start,
       CASE WHEN b.score >= {POSSIBLE} THEN b.report_end END AS report_end,
       CASE WHEN b.score >= {POSSIBLE} THEN b.report_sentence END AS report_sentence,
       CASE WHEN b.score >= {POSSIBLE} THEN b.report_evidence END AS report_evidence,
       p.doc_id AS planned_doc_id,
       CASE WHEN b.score >= {POSSIBLE} THEN b.report_doc_id END AS report_doc_id
FROM planned p LEFT JOIN best b ON b.planned_doc = p.doc_key AND b.planned_event = p.event_id
ORDER BY p.published, p.start_date NULLS LAST, p.event_id
"""


def followups(db: Any, *, as_of: dt.date) -> pd.DataFrame:
    """Every planned or upcoming event, with the later document that reports it.

    A candidate report is an event of the same kind in a later document that shares a
    participant or the place. Its score: 0.4 for a shared participant (identities), 0.3 for the
    same place, 0.3 for a date inside the planned window (0.15 within NEAR_DAYS of it). Status:
    ``confirmed`` (score ≥ CONFIRMED with a shared participant), ``possible`` (≥ POSSIBLE: never
    shown as confirmed), else ``overdue`` when the window ended before ``as_of``, else ``open``.
    """
    return db.execute(_FOLLOWUPS, {"as_of": as_of}).df()


# --- analyzing into rows ----------------------------------------------------------------------


def analyzed_rows(source: Any, metadata: Any, name: str) -> Rows:
    """Analyze one document (a :class:`lib.ingest.Source` with its :class:`lib.catalog.Metadata`)
    into its corpus rows, through the JSON contract (what the store keeps is what the CLI prints)."""
    from lib.analysis import analyze
    from lib.report import to_json

    return rows_of(source.sha256, name, json.loads(to_json(analyze(source, metadata))), added=dt.datetime.now())


def monthly_topics(store: Store) -> pd.DataFrame:
    """Topic weight per publication month (documents without a date left out), one row per topic
    id: documents in other languages count together (``topic`` is one of the labels they gave)."""
    return store.frame("""
        SELECT date_trunc('month', d.published) AS month, t.topic_id, min(t.label) AS topic, sum(t.weight) AS weight,
               count(DISTINCT d.doc_key) AS documents
        FROM topics t JOIN documents d USING (doc_key) WHERE d.published IS NOT NULL
        GROUP BY ALL ORDER BY month, weight DESC""")
