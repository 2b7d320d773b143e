"""Every error a user can cause, with a message that says what to do next.

Errors come from one place so the dashboard (``st.error``) and the CLI (one line on stderr,
exit code 2) show the same words. Anything that is not a :class:`LensError` is a bug.
"""

from __future__ import annotations

import datetime as dt
import re

MB = 1024 * 1024
"""A megabyte as Streamlit counts it (server.maxUploadSize): every size we show is in these."""
MAX_BYTES = 10 * MB
"""The size limit for one document, file or pasted text (10 MB). Streamlit's upload limit
in .streamlit/config.toml is the same number."""
MAX_UNPACKED_BYTES = 64 * MB
"""What the parts of a .docx may unpack to, together: a Word file is a zip, and 1 MB of zip
can hold gigabytes of XML."""
MAX_PDF_PAGES = 3000
"""The most pages read from one PDF."""
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)
"""Dates are read in this range everywhere (publication dates, links, dates in the text):
outside it they are refused or ignored, so no date arithmetic can overflow."""

SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def shown(name: str) -> str:
    """A file name as it may appear in a one-line message: control characters (a newline in a
    name could forge a second line) are shown escaped."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], name)


class LensError(Exception):
    """A problem with the user's input. ``str(error)`` is the one-line message to show."""


class EmptyInputError(LensError):
    def __init__(self) -> None:
        super().__init__("The document is empty: paste or upload a communiqué that contains text.")


class NoLettersError(LensError):
    def __init__(self) -> None:
        super().__init__(
            "The document contains no letters (only digits, symbols or spaces): "
            "check that you chose the right file."
        )


class BinaryInputError(LensError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"{shown(name)} is not readable text (it looks like binary data): "
            "upload a .txt, .md, .html, .pdf or .docx file."
        )


class TooLargeError(LensError):
    def __init__(self, size: int) -> None:
        limit = MAX_BYTES // MB
        shown_size = f"{size / MB:.1f}"
        if float(shown_size) <= limit:  # 10.01 MB is over the limit: do not show "10.0"
            shown_size = f"more than {limit}"
        super().__init__(
            f"The document is {shown_size} MB; the limit is {limit} MB: split it or paste only the communiqué."
        )


class UnpackedTooLargeError(LensError):
    def __init__(self, name: str, size: int) -> None:
        super().__init__(
            f"{shown(name)} unpacks to {size / MB:.0f} MB, more than the {MAX_UNPACKED_BYTES // MB} MB "
            "a Word file may hold here: save its text as .txt, or split it."
        )


class TooManyPagesError(LensError):
    def __init__(self, name: str, pages: int) -> None:
        super().__init__(
            f"{shown(name)} has {pages:,} pages; at most {MAX_PDF_PAGES:,} are read: "
            "extract the pages of the communiqué into a smaller PDF."
        )


class NotAFileError(LensError):
    def __init__(self, name: str, what: str) -> None:
        super().__init__(f"{shown(name)}: {what}; give the path of a document file.")


class UnsupportedFormatError(LensError):
    def __init__(self, extension: str) -> None:
        shown_extension = shown(extension) if extension else "(no extension)"
        super().__init__(
            f"Unsupported file type {shown_extension}: use .txt, .md, .html, .pdf or .docx "
            "(save a .doc or .rtf file as .docx first)."
        )


class NoTextLayerError(LensError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"{shown(name)} has no text layer (a scanned image?): run OCR on it first, "
            "or paste the text."
        )


class CorruptDocumentError(LensError):
    def __init__(self, name: str, kind: str) -> None:
        super().__init__(
            f"{shown(name)} could not be opened as a {kind} file (damaged or not really {kind}): "
            "re-save it, or paste the text."
        )


class InvalidDateError(LensError):
    def __init__(self, value: str) -> None:
        value = value if len(value) <= 40 else value[:40] + "…"
        super().__init__(
            f"Invalid publication date {value!r}: use the form YYYY-MM-DD, e.g. 2023-12-12, "
            f"between {FIRST_DATE.isoformat()} and {LAST_DATE.isoformat()}."
        )


class DataFileError(LensError):
    """A reference file in data/ (or one a user supplied) is malformed."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(shown(f"{path}: {problem}"))
