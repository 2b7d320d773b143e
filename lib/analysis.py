"""The one Analysis object every panel, export and the CLI read."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, Literal

from lib.catalog import Metadata
from lib.entities import Curation, Entity, curate, model_name, readers
from lib.entities import extract as extract_entities
from lib.ingest import Source, truncated
from lib.interface import Message, Words
from lib.keywords import Keyword, extract
from lib.language import LanguageGuess, detect, detect_each, is_supported
from lib.sentences import Sentence, split, word_count
from lib.summary import Summary, summarize
from lib.timeline import EMPTY_TIMELINE, Dateline, Timeline, build, dateline_date, find_dateline
from lib.topics import Taxonomy, TopicScore, breakdown, default_taxonomy

READING_WORDS_PER_MINUTE = 200
"""Reading speed for the reading-time estimate: careful reading of official prose."""
UNCERTAIN_BELOW = 0.90
"""A document language guess below this probability is reported as uncertain."""
_TITLE_MAX = 90
PAGE_CHARACTERS = 3000
"""A printed page holds about this many characters (for "the first N pages")."""

WarningKind = Literal[
    "short_text", "uncertain_language", "unsupported_language", "mixed_languages", "no_publication_date",
    "weekday_mismatch", "planned_in_past", "stale_upcoming", "truncated", "model_missing",
]


@dataclass(frozen=True)
class Warning:  # noqa: A001 - the name users see in the JSON ("warnings")
    """Something the reader must know before trusting the analysis.

    Attributes:
        kind: Stable identifier of the problem.
        message: One sentence for the user, saying what to do.
        sentences: Indices of the sentences concerned, if any.
    """

    kind: WarningKind
    message: str
    sentences: tuple[int, ...] = ()
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, kind: WarningKind, sentences: tuple[int, ...] = (), /, **params: Any) -> Warning:
        """A warning whose message is the catalogs' ``warning.<kind>`` (English here)."""
        message = Message.of(f"warning.{kind}", **params)
        return cls(kind, str(message), sentences, message.params)

    def said(self, words: Words) -> str:
        """The message in an interface language."""
        return words.say(Message(f"warning.{self.kind}", self.params))


@dataclass(frozen=True)
class Analysis:
    """Everything known about one document. Offsets refer to ``text``.

    Attributes:
        source: The ingested document (text, file name, format, encoding).
        metadata: Metadata as given by the catalog or the user.
        title: The title shown: metadata, markup title, the document's title line, or its start.
        sentences: The numbered sentences.
        language: The language of the whole document.
        sentence_languages: The language of each sentence, same order as ``sentences``.
        words: Number of words.
        reading_minutes: Estimated reading time, rounded up, at least 1.
        summary: The ranking of body sentences; ``summary.sentences(k)`` is a summary.
        keywords: Key phrases, best first, with their occurrences.
        topics: Topics found, heaviest first, with their hits.
        entities: People, organizations, places and events, in order of first mention.
        timeline: Dates, events and key facts, anchored on the publication date.
        taxonomy: The taxonomy the topics come from.
        warnings: What the reader must know before trusting the analysis.
        readers: Which reader found the entities of each language: a spaCy model (name and
            version) or "rules"; empty until :func:`with_entities`.
        dateline: The document's dateline ("Paris, 28 juin 2024 (MAP) –"), if it has one.
    """

    source: Source
    metadata: Metadata
    title: str
    sentences: tuple[Sentence, ...]
    language: LanguageGuess
    sentence_languages: tuple[LanguageGuess, ...]
    words: int
    reading_minutes: int
    summary: Summary
    keywords: tuple[Keyword, ...]
    topics: tuple[TopicScore, ...]
    taxonomy: Taxonomy
    entities: tuple[Entity, ...]
    timeline: Timeline
    warnings: tuple[Warning, ...]
    readers: tuple[tuple[str, str], ...] = ()
    dateline: Dateline | None = None

    @property
    def text(self) -> str:
        """The document text all offsets refer to."""
        return self.source.text

    @property
    def paragraphs(self) -> int:
        return len({s.paragraph for s in self.sentences})

    @property
    def languages(self) -> tuple[str | None, ...]:
        """The language each sentence is read in: its own when reliably detected, else the document's."""
        return tuple(g.code if g.reliable and g.code else self.language.code for g in self.sentence_languages)

    def curated(self, curation: Curation) -> Analysis:
        """The same analysis with a user's entity corrections applied (renames, merges, drops);
        the timeline and key facts are rebuilt on them."""
        if curation == Curation():
            return self
        entities = curate(self.entities, curation)
        timeline = build(self.text, self.sentences, self.languages, self.metadata.published, entities, self.topics)
        return replace(self, entities=entities, timeline=timeline)


def analyze(source: Source, metadata: Metadata | None = None, *, taxonomy: Taxonomy | None = None) -> Analysis:
    """Analyze one ingested document: :func:`analyze_text`, then :func:`with_entities`.

    Args:
        source: The document, from :mod:`lib.ingest`.
        metadata: Catalog or user metadata; ``None`` when nothing is known.
        taxonomy: Topics to look for; data/topics.toml by default.
    """
    return with_entities(analyze_text(source, metadata, taxonomy=taxonomy))


def analyze_text(source: Source, metadata: Metadata | None = None, *, taxonomy: Taxonomy | None = None) -> Analysis:
    """The fast part of the analysis, without the language model: sentences, language, summary,
    keywords, topics. Its ``entities`` and ``timeline`` are empty until :func:`with_entities`."""
    metadata = metadata or Metadata()
    taxonomy = taxonomy or default_taxonomy()
    sentences = split(source.text)
    language = detect(source.text)
    by_sentence = detect_each(s.text for s in sentences)
    words = word_count(source.text)
    # A sentence reliably in another language (a quotation) is read with its own stop words.
    languages = [g.code if g.reliable and g.code else language.code for g in by_sentence]
    dateline = find_dateline(source.text, sentences)
    if dateline is not None:
        metadata = _from_dateline(metadata, dateline, source.text, sentences, languages)
    return Analysis(
        source=source,
        metadata=metadata,
        title=_title(source, metadata, sentences),
        sentences=sentences,
        language=language,
        sentence_languages=by_sentence,
        words=words,
        reading_minutes=max(1, math.ceil(words / READING_WORDS_PER_MINUTE)),
        summary=summarize(sentences, languages),
        keywords=extract(source.text, sentences, language.code, other_languages=languages),
        topics=breakdown(source.text, sentences, languages, taxonomy, label_language=language.code),
        taxonomy=taxonomy,
        entities=(),
        timeline=EMPTY_TIMELINE,
        warnings=_warnings(words, language, sentences, by_sentence, metadata, source),
        dateline=dateline,
    )


def _from_dateline(metadata: Metadata, dateline: Dateline, text: str, sentences: tuple[Sentence, ...],
                   languages: list[str | None]) -> Metadata:
    """What the dateline tells when nobody said it: where the communiqué was issued, and its
    publication date when the dateline gives a full one (marked as taken from the dateline)."""
    if metadata.issued_in is None:
        place = dateline.place.text
        metadata = replace(metadata, issued_in=place.title() if place.isupper() else place)
    if metadata.published is None:
        published = dateline_date(text, sentences, languages, dateline)
        if published is not None:
            metadata = replace(metadata, published=published, published_from="dateline")
    return metadata


def with_entities(partial: Analysis) -> Analysis:
    """Add people, organizations, places and events (the language models' part) and the
    timeline built on them, with its consistency warnings. Each language is read by its model
    (loaded on first use), else by rules; a model that should be there and is not is a warning."""
    languages = partial.languages
    return _completed(partial, extract_entities(partial.text, partial.sentences, languages), readers(languages))


def _completed(partial: Analysis, entities: tuple[Entity, ...], used: tuple[tuple[str, str], ...]) -> Analysis:
    """A quick-part analysis completed with its entities: the timeline built on them and the
    warnings of both parts."""
    timeline = build(partial.text, partial.sentences, partial.languages, partial.metadata.published, entities, partial.topics)
    missing = tuple(
        Warning.of("model_missing", language=code, model=model_name(code))
        for code, reader in used
        if reader == "rules" and model_name(code) is not None
    )
    warnings = partial.warnings + missing + tuple(Warning(w.kind, w.message, w.sentences, w.params) for w in timeline.warnings)
    return replace(partial, entities=entities, timeline=timeline, warnings=warnings, readers=used)


def rederived(analysis: Analysis, metadata: Metadata | None = None, taxonomy: Taxonomy | None = None, *,
              full: bool) -> Analysis:
    """The analysis of the same text under other metadata (a publication date, a title) or
    another taxonomy, without reading the text again.

    The sentences, languages, summary, keywords and entities do not depend on them; the
    metadata the dateline completes, the title, the topics (when the taxonomy changed), the
    timeline, the key facts and the warnings are rebuilt. The result equals analyzing the text
    again with ``metadata`` and ``taxonomy`` (:func:`analyze_text` when ``full`` is false,
    :func:`analyze` when true; tests prove it), at a fraction of the cost: no language
    detection, no YAKE, no model.

    Args:
        analysis: An analysis of the text (quick part only when ``full`` is false).
        metadata: The metadata as the user or the catalog gives it.
        taxonomy: Topics to look for; data/topics.toml by default.
        full: Whether ``analysis`` is complete (has its entities), and so is the result.
    """
    metadata = metadata or Metadata()
    taxonomy = taxonomy or default_taxonomy()
    if analysis.dateline is not None:
        metadata = _from_dateline(metadata, analysis.dateline, analysis.text, analysis.sentences, list(analysis.languages))
    topics = analysis.topics
    if taxonomy != analysis.taxonomy:
        topics = breakdown(analysis.text, analysis.sentences, list(analysis.languages), taxonomy,
                           label_language=analysis.language.code)
    partial = replace(
        analysis,
        metadata=metadata,
        title=_title(analysis.source, metadata, analysis.sentences),
        topics=topics,
        taxonomy=taxonomy,
        entities=(),
        timeline=EMPTY_TIMELINE,
        readers=(),
        warnings=_warnings(analysis.words, analysis.language, analysis.sentences, analysis.sentence_languages,
                           metadata, analysis.source),
    )
    return _completed(partial, analysis.entities, analysis.readers) if full else partial


def _title(source: Source, metadata: Metadata, sentences: tuple[Sentence, ...]) -> str:
    if metadata.title:
        return metadata.title
    if source.title_hint:
        return source.title_hint
    if not sentences:
        return source.name
    first = sentences[0].text
    if sentences[0].heading or len(first) <= _TITLE_MAX:
        return first
    cut = first[:_TITLE_MAX].rsplit(" ", 1)[0]
    return f"{cut}…"


_WARM_UP = (
    "Le directeur général de la police a reçu mardi à Rabat son homologue, M. Jean Dupont, indique un communiqué.",
    "The police chief met his counterpart, Mr. John Smith, in Madrid on Tuesday, the ministry said in a statement.",
    "El director general de la Policía se reunió el martes en Madrid con su homólogo, según un comunicado.",
    "استقبل المدير العام للأمن الوطني يوم الثلاثاء بالرباط نظيره الفرنسي، حسب بلاغ للمديرية العامة.",
)


def warm_up() -> None:
    """Load everything an analysis reads once per process — data files, patterns, stop words,
    language profiles, the French model — by analyzing a sentence of each language (the other
    models are loaded the first time a text of their language comes). A worker forked
    afterwards inherits it all and starts in milliseconds."""
    for sample in _WARM_UP:
        partial = analyze_text(Source(sample, "warm-up", "text"), Metadata(published=dt.date(2023, 12, 12)))
        if partial.language.code == "fr":  # other languages' models load when a text of theirs comes
            with_entities(partial)


def stages(
    source: Source, metadata: Metadata, taxonomy: Taxonomy, *, max_characters: int | None = None
) -> Iterator[Analysis]:
    """The analysis in two steps, for a worker process: :func:`analyze_text` (no model), then
    :func:`with_entities`. With ``max_characters``, only the start of a longer document is
    analyzed, and a warning says so."""
    if max_characters is not None:
        source = truncated(source, max_characters)
    partial = analyze_text(source, metadata, taxonomy=taxonomy)
    yield partial
    yield with_entities(partial)


def _warnings(
    words: int,
    language: LanguageGuess,
    sentences: tuple[Sentence, ...],
    by_sentence: tuple[LanguageGuess, ...],
    metadata: Metadata,
    source: Source,
) -> tuple[Warning, ...]:
    found: list[Warning] = []
    if source.truncated_from is not None:
        found.append(Warning.of(
            "truncated", characters=len(source.text), of=source.truncated_from,
            pages=max(1, len(source.text) // PAGE_CHARACTERS), of_pages=max(1, source.truncated_from // PAGE_CHARACTERS),
        ))
    if not language.reliable:
        found.append(Warning.of("short_text", n=words, language=language.code))
    elif language.confidence < UNCERTAIN_BELOW:
        found.append(Warning.of("uncertain_language", shares=[
            {"language": code, "share": p} for code, p in language.probabilities[:3]]))
    if language.code is not None and not is_supported(language.code):
        found.append(Warning.of("unsupported_language", language=language.code))
    others: dict[str, list[int]] = {}
    for sentence, guess in zip(sentences, by_sentence):
        if guess.reliable and guess.code is not None and guess.code != language.code:
            others.setdefault(guess.code, []).append(sentence.index)
    if others and language.code is not None:
        parts = [
            {"language": code, "n": len(idx), "sentences": ", ".join(str(i + 1) for i in idx)}
            for code, idx in sorted(others.items(), key=lambda kv: kv[1][0])
        ]
        found.append(Warning.of(
            "mixed_languages", tuple(sorted(i for idx in others.values() for i in idx)), language=language.code, parts=parts))
    if metadata.published is None:
        found.append(Warning.of("no_publication_date"))
    return tuple(found)
