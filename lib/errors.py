"""Every error a user can cause, with a message that says what to do next.

Errors come from one place so the dashboard (``st.error``) and the CLI (one line on stderr,
exit code 2) show the same words. Anything that is not a :class:`LensError` is a bug.
"""

from __future__ import annotations

MAX_BYTES = 10 * 1024 * 1024
"""The size limit for one document, file or pasted text (10 MB). Streamlit's upload limit
in .streamlit/config.toml is the same number."""

SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")


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
            f"{name} is not readable text (it looks like binary data): "
            "upload a .txt, .md, .html, .pdf or .docx file."
        )


class TooLargeError(LensError):
    def __init__(self, size: int) -> None:
        super().__init__(
            f"The document is {size / 1_000_000:.1f} MB; the limit is "
            f"{MAX_BYTES // (1024 * 1024)} MB: split it or paste only the communiqué."
        )


class UnsupportedFormatError(LensError):
    def __init__(self, extension: str) -> None:
        shown = extension or "(no extension)"
        super().__init__(
            f"Unsupported file type {shown}: use .txt, .md, .html, .pdf or .docx "
            "(save a .doc or .rtf file as .docx first)."
        )


class NoTextLayerError(LensError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"{name} has no text layer (a scanned image?): run OCR on it first, "
            "or paste the text."
        )


class CorruptDocumentError(LensError):
    def __init__(self, name: str, kind: str) -> None:
        super().__init__(
            f"{name} could not be opened as a {kind} file (damaged or not really {kind}): "
            "re-save it, or paste the text."
        )


class InvalidDateError(LensError):
    def __init__(self, value: str) -> None:
        super().__init__(
            f"Invalid publication date {value!r}: use the form YYYY-MM-DD, e.g. 2023-12-12."
        )


class DataFileError(LensError):
    """A reference file in data/ (or one a user supplied) is malformed."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
