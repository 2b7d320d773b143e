"""Summary + keywords time per document, against the whole analysis of the same document.

Usage: python bench/bench_summary.py [--repeat N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib.analysis import analyze  # noqa: E402
from lib.ingest import read_pasted, read_path  # noqa: E402
from lib.keywords import extract  # noqa: E402
from lib.language import detect  # noqa: E402
from lib.sentences import split  # noqa: E402
from lib.summary import summarize  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def generated(sentences: int, seed: int) -> str:
    """A French communiqué of ``sentences`` body sentences built from the seed's sentences."""
    pool = [s.text for s in split(read_path(ROOT / "seeds" / "000_d58dcee9dee1240e.txt").text)[1:]]
    rng = random.Random(seed)
    body = []
    for _ in range(sentences):
        words = rng.choice(pool).split()
        rng.shuffle(words)
        body.append(" ".join(words).capitalize().rstrip(".") + ".")
    return "Communiqué de synthèse\n" + "\n".join(" ".join(body[i : i + 3]) for i in range(0, len(body), 3))


def measure(text: str, repeat: int) -> tuple[float, float, float]:
    """Median seconds for summary, keywords, and the whole analysis."""
    source = read_pasted(text)
    sentences = split(source.text)
    language = detect(source.text).code
    timings: dict[str, list[float]] = {"summary": [], "keywords": [], "analysis": []}
    for _ in range(repeat):
        t0 = time.perf_counter()
        summarize(sentences, [language] * len(sentences))
        t1 = time.perf_counter()
        extract(source.text, sentences, language)
        t2 = time.perf_counter()
        analyze(source)
        t3 = time.perf_counter()
        timings["summary"].append(t1 - t0)
        timings["keywords"].append(t2 - t1)
        timings["analysis"].append(t3 - t2)
    return tuple(statistics.median(v) for v in timings.values())  # type: ignore[return-value]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    documents = {"seed": read_path(ROOT / "seeds" / "000_d58dcee9dee1240e.txt").text}
    for path in sorted((ROOT / "tests" / "fixtures").glob("*.txt")):
        documents[path.stem] = path.read_text(encoding="utf-8")
    for n in (20, 100, 500):
        documents[f"generated-{n}-sentences"] = generated(n, seed=n)
    measure(documents["seed"], 1)  # warm up: imports, langdetect profiles, stop-word lists
    print(f"{'document':<32}{'words':>7}{'summary ms':>12}{'keywords ms':>13}{'analysis ms':>13}{'share':>8}")
    for name, text in documents.items():
        summary, keywords, whole = measure(text, args.repeat)
        words = len(text.split())
        share = (summary + keywords) / whole
        print(f"{name:<32}{words:>7}{summary * 1000:>12.1f}{keywords * 1000:>13.1f}{whole * 1000:>13.1f}{share:>8.0%}")


if __name__ == "__main__":
    main()
