"""Split a document text into numbered sentences, paragraph by paragraph.

Rules, in order:

* every line of the document text is a paragraph (see :mod:`lib.ingest`), and no sentence
  crosses a paragraph; so a title line without a full stop is a sentence of its own;
* inside a paragraph a sentence ends at ``.``, ``!``, ``?``, ``…`` or ``؟`` (with any closing
  quotes or brackets after it) when whitespace follows and the next word does not start in lower
  case;
* a full stop does not end a sentence after a known abbreviation (data/abbreviations.toml:
  "M.", "Mme", "art.", "Dr"…), a dotted acronym ("O.N.U.", "S.E.") or a single initial ("J.");
* a "sentence" longer than :data:`MAX_SENTENCE_CHARS` (a list without full stops, a table
  flattened by PDF extraction) is cut at a space into pieces of at most that length, so that
  the work done per sentence — the language model's included — stays bounded.

Splitting is linear in the text: each boundary looks at a bounded window around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lib.errors import DataFileError
from lib.resources import load_toml

# A run of terminal marks, then closing quotes/brackets (French puts a space before "»").
# Possessive (*+): closing quotes belong to the sentence, never left behind as a sentence.
_BOUNDARY = re.compile(r"[.!?…؟]++(?:\s?[»”\"’')\]])*+(?=\s+\S)")
_CLOSERS = " »”\"’')]"
_TERMINALS = ".!?…؟:;"
_DOTTED_ACRONYM = re.compile(r"^(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}$")
_INITIAL = re.compile(r"^[^\W\d_]$")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_OPENERS = "«“\"‘'([¿¡"
_NEXT_WORD = re.compile(r"\s*(\S)(\S?)")
MAX_SENTENCE_CHARS = 2000
"""The longest sentence kept whole; real communiqué sentences stay far below it."""
_TOKEN_WINDOW = 64
"""How far back a boundary looks for the word before it (an abbreviation is short)."""


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text == document_text[start:end]``.

    Attributes:
        index: 0-based position in the document.
        start: Offset of the first character in the document text.
        end: Offset just past the last character.
        text: The sentence as written.
        paragraph: 0-based index of the paragraph (line) it belongs to.
        heading: True for a paragraph that is a single sentence without terminal punctuation —
            a title or section heading.
    """

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    heading: bool


def word_count(text: str) -> int:
    """Words, letters or digits ("d’intérêt" and "DGSN-DGST" count once, "2023" counts)."""
    return sum(1 for _ in _WORD.finditer(text))


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """All abbreviations of data/abbreviations.toml, every language together."""
    data = load_toml("abbreviations.toml")
    words: set[str] = set()
    for language, table in data.items():
        listed = table.get("words") if isinstance(table, dict) else None
        if not isinstance(listed, list) or not all(isinstance(w, str) for w in listed):
            raise DataFileError("data/abbreviations.toml", f"[{language}] needs words = [\"...\"]")
        words.update(listed)
    return frozenset(words)


def split(text: str) -> tuple[Sentence, ...]:
    """Split a normalized document text into sentences.

    Args:
        text: A document text as built by :func:`lib.ingest.normalize`.

    Returns:
        The sentences in document order; empty for a text with no visible characters.
    """
    known = abbreviations()
    sentences: list[Sentence] = []
    offset = 0
    paragraph = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        spans = list(_line_spans(line, known))
        if not spans:
            continue
        heading = len(spans) == 1 and not line.rstrip(_CLOSERS).endswith(tuple(_TERMINALS))
        for start, end in spans:
            sentences.append(
                Sentence(
                    index=len(sentences),
                    start=line_start + start,
                    end=line_start + end,
                    text=line[start:end],
                    paragraph=paragraph,
                    heading=heading,
                )
            )
        paragraph += 1
    return tuple(sentences)


def _line_spans(line: str, known: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of each sentence in one paragraph, stripped of surrounding spaces."""
    cuts = [0]
    for match in _BOUNDARY.finditer(line):
        if _ends_sentence(line, match, known):
            cuts.append(match.end())
    cuts.append(len(line))
    spans = []
    for start, end in zip(cuts, cuts[1:]):
        piece = line[start:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            spans.extend(_bounded(line, start + lead, start + lead + len(stripped)))
    return spans


def _bounded(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a span longer than MAX_SENTENCE_CHARS at the last space before the limit."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = line.rfind(" ", start + MAX_SENTENCE_CHARS // 2, limit)
        cut = limit if cut < 0 else cut
        pieces.append((start, cut))
        start = cut
        while start < end and line[start] == " ":
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def _ends_sentence(line: str, match: re.Match[str], known: frozenset[str]) -> bool:
    following = _NEXT_WORD.match(line, match.end())
    if following is None:
        return True
    first, second = following.group(1), following.group(2)
    if first.islower() or first in ",;:)-–—":
        return False
    if first in _OPENERS and second.islower() and first not in "¿¡":
        return False
    core = re.match(r"[.!?…؟]+", match.group(0)).group(0)  # type: ignore[union-attr]
    if core != ".":
        return True  # "!", "?", "…" and "..." end a sentence before a capital
    window = line[max(0, match.start() - _TOKEN_WINDOW) : match.start()]
    token = window.split()[-1] if window.split() else ""
    token = re.split(r"['’]", token.lstrip(_OPENERS))[-1]  # elision: "l’art." -> "art"
    if not token:
        return True
    if token in known or _INITIAL.match(token) or _DOTTED_ACRONYM.match(token):
        return False
    return True
