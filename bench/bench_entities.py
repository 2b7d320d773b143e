"""Entity extraction: time against bare spaCy nlp(text), and accuracy on hand-checked fixtures.

Usage: python bench/bench_entities.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.analysis import analyze  # noqa: E402
from lib.entities import extract, model_name  # noqa: E402
from lib.ingest import read_path  # noqa: E402
from lib.language import detect, detect_each  # noqa: E402
from lib.sentences import split  # noqa: E402
from bench.timing import side_by_side  # noqa: E402

SEED = ROOT / "seeds" / "000_d58dcee9dee1240e.txt"
FIXTURES = ROOT / "tests" / "fixtures"


def timing(repeat: int) -> None:
    import spacy

    bare = {code: spacy.load(name) for code, name in (("fr", model_name("fr")), ("en", model_name("en")))}
    print(f"{'document':<30}{'words':>7}{'nlp(text) ms':>14}{'entities ms':>13}{'ratio':>7}")
    ratios = []
    for path in [SEED, *sorted(FIXTURES.glob("*.txt"))]:
        text = read_path(path).text
        sentences = split(text)
        language = detect(text).code
        languages = [g.code if g.reliable and g.code else language for g in detect_each(s.text for s in sentences)]
        nlp = bare.get(language, bare["fr"])  # spaCy as it loads by default: the baseline
        b, o = side_by_side(lambda: nlp(text), lambda: extract(text, sentences, languages), repeat)  # noqa: B023
        ratios.append(o / b)
        print(f"{path.name[:29]:<30}{len(text.split()):>7}{b * 1000:>14.1f}{o * 1000:>13.1f}{o / b:>7.2f}")
    print(f"median ratio entities / nlp(text): {statistics.median(ratios):.2f}")
    print("(nlp(text) is the document language's full model; Spanish has none here and is compared with French)")


def accuracy() -> None:
    gold = tomllib.loads((FIXTURES / "entities_gold.toml").read_text(encoding="utf-8"))
    print(f"\n{'document':<30}{'lang':>5}{'found':>7}{'gold':>6}{'right':>7}{'precision':>11}{'recall':>8}")
    for name, expected_by_kind in gold.items():
        analysis = analyze(read_path(SEED if name == "seed" else FIXTURES / name))
        found = {(e.type, e.name) for e in analysis.entities}
        expected = {(k, n) for k, names in expected_by_kind.items() for n in names}
        right = len(found & expected)
        precision = right / len(found) if found else 1.0
        recall = right / len(expected) if expected else 1.0
        print(f"{name[:29]:<30}{analysis.language.code:>5}{len(found):>7}{len(expected):>6}{right:>7}{precision:>11.2f}{recall:>8.2f}")
        for kind, missing in sorted(expected - found):
            print(f"    missed {kind}: {missing}")
        for kind, extra in sorted(found - expected):
            print(f"    extra  {kind}: {extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    timing(args.repeat)
    accuracy()


if __name__ == "__main__":
    main()
