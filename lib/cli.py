"""Command line: ``python -m lib analyze FILE [--published YYYY-MM-DD] [--format json|md|csv|timelinejs]``
and ``python -m lib batch FILE... --out DIR`` for many documents at once.

Exit codes: 0 success; 2 bad input or usage (one line on stderr); 1 an internal error (also
one line: a bug to report).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

from lib import engine
from lib.analysis import Analysis, analyze
from lib.catalog import Metadata, find, parse_date
from lib.errors import LensError, shown
from lib.ingest import read_bounded, read_bytes, read_path
from lib.entities import load_model
from lib.report import EXPORTS, iter_json
from lib.summary import DEFAULT_K
from lib.topics import parse_taxonomy

FORMATS = {name: export[0] for name, export in EXPORTS.items()}
DEFAULT_STORE = "corpus.duckdb"
WRITE_EVERY = 50  # documents written to the store per transaction by `corpus add`


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
    _engine_options(batch)
    corpus_cmd = commands.add_parser(
        "corpus", help="many communiqués in one store: documents, people, timeline, follow-ups",
        description="A corpus of communiqués in a DuckDB file, with follow-ups across documents.",
    )
    corpus = corpus_cmd.add_subparsers(dest="action", required=True, parser_class=_Parser)
    add = corpus.add_parser("add", help="analyze files into the store (the same bytes twice: once)")
    add.add_argument("files", nargs="+", help="documents (.txt, .md, .html, .pdf, .docx)")
    add.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for documents not in the catalog")
    add.add_argument("--refresh", action="store_true",
                     help="analyze documents already in the store again (after a code or data change)")
    _engine_options(add)
    for name, helptext in (("list", "the documents in the store"), ("timeline", "every event of every document"),
                           ("people", "each person, organization and place across documents, with roles"),
                           ("followups", "planned events and the later documents that report them")):
        sub = corpus.add_parser(name, help=helptext)
        sub.add_argument("--format", choices=("md", "csv", "json"), default="md", help="output (default: md)")
        if name == "followups":
            sub.add_argument("--as-of", metavar="YYYY-MM-DD",
                             help="the day a window must have passed by to be overdue (default: today)")
    export = corpus.add_parser("export", help="every table as a Parquet file")
    export.add_argument("--out", required=True, metavar="DIR", help="folder for the Parquet files")
    for sub in (add, export, *(corpus.choices[n] for n in ("list", "timeline", "people", "followups"))):
        sub.add_argument("--store", default=DEFAULT_STORE, metavar="PATH", help=f"the store file (default: {DEFAULT_STORE})")
    return parser


def _engine_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--jobs", type=_sentence_count, default=0, metavar="N",
                         help="worker processes (default 0: one per CPU core)")
    command.add_argument("--engine", choices=engine.ENGINES, default="local",
                         help="local processes (default) or a Dask cluster (with --scheduler)")
    command.add_argument("--scheduler", metavar="ADDRESS", help="the Dask scheduler, e.g. tcp://10.0.0.5:8786")


def run_batch(args: argparse.Namespace) -> int:
    """Analyze every file, on every core; a bad file is reported on stderr and skipped.

    The model is loaded once, before the workers are forked, so they share it. Each output
    depends only on its input file: the same bytes whatever the number of workers. Outputs get
    unique names (``report.json``, ``report-2.json`` for a second ``report.txt``, reported), are
    written atomically (a temporary file renamed), and one file's failure — even a bug — never
    costs another's output. SIGINT or SIGTERM stop the workers and end with a one-line summary.

    Returns:
        0; 2 if any file failed; 130 or 143 when interrupted.
    """
    published = parse_date(args.published) if args.published is not None else None
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise LensError(f"--out {shown(args.out)}: cannot create the folder ({err.strerror or err})") from err
    _, extension, _ = EXPORTS[args.format]
    targets = output_names(args.files, extension)
    for name, target in zip(args.files, targets):
        if target != f"{Path(name).stem}.{extension}":
            sys.stderr.write(f"note: {shown(name)} is written as {shown(target)} (another input has the same name)\n")
    if args.engine == "local":
        load_model("fr")  # in the parent: forked workers inherit it (other languages load on first use)
    jobs = [(name, str(out / target), args.format, published, args.summary_k) for name, target in zip(args.files, targets)]
    progress = _Progress(len(jobs))
    try:
        for result in engine.run(_batch_one, jobs, workers=args.jobs, engine=args.engine, scheduler=args.scheduler):
            progress.report(*result)
    except engine.Interrupted as stop:
        sys.stderr.write(
            f"\ninterrupted: {progress.done - progress.failed} of {len(jobs)} written, "
            f"{progress.failed} failed, {len(jobs) - progress.done} not analyzed\n"
        )
        return 128 + stop.signal
    sys.stderr.write("\n")
    return 2 if progress.failed else 0


def output_names(files: Sequence[str], extension: str) -> list[str]:
    """One output file name per input, unique: ``a/report.txt`` and ``b/report.txt`` give
    ``report.json`` and ``report-2.json``."""
    taken: set[str] = set()
    names = []
    for name in files:
        stem = Path(name).stem or "document"
        candidate, n = f"{stem}.{extension}", 1
        while candidate.lower() in taken:  # case-insensitive file systems too
            n += 1
            candidate = f"{stem}-{n}.{extension}"
        taken.add(candidate.lower())
        names.append(candidate)
    return names


def _batch_one(job: tuple[str, str, str, dt.date | None, int]) -> tuple[str, str | None]:
    """Analyze one file of a batch; returns its name and an error message or ``None``."""
    name, target, fmt, published, summary_k = job
    export, _, _ = EXPORTS[fmt]
    try:
        source = read_path(Path(name))
        entry = find(sha256=source.sha256)
        metadata = entry.metadata if entry else Metadata(published=published)
        analysis = analyze(source, metadata)
        write_atomically(Path(target), export(analysis, summary_k=summary_k))
    except LensError as err:
        return name, str(err)
    except OSError as err:
        return name, f"{shown(name)}: {err.strerror or err}"
    except Exception as err:  # noqa: BLE001 - a bug in one file must not cost the others
        return name, f"{shown(name)}: internal error ({type(err).__name__}); please report it"
    return name, None


def write_atomically(path: Path, content: str) -> None:
    """Write a file so that it is either whole or absent: a temporary file, then a rename."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        temporary.write_text(content, encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


class _Progress:
    """The progress bar on stderr, and the errors above it."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.failed = total, 0, 0

    def report(self, name: str, error: str | None) -> None:
        self.done += 1
        if error is not None:
            self.failed += 1
            sys.stderr.write(f"\rerror: {error if error.startswith(shown(name)) else f'{shown(name)}: {error}'}\n")
        width = 30
        filled = width * self.done // self.total
        note = f", {self.failed} failed" if self.failed else ""
        sys.stderr.write(f"\r{'█' * filled}{'·' * (width - filled)} {self.done}/{self.total}{note}")
        sys.stderr.flush()


def run_corpus(args: argparse.Namespace) -> int:
    """``corpus add|list|timeline|people|followups|export``."""
    from lib.corpus import Store  # DuckDB and pandas only for the corpus

    if args.action == "add":
        return _corpus_add(args)
    with Store(args.store, read_only=True) as store:
        if args.action == "export":
            for path in store.export_parquet(args.out):
                print(path)
            return 0
        as_of = parse_date(args.as_of) if getattr(args, "as_of", None) else None
        frame = {"list": store.documents, "timeline": store.timeline, "people": store.people,
                 "followups": lambda: store.followups(as_of=as_of)}[args.action]()
    sys.stdout.write(_table(frame, args.format))
    return 0


def _table(frame, fmt: str) -> str:  # noqa: ANN001 - a pandas DataFrame
    frame = frame.copy()
    for column in frame.columns:  # DuckDB's DATE columns come as datetimes: show them as dates
        if str(frame[column].dtype).startswith("datetime64") and column != "added":
            frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    if fmt == "csv":
        return frame.to_csv(index=False)
    if fmt == "json":
        return frame.to_json(orient="records", date_format="iso", force_ascii=False, indent=1) + "\n"
    cells = [[("" if _missing(v) else str(v)).replace("|", "\\|").replace("\n", " ") for v in row]
             for row in frame.itertuples(index=False)]
    lines = ["| " + " | ".join(frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    lines += ["| " + " | ".join(row) + " |" for row in cells]
    return "\n".join(lines) + "\n"


def _missing(value: object) -> bool:
    try:
        return value is None or bool(value != value)  # None, NaN, NaT
    except (TypeError, ValueError):  # a list
        return False


def _corpus_add(args: argparse.Namespace) -> int:
    """Analyze the files not yet in the store (all with --refresh) and write each one, in this
    process, in a transaction of its own. Exit 2 if any file failed, 128+N when interrupted."""
    import hashlib

    from lib.corpus import Store, resolve_surnames
    from lib.errors import MAX_BYTES

    published = parse_date(args.published) if args.published is not None else None
    with Store(args.store) as store:
        known = store.known()
        jobs, skipped = [], 0
        for name in dict.fromkeys(args.files):
            path = Path(name)
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() and path.stat().st_size <= MAX_BYTES else None
            except OSError:
                digest = None  # the worker reports why it cannot be read
            if digest is not None and digest in known and not args.refresh:
                skipped += 1
                continue
            jobs.append((name, published))
        if args.engine == "local" and jobs:
            load_model("fr")  # in the parent: forked workers inherit it
        progress = _Progress(len(jobs)) if jobs else None
        added, pending = 0, []
        try:
            for name, rows, error in engine.run(_corpus_one, jobs, workers=args.jobs, engine=args.engine,
                                                scheduler=args.scheduler):
                if rows is not None:
                    pending.append(rows)
                    if len(pending) >= WRITE_EVERY:
                        store.write_many(pending)
                        added, pending = added + len(pending), []
                progress.report(name, error)  # type: ignore[union-attr]
        except engine.Interrupted as stop:
            store.write_many(pending)  # the documents analyzed so far, each whole
            added += len(pending)
            sys.stderr.write(f"\ninterrupted: {added} of {len(jobs)} added (each one whole), "
                             f"{len(jobs) - added} not added\n")
            return 128 + stop.signal
        store.write_many(pending)
        added += len(pending)
        if added:
            resolve_surnames(store)
    failed = progress.failed if progress else 0
    sys.stderr.write(("\n" if progress else "") + f"{added} added, {skipped} already in the store"
                     + (f", {failed} failed" if failed else "") + f" ({shown(args.store)})\n")
    return 2 if failed else 0


def _corpus_one(job: tuple[str, dt.date | None]) -> tuple[str, object, str | None]:
    """Analyze one file for the corpus: its name, its rows (:class:`lib.corpus.Rows`) or an error."""
    from lib.corpus import analyzed_rows

    name, published = job
    try:
        source = read_path(Path(name))
        entry = find(sha256=source.sha256)
        rows = analyzed_rows(source, entry.metadata if entry else Metadata(published=published), Path(name).name)
    except LensError as err:
        return name, None, str(err)
    except OSError as err:
        return name, None, f"{shown(name)}: {err.strerror or err}"
    except Exception as err:  # noqa: BLE001 - a bug in one file must not cost the others
        return name, None, f"{shown(name)}: internal error ({type(err).__name__}); please report it"
    return name, rows, None


def _sentence_count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"--summary-k must be a whole number ≥ 0, not {value!r}")
    return int(value)


def run_analyze(args: argparse.Namespace) -> Analysis:
    """Read the file, look it up in the catalog, apply the options, analyze."""
    published = parse_date(args.published) if args.published is not None else None
    if args.file == "-":
        source = read_bytes(read_bounded(sys.stdin.buffer), name="stdin")
    else:
        source = read_path(Path(args.file))
    entry = find(sha256=source.sha256)
    metadata = entry.metadata if entry else Metadata()
    overrides = {"published": published, "title": args.title, "source": args.source}
    metadata = replace(metadata, **{k: v for k, v in overrides.items() if v is not None})
    taxonomy = None
    if args.taxonomy is not None:
        taxonomy_path = Path(args.taxonomy)
        if not taxonomy_path.is_file():
            raise LensError(f"{shown(args.taxonomy)}: no such taxonomy file")
        with taxonomy_path.open("rb") as stream:
            content = read_bounded(stream)
        taxonomy = parse_taxonomy(content.decode("utf-8", errors="replace"), name=taxonomy_path.name)
    return analyze(source, metadata, taxonomy=taxonomy)


def _write_pieces(pieces: Iterable[str], *, chunk: int = 1 << 20) -> None:
    """Write many small strings to stdout in chunks of about ``chunk`` characters."""
    buffer: list[str] = []
    size = 0
    for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size >= chunk:
            sys.stdout.write("".join(buffer))
            buffer, size = [], 0
    sys.stdout.write("".join(buffer))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = build_parser().parse_args(argv)
    if args.command in ("batch", "corpus"):
        try:
            return run_batch(args) if args.command == "batch" else run_corpus(args)
        except LensError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        except Exception as err:  # noqa: BLE001 - a bug: still one line, never a traceback
            print(shown(f"internal error ({type(err).__name__}: {err}); please report it"), file=sys.stderr)
            return 1
    try:
        analysis = run_analyze(args)
        for warning in analysis.warnings:
            if warning.kind == "model_missing":  # the output is still made, by rules: say it once
                print(f"note: {warning.message}", file=sys.stderr)
        if args.format == "json":  # written as it is made: a long document's JSON is large
            _write_pieces(iter_json(analysis, summary_k=args.summary_k))
            return 0
        output = FORMATS[args.format](analysis, summary_k=args.summary_k)
    except LensError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"error: {shown(args.file)}: {err.strerror or err}", file=sys.stderr)
        return 2
    except Exception as err:  # noqa: BLE001 - a bug: still one line, never a traceback
        print(shown(f"internal error ({type(err).__name__}: {err}); please report it"), file=sys.stderr)
        return 1
    sys.stdout.write(output)
    return 0
