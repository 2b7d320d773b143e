"""The command line: JSON contract, Markdown brief, bad input, determinism across processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lib.cli import main
from tests.conftest import FIXTURES, ROOT, SEED
from tests.test_ingest import BAD_INPUTS


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_seed_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "analyze", str(SEED))
    assert (code, err) == (0, "")
    data = json.loads(out)
    document = data["document"]
    # The contract of issue 2 (later versions may only add keys).
    assert {"title", "source", "published", "words", "language", "sentences"} <= document.keys()
    assert {"code", "confidence", "by_sentence"} <= document["language"].keys()
    assert document["published"] == "2023-12-12"  # from the catalog, found by the file's hash
    assert document["title"].startswith("Les chefs de la police nationale")
    assert "DGSN" in document["source"]
    assert document["words"] == 319
    assert document["language"]["code"] == "fr"
    assert document["language"]["confidence"] >= 0.99
    assert len(document["language"]["by_sentence"]) == 8
    assert len(document["sentences"]) == 8
    text = document["text"]
    for i, sentence in enumerate(document["sentences"]):
        assert {"index", "start", "end", "text"} <= sentence.keys()
        assert sentence["index"] == i
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
    assert data["warnings"] == []
    # Summary and keywords (issue 3): the meeting, the cooperation/Olympics, the threats.
    assert data["summary"]["sentences"] == [1, 2, 3]
    assert data["summary"]["k"] == 3 and data["summary"]["baseline"] is None
    for keyword in data["keywords"]:
        for occurrence in keyword["occurrences"]:
            assert text[occurrence["start"] : occurrence["end"]].lower().startswith(keyword["text"].lower()[:3])


def test_entities_json(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "analyze", str(SEED))
    data = json.loads(out)
    people = {e["name"]: e for e in data["entities"] if e["type"] == "person"}
    assert people["Abdellatif Hammouchi"]["role"] == (
        "directeur général de la sécurité nationale et de la surveillance du territoire")
    assert (people["Abdellatif Hammouchi"]["country"], people["Frédéric Veaux"]["country"]) == ("MA", "FR")
    rabat = next(e for e in data["entities"] if e["name"] == "Rabat")
    assert rabat["type"] == "place" and rabat["lat"] == pytest.approx(34.02, abs=0.01)
    text = data["document"]["text"]
    for entity in data["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]


def test_events_and_key_facts_json(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "analyze", str(SEED))
    data = json.loads(out)
    events = {e["id"]: e for e in data["events"]}
    assert (events["meeting"]["start"], events["meeting"]["status"], events["meeting"]["place"]) == ("2023-12-12", "past", "Rabat")
    olympics = events["event-paris-2024-olympics"]
    assert (olympics["start"], olympics["end"], olympics["status"]) == ("2024-07-26", "2024-08-11", "upcoming")
    planned = [e for e in data["events"] if e["status"] == "planned"]
    assert [(e["kind"], e["place"], e["approximate"], e["start"]) for e in planned] == [("visit", "Paris", True, "2023-12-13")]
    assert data["key_facts"]["where"] == {
        "value": "Rabat",
        "evidence": [{"sentence": 1, "start": 157, "end": 478, "text": data["document"]["sentences"][1]["text"]}],
    }
    mardi = next(d for d in data["dates"] if d["text"] == "mardi")
    assert (mardi["value_start"], mardi["granularity"], mardi["resolved"]) == ("2023-12-12", "day", True)


def test_topics_json_and_custom_taxonomy(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _, out, _ = run(capsys, "analyze", str(SEED))
    data = json.loads(out)
    assert data["taxonomy"] == "data/topics.toml"
    ids = [t["id"] for t in data["topics"]]
    assert len(ids) == 9 and ids[0] == "institutional_cooperation"
    assert all(t["above_threshold"] for t in data["topics"])
    for topic in data["topics"]:
        for hit in topic["hits"]:
            sentence = data["document"]["sentences"][hit["sentence"]]
            assert sentence["start"] <= hit["start"] < hit["end"] <= sentence["end"]
    mine = tmp_path / "mine.toml"
    mine.write_text('[[topic]]\nid = "visits"\nlabel = {fr = "Visites", en = "Visits"}\ncues.fr = ["visite*"]\n')
    _, out, _ = run(capsys, "analyze", str(SEED), "--taxonomy", str(mine))
    assert [(t["id"], len(t["hits"])) for t in json.loads(out)["topics"]] == [("visits", 2)]
    mine.write_text('[[topic]]\nid = "visits"\n')
    code, out, err = run(capsys, "analyze", str(SEED), "--taxonomy", str(mine))
    assert code == 2 and out == "" and err.count("\n") == 1 and "mine.toml: topic visits: label needs" in err


@pytest.mark.parametrize(("k", "expected"), [("0", []), ("1", [1]), ("99", [1, 2, 3, 4, 5, 6, 7])])
def test_summary_k_option(capsys: pytest.CaptureFixture[str], k: str, expected: list[int]) -> None:
    _, out, _ = run(capsys, "analyze", str(SEED), "--summary-k", k)
    assert json.loads(out)["summary"]["sentences"] == expected


def test_published_option_overrides_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "analyze", str(SEED), "--published", "2024-01-05", "--title", "T", "--source", "S")
    document = json.loads(out)["document"]
    assert (document["published"], document["title"], document["source"]) == ("2024-01-05", "T", "S")


def test_unknown_document_has_no_date_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "analyze", str(FIXTURES / "es_policia_rabat.txt"))
    data = json.loads(out)
    assert data["document"]["published"] is None
    assert data["document"]["language"]["code"] == "es"
    assert [w["kind"] for w in data["warnings"]] == ["no_publication_date"]


@pytest.mark.parametrize(("fmt", "start"), [("csv", "kind,value,sentence,start,end,evidence\n"), ("timelinejs", "{\n  \"title\"")])
def test_other_formats(capsys: pytest.CaptureFixture[str], fmt: str, start: str) -> None:
    code, out, _ = run(capsys, "analyze", str(SEED), "--format", fmt)
    assert code == 0 and out.startswith(start)


def test_markdown_brief(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", str(SEED), "--format", "md")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("# Les chefs de la police nationale")
    assert "- **Published:** 2023-12-12" in lines
    assert "- **Language:** French (fr, 100%)" in lines
    assert any(line.startswith("[8] L’objectif est de renforcer") for line in lines)


@pytest.mark.parametrize(("case", "name", "data", "error", "words"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str, name: str, data: bytes, error: type, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run(capsys, "analyze", str(path))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert words in err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["analyze", "missing.txt"], "no such file"),
        (["analyze", str(SEED), "--published", "12/12/2023"], "YYYY-MM-DD"),
        (["analyze", str(SEED), "--published", "2023-02-30"], "YYYY-MM-DD"),
        (["analyze", str(SEED), "--format", "pdf"], "invalid choice"),
        (["analyze", str(SEED), "--format", "xml"], "invalid choice"),
        (["analyze", str(SEED), "--summary-k", "-1"], "whole number"),
        (["analyse", str(SEED)], "invalid choice"),
        ([], "required"),
    ],
)
def test_usage_errors_exit_2_with_one_line(capsys: pytest.CaptureFixture[str], argv: list[str], words: str) -> None:
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse exits by itself
        code = exit_.code
    _, err = capsys.readouterr()
    assert code == 2
    assert err.count("\n") == 1
    assert words in err


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.read_bytes())))
    code, out, _ = run(capsys, "analyze", "-")
    assert code == 0
    assert json.loads(out)["document"]["published"] == "2023-12-12"  # recognised by its hash


def _cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONHASHSEED": "random"}
    return subprocess.run([sys.executable, "-m", "lib", *args], cwd=ROOT, capture_output=True, env=env, check=False)


@pytest.mark.parametrize("document", [SEED, FIXTURES / "fr_mixed_quote.txt", FIXTURES / "es_policia_rabat.txt"])
def test_two_processes_give_identical_json(document: Path) -> None:
    first, second = _cli("analyze", str(document)), _cli("analyze", str(document))
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout
    assert len(first.stdout) > 1000


def test_process_exit_code_and_stderr_for_bad_input(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    result = _cli("analyze", str(empty))
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode().count("\n") == 1
    assert b"Traceback" not in result.stderr


def test_runs_from_any_directory(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lib", "analyze", str(SEED)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["document"]["published"] == "2023-12-12"


def test_batch_writes_one_output_per_file_and_reports_bad_ones(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    files = [str(SEED), str(FIXTURES / "es_policia_rabat.txt"), str(empty)]
    code = main(["batch", *files, "--out", str(tmp_path / "out"), "--published", "2024-01-09"])
    _, err = capsys.readouterr()
    assert code == 2  # one file failed
    assert "error: " in err and "empty.txt: The document is empty" in err and "3/3, 1 failed" in err
    outputs = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert outputs == ["000_d58dcee9dee1240e.json", "es_policia_rabat.json"]
    seed = json.loads((tmp_path / "out" / "000_d58dcee9dee1240e.json").read_text(encoding="utf-8"))
    spanish = json.loads((tmp_path / "out" / "es_policia_rabat.json").read_text(encoding="utf-8"))
    assert seed["document"]["published"] == "2023-12-12"  # the catalog's date wins for a known file
    assert spanish["document"]["published"] == "2024-01-09"


def test_batch_outputs_do_not_depend_on_the_number_of_workers(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    files = [str(SEED), *(str(p) for p in sorted(FIXTURES.glob("*.txt")))]
    assert main(["batch", *files, "--out", str(tmp_path / "one"), "--jobs", "1"]) == 0
    assert main(["batch", *files, "--out", str(tmp_path / "two"), "--jobs", "2"]) == 0
    capsys.readouterr()
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert len(one) == len(files) and one == two


# --- robustness (issue 10) -------------------------------------------------------------------


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01", "２０２３-12-12"])
def test_publication_dates_outside_1900_2100_are_refused(capsys: pytest.CaptureFixture[str], date: str) -> None:
    code, out, err = run(capsys, "analyze", str(SEED), "--published", date)
    assert (code, out) == (2, "") and err.count("\n") == 1 and "1900-01-01 and 2100-12-31" in err


def test_stdin_is_refused_past_the_limit_without_reading_it_all() -> None:
    with open("/dev/zero", "rb") as endless:
        result = subprocess.run([sys.executable, "-m", "lib", "analyze", "-"], cwd=ROOT, stdin=endless,
                                capture_output=True, timeout=60, check=False)
    assert result.returncode == 2 and b"limit is 10 MB" in result.stderr and result.stderr.count(b"\n") == 1


def test_batch_names_collisions_refuses_pipes_and_keeps_good_outputs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "report.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "b" / "report.txt").write_bytes((FIXTURES / "es_policia_rabat.txt").read_bytes())
    (tmp_path / "a" / "report.md").write_bytes((FIXTURES / "fr_mixed_quote.txt").read_bytes())
    os.mkfifo(tmp_path / "pipe.txt")
    files = [tmp_path / "a" / "report.txt", tmp_path / "b" / "report.txt", tmp_path / "a" / "report.md", tmp_path / "pipe.txt"]
    code = main(["batch", *map(str, files), "--out", str(tmp_path / "out"), "--jobs", "2"])
    _, err = capsys.readouterr()
    assert code == 2
    assert "written as report-2.json" in err and "written as report-3.json" in err
    assert "pipe.txt: not a regular file" in err
    outputs = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "out").iterdir()}
    assert sorted(outputs) == ["report-2.json", "report-3.json", "report.json"]  # no temporary file left
    assert outputs["report.json"]["document"]["published"] == "2023-12-12"
    assert outputs["report-2.json"]["document"]["language"]["code"] == "es"


def _children(pid: int) -> list[str]:
    """Process ids whose parent is ``pid`` (read from /proc: no procps needed)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == str(pid):
            found.append(stat.parent.name)
    return found


def test_batch_stops_its_workers_on_sigterm(tmp_path: Path) -> None:
    import signal
    import time

    files = []
    for n in range(40):
        path = tmp_path / f"doc{n}.txt"
        path.write_text(SEED.read_text(encoding="utf-8") * 20, encoding="utf-8")
        files.append(str(path))
    process = subprocess.Popen([sys.executable, "-m", "lib", "batch", *files, "--out", str(tmp_path / "out"), "--jobs", "2"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("*.json")):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.1)
    children = _children(process.pid)
    assert children  # the workers
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 128 + signal.SIGTERM
    lines = err.decode().strip().split("\n")
    assert lines[-1].startswith("interrupted: ") and "not analyzed" in lines[-1] and b"Traceback" not in err
    time.sleep(0.5)
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]
    assert not list((tmp_path / "out").glob(".*.part"))  # atomic writes: no half-written output
