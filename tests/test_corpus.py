"""The corpus store: adding documents once, identities across documents and languages,
follow-ups, and a store that is corrupt, locked or interrupted."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from lib.cli import main
from lib.corpus import Rows, Store, key_of
from lib.errors import LensError
from tests.conftest import ROOT

EXAMPLES = sorted(str(p) for p in (ROOT / "data" / "examples").glob("*.txt"))
SEED = str(ROOT / "seeds" / "000_d58dcee9dee1240e.txt")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    assert main(["corpus", "add", SEED, *EXAMPLES, "--store", str(path), "--jobs", "1"]) == 0
    return path


def test_every_document_is_stored_once(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store(store_path, read_only=True) as store:
        documents = store.documents()
    assert len(documents) == 1 + len(EXAMPLES)
    assert list(documents["language"]) == ["fr", "fr", "ar", "en", "es", "fr"]  # by publication date
    assert main(["corpus", "add", SEED, EXAMPLES[0], "--store", str(store_path)]) == 0
    assert "0 added, 2 already in the store" in capsys.readouterr().err
    with Store(store_path, read_only=True) as store:
        assert len(store.documents()) == 1 + len(EXAMPLES)


def test_one_person_across_documents_and_scripts(store_path: Path) -> None:
    with Store(store_path, read_only=True) as store:
        people = store.people().set_index("identity")
    hammouchi = people.loc["person:abdellatif-hammouchi"]
    assert hammouchi["name"] == "Abdellatif Hammouchi"
    assert hammouchi["documents"] == 4  # the seed, the June 2024 visit in French and in Arabic, the 2025 plan
    assert "عبد اللطيف حموشي" in hammouchi["written"]
    assert hammouchi["roles"].startswith("2023-12-12: directeur général")  # roles in date order
    assert people.loc["person:frederic-veaux", "documents"] == 3


def test_the_planned_visit_is_confirmed_by_the_later_report(store_path: Path) -> None:
    with Store(store_path, read_only=True) as store:
        followups = store.followups(as_of=dt.date(2026, 11, 30))
    visit = followups[followups["planned_label"] == "Visit of Abdellatif Hammouchi to Paris"].iloc[0]
    assert visit["status"] == "confirmed" and visit["score"] >= 0.7
    assert str(visit["window_start"])[:10] == "2023-12-13" and visit["when_text"] == "prochainement"
    assert str(visit["report_start"])[:10] == "2024-06-26" and str(visit["report_end"])[:10] == "2024-06-28"
    assert "prochainement" in visit["planned_evidence"] and "26" in visit["report_evidence"]
    # Nothing in the corpus reports the Glasgow Assembly with a shared participant or place the
    # Spanish reader found: it is overdue, not linked by guess
    glasgow = followups[followups["planned_label"] == "Conference in Glasgow"].iloc[0]
    assert glasgow["status"] == "overdue" and glasgow["report_doc"] != glasgow["report_doc"]  # NaN: no report


def test_a_followup_is_open_before_its_window_ends(store_path: Path) -> None:
    with Store(store_path, read_only=True) as store:
        followups = store.followups(as_of=dt.date(2024, 1, 1))
    olympics = followups[followups["planned_label"] == "Paris 2024 Olympic Games"].iloc[0]
    assert olympics["status"] == "open"


def test_identity_keys_fold_case_accents_and_scripts() -> None:
    assert key_of("person", "HAMMOUCHI") == key_of("person", "Hammouchi") == "person:hammouchi"
    assert key_of("person", "Frédéric Veaux") == "person:frederic-veaux"
    assert key_of("person", "عبد اللطيف حموشي") == key_of("person", "عبد اللطيف حموشى")


def test_a_corrupt_store_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    bad = tmp_path / "corpus.duckdb"
    bad.write_bytes(b"not a database" * 100)
    before = bad.read_bytes()
    with pytest.raises(LensError, match="cannot open the corpus store"):
        Store(bad)
    assert bad.read_bytes() == before
    result = subprocess.run([sys.executable, "-m", "lib", "corpus", "list", "--store", str(bad)],
                            capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "unchanged" in result.stderr


def test_a_store_held_by_another_process_gives_one_line(store_path: Path, tmp_path: Path) -> None:
    held = tmp_path / "held.duckdb"
    with Store(held):
        result = subprocess.run([sys.executable, "-m", "lib", "corpus", "add", SEED, "--store", str(held)],
                                capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "another process is using it" in result.stderr


def test_a_document_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    with Store(tmp_path / "c.duckdb") as store:
        good = (("k", "n", None, "t", None, None, None, "fr", 1, dt.datetime(2024, 1, 1), "{}"),)
        broken = Rows("k", {"documents": list(good), "entities": [("k", "e", "x")],  # too few columns
                            "mentions": [], "events": [], "topics": []})
        with pytest.raises(Exception):  # noqa: B017, PT011 - DuckDB's own error
            store.write(broken)
        assert store.known() == set()


def test_parquet_export_and_csv(store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import pandas as pd

    assert main(["corpus", "export", "--store", str(store_path), "--out", str(tmp_path)]) == 0
    events = pd.read_parquet(tmp_path / "events.parquet")
    assert {"kind", "status", "participants", "evidence"} <= set(events.columns) and len(events) >= 10
    capsys.readouterr()
    assert main(["corpus", "followups", "--store", str(store_path), "--format", "csv", "--as-of", "2026-11-30"]) == 0
    assert capsys.readouterr().out.startswith("planned_doc,planned_title,")


def test_corpus_add_runs_on_a_dask_cluster(tmp_path: Path) -> None:
    from distributed import LocalCluster

    path = tmp_path / "dask.duckdb"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        code = main(["corpus", "add", SEED, EXAMPLES[0], "--store", str(path), "--engine", "dask",
                     "--scheduler", cluster.scheduler_address])
    assert code == 0
    with Store(path, read_only=True) as store:
        assert sorted(store.documents()["language"]) == ["ar", "fr"]


def test_dask_without_a_scheduler_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "add", SEED, "--store", str(tmp_path / "x.duckdb"), "--engine", "dask"]) == 2
    assert "--engine dask needs --scheduler ADDRESS" in capsys.readouterr().err


def test_an_interrupted_add_leaves_every_document_whole(tmp_path: Path) -> None:
    import signal
    import time

    from bench.bench_analysis import communiques

    files = []
    for n, text in enumerate(communiques(60)):
        path = tmp_path / f"c{n:03d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    store = tmp_path / "c.duckdb"
    process = subprocess.Popen([sys.executable, "-m", "lib", "corpus", "add", *files, "--store", str(store), "--jobs", "2",
                                "--published", "2024-01-09"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    shown = ""
    while "/60" not in shown:  # until the progress bar shows a first document written
        char = process.stderr.read(1)  # type: ignore[union-attr]
        assert char, "corpus add ended before writing a document"
        shown += char
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and "interrupted:" in err and "Traceback" not in err
    with Store(store, read_only=True) as opened:
        documents = opened.known()
        assert 0 < len(documents) < 60
        per_table = opened.db.execute(
            "SELECT count(DISTINCT doc_key) FROM events WHERE doc_key NOT IN (SELECT doc_key FROM documents)").fetchone()
        assert per_table == (0,)  # no rows of a document that is not whole
        events = opened.db.execute("SELECT count(DISTINCT doc_key) FROM events").fetchone()[0]
        assert events == len(documents)  # every written document has its events (each has a meeting)
