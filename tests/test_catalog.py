"""The document catalog: the seed's metadata, and validation of the file."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from lib import catalog
from lib.errors import DataFileError, InvalidDateError
from lib.ingest import read_path
from lib.language import detect
from tests.conftest import SEED


def test_seed_metadata() -> None:
    entry = catalog.find(sha256=hashlib.sha256(SEED.read_bytes()).hexdigest())
    assert entry is not None
    assert entry.path == SEED
    meta = entry.metadata
    assert meta.published == dt.date(2023, 12, 12)
    assert meta.issued_in == "Rabat"
    assert "DGSN" in meta.source and "MAP" in meta.source
    assert catalog.find(doc_id=meta.doc_id) == entry


@pytest.mark.parametrize("entry", catalog.load_catalog(), ids=lambda e: e.metadata.doc_id)
def test_every_catalog_file_exists_and_matches(entry: catalog.CatalogEntry) -> None:
    data = entry.path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry.sha256
    if entry.language:
        assert detect(read_path(entry.path).text).code == entry.language


def test_catalog_ids_are_unique() -> None:
    ids = [e.metadata.doc_id for e in catalog.load_catalog()]
    assert len(ids) == len(set(ids))


GOOD = {"id": "x-1", "file": "seeds/x.txt", "sha256": "a" * 64, "published": dt.date(2024, 1, 2)}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"id": None}, "has no id"),
        ({"id": "bad id!"}, "must be letters"),
        ({"sha256": "abc"}, "64 lower-case hex"),
        ({"published": "2024-01-02"}, "published must be a date"),
        ({"file": None}, "has no file"),
        ({"title": 12}, "title must be a string"),
    ],
)
def test_malformed_entries_are_named(change: dict, problem: str) -> None:
    raw = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    with pytest.raises(DataFileError) as caught:
        catalog._entry(raw, 3)  # noqa: SLF001
    assert "data/catalog.toml" in str(caught.value) and problem in str(caught.value)


@pytest.mark.parametrize("value", ["2023-12-12", " 2024-02-29 "])
def test_parse_date(value: str) -> None:
    assert catalog.parse_date(value) == dt.date.fromisoformat(value.strip())


@pytest.mark.parametrize("value", ["2023-13-01", "12/12/2023", "2023-02-30", "yesterday", ""])
def test_parse_date_rejects(value: str) -> None:
    with pytest.raises(InvalidDateError, match="YYYY-MM-DD"):
        catalog.parse_date(value)
