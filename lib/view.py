"""What a dashboard link carries: document, publication date, summary length, topic threshold,
section and interface language — parsed and validated from URL parameters, which are always strings."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import math
import re
import zlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

from lib.catalog import parse_date
from lib.errors import MAX_BYTES, InvalidDateError, shown
from lib.interface import REFERENCE, Message, languages

SECTIONS = ("all", "summary", "topics", "entities", "timeline", "text")
NO_DATE = "none"
LINK_TEXT_LIMIT = 8000
"""The most characters a text takes in a link, compressed and encoded: with the rest of the
address it stays under the 8 KB that servers and proxies commonly accept."""
TEXT_FIELD_LIMIT = 300
"""The most characters of a title or an issuer in a link."""


@lru_cache(maxsize=16)
def encode_text(text: str) -> str | None:
    """A text as a link parameter (raw deflate, base64url without padding), or ``None`` when it
    is longer than :data:`LINK_TEXT_LIMIT` once encoded. Cached: the dashboard writes the link on
    every rerun of its reading panel, and deflating up to 160 KB each time is wasted work."""
    data = text.encode("utf-8")
    if len(data) > 20 * LINK_TEXT_LIMIT:  # prose deflates 3 to 4 times: no need to try
        return None
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(data) + packer.flush()
    encoded = base64.urlsafe_b64encode(packed).rstrip(b"=").decode("ascii")
    return encoded if len(encoded) <= LINK_TEXT_LIMIT else None


def decode_text(value: str) -> str:
    """The text of a link parameter made by :func:`encode_text`. Bounded: a parameter over the
    limit, or one that would unpack beyond the document size limit, is refused.

    Raises:
        ValueError: not a text of this dashboard.
    """
    if len(value) > LINK_TEXT_LIMIT or not re.fullmatch(r"[A-Za-z0-9_-]+", value):
        raise ValueError("not encoded here")
    try:
        packed = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        unpacker = zlib.decompressobj(-15)
        data = unpacker.decompress(packed, MAX_BYTES + 1)
        if len(data) > MAX_BYTES or unpacker.unconsumed_tail or not unpacker.eof:
            raise ValueError("too large or cut")
        return data.decode("utf-8")
    except (binascii.Error, zlib.error, UnicodeDecodeError) as err:
        raise ValueError("not encoded here") from err


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
        lang: The interface language (English when not set).
        text: A pasted or uploaded text carried by the link itself (instead of ``doc``).
        title: The title given to that text, if the user set one.
        issuer: Its issuer, if the user set one.
    """

    doc: str | None = None
    published: dt.date | None = None
    summary_k: int | None = None
    threshold: float | None = None
    section: str | None = None
    no_date: bool = False
    lang: str | None = None
    text: str | None = None
    title: str | None = None
    issuer: str | None = None


def parse_view(params: Mapping[str, str | list[str]], *, catalog_ids: Collection[str]) -> tuple[View, tuple[Message, ...]]:
    """Read a link's parameters; a bad value is ignored and named in a notice, never raised.

    Returns:
        The view, and one notice per ignored parameter (unknown names included).
    """
    notices: list[Message] = []
    values: dict[str, str] = {}
    for name, raw in params.items():
        value = raw[-1] if isinstance(raw, list) else raw
        values[name] = value.strip()

    def quoted(value: str) -> str:  # a link may carry anything: show a bounded piece (shown with repr, which escapes)
        return value if len(value) <= 40 else value[:40] + "…"
    doc = values.pop("doc", None)
    if doc is not None and doc not in catalog_ids:
        notices.append(Message.of("notice.doc", value=quoted(doc)))
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
                notices.append(Message.of("notice.published", value=quoted(raw_date)))
    summary_k = None
    raw_k = values.pop("k", None)
    if raw_k is not None:
        if re.fullmatch(r"[0-9]{1,6}", raw_k) and int(raw_k) >= 1:  # not str.isdigit: "²" is a digit
            summary_k = int(raw_k)
        else:
            notices.append(Message.of("notice.k", value=quoted(raw_k)))
    threshold = None
    raw_threshold = values.pop("threshold", None)
    if raw_threshold is not None:
        try:
            threshold = float(raw_threshold) if len(raw_threshold) <= 20 else math.nan
            if not math.isfinite(threshold) or threshold < 0:
                raise ValueError(raw_threshold)
        except ValueError:
            notices.append(Message.of("notice.threshold", value=quoted(raw_threshold)))
            threshold = None
    section = values.pop("section", None)
    if section is not None and section not in SECTIONS:
        notices.append(Message.of("notice.section", value=quoted(section), sections=", ".join(SECTIONS)))
        section = None
    lang = values.pop("lang", None)
    if lang is not None and lang not in languages():
        notices.append(Message.of("notice.lang", value=quoted(lang), languages=", ".join(languages())))
        lang = None
    text = values.pop("text", None)
    if text is not None:
        try:
            text = decode_text(text)
        except ValueError:
            notices.append(Message.of("notice.text"))
            text = None
        if doc is not None and text is not None:
            text = None  # a link made here never carries both: the catalog's document wins
    fields = {name: values.pop(name, None) for name in ("title", "issuer")}
    for name, value in fields.items():
        if value is not None and len(value) > TEXT_FIELD_LIMIT:
            notices.append(Message.of("notice.too_long", name=name, limit=TEXT_FIELD_LIMIT))
            fields[name] = None
    notices += [Message.of("notice.unknown", name=shown(name[:40])) for name in sorted(values)]
    return View(doc, published, summary_k, threshold, section, no_date, lang, text or None, fields["title"] or None,
                fields["issuer"] or None), tuple(notices)


def view_params(view: View) -> dict[str, str]:
    """The URL parameters of a view (only what is set)."""
    params: dict[str, str] = {}
    if view.doc:
        params["doc"] = view.doc
    elif view.text:
        encoded = encode_text(view.text)
        if encoded is not None:
            params["text"] = encoded
            params.update({name: value[:TEXT_FIELD_LIMIT] for name, value in (("title", view.title), ("issuer", view.issuer))
                           if value})
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
    if view.lang and view.lang != REFERENCE:
        params["lang"] = view.lang
    return params


def link(base_url: str, view: View) -> str:
    """The full permalink: the app's address and the view's parameters."""
    query = urlencode(view_params(view))
    return f"{base_url}?{query}" if query else base_url
