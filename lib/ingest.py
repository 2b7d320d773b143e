"""Turn a file, bytes or pasted text into one normalized document text.

The document text is what every offset in the analysis refers to. It is built so that:

* it is Unicode NFC, with ``\\n`` line ends and one ``\\n`` between paragraphs (no blank lines);
* hard-wrapped lines (plain text, Markdown, PDF) are joined into their paragraph;
* every kind of space (no-break, narrow no-break, thin, tab) is a plain space, runs of spaces are
  one space, and invisible characters (BOM, zero-width space, soft hyphen, controls) are gone;
* typographic apostrophes and quotes are kept as written, so a quote copied from the dashboard
  matches the communiqué. Code that matches words uses :func:`fold` — a view of the same length in
  which every apostrophe is ``'`` — so offsets found in the folded view are offsets in the text.
"""

from __future__ import annotations

import hashlib
import io
import re
import stat
import unicodedata
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, Literal

from lib.errors import (
    MAX_BYTES,
    MAX_PDF_PAGES,
    MAX_UNPACKED_BYTES,
    SUPPORTED_EXTENSIONS,
    BinaryInputError,
    CorruptDocumentError,
    EmptyInputError,
    NoLettersError,
    NotAFileError,
    NoTextLayerError,
    TooLargeError,
    TooManyPagesError,
    UnpackedTooLargeError,
    UnsupportedFormatError,
)

Format = Literal["text", "markdown", "html", "pdf", "docx"]

_EXTENSION_FORMAT: dict[str, Format] = {
    ".txt": "text",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
assert tuple(_EXTENSION_FORMAT) == SUPPORTED_EXTENSIONS

_APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc\u2032\u0060\u00b4"})


@dataclass(frozen=True)
class Source:
    """One ingested document.

    Attributes:
        text: The normalized document text; all offsets in an analysis refer to it.
        name: The file name, or ``"pasted text"``.
        format: How the text was extracted.
        encoding: The detected character encoding of a text file, else ``None``.
        sha256: Hash of the raw bytes of a file (used to find it in the catalog), else ``None``.
        title_hint: A title found in the markup (HTML ``<h1>``/``<title>``, DOCX properties).
        truncated_from: When only the start of a long document is kept (:func:`truncated`),
            the number of characters of the whole text.
    """

    text: str
    name: str
    format: Format
    encoding: str | None = None
    sha256: str | None = None
    title_hint: str | None = None
    truncated_from: int | None = None


def truncated(source: Source, max_characters: int) -> Source:
    """The start of a long document: at most ``max_characters``, cut at the last paragraph
    break before the limit (else the last space). A shorter document is returned as it is."""
    if len(source.text) <= max_characters:
        return source
    cut = source.text.rfind("\n", 0, max_characters + 1)
    if cut < max_characters // 2:
        cut = source.text.rfind(" ", 0, max_characters + 1)
    if cut < max_characters // 2:
        cut = max_characters
    return replace(source, text=source.text[:cut].rstrip(), truncated_from=len(source.text))


def fold(text: str) -> str:
    """Return ``text`` with every apostrophe-like character replaced by ``'``; same length."""
    return text.translate(_APOSTROPHES)


def read_path(path: str | Path) -> Source:
    """Read a document from disk.

    Only regular files are read (a folder, a pipe or a device is refused before it is opened:
    a pipe would block and /dev/zero never ends), and never more than the size limit.

    Raises:
        LensError: the path is not a file, or the file is too large, of an unsupported type,
            or holds no usable text.
        OSError: the file cannot be read (permissions).
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError as err:
        raise NotAFileError(str(path), "no such file") from err
    if stat.S_ISDIR(mode):
        raise NotAFileError(str(path), "a folder, not a file")
    if not stat.S_ISREG(mode):
        raise NotAFileError(str(path), "not a regular file (a pipe, socket or device)")
    with path.open("rb") as stream:
        return read_bytes(read_bounded(stream), name=path.name)


def read_bounded(stream: BinaryIO) -> bytes:
    """Read a stream in chunks, refusing it as soon as it passes the size limit (stdin may be
    endless: `analyze - < /dev/zero`)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(min(1 << 20, MAX_BYTES + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BYTES:
            raise TooLargeError(size)


def read_bytes(data: bytes, *, name: str) -> Source:
    """Extract and normalize the text of an uploaded or read file.

    The format comes from the extension of ``name``; a name without extension is read as text.

    Raises:
        LensError: the data is too large, of an unsupported type, or holds no usable text.
    """
    if len(data) > MAX_BYTES:
        raise TooLargeError(len(data))
    extension = Path(name).suffix.lower()
    if extension and extension not in _EXTENSION_FORMAT:
        raise UnsupportedFormatError(extension)
    fmt: Format = _EXTENSION_FORMAT.get(extension, "text")
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise EmptyInputError()

    encoding: str | None = None
    title_hint: str | None = None
    if fmt == "pdf":
        raw = _pdf_text(data, name)
    elif fmt == "docx":
        raw, title_hint = _docx_text(data, name)
    else:
        raw, encoding = decode(data, name=name)
        if fmt == "html":
            raw, title_hint = html_to_text(raw)
        elif fmt == "markdown":
            raw = _markdown_text(raw)
    text = normalize(raw, unwrap=fmt in ("text", "pdf"))
    check_text(text)
    if title_hint is not None:
        title_hint = normalize(title_hint) or None
    return Source(text, name, fmt, encoding, digest, title_hint)


def read_pasted(text: str) -> Source:
    """Normalize text pasted by a user (kept as plain text; hard wraps are joined).

    Raises:
        LensError: the text is too large, empty or has no letters.
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise TooLargeError(size)
    normalized = normalize(text, unwrap=True)
    check_text(normalized)
    return Source(normalized, "pasted text", "text")


def check_text(text: str) -> None:
    """Raise if a normalized text cannot be analyzed (empty, or no letters at all)."""
    if not text.strip():
        raise EmptyInputError()
    if not any(ch.isalpha() for ch in text):
        raise NoLettersError()


# --- decoding -------------------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode(data: bytes, *, name: str) -> tuple[str, str]:
    """Decode bytes of unknown encoding; return ``(text, encoding)``.

    Order: a byte-order mark decides; then UTF-16 without BOM (every other byte zero); then
    strict UTF-8 (by far the most common, and unambiguous; a last character cut short is
    dropped); then charset-normalizer's best guess.

    Raises:
        BinaryInputError: no encoding gives readable text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _readable(data[len(bom):].decode(encoding.replace("-sig", "")), name), encoding
            except UnicodeDecodeError as err:
                raise BinaryInputError(name) from err
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            try:
                return _readable(data.decode(utf16), name), utf16
            except (UnicodeDecodeError, BinaryInputError):
                pass
        # Else a stray NUL in a text file: the checks below judge the whole text (a few
        # control characters are dropped by normalization; binary data has many).
    try:
        return _readable(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and err.start >= len(data) - 3:
            # UTF-8 cut inside its last character (a truncated download, a copy cut at a byte
            # count): that character is lost, not the text.
            return _readable(data[: err.start].decode("utf-8"), name), "utf-8"
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise BinaryInputError(name)
    # On a tie, prefer the Western code pages of the languages we read (fr, en, es): for
    # Spanish bytes, cp1250 scores the same as cp1252 and turns "España" into "Espańa".
    for match in matches:
        if match.encoding in _WESTERN and match.chaos <= best.chaos and match.coherence >= best.coherence:
            best = match
            break
    return _readable(str(best), name), best.encoding


_WESTERN = ("cp1252", "iso8859_15", "latin_1")


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 byte order without a byte-order mark.

    Latin text has a zero high byte in most characters; Arabic (U+06xx) has none, but its
    spaces, digits and punctuation do, and its high bytes are almost all 0x06. So: the side
    where zeros fall, and the other side mostly zero or one repeated byte.
    """
    if len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    half = len(data) / 2
    for high, low, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        zeros = high.count(0)
        if zeros > 0.3 * half and low.count(0) < 0.05 * half:
            return encoding
        if zeros >= 0.05 * half and low.count(0) < 0.01 * half:
            common = max(set(high) - {0}, key=high.count, default=None)
            if common is not None and zeros + high.count(common) > 0.9 * half:
                return encoding
    return None


def _readable(text: str, name: str) -> str:
    """Reject decoded text that is mostly control characters or replacement marks."""
    if not text:
        return text
    bad = sum(
        1
        for ch in text
        if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Co", "Cs") and ch not in "\t\n\r\f\v")
    )
    if bad / len(text) > 0.02:
        raise BinaryInputError(name)
    return text


# --- formats --------------------------------------------------------------------------------

_DROP_TAGS = frozenset(
    "script style noscript template svg iframe object embed head nav aside form button "
    "select textarea canvas".split()
)
_BLOCK_TAGS = frozenset(
    "p div section article main header footer h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table tr "
    "thead tbody tfoot blockquote pre figure figcaption address hr caption details summary".split()
)


def html_to_text(markup: str) -> tuple[str, str | None]:
    """Extract readable text from HTML with a real parser; return ``(text, title)``.

    Scripts, styles and page furniture (nav, aside, forms) are dropped; when the page has an
    ``<article>`` or ``<main>`` element only that is kept. Block elements become paragraphs.
    """
    from bs4 import BeautifulSoup, Comment, NavigableString, Tag
    from bs4.element import Declaration, Doctype, ProcessingInstruction

    soup = BeautifulSoup(markup, "html.parser")
    title_tag = soup.find("title")
    page_title = title_tag.get_text(" ", strip=True) if title_tag else None
    root = soup.find("article") or soup.find("main") or soup.find("body") or soup
    heading = root.find("h1")
    title = heading.get_text(" ", strip=True) if heading else page_title

    parts: list[str] = []
    skipped = (Comment, Doctype, Declaration, ProcessingInstruction)
    # An explicit stack, not recursion: a real page can nest thousands of elements deep.
    block_end = object()  # where a block element closes: a paragraph break
    stack: list[object] = list(reversed(list(root.children)))
    while stack:
        node = stack.pop()
        if node is block_end:
            parts.append("\n")
        elif isinstance(node, NavigableString):
            if not isinstance(node, skipped):
                parts.append(re.sub(r"\s+", " ", str(node)))
        elif isinstance(node, Tag) and node.name not in _DROP_TAGS:
            if node.name == "br":
                parts.append("\n")
                continue
            if node.name in _BLOCK_TAGS:
                parts.append("\n")
                stack.append(block_end)
            stack.extend(reversed(list(node.children)))
    return "".join(parts), title or None


# Markdown is read line by line for its blocks, then inline. Every pattern is linear: spaces are
# collapsed first, and no quantified part can run over the character that opens the next match
# ("[", "*", "_", "("), so a run of openers costs one step each, not one scan each.
_SPACE_RUN = re.compile(r"[ \t]+")
_MD_HEADING = re.compile(r" {0,3}#{1,6} ")
_MD_QUOTE = re.compile(r" {0,3}> ?")
_MD_LIST_ITEM = re.compile(r" ?(?:[-*+]|\d{1,9}[.)]) ")
_MD_INLINE = (
    (re.compile(r"!\[([^\[\]]*)\]\((?:[^()]|\([^()]*\))*+\)"), r"\1"),  # images: keep alt text
    (re.compile(r"\[([^\[\]]+)\]\((?:[^()]|\([^()]*\))*+\)"), r"\1"),  # links: keep the words
    (re.compile(r"\*\*(?=\S)((?:[^*\n]|\*(?!\*))++)(?<=\S)\*\*"), r"\1"),  # bold
    (re.compile(r"__(?=\S)((?:[^_\n]|_(?!_))++)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]++)(?<=\S)\*(?!\w)"), r"\1"),  # italics
    (re.compile(r"(?<!\w)_(?=\S)([^_\n]++)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),  # inline code
)
_MD_PARAGRAPH_BREAK = re.compile(r" ?\n ?\n\s*")


def _markdown_block(line: str) -> str:
    """One line without its block syntax; \x00 marks a forced paragraph break."""
    if line.startswith(("```", "~~~")):
        return ""  # code fences (their content is kept)
    heading = _MD_HEADING.match(line)
    if heading:
        rest = line[heading.end() :].rstrip(" ")
        closed = rest.rstrip("#")
        if not closed or closed.endswith(" "):  # "## Title ##": the closing hashes go
            rest = closed.rstrip(" ")
        return f"\x00{rest}\x00"
    quote = _MD_QUOTE.match(line)
    line = line[quote.end() :] if quote else line
    bare = line.replace(" ", "")
    if len(bare) >= 3 and not bare.strip("-*_"):
        return ""  # a horizontal rule
    item = _MD_LIST_ITEM.match(line)
    return "\x00" + line[item.end() :] if item else line


def _markdown_text(markdown: str) -> str:
    """Strip Markdown syntax; a single newline inside a paragraph is a soft wrap (CommonMark)."""
    text = _SPACE_RUN.sub(" ", markdown.replace("\r\n", "\n").replace("\r", "\n"))
    text = "\n".join(_markdown_block(line) for line in text.split("\n"))
    for pattern, repl in _MD_INLINE:
        text = pattern.sub(repl, text)
    # \x00 marks a forced paragraph break (headings, list items); blank lines are paragraph breaks.
    text = _MD_PARAGRAPH_BREAK.sub("\x00", text)
    text = text.replace("\n", " ")
    return "\n".join(part.strip() for part in text.split("\x00") if part.strip())


def _pdf_text(data: bytes, name: str) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        count = len(reader.pages)
    except Exception as err:  # noqa: BLE001 - pypdf raises many kinds on damaged files
        raise CorruptDocumentError(name, "PDF") from err
    if count > MAX_PDF_PAGES:
        raise TooManyPagesError(name, count)
    pages: list[str] = []
    size = 0
    for page in reader.pages:
        try:
            pages.append(page.extract_text() or "")
        except Exception as err:  # noqa: BLE001
            raise CorruptDocumentError(name, "PDF") from err
        size += len(pages[-1])
        if size > MAX_BYTES:  # the text read, not the bytes sent, is what the limit is about
            raise TooLargeError(size)
    text = "\n\n".join(pages)
    if not any(ch.isalpha() for ch in text):
        raise NoTextLayerError(name)
    # Words hyphenated across a line break: "sécu-\nrité" -> "sécurité".
    return re.sub(r"(\w)-\n(?=[a-zà-ÿ])", r"\1", text)


def _docx_text(data: bytes, name: str) -> tuple[str, str | None]:
    from docx import Document
    from docx.table import Table

    _check_unpacked(data, name)
    try:
        document = Document(io.BytesIO(data))
        lines: list[str] = []
        size = 0
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    cells = [cell.text.strip() for cell in row.cells]
                    lines.append(" | ".join(c for c in dict.fromkeys(cells) if c))  # merged cells once
                    size += len(lines[-1])
            else:
                lines.append(block.text)
                size += len(lines[-1])
            if size > MAX_BYTES:  # the text read, not the bytes sent, is what the limit is about
                raise TooLargeError(size)
        title = document.core_properties.title or None
    except TooLargeError:
        raise
    except Exception as err:  # noqa: BLE001 - zipfile, lxml and python-docx all raise on damage
        raise CorruptDocumentError(name, "Word (.docx)") from err
    return "\n".join(lines), title


def _check_unpacked(data: bytes, name: str) -> None:
    """Refuse a .docx whose parts unpack to more than MAX_UNPACKED_BYTES (a zip bomb), before
    any part is unpacked. zipfile never returns more than a member's declared size, so the
    declared sizes bound what python-docx can read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as err:
        raise CorruptDocumentError(name, "Word (.docx)") from err
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnpackedTooLargeError(name, unpacked)


# --- normalization --------------------------------------------------------------------------

_LINE_BREAKS = re.compile(r"\r\n|[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")  # any whitespace but the newline, incl. NBSP, NNBSP, thin
_TERMINAL = tuple(".!?…:;»\"”)؟")


def normalize(text: str, *, unwrap: bool = False) -> str:
    """Normalize text as described in the module docstring.

    Args:
        text: Decoded text.
        unwrap: Join hard-wrapped lines of a paragraph (plain text, PDF).
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc" or ch == "\t")
    text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    if unwrap:
        lines = _unwrap(lines)
    return "\n".join(line for line in lines if line)


def _unwrap(lines: list[str]) -> list[str]:
    """Join lines that continue a sentence; blank lines and finished lines end a paragraph.

    A line continues into the next when it does not end with terminal punctuation and either
    the next line starts in lower case (or with a digit), or the text is hard-wrapped (most lines
    are close to one width) and this line is long enough to have been wrapped there. In
    hard-wrapped text whose paragraphs are separated by blank lines, a long line continues even
    after a full stop.
    """
    lengths = [len(line) for line in lines if line]
    width = max(lengths, default=0)
    wrapped = (
        len(lengths) >= 3
        and width <= 120
        and sum(1 for n in lengths if n >= 0.6 * width) >= 0.5 * len(lengths)
    )
    # Wrapped text whose paragraphs are separated by blank lines: a long line always continues.
    blank_separated = wrapped and "" in lines
    out: list[str] = []
    previous = ""  # the previous physical line
    for line in lines:
        long_previous = wrapped and len(previous) >= 0.6 * width
        if (
            line
            and previous
            and (
                (blank_separated and long_previous)
                or (not out[-1].endswith(_TERMINAL) and (line[0].islower() or line[0].isdigit() or long_previous))
            )
        ):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        previous = line
    return out
