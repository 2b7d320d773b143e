"""The corpus, side by side in one run (issue 14's targets).

(h) `corpus add` of N generated communiqués against `batch` on the same files (both processes,
    model load included, the same number of workers)
(i) the follow-up query on a store of 10,000 events (synthetic rows: kinds, participants,
    places and windows drawn at random)
(j) the Corpus page on a store of N documents, warm, against the Communiqué page, in Chromium

Usage: python bench/bench_corpus.py [--documents N] [--events N] [--repeat N] [--no-browser]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_analysis import communiques  # noqa: E402
from lib.corpus import Store  # noqa: E402

KINDS = ["meeting", "visit", "signing", "conference"]


def add_against_batch(count: int, folder: Path) -> tuple[float, float, Path]:
    files = []
    for n, text in enumerate(communiques(count)):
        path = folder / f"c{n:05d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lib", "batch", *files, "--out", str(folder / "out"),
                    "--published", "2024-01-09"], cwd=ROOT, check=True, stderr=subprocess.DEVNULL)
    batch = time.perf_counter() - started
    store = folder / "corpus.duckdb"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lib", "corpus", "add", *files, "--store", str(store),
                    "--published", "2024-01-09"], cwd=ROOT, check=True, stderr=subprocess.DEVNULL)
    add = time.perf_counter() - started
    return batch, add, store


def synthetic_store(path: Path, events: int, seed: int = 11) -> Store:
    """A store of ``events`` events over events/5 documents (no text: only what the query reads)."""
    rng = random.Random(seed)
    people = [f"person:p{n}" for n in range(400)]
    places = [f"place:c{n}" for n in range(60)]
    store = Store(path)
    store.db.execute("BEGIN")
    day0 = dt.date(2020, 1, 1)
    for d in range(events // 5):
        key = f"doc{d:06d}"
        published = day0 + dt.timedelta(days=rng.randrange(2000))
        rows = {"documents": [(key, key, None, f"Document {d}", None, published, None, "fr", 300, dt.datetime(2024, 1, 1), "{}")],
                "entities": [], "mentions": [], "topics": [], "events": []}
        for e in range(5):
            planned = rng.random() < 0.3
            start = published + dt.timedelta(days=rng.randrange(1, 90) if planned else -rng.randrange(0, 5))
            end = start + dt.timedelta(days=rng.randrange(0, 60) if planned else 0)
            rows["events"].append((key, f"e{e}", rng.choice(KINDS), f"Event {d}-{e}", "planned" if planned else "past",
                                   start, end, planned, None, None, rng.choice(places), rng.sample(people, rng.randint(0, 3)),
                                   e, "sentence"))
        for table, values in rows.items():
            if values:
                store.db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(values[0]))})", values)  # noqa: S608
    store.db.execute("COMMIT")
    return store


def followup_query(events: int, repeat: int, folder: Path) -> tuple[float, int, int]:
    store = synthetic_store(folder / "events.duckdb", events)
    counted = store.db.execute("SELECT count(*) FROM events").fetchone()[0]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = store.followups(as_of=dt.date(2026, 1, 1))
        times.append(time.perf_counter() - started)
    store.close()
    return statistics.median(times), counted, len(result)


def pages(store: Path, repeat: int) -> tuple[float, float]:
    from playwright.sync_api import sync_playwright

    from bench.bench_dashboard import ARGS, DASHBOARD_DONE, render

    corpus_done = (".st-key-lens_corpus_timeline .js-plotly-plot .scatterlayer .trace",
                   ".st-key-lens_corpus_topics .js-plotly-plot .bars path")
    environment = {**os.environ, "LENS_CORPUS_STORE": str(store)}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        process, url = _start(environment)
        try:
            render(browser, url, DASHBOARD_DONE)
            render(browser, f"{url}corpus", corpus_done)  # warm both
            communique = statistics.median(render(browser, url, DASHBOARD_DONE) for _ in range(repeat))
            corpus = statistics.median(render(browser, f"{url}corpus", corpus_done) for _ in range(repeat))
        finally:
            process.terminate()
            browser.close()
    return communique, corpus


def _start(environment: dict[str, str]):  # noqa: ANN202
    import bench.bench_dashboard as dashboard

    saved = dict(os.environ)
    os.environ.update(environment)
    try:
        process, url, _ = dashboard.start("dashboard.py")
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return process, url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        query, counted, planned = followup_query(args.events, args.repeat, folder)
        print(f"(i) follow-up query on {counted} events ({planned} planned): median {query * 1000:.0f} ms  (target < 1 s)")
        batch, add, store = add_against_batch(args.documents, folder)
        print(f"(h) {args.documents} generated communiqués: batch {batch:.1f} s, corpus add {add:.1f} s, "
              f"ratio {add / batch:.2f}  (target <= 1.3)")
        if not args.no_browser:
            communique, corpus = pages(store, args.repeat)
            print(f"(j) warm render in Chromium: Communiqué page {communique:.2f} s, Corpus page with "
                  f"{args.documents} documents {corpus:.2f} s, ratio {corpus / communique:.2f}  (target <= 2)")


if __name__ == "__main__":
    main()
