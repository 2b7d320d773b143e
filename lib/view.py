"""What a dashboard link carries: document, publication date, summary length, topic threshold
and section — parsed and validated from URL parameters, which are always strings."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from lib.catalog import parse_date
from lib.errors import InvalidDateError, shown

SECTIONS = ("all", "summary", "topics", "entities", "timeline", "text")
SECTION_LABELS = {
    "all": "All",
    "summary": "Summary",
    "topics": "Topics",
    "entities": "People & places",
    "timeline": "Timeline",
    "text": "Text",
}
NO_DATE = "none"


@dataclass(frozen=True)
class View:
    """A dashboard view. ``None`` fields are not set by the link.

    Attributes:
        doc: Catalog document id.
        published: Publication date; ``NO_DATE`` in a link means "explicitly not set".
        summary_k: Number of summary sentences (≥ 1).
        threshold: Minimum topic weight (≥ 0).
        section: One of :data:`SECTIONS`.
        no_date: The link says the date is deliberately unset.
    """

    doc: str | None = None
    published: dt.date | None = None
    summary_k: int | None = None
    threshold: float | None = None
    section: str | None = None
    no_date: bool = False


def parse_view(params: Mapping[str, str | list[str]], *, catalog_ids: Collection[str]) -> tuple[View, tuple[str, ...]]:
    """Read a link's parameters; a bad value is ignored and named in a notice, never raised.

    Returns:
        The view, and one notice per ignored parameter (unknown names included).
    """
    notices: list[str] = []
    values: dict[str, str] = {}
    for name, raw in params.items():
        value = raw[-1] if isinstance(raw, list) else raw
        values[name] = value.strip()

    def quoted(value: str) -> str:  # a link may carry anything: show a bounded, printable piece
        return repr(value if len(value) <= 40 else value[:40] + "…")  # repr escapes control characters
    doc = values.pop("doc", None)
    if doc is not None and doc not in catalog_ids:
        notices.append(f"doc={quoted(doc)} is not in the catalog")
        doc = None
    published: dt.date | None = None
    no_date = False
    raw_date = values.pop("published", None)
    if raw_date is not None:
        if raw_date == NO_DATE:
            no_date = True
        else:
            try:
                published = parse_date(raw_date)
            except InvalidDateError:
                notices.append(f"published={quoted(raw_date)} is not a date from 1900-01-01 to 2100-12-31 (YYYY-MM-DD)")
    summary_k = None
    raw_k = values.pop("k", None)
    if raw_k is not None:
        if re.fullmatch(r"[0-9]{1,6}", raw_k) and int(raw_k) >= 1:  # not str.isdigit: "²" is a digit
            summary_k = int(raw_k)
        else:
            notices.append(f"k={quoted(raw_k)} is not a number of sentences (1 or more)")
    threshold = None
    raw_threshold = values.pop("threshold", None)
    if raw_threshold is not None:
        try:
            threshold = float(raw_threshold) if len(raw_threshold) <= 20 else math.nan
            if not math.isfinite(threshold) or threshold < 0:
                raise ValueError(raw_threshold)
        except ValueError:
            notices.append(f"threshold={quoted(raw_threshold)} is not a topic weight (0 or more)")
            threshold = None
    section = values.pop("section", None)
    if section is not None and section not in SECTIONS:
        notices.append(f"section={quoted(section)} is not one of {', '.join(SECTIONS)}")
        section = None
    notices += [f"{shown(name[:40])}= is not a setting of this dashboard" for name in sorted(values)]
    return View(doc, published, summary_k, threshold, section, no_date), tuple(notices)


def view_params(view: View) -> dict[str, str]:
    """The URL parameters of a view (only what is set)."""
    params: dict[str, str] = {}
    if view.doc:
        params["doc"] = view.doc
    if view.published:
        params["published"] = view.published.isoformat()
    elif view.no_date:
        params["published"] = NO_DATE
    if view.summary_k is not None:
        params["k"] = str(view.summary_k)
    if view.threshold is not None:
        params["threshold"] = f"{view.threshold:g}"
    if view.section and view.section != "all":
        params["section"] = view.section
    return params


def link(base_url: str, view: View) -> str:
    """The full permalink: the app's address and the view's parameters."""
    query = urlencode(view_params(view))
    return f"{base_url}?{query}" if query else base_url
