"""The document catalog (data/catalog.toml): files the dashboard offers, with their metadata."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lib.errors import FIRST_DATE, LAST_DATE, DataFileError, InvalidDateError
from lib.ingest import Source, read_path
from lib.resources import PROJECT_DIR, load_toml

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Metadata:
    """What is known about a document besides its text. Every field is optional.

    Attributes:
        title: Display title; by default the document's own title line.
        source: Who issued and relayed it.
        published: Publication date, the anchor for relative dates. Never defaults to today.
        issued_in: Place the communiqué was issued from.
        doc_id: Catalog identifier, when the document is in the catalog.
        published_from: ``"dateline"`` when the publication date was read from the document's
            dateline because none was given; ``None`` when it was given (catalog, user) or unset.
    """

    title: str | None = None
    source: str | None = None
    published: dt.date | None = None
    issued_in: str | None = None
    doc_id: str | None = None
    published_from: str | None = None


@dataclass(frozen=True)
class CatalogEntry:
    """One catalog document: where its file is and its metadata."""

    path: Path
    sha256: str
    language: str | None
    metadata: Metadata


def parse_date(value: str) -> dt.date:
    """Parse a YYYY-MM-DD date between FIRST_DATE and LAST_DATE (1900-01-01 to 2100-12-31).

    Raises:
        InvalidDateError: with a usable message (another form, or a date out of range).
    """
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
            raise ValueError(value)
        date = dt.date.fromisoformat(value.strip())
    except ValueError as err:
        raise InvalidDateError(value) from err
    if not in_range(date):
        raise InvalidDateError(value)
    return date


def in_range(date: dt.date) -> bool:
    """Whether a date is one this tool reads (1900-01-01 to 2100-12-31)."""
    return FIRST_DATE <= date <= LAST_DATE


@lru_cache(maxsize=1)
def load_catalog() -> tuple[CatalogEntry, ...]:
    """Read and validate data/catalog.toml once per process.

    Raises:
        DataFileError: naming the entry and field that is wrong.
    """
    data = load_toml("catalog.toml")
    return tuple(_entry(raw, n) for n, raw in enumerate(data.get("document", []), start=1))


def _entry(raw: dict[str, Any], n: int) -> CatalogEntry:
    where = "data/catalog.toml"

    def field(name: str, *, required: bool = False) -> Any:
        value = raw.get(name)
        if required and value in (None, ""):
            raise DataFileError(where, f"document #{n} has no {name}")
        return value

    doc_id = field("id", required=True)
    if not isinstance(doc_id, str) or not _ID.match(doc_id):
        raise DataFileError(where, f"document #{n}: id {doc_id!r} must be letters, digits and '-'")
    sha = field("sha256", required=True)
    if not isinstance(sha, str) or not _SHA256.match(sha):
        raise DataFileError(where, f"document {doc_id}: sha256 must be 64 lower-case hex digits")
    published = field("published")
    if published is not None and (
        not isinstance(published, dt.date) or isinstance(published, dt.datetime) or not in_range(published)
    ):
        raise DataFileError(where, f"document {doc_id}: published must be a date like 2023-12-12, from 1900 to 2100")
    for name in ("file", "title", "source", "issued_in", "language"):
        value = raw.get(name)
        if value is not None and not isinstance(value, str):
            raise DataFileError(where, f"document {doc_id}: {name} must be a string")
    return CatalogEntry(
        path=PROJECT_DIR / field("file", required=True),
        sha256=sha,
        language=raw.get("language"),
        metadata=Metadata(
            title=raw.get("title"),
            source=raw.get("source"),
            published=published,
            issued_in=raw.get("issued_in"),
            doc_id=doc_id,
        ),
    )


def find(*, sha256: str | None = None, doc_id: str | None = None) -> CatalogEntry | None:
    """The catalog entry with this file hash or id, if any."""
    for entry in load_catalog():
        if (sha256 is not None and entry.sha256 == sha256) or (doc_id is not None and entry.metadata.doc_id == doc_id):
            return entry
    return None


def read_document(entry: CatalogEntry) -> Source:
    """Read a catalog document's file.

    Raises:
        DataFileError: the file listed in the catalog is missing or unreadable.
        LensError: the file holds no usable text.
    """
    try:
        return read_path(entry.path)
    except OSError as err:
        raise DataFileError(
            "data/catalog.toml",
            f"document {entry.metadata.doc_id}: cannot read {entry.path.name} ({err.strerror or err})",
        ) from err
