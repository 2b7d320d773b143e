"""Topic breakdown: which themes a communiqué covers, how much, and the words that say so.

Topics and their cues live in data/topics.toml (syntax in that file's header). A cue is matched
inside one sentence at a time, on a view of the text without case, accents or typographic
apostrophes (:func:`lib.lexicon.match_view`), so every hit is a span of the document text.
A sentence uses the cues of its own language when it was reliably detected, else those of the
document; a language the taxonomy has no cues for uses every language's cues.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lib.errors import DataFileError
from lib.lexicon import compiled, match_view, phrase_literal, phrase_pattern
from lib.resources import DATA_DIR, parse_toml
from lib.sentences import Sentence

DEFAULT_MIN_WEIGHT = 1.0
"""Topics weighing less are hidden by default (one full cue hit is enough to show)."""
WEAK_WEIGHT = 0.5
TAXONOMY_FILE = "data/topics.toml"

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TOPIC_KEYS = {"id", "label", "description", "cues", "weak", "exclude"}


@dataclass(frozen=True)
class Cue:
    """One cue of a topic: the words as written in the taxonomy and the pattern they give."""

    text: str
    language: str
    pattern: str
    case_sensitive: bool
    weight: float


@dataclass(frozen=True)
class Topic:
    """A topic of the taxonomy."""

    id: str
    labels: tuple[tuple[str, str], ...]
    description: str
    cues: tuple[Cue, ...]
    excludes: tuple[Cue, ...]

    def label(self, language: str | None) -> str:
        """The label in ``language``, else English, else the first one given."""
        labels = dict(self.labels)
        return labels.get(language or "", labels.get("en", self.labels[0][1]))


@dataclass(frozen=True)
class Taxonomy:
    """A validated taxonomy and the name of the file it came from."""

    name: str
    topics: tuple[Topic, ...]

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(cue.language for topic in self.topics for cue in topic.cues)


@dataclass(frozen=True)
class TopicHit:
    """A cue found in the text: sentence index, span in the document text, the cue as written."""

    sentence: int
    start: int
    end: int
    cue: str
    weight: float


@dataclass(frozen=True)
class TopicScore:
    """A topic found in the document.

    Attributes:
        topic: The taxonomy entry.
        label: Its label in the document's language (French or English).
        weight: Sum of its hits' weights (1 per cue, 0.5 per weak cue).
        share: Its hits as a fraction of all topic hits in the document.
        hits: Every hit, in document order; a sentence listing several themes counts for each.
    """

    topic: Topic
    label: str
    weight: float
    share: float
    hits: tuple[TopicHit, ...]

    @property
    def id(self) -> str:
        return self.topic.id


# --- the taxonomy file ----------------------------------------------------------------------


def parse_taxonomy(text: str, *, name: str) -> Taxonomy:
    """Read and validate a taxonomy.

    Raises:
        DataFileError: naming the file, the topic and what is wrong with it.
    """
    data = parse_toml(text, name=name)
    raw_topics = data.get("topic")
    if not isinstance(raw_topics, list) or not raw_topics:
        raise DataFileError(name, "no topic: add [[topic]] tables (see data/topics.toml)")
    topics: list[Topic] = []
    seen: set[str] = set()
    for n, raw in enumerate(raw_topics, start=1):
        topic = _topic(raw, n, name)
        if topic.id in seen:
            raise DataFileError(name, f"topic id {topic.id!r} appears twice")
        seen.add(topic.id)
        topics.append(topic)
    return Taxonomy(name, tuple(topics))


@lru_cache(maxsize=1)
def default_taxonomy_text() -> str:
    """The text of data/topics.toml (what a user starts editing from)."""
    try:
        return (DATA_DIR / "topics.toml").read_text(encoding="utf-8")
    except OSError as err:
        raise DataFileError(TAXONOMY_FILE, f"cannot be read ({err.strerror})") from err


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """data/topics.toml, read once per process."""
    return parse_taxonomy(default_taxonomy_text(), name=TAXONOMY_FILE)


def _topic(raw: Any, n: int, name: str) -> Topic:
    if not isinstance(raw, dict):
        raise DataFileError(name, f"topic #{n} must be a [[topic]] table")
    topic_id = raw.get("id")
    if not isinstance(topic_id, str) or not _ID.match(topic_id):
        raise DataFileError(name, f"topic #{n}: id {topic_id!r} must be lower-case letters, digits and _")
    where = f"topic {topic_id}"
    unknown = set(raw) - _TOPIC_KEYS
    if unknown:
        raise DataFileError(name, f"{where}: unknown key {sorted(unknown)[0]!r} (expected {', '.join(sorted(_TOPIC_KEYS))})")
    labels = raw.get("label")
    if not isinstance(labels, dict) or not {"fr", "en"} <= labels.keys() or not all(isinstance(v, str) and v for v in labels.values()):
        raise DataFileError(name, f"{where}: label needs fr and en texts, e.g. label = {{ fr = \"…\", en = \"…\" }}")
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise DataFileError(name, f"{where}: description must be a string")
    cues = _cues(raw.get("cues"), f"{where}: cues", name, 1.0, required=True)
    weak = _cues(raw.get("weak"), f"{where}: weak", name, WEAK_WEIGHT, required=False)
    excludes = _cues(raw.get("exclude"), f"{where}: exclude", name, 0.0, required=False)
    return Topic(topic_id, tuple(sorted(labels.items())), description, cues + weak, excludes)


def _cues(raw: Any, where: str, name: str, weight: float, *, required: bool) -> tuple[Cue, ...]:
    if raw is None and not required:
        return ()
    if not isinstance(raw, dict) or (required and not raw):
        raise DataFileError(name, f"{where} must be a table of lists per language, e.g. cues.fr = [\"…\"]")
    cues = []
    for language, values in raw.items():
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise DataFileError(name, f"{where}.{language} must be a list of non-empty strings")
        for value in values:
            cues.append(_cue(value, language, weight, f"{where}.{language}", name))
    if required and not cues:
        raise DataFileError(name, f"{where}: no cue at all")
    return tuple(cues)


def _cue(text: str, language: str, weight: float, where: str, name: str) -> Cue:
    try:
        pattern, case_sensitive = phrase_pattern(text)
    except ValueError as err:
        raise DataFileError(name, f"{where}: {err}") from err
    return Cue(text, language, pattern, case_sensitive, weight)


# --- the breakdown --------------------------------------------------------------------------


def breakdown(
    text: str,
    sentences: Sequence[Sentence],
    languages: Sequence[str | None],
    taxonomy: Taxonomy,
    *,
    label_language: str | None = None,
) -> tuple[TopicScore, ...]:
    """Every topic with at least one hit, heaviest first (ties: the one mentioned first).

    Args:
        text: The document text.
        sentences: Its sentences.
        languages: The language of each sentence (same order).
        taxonomy: The topics and cues.
        label_language: Language of the labels ("fr" or "en"; others get English).
    """
    folded = match_view(text)
    cased = match_view(text, keep_case=True)
    known = taxonomy.languages
    found: dict[str, list[TopicHit]] = {}
    for sentence, language in zip(sentences, languages):
        usable = {language} if language in known else known
        pieces = (folded[sentence.start : sentence.end], cased[sentence.start : sentence.end])
        for topic in taxonomy.topics:
            hits = _sentence_hits(topic, sentence, usable, folded, cased, pieces)
            if hits:
                found.setdefault(topic.id, []).extend(hits)
    total = sum(len(h) for h in found.values())
    by_id = {t.id: t for t in taxonomy.topics}
    scores = [
        TopicScore(
            topic=by_id[topic_id],
            label=by_id[topic_id].label(label_language),
            weight=sum(h.weight for h in hits),
            share=round(len(hits) / total, 4),
            hits=tuple(hits),
        )
        for topic_id, hits in found.items()
    ]
    return tuple(sorted(scores, key=lambda s: (-s.weight, s.hits[0].start)))


def _sentence_hits(topic: Topic, sentence: Sentence, languages: set[str] | frozenset[str], folded: str, cased: str,
                   pieces: tuple[str, str]) -> list[TopicHit]:
    def spans(cues: tuple[Cue, ...]) -> list[tuple[int, int, Cue]]:
        out = []
        for cue in cues:
            if cue.language not in languages:
                continue
            if phrase_literal(cue.text) not in pieces[cue.case_sensitive]:
                continue  # a plain substring test first: most cues are not in most sentences
            view = cased if cue.case_sensitive else folded
            for match in compiled(cue.pattern).finditer(view, sentence.start, sentence.end):
                out.append((match.start(), match.end(), cue))
        return out

    excluded = [(s, e) for s, e, _ in spans(topic.excludes)]
    hits: list[TopicHit] = []
    # Longest first where cues overlap ("criminalité transnationale organisée" over "… transnationale").
    for start, end, cue in sorted(spans(topic.cues), key=lambda x: (x[0], -(x[1] - x[0]), -x[2].weight)):
        if any(start < e and s < end for s, e in excluded):
            continue
        if any(start < h.end and h.start < end for h in hits):
            continue
        hits.append(TopicHit(sentence.index, start, end, cue.text, cue.weight))
    return hits
