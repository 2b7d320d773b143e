"""Server memory over many documents: is it flat once the caches are full?

One dashboard session (Streamlit's AppTest, in this process, which plays the server) pastes
generated communiqués one after the other, each different; the process's resident memory is
read after every tenth. The analysis cache is bounded (64 analyses, 8 × 400,000 characters), so
memory should stop growing once it is warm. Target (issue 13): flat within ±5 % after 50
documents.

Usage: python bench/bench_memory.py [--documents N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_analysis import communiques  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    from streamlit.testing.v1 import AppTest

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=50)
    args = parser.parse_args()
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    app.run()
    app.radio(key="lens_source").set_value("paste").run()
    readings = [(0, rss_mb())]
    for n, text in enumerate(communiques(args.documents, seed=11), start=1):
        app.text_area(key="lens_paste").set_value(text).run()
        assert not app.exception, app.exception
        if n % 10 == 0:
            readings.append((n, rss_mb()))
    print("| documents | resident MB |")
    print("|---|---|")
    for n, mb in readings:
        print(f"| {n} | {mb:.0f} |")
    warm = readings[1][1]
    last = readings[-1][1]
    print(f"From {readings[1][0]} to {readings[-1][0]} documents: {100 * (last - warm) / warm:+.1f} % (target within ±5 %)")


if __name__ == "__main__":
    main()
