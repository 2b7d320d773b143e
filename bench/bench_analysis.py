"""Analysis against bare spaCy, measured side by side in one run.

(c) one document: the whole analysis against spaCy's full French pipeline, nlp(text), on the same text
(d) 1,000 generated communiqués: `python -m lib batch` (a process, the model loaded once, a progress
    bar) against nlp.pipe over the same texts in this process

Usage: python bench/bench_analysis.py [--documents N] [--repeat N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.analysis import analyze  # noqa: E402
from lib.catalog import Metadata  # noqa: E402
from lib.entities import model_name  # noqa: E402
from lib.ingest import read_pasted, read_path  # noqa: E402
from lib.sentences import split  # noqa: E402
from bench.timing import side_by_side  # noqa: E402

SEED = ROOT / "seeds" / "000_d58dcee9dee1240e.txt"
FRENCH = [SEED, ROOT / "tests" / "fixtures" / "fr_dakar_abbreviations.txt", ROOT / "tests" / "fixtures" / "fr_mixed_quote.txt"]
PEOPLE = ["Abdellatif Hammouchi", "Frédéric Veaux", "Mamadou Diallo", "Claire Martin", "Jean Dupont", "Karim Benali"]
PLACES = ["Rabat", "Paris", "Madrid", "Dakar", "Casablanca", "Tanger", "Lisbonne", "Genève"]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]
ACCURACY = ROOT / "tests" / "fixtures" / "accuracy"
ENGLISH = sorted(ACCURACY.glob("en_*.txt"))[:4]
SPANISH = sorted(ACCURACY.glob("es_*.txt"))[:2]


def communiques(count: int, seed: int = 7) -> list[str]:
    """French communiqués built from the seed's and the fixtures' sentences, names, places, days."""
    pool = [s.text for path in FRENCH for s in split(read_path(path).text) if not s.heading]
    rng = random.Random(seed)
    texts = []
    for n in range(count):
        person, other = rng.sample(PEOPLE, 2)
        place = rng.choice(PLACES)
        lead = (f"Le directeur général de la police, {person}, a reçu {rng.choice(WEEKDAYS)} à {place} "
                f"son homologue {other}, selon un communiqué publié le même jour.")
        body = rng.sample(pool, rng.randint(4, 8))
        texts.append(f"Communiqué n° {n + 1} : coopération sécuritaire à {place}\n{lead}\n" + "\n".join(body))
    return texts


def one_document(repeat: int) -> None:
    import spacy

    print("(c) one document: analysis against bare spaCy nlp(text), the full pipeline of its language")
    print(f"    {'document':<34}{'lang':>5}{'nlp(text) ms':>13}{'analysis ms':>13}{'ratio':>7}")
    documents = [(p.name, "fr", read_path(p).text) for p in FRENCH] + [("generated", "fr", communiques(1)[0])]
    documents += [(p.name, "en", read_path(p).text) for p in ENGLISH]
    documents += [(p.name, "es", read_path(p).text) for p in SPANISH]
    full = {code: spacy.load(model_name(code) or "fr_core_news_sm") for code in ("fr", "en")}
    ratios: dict[str, list[float]] = {}
    for name, language, text in documents:
        source = read_pasted(text)
        nlp = full.get(language, full["fr"])  # Spanish has no model here: compared with the French one
        b, o = side_by_side(lambda: nlp(text), lambda: analyze(source, Metadata()), repeat)  # noqa: B023
        ratios.setdefault(language, []).append(o / b)
        print(f"    {name[:33]:<34}{language:>5}{b * 1000:>13.1f}{o * 1000:>13.1f}{o / b:>7.2f}")
    for language, values in ratios.items():
        print(f"    {language}: median ratio {statistics.median(values):.2f}  (target <= 1.3)")


def many_documents(count: int) -> None:
    import spacy

    texts = communiques(count)
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for n, text in enumerate(texts):
            path = Path(folder) / f"c{n:04d}.txt"
            path.write_text(text, encoding="utf-8")
            files.append(str(path))
        t0 = time.perf_counter()
        load_started = time.perf_counter()
        full = spacy.load("fr_core_news_sm")
        load = time.perf_counter() - load_started
        for _ in full.pipe(texts, batch_size=64):
            pass
        bare = time.perf_counter() - t0
        t1 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "lib", "batch", *files, "--out", str(Path(folder) / "out"),
                        "--published", "2024-01-09"], cwd=ROOT, check=True)
        ours = time.perf_counter() - t1
        written = len(list((Path(folder) / "out").iterdir()))
    print(f"(d) {count} generated communiqués ({written} analyses written)")
    print(f"    spaCy nlp.pipe, full pipeline, model load included: {bare:.1f} s ({load:.1f} s loading)")
    print(f"    python -m lib batch, process start and model load included: {ours:.1f} s")
    print(f"    ratio {ours / bare:.2f}  (target <= 1.3); per document {ours / count * 1000:.0f} ms against "
          f"{(bare - load) / count * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    one_document(args.repeat)
    many_documents(args.documents)


if __name__ == "__main__":
    main()
