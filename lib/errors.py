"""Every error a user can cause, with a message that says what to do next.

Errors come from one place so the dashboard (``st.error``) and the CLI (one line on stderr,
exit code 2) show the same words. Anything that is not a :class:`LensError` is a bug.
"""

from __future__ import annotations

import datetime as dt
import re

from lib.interface import Message, Words

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
    """A problem with the user's input. ``str(error)`` is the one-line message to show (English,
    the CLI's); :meth:`said` is the message in an interface language."""

    def __init__(self, message: str | Message) -> None:
        self.message = message if isinstance(message, Message) else None
        super().__init__(str(message))

    def said(self, words: Words) -> str:
        """The message in the words of an interface language (English words when it has no key)."""
        return words.say(self.message) if self.message is not None else str(self)


class EmptyInputError(LensError):
    def __init__(self) -> None:
        super().__init__(Message.of("error.empty"))


class NoLettersError(LensError):
    def __init__(self) -> None:
        super().__init__(Message.of("error.no_letters"))


class BinaryInputError(LensError):
    def __init__(self, name: str) -> None:
        super().__init__(Message.of("error.binary", name=shown(name)))


class TooLargeError(LensError):
    def __init__(self, size: int) -> None:
        limit = MAX_BYTES // MB
        if round(size / MB, 1) <= limit:  # 10.01 MB is over the limit: do not show "10.0"
            super().__init__(Message.of("error.too_large_by_little", limit=limit))
        else:
            super().__init__(Message.of("error.too_large", size=size / MB, limit=limit))


class UnpackedTooLargeError(LensError):
    def __init__(self, name: str, size: int) -> None:
        super().__init__(Message.of("error.unpacked_too_large", name=shown(name), size=size / MB,
                                    limit=MAX_UNPACKED_BYTES // MB))


class TooManyPagesError(LensError):
    def __init__(self, name: str, pages: int) -> None:
        super().__init__(Message.of("error.too_many_pages", name=shown(name), pages=pages, limit=MAX_PDF_PAGES))


class NotAFileError(LensError):
    def __init__(self, name: str, what: str) -> None:
        super().__init__(f"{shown(name)}: {what}; give the path of a document file.")  # the CLI's only


class UnsupportedFormatError(LensError):
    def __init__(self, extension: str) -> None:
        if extension:
            super().__init__(Message.of("error.unsupported_format", extension=shown(extension)))
        else:
            super().__init__(Message.of("error.no_extension"))


class NoTextLayerError(LensError):
    def __init__(self, name: str) -> None:
        super().__init__(Message.of("error.no_text_layer", name=shown(name)))


class CorruptDocumentError(LensError):
    def __init__(self, name: str, kind: str) -> None:
        super().__init__(Message.of("error.corrupt", name=shown(name), kind=kind))


class InvalidDateError(LensError):
    def __init__(self, value: str) -> None:
        value = value if len(value) <= 40 else value[:40] + "…"
        super().__init__(Message.of("error.invalid_date", value=value, first=FIRST_DATE.isoformat(),
                                    last=LAST_DATE.isoformat()))


class DataFileError(LensError):
    """A reference file in data/ (or one a user supplied) is malformed."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(shown(f"{path}: {problem}"))
