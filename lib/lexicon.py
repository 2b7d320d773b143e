"""Words: tokens with their offsets, stop words and stemmers for the languages we read.

Stop words come from the lists that ship with YAKE (``yake/core/StopwordsList``), completed by
data/stopwords.toml (attribution and generic words of communiqués). Stemmers are Snowball's
(snowballstemmer). Nothing is downloaded: both ship with their packages.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from lib.errors import DataFileError
from lib.ingest import fold
from lib.resources import load_toml

_WORD = re.compile(r"[^\W\d_]+")
_SNOWBALL = {
    "fr": "french", "en": "english", "es": "spanish", "ar": "arabic", "pt": "portuguese",
    "it": "italian", "de": "german", "nl": "dutch", "ca": "catalan", "ro": "romanian",
}


@dataclass(frozen=True)
class Token:
    """A word (letters only) with its offsets in the text it was read from.

    Attributes:
        start: Offset of the first letter.
        end: Offset past the last letter.
        norm: Lower case, apostrophes folded — what stop words are compared with.
        stem: Snowball stem of ``norm`` (``norm`` itself for a language without a stemmer).
    """

    start: int
    end: int
    norm: str
    stem: str


@lru_cache(maxsize=16)
def stopwords(language: str | None) -> frozenset[str]:
    """YAKE's stop words for the language plus data/stopwords.toml, folded to lower case."""
    code = (language or "").split("-")[0]
    folder = resources.files("yake") / "core" / "StopwordsList"
    listed = folder / f"stopwords_{code}.txt"
    if not code or not listed.is_file():
        listed = folder / "stopwords_noLang.txt"
    raw = listed.read_bytes()
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError:  # some of YAKE's lists are Latin-1, as YAKE itself allows
        content = raw.decode("latin-1")
    words = {fold(w).lower() for w in content.split()}
    words.update(_listed(code, "attribution") | _listed(code, "generic"))
    return frozenset(words)


@lru_cache(maxsize=16)
def connectors(language: str | None) -> frozenset[str]:
    """Stop words allowed inside a key phrase (data/stopwords.toml ``connectors``)."""
    return _listed((language or "").split("-")[0], "connectors")


def _listed(code: str, group: str) -> frozenset[str]:
    values = load_toml("stopwords.toml").get(code, {}).get(group, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise DataFileError("data/stopwords.toml", f"[{code}] {group} must be a list of strings")
    return frozenset(fold(v).lower() for v in values)


@lru_cache(maxsize=16)
def stemmer(language: str | None) -> Callable[[str], str]:
    """The Snowball stemmer of the language, or the identity for one without a stemmer."""
    import snowballstemmer

    name = _SNOWBALL.get((language or "").split("-")[0])
    if name is None:
        return lambda word: word
    stem = snowballstemmer.stemmer(name)
    return lru_cache(maxsize=65536)(stem.stemWord)


def tokens(text: str, language: str | None, *, offset: int = 0) -> tuple[Token, ...]:
    """Every word of ``text`` (elisions split: "l’immigration" -> "l", "immigration")."""
    stem = stemmer(language)
    found = []
    for match in _WORD.finditer(text):
        norm = fold(match.group()).lower()
        found.append(Token(offset + match.start(), offset + match.end(), norm, stem(norm)))
    return tuple(found)


def content_tokens(text: str, language: str | None, *, offset: int = 0) -> tuple[Token, ...]:
    """Tokens that carry content: not stop words, at least two letters."""
    stops = stopwords(language)
    return tuple(t for t in tokens(text, language, offset=offset) if len(t.norm) > 1 and t.norm not in stops)


def match_view(text: str, *, keep_case: bool = False) -> str:
    """``text`` for matching words: apostrophes folded, accents removed, lower case unless
    ``keep_case``; the same length, so offsets found in it are offsets in ``text``.

    Arabic is folded the way its writers vary: hamza seats of alef (أ إ آ → ا, by the same
    accent removal), ta marbuta as ha (ة → ه), alef maqsura as ya (ى → ي), Arabic-Indic
    digits as Western ones (٢٠ → 20). One character each, so offsets hold."""
    return "".join(_match_char(ch, keep_case) for ch in fold(text))


_ARABIC_FOLD = {"ة": "ه", "ى": "ي", **{chr(0x0660 + n): str(n) for n in range(10)}, **{chr(0x06F0 + n): str(n) for n in range(10)}}


@lru_cache(maxsize=4096)
def _match_char(ch: str, keep_case: bool) -> str:
    if ch in _ARABIC_FOLD:
        return _ARABIC_FOLD[ch]
    base = unicodedata.normalize("NFD", ch)[0] if ch.isalpha() else ch
    if not keep_case:
        lowered = base.lower()
        base = lowered if len(lowered) == 1 else base  # "İ".lower() is two characters
    return base


def phrase_pattern(phrase: str) -> tuple[str, bool]:
    """A phrase of a data file as a regular expression over :func:`match_view` text.

    Syntax: ``word*`` any ending; ``?`` one letter; ``a-b`` the hyphen may also be a space or
    nothing; a leading ``=`` makes the phrase case-sensitive (then match it against
    ``match_view(text, keep_case=True)``). Other words accept plural endings (s, x, es;
    -al/-aux; -y/-ies). Returns ``(pattern, case_sensitive)``.

    Raises:
        ValueError: the phrase has no word, a ``*`` inside a word, or would match empty text
            (a word of ``-`` or ``*`` alone).
    """
    body, words, case_sensitive = _phrase_parts(phrase)
    start = _ARABIC_START if "\u0600" <= words[0][0] <= "\u06ff" else r"(?<!\w)"
    return start + body + r"(?!\w)", case_sensitive


def phrase_body(phrase: str) -> str:
    """The pattern of :func:`phrase_pattern` without what bounds it (to build alternations)."""
    return _phrase_parts(phrase)[0]


def _phrase_parts(phrase: str) -> tuple[str, list[str], bool]:
    """(the words' pattern, the words, case-sensitive) of a phrase, checked: see :func:`phrase_pattern`."""
    case_sensitive = phrase.startswith("=")
    words = match_view(phrase[1:] if case_sensitive else phrase, keep_case=case_sensitive).split()
    if not words:
        raise ValueError(f"{phrase!r} has no word")
    parts = []
    for word in words:
        if "*" in word[:-1]:
            raise ValueError(f"in {phrase!r}, * may only end a word")
        if not any(ch.isalnum() or ch == "?" for ch in word):
            raise ValueError(f"in {phrase!r}, {word!r} would match no letter: every word needs a letter or a digit")
        parts.append(_word_pattern(word, inflect=not case_sensitive))
    return r"\s+".join(parts), words, case_sensitive


@lru_cache(maxsize=65536)
def phrase_literal(phrase: str) -> str:
    """Text every match of :func:`phrase_pattern` contains (in the view it is matched against):
    its first word, cut before a wildcard, a hyphen or an ending. A plain substring test with it
    spares most regular expressions most sentences."""
    case_sensitive = phrase.startswith("=")
    first = match_view(phrase.lstrip("="), keep_case=case_sensitive).split()[0]
    return re.split(r"[*?\-]", first)[0][: max(len(first) - 2, 1)]


_ARABIC_START = r"(?:(?<!\w)|(?<=(?<!\w)[وفبلك])|(?<=(?<!\w)[وف][بلك]))"
"""An Arabic name may have a conjunction or preposition attached before it ("بالرباط": in Rabat;
"والمديرية": and the Directorate); the match starts after those letters."""
PROCLITICS = "وفبلك"
"""The letters :data:`_ARABIC_START` lets stand before an Arabic name."""


def _word_pattern(word: str, *, inflect: bool) -> str:
    open_ended = word.endswith("*")
    stem = word.rstrip("*")
    pieces = []
    for ch in stem:
        if ch == "?":
            pieces.append(r"[^\W\d_]")
        elif ch == "-":
            pieces.append(r"[-\s]?")
        else:
            pieces.append(re.escape(ch))
    core = "".join(pieces)
    if open_ended:
        return core + r"\w*"
    if not inflect or not stem[-1:].isalpha():
        return core
    if stem.endswith("al"):
        return core[:-2] + "(?:al|aux|als|ales)"
    if stem.endswith("y"):
        return core[:-1] + "(?:y|ies)"
    return core + "(?:s|x|es)?"


@lru_cache(maxsize=8192)
def compiled(pattern: str) -> re.Pattern[str]:
    """Compile a pattern once per process."""
    return re.compile(pattern)


def calendar_names(written: list[str | list[str]]) -> list[list[str]]:
    """Months or weekdays of data/temporal.toml in calendar order, each as its list of names (a
    month may be written several ways: Arabic نوفمبر, نونبر, تشرين الثاني)."""
    return [[entry] if isinstance(entry, str) else list(entry) for entry in written]
