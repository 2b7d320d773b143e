"""Keywords with YAKE, cleaned for communiqués, each with every place it occurs.

YAKE (0.7 series) proposes n-grams of up to three words in the document's language, with the
stop words of :mod:`lib.lexicon`. Then:

* a phrase that starts or ends with a stop word or a lone elided article ("sécurité lors",
  "d’intérêt commun") is trimmed to its content words, and dropped if nothing is left;
* a phrase with other stop words inside than the connectors of data/stopwords.toml ("trafic
  de drogues" stays, "mardi à Rabat" goes) is dropped, and so is a single word shorter than
  3 letters or a number (generic words are YAKE stop words already);
* near-duplicates are merged: phrases with the same stems in the same order ("Jeux
  olympiques", "jeux olympique") are one keyword and share occurrences; a phrase whose stems
  contain, or are contained in, a better-ranked keyword's ("police nationale" and "police
  nationale française") is listed as *related* to it, without lending it its occurrences;
* every occurrence of the keyword or a same-stem variant is located (case-insensitive, any
  spacing), and a keyword without an occurrence is dropped;
* in a document longer than :data:`SAMPLE_CHARACTERS`, keywords are chosen from its start (YAKE's
  memory grows with the vocabulary) and their occurrences found in the whole text.

Scores are YAKE's: lower is more relevant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lib.ingest import fold
from lib.lexicon import connectors, stopwords, tokens
from lib.sentences import Sentence
from lib.spans import Occupied, SentenceIndex

NGRAM_MAX = 3
CANDIDATES = 40
DEFAULT_TOP = 10
SAMPLE_CHARACTERS = 200_000
"""Keywords are chosen from at most this many characters (the start of a longer document)."""


@dataclass(frozen=True)
class Occurrence:
    """Where a keyword occurs: sentence index and span in the document text."""

    sentence: int
    start: int
    end: int


@dataclass(frozen=True)
class Keyword:
    """A key phrase of the document.

    Attributes:
        text: The phrase as written at its first occurrence.
        score: YAKE score, lower is more relevant.
        variants: Other forms with the same stems (case, inflection); their occurrences count.
        related: Merged phrases that contain it or that it contains, as YAKE proposed them.
        occurrences: Every place it (or a variant) occurs, in document order.
    """

    text: str
    score: float
    variants: tuple[str, ...]
    related: tuple[str, ...]
    occurrences: tuple[Occurrence, ...]


def extract(
    text: str,
    sentences: tuple[Sentence, ...],
    language: str | None,
    *,
    other_languages: Iterable[str | None] = (),
    top: int = DEFAULT_TOP,
) -> tuple[Keyword, ...]:
    """The ``top`` keywords of a document, best first.

    Args:
        text: The document text (offsets refer to it).
        sentences: Its sentences, to attach each occurrence to one.
        language: Document language code; YAKE's stop words and statistics depend on it.
        other_languages: Languages of some sentences (a quotation); their stop words apply too.
        top: How many keywords at most.
    """
    import yake

    if not sentences or top <= 0:
        return ()
    folded = fold(text)
    stops = stopwords(language).union(*(stopwords(code) for code in set(other_languages) - {language}))
    extractor = yake.KeywordExtractor(
        lan=(language or "en").split("-")[0], n=NGRAM_MAX, top=CANDIDATES, dedup_lim=0.9, stopwords=set(stops)
    )
    groups: list[_Group] = []
    for phrase, score in extractor.extract_keywords(_sample(folded).translate(_ARABIC_PUNCTUATION)):
        cleaned = _trim(phrase, language, stops)
        if cleaned is None:
            continue
        sequence = tuple(t.stem for t in tokens(cleaned, language) if t.norm not in stops)
        stems = frozenset(sequence)
        for group in groups:
            if sequence == group.sequence:
                if cleaned.lower() not in (m.lower() for m in group.forms):
                    group.forms.append(cleaned)
                break
            if stems <= group.stems or stems > group.stems:
                group.related.append(cleaned)
                break
        else:
            groups.append(_Group(sequence, stems, [cleaned], [], float(score)))

    keywords: list[Keyword] = []
    for group in groups:
        found = _occurrences(folded, group.forms, sentences)
        if not found or _cuts_a_name(text, found):
            continue
        first = found[0]
        shown = text[first.start : first.end]
        keywords.append(
            Keyword(
                text=shown,
                score=round(group.score, 6),
                # Every other form: the one shown is the first found, not always YAKE's first.
                variants=tuple(f for f in group.forms if not _same_form(f, shown)),
                related=tuple(group.related),
                occurrences=found,
            )
        )
        if len(keywords) == top:
            break
    return tuple(keywords)


_ARABIC_PUNCTUATION = str.maketrans({"،": ",", "؛": ";", "؟": "?"})
"""YAKE splits phrases at Latin punctuation only: Arabic's comma, semicolon and question mark are
read as theirs (same length), so that no keyword runs across them ("باريس، مختلف الجوانب")."""


def _same_form(form: str, written: str) -> bool:
    return " ".join(form.lower().split()) == " ".join(fold(written).lower().split())


def _sample(text: str) -> str:
    """The text YAKE reads: all of it up to SAMPLE_CHARACTERS, else its start, cut at a paragraph.
    YAKE keeps a table of every distinct n-gram, so its memory grows with the vocabulary (1 MB of
    distinct words took 600 MB); the start of a long document names its subject, and occurrences
    are still found in the whole text."""
    if len(text) <= SAMPLE_CHARACTERS:
        return text
    cut = text.rfind("\n", 0, SAMPLE_CHARACTERS)
    return text[: cut if cut > SAMPLE_CHARACTERS // 2 else SAMPLE_CHARACTERS]


@dataclass
class _Group:
    sequence: tuple[str, ...]
    stems: frozenset[str]
    forms: list[str]
    related: list[str]
    score: float


def _trim(phrase: str, language: str | None, stops: frozenset[str]) -> str | None:
    """Trim stop words off both ends; None if what is left is not a keyword."""
    words = tokens(phrase, language)
    content = [i for i, t in enumerate(words) if t.norm not in stops and len(t.norm) > 1]
    if not content:
        return None
    inner: list[str] = []
    for word in words[content[0] : content[-1] + 1]:
        if word.norm in stops or len(word.norm) < 2:
            inner.append(word.norm)
        elif inner:
            if " ".join(inner) not in connectors(language):
                return None  # "mardi à Rabat", "Geneva to discuss"
            inner = []
    first, last = words[content[0]], words[content[-1]]
    if len(content) == 1 and len(first.norm) < 3:
        return None
    return phrase[first.start : last.end]


_NEXT_WORD = re.compile(r"[ \u00a0]+(\w)")


def _cuts_a_name(text: str, found: tuple[Occurrence, ...]) -> bool:
    """Whether every occurrence stops inside a name: it ends with a capitalized word and the name
    goes on with another ("Director-General of National" before "Police", "Secretary General
    Jens" before "Stoltenberg"). Such a phrase is a piece of the name, not a keyword."""
    for occurrence in found:
        words = text[occurrence.start : occurrence.end].split()
        after = _NEXT_WORD.match(text, occurrence.end)
        if not (words and words[-1][:1].isupper() and after and after.group(1).isupper()):
            return False
    return True


def _pattern(phrase: str) -> str:
    parts = [re.escape(p) for p in phrase.split()]
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"


def _occurrences(folded: str, phrases: list[str], sentences: tuple[Sentence, ...]) -> tuple[Occurrence, ...]:
    """All non-overlapping matches of any phrase, longest first where they overlap."""
    spans: list[tuple[int, int]] = []
    taken = Occupied()
    for phrase in sorted(phrases, key=len, reverse=True):
        for match in re.finditer(_pattern(phrase), folded, re.IGNORECASE):
            if taken.add(*match.span()):
                spans.append(match.span())
    found = []
    index = SentenceIndex(sentences)
    for start, end in sorted(spans):
        sentence = index.containing(start, end)
        if sentence is not None:  # a phrase across two sentences is not an occurrence
            found.append(Occurrence(sentence.index, start, end))
    return tuple(found)
