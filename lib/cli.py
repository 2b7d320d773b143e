"""Command line: ``python -m lib analyze FILE [--published YYYY-MM-DD] [--format json|md|csv|timelinejs]``
and ``python -m lib batch FILE... --out DIR`` for many documents at once.

Exit codes: 0 success; 2 bad input or usage (one line on stderr); 1 an internal error (also
one line: a bug to report).
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

from lib.analysis import Analysis, analyze
from lib.catalog import Metadata, find, parse_date
from lib.errors import LensError
from lib.ingest import read_bytes, read_path
from lib.entities import load_model
from lib.report import EXPORTS
from lib.summary import DEFAULT_K
from lib.topics import parse_taxonomy

FORMATS = {name: export[0] for name, export in EXPORTS.items()}


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line and exits with 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m lib", description="Communiqué Lens, headless.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    analyze_cmd = commands.add_parser(
        "analyze",
        help="analyze one communiqué",
        description="Analyze one communiqué (.txt, .md, .html, .pdf, .docx; '-' reads stdin).",
    )
    analyze_cmd.add_argument("file", help="the document, or - for standard input (read as text)")
    analyze_cmd.add_argument(
        "--published",
        metavar="YYYY-MM-DD",
        help="publication date (overrides the catalog's); relative dates are anchored on it",
    )
    analyze_cmd.add_argument("--title", help="title to show (overrides the document's)")
    analyze_cmd.add_argument(
        "--taxonomy", metavar="TOML", help="topic taxonomy to use instead of data/topics.toml"
    )
    analyze_cmd.add_argument("--source", help="who issued or relayed the document")
    analyze_cmd.add_argument("--format", choices=sorted(FORMATS), default="json", help="output (default: json)")
    analyze_cmd.add_argument(
        "--summary-k",
        type=_sentence_count,
        default=DEFAULT_K,
        metavar="K",
        help=f"number of summary sentences (default: {DEFAULT_K}; 0 for none)",
    )
    batch = commands.add_parser(
        "batch",
        help="analyze many communiqués, one output file each",
        description="Analyze many communiqués in one process (the model is loaded once), with a progress bar.",
    )
    batch.add_argument("files", nargs="+", help="documents (.txt, .md, .html, .pdf, .docx)")
    batch.add_argument("--out", required=True, metavar="DIR", help="folder for the outputs (created if needed)")
    batch.add_argument("--format", choices=sorted(FORMATS), default="json", help="output (default: json)")
    batch.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for documents not in the catalog")
    batch.add_argument("--summary-k", type=_sentence_count, default=DEFAULT_K, metavar="K")
    batch.add_argument(
        "--jobs", type=_sentence_count, default=0, metavar="N",
        help="worker processes (default 0: one per CPU core)",
    )
    return parser


def run_batch(args: argparse.Namespace) -> int:
    """Analyze every file, on every core; a bad file is reported on stderr and skipped.

    The model is loaded once, before the workers are forked, so they share it. Each output
    depends only on its input file: the same bytes whatever the number of workers.

    Returns:
        0, or 2 if any file failed.
    """
    published = parse_date(args.published) if args.published is not None else None
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    load_model()  # in the parent: forked workers inherit it
    jobs = [(name, str(out), args.format, published, args.summary_k) for name in args.files]
    workers = min(args.jobs or os.cpu_count() or 1, len(jobs))
    failed = 0
    if workers > 1:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.imap_unordered(_batch_one, jobs, chunksize=4)
            failed = _report(results, len(jobs))
    else:
        failed = _report(map(_batch_one, jobs), len(jobs))
    return 2 if failed else 0


def _batch_one(job: tuple[str, str, str, dt.date | None, int]) -> tuple[str, str | None]:
    """Analyze one file of a batch; returns its name and an error message or ``None``."""
    name, out, fmt, published, summary_k = job
    export, extension, _ = EXPORTS[fmt]
    path = Path(name)
    try:
        source = read_path(path)
        entry = find(sha256=source.sha256)
        metadata = entry.metadata if entry else Metadata(published=published)
        analysis = analyze(source, metadata, nlp=load_model())
        (Path(out) / f"{path.stem}.{extension}").write_text(export(analysis, summary_k=summary_k), encoding="utf-8")
    except (LensError, OSError) as err:
        return name, str(getattr(err, "strerror", None) or err)
    return name, None


def _report(results: Iterable[tuple[str, str | None]], total: int) -> int:
    failed = 0
    for done, (name, error) in enumerate(results, start=1):
        if error is not None:
            failed += 1
            sys.stderr.write(f"\rerror: {name}: {error}\n")
        _progress(done, total, failed)
    sys.stderr.write("\n")
    return failed


def _progress(done: int, total: int, failed: int) -> None:
    width = 30
    filled = width * done // total
    bar = "█" * filled + "·" * (width - filled)
    note = f", {failed} failed" if failed else ""
    sys.stderr.write(f"\r{bar} {done}/{total}{note}")
    sys.stderr.flush()


def _sentence_count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"--summary-k must be a whole number ≥ 0, not {value!r}")
    return int(value)


def run_analyze(args: argparse.Namespace) -> Analysis:
    """Read the file, look it up in the catalog, apply the options, analyze."""
    published = parse_date(args.published) if args.published is not None else None
    if args.file == "-":
        source = read_bytes(sys.stdin.buffer.read(), name="stdin")
    else:
        path = Path(args.file)
        if not path.is_file():
            raise LensError(f"{args.file}: no such file")
        source = read_path(path)
    entry = find(sha256=source.sha256)
    metadata = entry.metadata if entry else Metadata()
    overrides = {"published": published, "title": args.title, "source": args.source}
    metadata = replace(metadata, **{k: v for k, v in overrides.items() if v is not None})
    taxonomy = None
    if args.taxonomy is not None:
        taxonomy_path = Path(args.taxonomy)
        if not taxonomy_path.is_file():
            raise LensError(f"{args.taxonomy}: no such taxonomy file")
        taxonomy = parse_taxonomy(taxonomy_path.read_text(encoding="utf-8", errors="replace"), name=taxonomy_path.name)
    return analyze(source, metadata, taxonomy=taxonomy)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = build_parser().parse_args(argv)
    if args.command == "batch":
        try:
            return run_batch(args)
        except LensError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
    try:
        analysis = run_analyze(args)
        output = FORMATS[args.format](analysis, summary_k=args.summary_k)
    except LensError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"error: {args.file}: {err.strerror or err}", file=sys.stderr)
        return 2
    except Exception as err:  # noqa: BLE001 - a bug: still one line, never a traceback
        print(f"internal error ({type(err).__name__}: {err}); please report it", file=sys.stderr)
        return 1
    sys.stdout.write(output)
    return 0
