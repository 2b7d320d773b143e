"""Dates and events: what happened or will happen, when, where, with whom — and the key facts.

Temporal expressions are read with the words of data/temporal.toml and anchored on the
publication date, never on today:

* explicit dates ("12 décembre 2023", "12/12/2023", "December 12, 2023", "12 de diciembre de
  2023") are days; "décembre 2023" a month; "en 2019" a year; "en décembre" the nearest December;
* a weekday in a sentence that tells of the past is the latest such day on or before
  publication ("mardi", published Tuesday 2023-12-12, is 2023-12-12); in one that tells of the
  future, the next one after; "dernier"/"last" and "prochain"/"next" decide when present;
* relative days and periods ("hier", "la semaine prochaine", "next month") are days, weeks,
  months or years; vague ones ("prochainement", "soon", "recientemente") are approximate
  intervals after or before publication, with the horizon of data/temporal.toml;
* named events ("les prochains Jeux olympiques de Paris") take their dates from
  data/events.toml.

Without a publication date, relative expressions stay unresolved. Numbers that are not dates
("à 10 h", "10 ans", "art. 12") are not read: a bare month or year needs a preposition before it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice
from typing import Any, Literal

from lib import gazetteer
from lib.entities import Entity, Mention, unique_ids
from lib.errors import FIRST_DATE, LAST_DATE
from lib.interface import Message, Words
from lib.lexicon import calendar_names, match_view, stopwords
from lib.resources import load_toml
from lib.sentences import Sentence
from lib.spans import Occupied
from lib.topics import TopicScore

Granularity = Literal["day", "week", "month", "year", "period"]
ExpressionKind = Literal["date", "month", "year", "weekday", "relative", "vague", "event"]
Status = Literal["past", "planned", "ongoing", "upcoming", "reference"]
Tense = Literal["past", "future", "unknown"]


@dataclass(frozen=True)
class TimeExpression:
    """A date in the text and its value.

    Attributes:
        sentence, start, end, text: Where it is written (document offsets) and how.
        kind: What sort of expression it is.
        start_date, end_date: The first and last day it may mean; ``None`` when unresolved.
        granularity: day, week, month, year, or period (a vague interval).
        approximate: Whether the interval is a convention (vague words, rough event dates).
        resolved: False for a relative expression without a publication date.
        event_key: For a named event, its id in data/events.toml.
        dateline: Whether it is the date of the dateline ("Paris, 28 juin 2024 (MAP) –"): when
            the news was filed, never the date of an event.
    """

    sentence: int
    start: int
    end: int
    text: str
    kind: ExpressionKind
    start_date: dt.date | None
    end_date: dt.date | None
    granularity: Granularity
    approximate: bool
    resolved: bool
    event_key: str | None = None
    dateline: bool = False


@dataclass(frozen=True)
class Event:
    """Something that happened or will happen, with its evidence.

    Attributes:
        id: Stable identifier within the document.
        kind: meeting, visit, signing, conference or event (a named event).
        label: A short description.
        status: past, planned, ongoing, upcoming (a named event after publication) or reference.
        start, end: Dates, ``None`` when the text does not say or they cannot be resolved.
        granularity: Of the dates.
        approximate: Whether the dates are approximate.
        when_text: The words that give the date, as written.
        place: Where, as a place entity's name.
        participants: People taking part, as entity names.
        evidence: The sentence that tells of it (sentence index and span).
    """

    id: str
    kind: str
    label: str
    status: Status
    start: dt.date | None
    end: dt.date | None
    granularity: Granularity | None
    approximate: bool
    when_text: str | None
    place: str | None
    participants: tuple[str, ...]
    evidence: Mention
    said: Message | None = None

    def text(self, words: Words) -> str:
        """The label in an interface language (a named event keeps its name)."""
        return words.say(self.said) if self.said is not None else self.label


@dataclass(frozen=True)
class Fact:
    """One line of the key-facts card: its value (``None``: not stated) and its evidence."""

    value: str | None
    evidence: tuple[Mention, ...] = ()
    said: Message | None = None

    def text(self, words: Words) -> str | None:
        """The value in an interface language (topic labels in it too)."""
        return words.say(self.said) if self.said is not None else self.value


@dataclass(frozen=True)
class KeyFacts:
    """Who met whom, where, when, about what, and what next."""

    who: Fact
    where: Fact
    when: Fact
    about: Fact
    next: Fact


@dataclass(frozen=True)
class TemporalWarning:
    """A contradiction between dates, or between a date and the publication date."""

    kind: Literal["weekday_mismatch", "planned_in_past", "stale_upcoming"]
    message: str
    sentences: tuple[int, ...]
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, kind: Literal["weekday_mismatch", "planned_in_past", "stale_upcoming"], sentences: tuple[int, ...],
           /, **params: Any) -> TemporalWarning:
        message = Message.of(f"warning.{kind}", **params)
        return cls(kind, str(message), sentences, message.params)


@dataclass(frozen=True)
class Timeline:
    """Everything temporal about a document."""

    expressions: tuple[TimeExpression, ...]
    events: tuple[Event, ...]
    key_facts: KeyFacts
    warnings: tuple[TemporalWarning, ...]


EMPTY_TIMELINE = Timeline((), (), KeyFacts(Fact(None), Fact(None), Fact(None), Fact(None), Fact(None)), ())
"""The timeline of an analysis whose entities are not read yet."""


# --- vocabulary -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Vocabulary:
    months: tuple[str, ...]  # every name of every month, folded
    weekdays: tuple[str, ...]
    month_number: dict[str, int]  # name -> 1..12
    hijri_number: dict[str, int]  # Hijri month name -> 1..12
    weekday_number: dict[str, int]  # name -> 0 (Monday)..6
    proclitics: str  # a pattern for letters attached before a word (Arabic "و", "ب", "ال"), or ""
    enclitics: str  # a pattern for letters attached after a trigger (Arabic pronouns: "زيارته"), or ""
    relative_days: dict[str, int]
    relative_periods: dict[str, tuple[str, int]]
    vague: dict[str, tuple[str, int]]
    past: tuple[re.Pattern[str], ...]
    future: tuple[re.Pattern[str], ...]
    triggers: dict[str, tuple[str, ...]]
    anaphora: re.Pattern[str] | None  # a demonstrative ending the text before an event word


@lru_cache(maxsize=8)
def _vocabulary(language: str | None) -> _Vocabulary:
    data = load_toml("temporal.toml")
    table: dict[str, Any] = data.get((language or "").split("-")[0]) or data["en"]
    months = _numbered(table["months"], 1)
    weekdays = _numbered(table["weekdays"], 0)
    return _Vocabulary(
        months=tuple(months),
        weekdays=tuple(weekdays),
        month_number=months,
        hijri_number=_numbered(table.get("hijri_months", []), 1),
        weekday_number=weekdays,
        proclitics=table.get("proclitics", ""),
        enclitics=table.get("enclitics", ""),
        relative_days={match_view(k): v for k, v in table.get("relative_days", {}).items()},
        relative_periods={match_view(k): (v[0], int(v[1])) for k, v in table.get("relative_periods", {}).items()},
        vague={match_view(k): (v[0], int(v[1])) for k, v in table.get("vague", {}).items()},
        past=tuple(re.compile(p) for p in table.get("past_markers", [])),
        future=tuple(re.compile(p) for p in table.get("future_markers", [])),
        triggers={k: tuple(v) for k, v in table.get("triggers", {}).items()},
        anaphora=re.compile(rf"(?<!\w)(?:{_alternation([match_view(w) for w in table['anaphora']])})\s+$")
        if table.get("anaphora") else None,
    )


def _numbered(names: Sequence[str | Sequence[str]], first: int) -> dict[str, int]:
    """Names in calendar order, each a name or a list of names of the same month or day (Arabic
    writes November نوفمبر, نونبر or تشرين الثاني), folded for the match view."""
    numbered: dict[str, int] = {}
    for number, written in enumerate(calendar_names(names), start=first):  # type: ignore[arg-type]
        for name in written:
            numbered.setdefault(match_view(name), number)
    return numbered


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=8)
def _patterns(language: str | None) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(kind, pattern) in order of precedence; all read the lower-case, accent-free view."""
    v = _vocabulary(language)
    m, w = _alternation(v.months), _alternation(v.weekdays)
    lang = (language or "en").split("-")[0]
    day = r"(?P<d>1er|\d{1,2})(?:er|st|nd|rd|th)?"
    full = {
        "fr": [rf"(?:(?P<wd>{w})\s+)?{day}\s+(?P<m>{m})\s+(?P<y>\d{{4}})"],
        "en": [
            rf"(?:(?P<wd>{w}),?\s+)?(?P<m>{m})\s+{day},?\s+(?P<y>\d{{4}})",
            rf"(?:(?P<wd>{w}),?\s+)?{day}\s+(?:of\s+)?(?P<m>{m}),?\s+(?P<y>\d{{4}})",
        ],
        "es": [rf"(?:(?P<wd>{w}),?\s+)?{day}\s+de\s+(?P<m>{m})\s+(?:de|del)\s+(?P<y>\d{{4}})"],
        "ar": [rf"(?:(?:يوم\s+)?(?P<wd>{w})\s+)?{day}\s+(?P<m>{m})\s+(?:(?:سنه|عام)\s+)?(?P<y>\d{{4}})"],
    }.get(lang, [])
    day_month = {
        "fr": [rf"(?:(?P<wd>{w})\s+)?{day}\s+(?P<m>{m})(?!\s+\d)"],
        "en": [rf"(?P<m>{m})\s+{day}(?![\d,]*\s*\d{{4}})", rf"{day}\s+(?:of\s+)?(?P<m>{m})(?!\s+\d)"],
        "es": [rf"{day}\s+de\s+(?P<m>{m})(?!\s+de\s+\d)"],
        # "7 نوفمبر الجاري": the current month, whatever the verbs around say.
        "ar": [rf"(?:(?:يوم\s+)?(?P<wd>{w})\s+)?{day}\s+(?P<m>{m})(?:\s+(?P<current>الجاري|الحالي))?(?!\s+(?:(?:سنه|عام)\s+)?\d)"],
    }.get(lang, [])
    month_year = {
        "es": [rf"(?P<m>{m})\s+(?:de|del)\s+(?P<y>\d{{4}})"],
        "ar": [rf"(?:شهر\s+)?(?P<m>{m})\s+(?:(?:سنه|عام)\s+)?(?P<y>\d{{4}})"],
    }.get(lang, [rf"(?P<m>{m})\s+(?P<y>\d{{4}})"])
    month_alone = {
        "fr": [rf"(?:\ben|\bau mois de|\bdebut|\bfin|\bmi-)\s*(?P<m>{m})\b"],
        "en": [rf"(?:\bin|\bsince|\buntil|\bby|\bearly|\blate|\bmid-)\s*(?P<m>{m})\b"],
        "es": [rf"(?:\ben|\bdesde|\bhasta|\ba finales de|\ba principios de|\bmediados de)\s+(?P<m>{m})\b"],
        "ar": [rf"(?:\bفي|\bخلال|\bمنذ|\bحتي|\bمطلع|\bاواخر|\bاواسط)\s+(?:شهر\s+)?(?P<m>{m})\b"],
    }.get(lang, [])
    year = r"(?:\ben|\bin|\bde|\bdel|\bdepuis|\bsince|\bdesde|\bd'ici|\bby|\bof|\bfor|\bpour|\bpara|\bسنه|\bعام|\bفي|\bمنذ|\bخلال)\s+(?:l'annee\s+|the year\s+|el ano\s+|سنه\s+|عام\s+)?(?P<y>(?:19|20)\d{2})\b(?![\d/.-])"
    weekday = {
        "fr": rf"(?:(?P<pre>ce|le|ce dernier)\s+)?(?P<w>{w})(?:\s+(?P<post>dernier|prochain|passe))?",
        "en": rf"(?:(?P<pre>on|last|next|this|on last|on next|this past|this coming)\s+)?(?P<w>{w})",
        "es": rf"(?:(?P<pre>el|este|el pasado|el proximo|este proximo)\s+)?(?P<w>{w})(?:\s+(?P<post>pasado|proximo|que viene))?",
        "ar": rf"(?:(?P<pre>يوم)\s+)?(?P<w>{w})(?:\s+(?P<post>الماضي|المنصرم|المقبل|القادم))?",
    }.get(lang, rf"(?P<w>{w})")
    d1 = r"(?P<d1>1er|\d{1,2})(?:er|st|nd|rd|th)?"
    to = r"(?:\s+(?:to|until|through)\s+|\s*[-–]\s*)"
    ranges = {  # two days and what lies between: "du 26 au 28 juin", "on 11 and 12 July"
        "fr": [
            rf"(?:du|des)\s+{d1}(?:\s+(?P<m1>{m}))?\s+(?:au|jusqu'au)\s+{day}\s+(?P<m>{m})(?:\s+(?P<y>\d{{4}}))?",
            rf"(?:les\s+)?{d1}\s+et\s+{day}\s+(?P<m>{m})(?:\s+(?P<y>\d{{4}}))?",
        ],
        "en": [
            rf"(?:from\s+)?(?P<m1>{m})\s+{d1}{to}(?:(?P<m>{m})\s+)?{day}(?:,?\s+(?P<y>\d{{4}}))?",
            rf"(?:from\s+)?{d1}(?:\s+(?P<m1>{m}))?{to}{day}\s+(?P<m>{m}),?(?:\s+(?P<y>\d{{4}}))?",
            rf"(?:on\s+)?{d1}\s+and\s+{day}\s+(?P<m>{m}),?(?:\s+(?P<y>\d{{4}}))?",
            rf"(?P<m>{m})\s+{d1}\s+and\s+{day}(?:,?\s+(?P<y>\d{{4}}))?",
        ],
        "ar": [
            rf"(?:من|ما بين|بين)\s+{d1}(?:\s+(?P<m1>{m}))?\s+(?:الي|و|حتي)\s*{day}\s+(?P<m>{m})(?:\s+(?:(?:سنه|عام)\s+)?(?P<y>\d{{4}}))?",
            rf"(?:يومي\s+)?{d1}\s+و\s*{day}\s+(?P<m>{m})(?:\s+(?:(?:سنه|عام)\s+)?(?P<y>\d{{4}}))?",
        ],
        "es": [
            rf"del\s+{d1}(?:\s+de\s+(?P<m1>{m}))?\s+al\s+{day}\s+de\s+(?P<m>{m})(?:\s+(?:de|del)\s+(?P<y>\d{{4}}))?",
            rf"entre\s+el\s+{d1}(?:\s+de\s+(?P<m1>{m}))?\s+y\s+el\s+{day}\s+de\s+(?P<m>{m})(?:\s+(?:de|del)\s+(?P<y>\d{{4}}))?",
            rf"(?:los\s+dias\s+)?{d1}\s+y\s+{day}\s+de\s+(?P<m>{m})(?:\s+(?:de|del)\s+(?P<y>\d{{4}}))?",
        ],
    }.get(lang, [])
    found: list[tuple[str, str]] = [("range", p) for p in ranges]
    if v.hijri_number:  # "20 إلى 22 ذو الحجة 1445", "20 ذو الحجة 1445 هـ", "رمضان 1445"
        h, hy = _alternation(list(v.hijri_number)), r"(?P<y>1[3-5]\d\d)(?:\s*(?:هـ|ه)(?!\w))?"
        found += [
            ("hijri", rf"(?:من\s+)?{d1}\s+(?:الي|و|حتي)\s*{day}\s+(?P<m>{h})\s+(?:(?:سنه|عام)\s+)?{hy}"),
            ("hijri", rf"{day}\s+(?P<m>{h})\s+(?:(?:سنه|عام)\s+)?{hy}"),
            ("hijri", rf"(?:شهر\s+)?(?P<m>{h})\s+(?:(?:سنه|عام)\s+)?{hy}"),
        ]
    found += [("date", p) for p in full]
    found += [("date", r"(?P<d>\d{1,2})[/.](?P<mn>\d{1,2})[/.](?P<y>\d{4})"), ("date", r"(?P<y>\d{4})-(?P<mn>\d{2})-(?P<d>\d{2})")]
    found += [("daymonth", p) for p in day_month]
    found += [("month", p) for p in month_year]
    found += [("monthalone", p) for p in month_alone]
    found += [("year", year), ("weekday", weekday)]
    if v.relative_periods:
        found.append(("period", _alternation(list(v.relative_periods))))
    if v.relative_days:
        found.append(("relative", _alternation(list(v.relative_days))))
    if v.vague:
        found.append(("vague", _alternation(list(v.vague))))
    return tuple((kind, re.compile(rf"(?<![\w'-])(?:{pattern})(?![\w-])")) for kind, pattern in found)


# --- datelines ------------------------------------------------------------------------------

# "Paris, 28 juin 2024 (MAP) –", "MADRID, 3 Jun. (EFE) –", "Accra, June 29 (GNA) –": a place, a
# comma, a date, an optional agency in brackets, a dash — at the start of one of the first lines.
_DATELINE = re.compile(  # Arabic: "الرباط، 15 فبراير 2024 –" (a letter of the Arabic block, the Arabic comma)
    r"(?P<place>(?:[A-ZÀ-Þ]|[\u0621-\u064A])[\w'’.-]*(?: [\w'’.-]+){0,3})[,،]\s(?P<when>[^()–—\n]{3,40}?)\s?"
    r"(?:\((?P<agency>[^()\n]{2,30})\)\s?)?[–—-]\s"
)
DATELINE_PARAGRAPHS = 3
"""A dateline stands at the start of one of the first lines (after a title, perhaps)."""


@dataclass(frozen=True)
class Dateline:
    """Where and when a communiqué was filed, as its first words say.

    Attributes:
        place: The place as written ("MADRID"), with its span.
        when: The date part as written, with its span.
        agency: The news agency in brackets ("MAP", "EFE"), if any.
    """

    place: Mention
    when: Mention
    agency: str | None


def find_dateline(text: str, sentences: Sequence[Sentence]) -> Dateline | None:
    """The dateline of the document, if one of its first lines opens with one whose date part
    holds a digit (a place and a comma alone are not a dateline)."""
    previous = -1
    for sentence in sentences:
        if sentence.paragraph >= DATELINE_PARAGRAPHS:
            break
        if sentence.paragraph == previous:
            continue  # only the start of a line
        previous = sentence.paragraph
        line_end = text.find("\n", sentence.start)
        match = _DATELINE.match(text, sentence.start, len(text) if line_end < 0 else line_end)
        if match is None or not any(ch.isdigit() for ch in match.group("when")):
            continue
        start, end = match.span("place")
        when_start, when_end = match.span("when")
        holder = next((s for s in islice(sentences, sentence.index, None) if s.start <= when_start < s.end), sentence)
        return Dateline(
            Mention(sentence.index, start, end, text[start:end]),
            Mention(holder.index, when_start, when_end, text[when_start:when_end]),
            match.group("agency"),
        )
    return None


def dateline_date(text: str, sentences: Sequence[Sentence], languages: Sequence[str | None],
                  dateline: Dateline) -> dt.date | None:
    """The dateline's date when it is a full date ("28 juin 2024", "15/02/2024"); a day and a
    month without a year ("June 29") need the publication date, which is what is sought."""
    sentence = sentences[dateline.when.sentence]
    found = expressions(text, [sentence], [languages[sentence.index]], None)
    full = [x for x in found if x.kind == "date" and x.resolved and x.start_date == x.end_date
            and dateline.when.start <= x.start and x.end <= dateline.when.end]
    return full[0].start_date if full else None


# --- expressions ----------------------------------------------------------------------------


def expressions(
    text: str,
    sentences: Sequence[Sentence],
    languages: Sequence[str | None],
    published: dt.date | None,
    events: Sequence[Entity] = (),
) -> tuple[TimeExpression, ...]:
    """Every temporal expression of the document, in order, resolved where possible."""
    published = _anchor(published)
    view = tense_view(text)
    stressed = stressed_view(text, view)
    event_entries = {e.key: e for e in gazetteer.entries("event")}
    dateline = find_dateline(text, sentences)
    named: dict[int, list[tuple[Mention, Entity]]] = {}
    for entity in events:
        for mention in entity.mentions:
            named.setdefault(mention.sentence, []).append((mention, entity))
    found: list[TimeExpression] = []
    for sentence, language in zip(sentences, languages):
        taken = Occupied()
        for mention, entity in named.get(sentence.index, ()):
            if entity.key in event_entries:
                entry = event_entries[entity.key]
                found.append(
                    TimeExpression(sentence.index, mention.start, mention.end, mention.text, "event", entry.start,
                                   entry.end, "day", entry.approximate, True, entity.key)
                )
                taken.add(mention.start, mention.end)
        tense = _tense_markers(stressed, sentence, language)
        for kind, pattern in _patterns(language):
            for match in pattern.finditer(view, sentence.start, sentence.end):
                if taken.overlaps(match.start(), match.end()):
                    continue
                expression = _resolve(kind, match, text, sentence, language, published, tense)
                if expression is not None:
                    if dateline and dateline.when.start <= expression.start and expression.end <= dateline.when.end:
                        expression = replace(expression, dateline=True)
                    found.append(expression)
                    taken.add(match.start(), match.end())
    return tuple(sorted(found, key=lambda e: e.start))


def _anchor(published: dt.date | None) -> dt.date | None:
    return published if published is not None and FIRST_DATE <= published <= LAST_DATE else None


def _resolve(
    kind: str, match: re.Match[str], text: str, sentence: Sentence, language: str | None,
    published: dt.date | None, tense: list[tuple[int, Tense]],
) -> TimeExpression | None:
    v = _vocabulary(language)
    groups = match.groupdict()

    def make(kind_: ExpressionKind, start: dt.date | None, end: dt.date | None, granularity: Granularity,
             approximate: bool = False) -> TimeExpression:
        return TimeExpression(sentence.index, match.start(), match.end(), text[match.start() : match.end()], kind_,
                              start, end, granularity, approximate, start is not None)

    if kind == "hijri":
        return _hijri(groups, v, make)
    month = v.month_number[groups["m"]] if groups.get("m") else None
    if groups.get("y") and not FIRST_DATE.year <= int(groups["y"]) <= LAST_DATE.year:
        return None  # "31/12/9999": not a date this tool reads (and no arithmetic may overflow)
    if kind == "date":
        month = int(groups["mn"]) if groups.get("mn") else month
        day = 1 if groups["d"] == "1er" else int(groups["d"])
        try:
            value = dt.date(int(groups["y"]), month or 0, day)
        except ValueError:
            return None  # 31/02/2024 or 45/12/2023: not a date
        return make("date", value, value, "day")
    if kind == "range":
        return _range(groups, v, published, _nearest_tense(tense, match.start()), make)
    if kind == "daymonth":
        day = 1 if groups["d"] == "1er" else int(groups["d"])
        if published is None:
            return make("date", None, None, "day")
        candidates = []
        for year in (published.year - 1, published.year, published.year + 1):
            try:
                candidates.append(dt.date(year, month or 0, day))
            except ValueError:
                continue
        if groups.get("current"):
            candidates = [c for c in candidates if c.year == published.year]
            value = candidates[0] if candidates else None
        else:
            value = _by_tense(candidates, published, _nearest_tense(tense, match.start()))
        return make("date", value, value, "day") if value else None
    if kind == "month":
        year = int(groups["y"])
        return make("month", dt.date(year, month or 1, 1), _month_end(year, month or 1), "month")
    if kind == "monthalone":
        if published is None:
            return make("month", None, None, "month")
        firsts = [dt.date(y, month or 1, 1) for y in (published.year - 1, published.year, published.year + 1)]
        direction = _nearest_tense(tense, match.start())
        # A month is "past" while it has started and "future" while it has not ended.
        if direction == "future":
            first = next(f for f in firsts if _month_end(f.year, f.month) >= published)
        else:
            first = [f for f in firsts if f <= published][-1]
        return make("month", first, _month_end(first.year, first.month), "month")
    if kind == "year":
        year = int(groups["y"])
        following = re.match(r"\s+([^\W\d_]+)", text[match.end() : sentence.end])
        ambiguous = re.match(r"(?:de|del|of|for|pour|para)\b", match.group())
        noun = following.group(1) if following else ""
        if ambiguous and noun.islower() and noun.endswith(("s", "x")) and noun not in stopwords(language):
            return None  # "de 2024 arrestations", "of 2024 arrests": a count, not a year
        return make("year", dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    if kind == "weekday":
        if published is None:
            return make("weekday", None, None, "day")
        weekday = v.weekday_number[groups["w"]]
        direction, explicit = _weekday_direction(groups.get("pre"), groups.get("post"), match.start(), tense)
        value = _weekday_date(published, weekday, direction, strict=explicit)
        return make("weekday", value, value, "day")
    if kind == "relative":
        if published is None:
            return make("relative", None, None, "day")
        value = published + dt.timedelta(days=v.relative_days[match.group()])
        return make("relative", value, value, "day")
    if kind == "period":
        if published is None:
            return make("relative", None, None, "week")
        unit, offset = v.relative_periods[match.group()]
        start, end = _period(published, unit, offset)
        return make("relative", start, end, unit)  # type: ignore[arg-type]
    if kind == "vague":
        if published is None:
            return make("vague", None, None, "period", approximate=True)
        direction, horizon = v.vague[match.group()]
        if direction == "future":
            start, end = published + dt.timedelta(days=1), published + dt.timedelta(days=horizon)
        else:
            start, end = published - dt.timedelta(days=horizon), published - dt.timedelta(days=1)
        return make("vague", start, end, "period", approximate=True)
    return None


def _range(groups: dict[str, str | None], v: _Vocabulary, published: dt.date | None, tense: Tense,
           make: Any) -> TimeExpression | None:
    """Two days and what lies between ("du 26 au 28 juin", "from June 26 to 28", "les 11 et 12
    juillet"): one interval. Without a year, the last day is placed as a day-month is (by tense
    around publication), the first in the same year or the one before (28 December to 2 January)."""
    last_month = v.month_number[groups.get("m") or groups["m1"]]  # type: ignore[index]
    first_month = v.month_number[groups["m1"]] if groups.get("m1") else last_month
    first_day = 1 if groups["d1"] == "1er" else int(groups["d1"])  # type: ignore[arg-type]
    last_day = 1 if groups["d"] == "1er" else int(groups["d"])  # type: ignore[arg-type]
    if groups.get("y"):
        years = [int(groups["y"])]  # type: ignore[arg-type]
    elif published is None:
        return make("date", None, None, "day")
    else:
        years = [published.year - 1, published.year, published.year + 1]
    spans: dict[dt.date, dt.date] = {}  # last day -> first day
    for year in years:
        try:
            last = dt.date(year, last_month, last_day)
            spans[last] = dt.date(year - (first_month > last_month), first_month, first_day)
        except ValueError:
            continue
    ongoing = [last for last, first in spans.items() if published is not None and first <= published <= last]
    if len(spans) == 1:
        chosen: dt.date | None = next(iter(spans))
    elif ongoing:  # "se celebra del 26 al 28 de junio", published on the 27th: under way
        chosen = ongoing[0]
    else:
        chosen = _by_tense(list(spans), published, tense)  # type: ignore[arg-type]
    if chosen is None:
        return None
    first = spans[chosen]
    return make("date", first, chosen, "day") if first < chosen and (chosen - first).days <= 366 else None


def _hijri(groups: dict[str, str | None], v: _Vocabulary, make: Any) -> TimeExpression | None:
    """A Hijri date, shown as written, with its Gregorian days (Umm al-Qura calendar, which
    hijridate covers from 1343 to 1500 AH): a day, two days and what lies between, or a month."""
    from hijridate import Hijri

    def gregorian(year: int, month: int, day: int) -> dt.date:
        return dt.date.fromordinal(Hijri(year, month, day).to_gregorian().toordinal())

    year, month = int(groups["y"]), v.hijri_number[groups["m"]]  # type: ignore[arg-type]
    try:
        if groups.get("d"):
            last = gregorian(year, month, int(groups["d"]))  # type: ignore[arg-type]
            first = gregorian(year, month, int(groups["d1"])) if groups.get("d1") else last  # type: ignore[arg-type]
            if first > last:
                return None
            return make("date", first, last, "day")
        first = gregorian(year, month, 1)
        following = gregorian(year + (month == 12), month % 12 + 1, 1)
    except (ValueError, OverflowError):
        return None  # outside the calendar's table, or a day the month does not have
    return make("month", first, following - dt.timedelta(days=1), "month")


def _by_tense(candidates: list[dt.date], published: dt.date, tense: Tense) -> dt.date | None:
    """The date of a day-month nearest to publication on the side the tense says."""
    if tense == "future":
        ahead = [d for d in candidates if d >= published]
        return ahead[0] if ahead else None
    behind = [d for d in candidates if d <= published]
    return behind[-1] if behind else None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _period(published: dt.date, unit: str, offset: int) -> tuple[dt.date, dt.date]:
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=offset)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        index = published.year * 12 + published.month - 1 + offset
        year, month = divmod(index, 12)
        return dt.date(year, month + 1, 1), _month_end(year, month + 1)
    return dt.date(published.year + offset, 1, 1), dt.date(published.year + offset, 12, 31)


_PAST_WORDS = {"dernier", "passe", "last", "pasado", "this past", "on last", "الماضي", "المنصرم"}
_NEXT_WORDS = {"prochain", "next", "proximo", "que viene", "on next", "este proximo", "el proximo", "this coming",
               "المقبل", "القادم"}


def _weekday_direction(
    pre: str | None, post: str | None, position: int, tense: list[tuple[int, Tense]]
) -> tuple[Tense, bool]:
    """Past or future, and whether a word says so ("dernier", "next": then never the same day)."""
    words = {pre or "", post or ""}
    if words & _PAST_WORDS or pre == "el pasado":
        return "past", True
    if words & _NEXT_WORDS:
        return "future", True
    return _nearest_tense(tense, position), False


def _nearest_tense(tense: list[tuple[int, Tense]], position: int) -> Tense:
    if not tense:
        return "past"  # a communiqué reports: without any sign, what it dates has happened
    return min(tense, key=lambda t: abs(t[0] - position))[1]


def _weekday_date(published: dt.date, weekday: int, direction: Tense, *, strict: bool) -> dt.date:
    """The weekday after publication (future), or on or before it (past; strictly before if ``strict``)."""
    if direction == "future":
        ahead = (weekday - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=ahead)
    back = (published.weekday() - weekday) % 7
    return published - dt.timedelta(days=back or (7 if strict else 0))


def _tense_markers(view: str, sentence: Sentence, language: str | None) -> list[tuple[int, Tense]]:
    """Positions of the sentence's signs of past and future (verbs, "prochain", "last").

    ``view`` is the stressed view (see ``stressed_view``).
    """
    v = _vocabulary(language)
    found: list[tuple[int, Tense]] = []
    future = Occupied()
    for pattern in v.future:
        for match in pattern.finditer(view, sentence.start, sentence.end):
            found.append(((match.start() + match.end()) // 2, "future"))
            future.add(match.start(), match.end())
    for pattern in v.past:
        for match in pattern.finditer(view, sentence.start, sentence.end):
            if not future.overlaps(match.start(), match.end()):  # "will be held": a participle, not the past
                found.append(((match.start() + match.end()) // 2, "past"))
    return found


def tense_view(text: str) -> str:
    """The match view (lower case, no accents, same length) with the preposition "à" kept."""
    return "".join("à" if original in "àÀ" else folded for original, folded in zip(text, match_view(text)))


def stressed_view(text: str, view: str) -> str:
    """The tense view with the stressed vowels that mark Spanish tenses kept: "á" of the future
    ("visitará") and "ó" of the past ("visitó"), which without their accents would read as any
    noun ending in -a or -o ("frontera", "junio"). Same length as the text, like every view."""
    if not any(c in _STRESSED for c in text):
        return view
    return "".join(original.lower() if original in _STRESSED else folded for original, folded in zip(text, view))


_STRESSED = frozenset("áÁóÓ")


def sentence_tense(view: str, sentence: Sentence, language: str | None, around: int | None = None) -> Tense:
    """The tense of a sentence near a position: the nearest sign; "unknown" without any.
    ``view`` is the stressed view."""
    markers = _tense_markers(view, sentence, language)
    if not markers:
        return "unknown"
    position = around if around is not None else sentence.start
    return min(markers, key=lambda t: abs(t[0] - position))[1]


# --- events ---------------------------------------------------------------------------------


def build(
    text: str,
    sentences: Sequence[Sentence],
    languages: Sequence[str | None],
    published: dt.date | None,
    entities: Sequence[Entity],
    topics: Sequence[TopicScore],
) -> Timeline:
    """Expressions, events, key facts and warnings of a document.

    A publication date outside 1900–2100 (refused by the CLI and the dashboard) anchors nothing.
    """
    published = _anchor(published)
    named_events = [e for e in entities if e.type == "event"]
    found = expressions(text, sentences, languages, published, named_events)
    view = tense_view(text)
    stressed = stressed_view(text, view)
    events: list[Event] = []
    dateline = find_dateline(text, sentences)
    index = _Index.of(entities, found, dateline)
    meetings = _meetings(view, stressed, sentences, languages, published, index)
    events += meetings
    events += _visits(view, stressed, sentences, languages, published, index)
    events += _simple_events("signing", view, stressed, sentences, languages, published, index)
    events += _simple_events("conference", view, stressed, sentences, languages, published, index)
    events += _named_events(named_events, published)
    events = unique_ids(sorted(_told_once(events), key=lambda e: (e.evidence.start, e.kind)))
    main = (next((e for e in meetings if e.participants), None) or _main_event(events)
            or (meetings[0] if meetings else None))
    key_facts = _key_facts(text, main, events, entities, topics)
    return Timeline(found, tuple(events), key_facts, _warnings(view, found, events, published))


def _told_once(events: list[Event]) -> list[Event]:
    """Without an undated event that a dated one of the same kind, place and people tells again
    (a title repeats the news its body dates: "… en visite de travail à Paris")."""
    dated = {(e.kind, e.place) : set(e.participants) for e in events if e.start is not None}
    return [e for e in events if e.start is not None or (e.kind, e.place) not in dated
            or not set(e.participants) <= dated[(e.kind, e.place)]]


@lru_cache(maxsize=32)
def _trigger_pattern(kind: str, language: str | None) -> re.Pattern[str] | None:
    v = _vocabulary(language)
    words = [match_view(w) for w in v.triggers.get(kind, ())]
    return re.compile(rf"(?<![\w'-]){v.proclitics}(?:{_alternation(words)}){v.enclitics}(?![\w-])") if words else None


def _trigger_matches(kind: str, view: str, sentence: Sentence, language: str | None) -> list[re.Match[str]]:
    """The words announcing an event of this kind in the sentence, but not one after a
    demonstrative ("Cette visite fait suite à…" tells of a visit already told)."""
    pattern = _trigger_pattern(kind, language)
    if pattern is None:
        return []
    anaphora = _vocabulary(language).anaphora
    return [m for m in pattern.finditer(view, sentence.start, sentence.end)
            if anaphora is None or not anaphora.search(view, max(sentence.start, m.start() - 12), m.start())]


@dataclass(frozen=True)
class _Index:
    """Mentions and expressions grouped by sentence, so that events are read in linear time."""

    mentions: dict[tuple[str, int], list[tuple[Mention, Entity]]]
    expressions: dict[int, list[TimeExpression]]

    @staticmethod
    def of(entities: Sequence[Entity], found: Sequence[TimeExpression], dateline: Dateline | None = None) -> _Index:
        mentions: dict[tuple[str, int], list[tuple[Mention, Entity]]] = {}
        filed = (dateline.place.start, dateline.when.start) if dateline else (-1, -1)  # "LYON, France, "
        for entity in entities:
            for mention in entity.mentions:
                if filed[0] <= mention.start and mention.end <= filed[1]:
                    continue  # the place a communiqué was filed from is not where its events happen
                mentions.setdefault((entity.type, mention.sentence), []).append((mention, entity))
        for pairs in mentions.values():
            pairs.sort(key=lambda pair: pair[0].start)
        expressions: dict[int, list[TimeExpression]] = {}
        for expression in found:
            if expression.kind != "event" and not expression.dateline:  # a dateline dates the news, not an event
                expressions.setdefault(expression.sentence, []).append(expression)
        return _Index(mentions, expressions)


def _in_sentence(index: _Index, kind: str, sentence: Sentence) -> list[tuple[Mention, Entity]]:
    return index.mentions.get((kind, sentence.index), [])


def _nearest_expression(index: _Index, sentence: Sentence, position: int) -> TimeExpression | None:
    candidates = index.expressions.get(sentence.index, [])
    return min(candidates, key=lambda e: abs(e.start - position)) if candidates else None


@dataclass(frozen=True)
class _When:
    start: dt.date | None
    end: dt.date | None
    granularity: Granularity | None
    approximate: bool
    text: str | None
    status: Status


def _dated(when: TimeExpression | None, published: dt.date | None, tense: Tense) -> _When:
    """An event's dates from the expression that dates it (or none) and its status."""
    start = when.start_date if when else None
    end = when.end_date if when else None
    return _When(start, end, when.granularity if when else None, when.approximate if when else False,
                 when.text if when else None, _status(start, end, published, tense))


def _status(start: dt.date | None, end: dt.date | None, published: dt.date | None, tense: Tense) -> Status:
    """Planned when told in the future tense (a date before publication is then a warning);
    otherwise by the dates, or past."""
    if tense == "future":
        return "planned"
    if start is not None and published is not None:
        if (end or start) < published:
            return "past"
        if start > published:
            return "planned"
        return "ongoing" if end and end > published else "past"
    return "planned" if tense == "future" else "past"


def _meetings(view: str, stressed: str, sentences: Sequence[Sentence], languages: Sequence[str | None],
              published: dt.date | None, index: _Index) -> list[Event]:
    """The meetings the communiqué reports.

    The main one: the first sentence with a meeting word and a person, or with a meeting word and
    a date ("La réunion annuelle … s'est tenue lundi à Rabat" — its participants are then those
    of the next sentence, "Y ont pris part …", when it names people and no other meeting). Later
    mentions ("au cours de la réunion", "la rencontre") are the same meeting; a later sentence
    with a meeting word and a date of its own, to the day, is another one ("une nouvelle réunion
    est prévue le 20 mars").
    """
    found: list[Event] = []
    days: set[dt.date | None] = set()  # the days of the meetings found: a set, not a scan per sentence
    pairs = list(zip(sentences, languages))
    for position, (sentence, language) in enumerate(pairs):
        triggers = _trigger_matches("meeting", view, sentence, language)
        if not triggers:
            continue
        people = _in_sentence(index, "person", sentence)
        trigger = triggers[0]
        when = _nearest_expression(index, sentence, trigger.start())
        if found:
            day = when is not None and when.granularity == "day" and not when.approximate and when.start_date is not None
            if not day or when.start_date in days:  # type: ignore[union-attr]
                continue
        elif not people and (when is None or when.start_date is None and not when.text):
            continue
        if not people and not found and position + 1 < len(pairs):
            following, following_language = pairs[position + 1]
            if not _trigger_matches("meeting", view, following, following_language):
                people = _in_sentence(index, "person", following)
        places = _in_sentence(index, "place", sentence)
        place = _held_in(view, places, trigger)
        names = tuple(dict.fromkeys(e.name for _, e in people))
        dated = _dated(when, published, sentence_tense(stressed, sentence, language, trigger.start()))
        said = Message.of("event.meeting" + ("_names" if names else "") + _place_key(place),
                          names=" – ".join(names), place=_place(place))
        found.append(Event(
            id="meeting", kind="meeting", label=str(said), said=said,
            status=dated.status, start=dated.start, end=dated.end, granularity=dated.granularity,
            approximate=dated.approximate, when_text=dated.text, place=place, participants=names,
            evidence=Mention(sentence.index, sentence.start, sentence.end, sentence.text),
        ))
        days.add(dated.start)
    return found


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    return {entry.name: entry.key for entry in gazetteer.entries("country")}


def _place(name: str | None) -> str | tuple[str, str] | None:
    """A place as a message's parameter: a country as (ISO code, name as in data/), which the
    interface names in its language ("Maroc"); any other place as written in data/ or the text."""
    code = _countries().get(name or "")
    return (code, name) if code and name else name


def _place_key(name: str | None) -> str:
    """The suffix of an event label's key for its place: none, a place ("à Rabat"), or a country
    (French needs its article, "au Maroc", "en France": the label names it without a preposition)."""
    if not name:
        return ""
    return "_place_country" if isinstance(_place(name), tuple) else "_place"


def _held_in(view: str, places: Sequence[tuple[Mention, Entity]], trigger: re.Match[str]) -> str | None:
    """Where it was held: of the places in its sentence after the event word, or before it after
    "in", "à", "en" ("will meet in Glasgow … for the General Assembly"), one written after such a
    preposition first ("met the Head of the UK Counter Terrorism Policing … in Nairobi"), then
    one after the event word, then the nearest."""
    def locative(mention: Mention) -> bool:
        return _LOCATIVE.search(view, max(0, mention.start - 12), mention.start) is not None

    found = [(m, e) for m, e in places if m.start >= trigger.start() or locative(m)]  # before it: "in …" only
    if not found:
        return None
    return min(found, key=lambda pair: (not locative(pair[0]), pair[0].start < trigger.start(),
                                        abs(pair[0].start - trigger.end())))[1].name


_LOCATIVE = re.compile(r"(?:(?<!\w)(?:in|at|à|au|aux|en|a|في)\s+(?:la\s+|le\s+|l'|the\s+)?|(?<![^\sو])بال?)$")
"""A preposition of place right before a place (in the tense view, which keeps "à"); in Arabic
also "ب" attached to it ("بالرياض", "بمدريد")."""

_ONGOING = re.compile(r"\b(?:actuellement|en cours|currently|under way|actualmente|en curso)\b")


def _visits(view: str, stressed: str, sentences: Sequence[Sentence], languages: Sequence[str | None],
            published: dt.date | None, index: _Index) -> list[Event]:
    visits = []
    for sentence, language in zip(sentences, languages):
        for trigger in _trigger_matches("visit", view, sentence, language):
            people = _in_sentence(index, "person", sentence)
            # The visitor: the person named nearest the word "visit" ("une visite d'Abdellatif
            # Hammouchi", "Frédéric Veaux, qui effectue … une visite").
            visitor = min(people, key=lambda p: min(abs(p[0].start - trigger.end()), abs(trigger.start() - p[0].end)))[1] if people else None
            places = [(m, e) for m, e in _in_sentence(index, "place", sentence) if 0 <= m.start - trigger.end() <= 80]
            place = places[0][1].name if places else None
            window = view[max(sentence.start, trigger.start() - 40) : trigger.start()]
            ongoing = _ONGOING.search(window)
            if ongoing:  # "qui effectue actuellement une visite": under way at publication
                dated = _When(published, published, "day" if published else None, False, ongoing.group(), "ongoing")
            else:
                when = _nearest_expression(index, sentence, trigger.start())
                dated = _dated(when, published, sentence_tense(stressed, sentence, language, trigger.start()))
            said = Message.of("event.visit" + ("_of" if visitor else "") + _place_key(place),
                              visitor=visitor.name if visitor else None, place=_place(place))
            visits.append(Event(
                id="visit", kind="visit", label=str(said), said=said, status=dated.status, start=dated.start, end=dated.end,
                granularity=dated.granularity, approximate=dated.approximate, when_text=dated.text, place=place,
                participants=(visitor.name,) if visitor else (),
                evidence=Mention(sentence.index, sentence.start, sentence.end, sentence.text),
            ))
    return visits


def _simple_events(kind: str, view: str, stressed: str, sentences: Sequence[Sentence], languages: Sequence[str | None],
                   published: dt.date | None, index: _Index) -> list[Event]:
    events = []
    for sentence, language in zip(sentences, languages):
        triggers = _trigger_matches(kind, view, sentence, language)
        if not triggers:
            continue
        trigger = triggers[0]
        when = _nearest_expression(index, sentence, trigger.start())
        place = _held_in(view, _in_sentence(index, "place", sentence), trigger)
        people = tuple(dict.fromkeys(e.name for _, e in _in_sentence(index, "person", sentence)))
        tense = sentence_tense(stressed, sentence, language, trigger.start())
        dated = _dated(when, published, tense)
        if kind in _SEVERAL_DAYS:
            dated = _days_span(index, sentence, dated, published, tense)
        said = Message.of(f"event.{kind}" + _place_key(place), place=_place(place))
        events.append(Event(
            id=kind, kind=kind, label=str(said), said=said,
            status=dated.status, start=dated.start, end=dated.end, granularity=dated.granularity,
            approximate=dated.approximate, when_text=dated.text, place=place,
            participants=people, evidence=Mention(sentence.index, sentence.start, sentence.end, sentence.text),
        ))
    return events


_SEVERAL_DAYS = frozenset({"conference"})
"""Event kinds that last several days, so that a sentence giving two days gives their interval."""
_SPAN_DAYS = 14
"""At most this many days between the opening and the closing day read from one sentence."""


def _days_span(index: _Index, sentence: Sentence, dated: _When, published: dt.date | None, tense: Tense) -> _When:
    """A gathering that opens on one day and closes on another, both told in one sentence ("opened
    on Tuesday and will run until 1 December", "s'est achevée vendredi, après quatre jours de
    travaux ouverts le 28 novembre"): the interval from the first to the last day, when every
    exact day of the sentence lies within two weeks. Otherwise the dates stay as found."""
    days = [e for e in index.expressions.get(sentence.index, [])
            if e.granularity == "day" and not e.approximate and e.start_date is not None and e.end_date is not None]
    if len(days) < 2 or dated.granularity != "day" or dated.approximate:
        return dated
    first = min(e.start_date for e in days)  # type: ignore[type-var]
    last = max(e.end_date for e in days)  # type: ignore[type-var]
    if first == last or (last - first).days > _SPAN_DAYS:
        return dated
    ordered = sorted(days, key=lambda e: e.start)
    text = ordered[0].text + " … " + ordered[-1].text
    return replace(dated, start=first, end=last, text=text, status=_status(first, last, published, tense))


def _named_events(named: Sequence[Entity], published: dt.date | None) -> list[Event]:
    entries = {e.key: e for e in gazetteer.entries("event")}
    events = []
    for entity in named:
        entry = entries.get(entity.key or "")
        if entry is None:
            continue
        status: Status = "reference"
        if published is not None and entry.start and entry.end:
            status = "upcoming" if published < entry.start else "ongoing" if published <= entry.end else "past"
        first = entity.mentions[0]
        events.append(Event(
            id=f"event-{entry.key}", kind="event", label=entity.name, status=status, start=entry.start, end=entry.end,
            granularity="day", approximate=entry.approximate, when_text=first.text, place=entry.place, participants=(),
            evidence=first,
        ))
    return events


# --- key facts and warnings -----------------------------------------------------------------


def _main_event(events: Sequence[Event]) -> Event | None:
    """What the key facts tell of when no meeting with participants is reported: the first
    signing, visit or conference with participants, one that happened before one planned."""
    candidates = [e for e in events if e.kind != "event" and e.participants]
    done = [e for e in candidates if e.status in ("past", "ongoing")]
    return (done or candidates or [None])[0]


def _key_facts(text: str, meeting: Event | None, events: Sequence[Event], entities: Sequence[Entity],
               topics: Sequence[TopicScore]) -> KeyFacts:
    """Who met whom (or signed, visited, attended), where, when — from the main event, a meeting
    if there is one — about what, and what next."""
    people = {e.name: e for e in entities if e.type == "person"}
    if meeting is not None and meeting.participants:
        described = [
            name + (f" ({people[name].role})" if name in people and people[name].role else "")
            for name in meeting.participants
        ]
        evidence = tuple(
            m for name in meeting.participants if name in people for m in people[name].mentions[:1]
        ) or (meeting.evidence,)
        if meeting.kind == "meeting" and len(described) == 2:
            said = Message.of("fact.who_met", first=described[0], second=described[1])
        elif meeting.kind == "meeting":
            said = Message.of("fact.who", names="; ".join(described))
        else:
            said = Message.of("fact.who_kind", kind=f"event.{meeting.kind}", names="; ".join(described))
        who = Fact(str(said), evidence, said)
    else:
        who = Fact(None)
    where = (Fact(meeting.place, (meeting.evidence,), Message.of("fact.where", place=_place(meeting.place)))
             if meeting and meeting.place else Fact(None))  # the main event's
    if meeting and meeting.start:
        span = "day" if meeting.start == meeting.end else "range"
        said = Message.of(f"fact.when_{span}" + ("_written" if meeting.when_text else ""), date=meeting.start,
                          start=meeting.start, end=meeting.end or "…", written=meeting.when_text)
        when = Fact(str(said), (meeting.evidence,), said)
    elif meeting and meeting.when_text:
        said = Message.of("fact.when_unanchored", written=meeting.when_text)
        when = Fact(str(said), (meeting.evidence,), said)
    else:
        when = Fact(None)
    shown = [t for t in topics if t.weight >= 1][:4]
    about = Fact(
        ", ".join(t.label for t in shown) or None,  # as read (the JSON's); the interface's words name them in its language
        tuple(Mention(t.hits[0].sentence, t.hits[0].start, t.hits[0].end, text[t.hits[0].start : t.hits[0].end]) for t in shown),
        Message.of("fact.about", topics=[{"labels": t.topic.labels} for t in shown]) if shown else None,
    )
    planned = [e for e in events if e.status in ("planned", "upcoming")]
    said = Message.of("fact.next", events=[
        {"_key": "fact.next.event_when" if _when(e) else "fact.next.events", "event": e.said or e.label, "when": _when(e)}
        for e in planned])
    next_ = Fact(str(said) if planned else None, tuple(e.evidence for e in planned), said if planned else None)
    return KeyFacts(who, where, when, about, next_)


def _when(event: Event) -> Message | None:
    """When a planned event happens, as the key facts say it."""
    if event.start is None:
        return Message.of("when.written", written=event.when_text) if event.when_text else None
    if event.approximate and event.granularity == "period":
        return Message.of("when.approximately", start=event.start, end=event.end or "…", written=event.when_text)
    if event.start == event.end:
        return Message.of("when.day", date=event.start)
    return Message.of("when.range", start=event.start, end=event.end or "…")


_UPCOMING = re.compile(r"\b(?:prochain\w*|upcoming|next|proxim\w*|futur\w*)\s+(?:\w+\s+)?$")


def _warnings(view: str, found: Sequence[TimeExpression], events: Sequence[Event],
              published: dt.date | None) -> tuple[TemporalWarning, ...]:
    warnings = []
    for expression in found:
        if expression.kind == "date" and expression.start_date:
            written = _written_weekday(view[expression.start : expression.end])
            if written is not None and written != expression.start_date.weekday():
                warnings.append(TemporalWarning.of(
                    "weekday_mismatch", (expression.sentence,), written=expression.text, date=expression.start_date))
        if expression.kind == "event" and published and expression.end_date and published > expression.end_date:
            before = view[max(0, expression.start - 30) : expression.start]
            if _UPCOMING.search(before):
                warnings.append(TemporalWarning.of(
                    "stale_upcoming", (expression.sentence,),
                    written=f"{before.split()[-1] if before.split() else ''} {expression.text}",
                    end=expression.end_date, published=published))
    for event in events:
        if event.status == "planned" and published and (event.end or event.start) and (event.end or event.start) < published:  # type: ignore[operator]
            warnings.append(TemporalWarning.of(
                "planned_in_past", (event.evidence.sentence,), event=event.label, date=event.end or event.start,
                published=published))
    return tuple(warnings)


def _written_weekday(written: str) -> int | None:
    for language in ("fr", "en", "es", "ar"):
        for name, index in _vocabulary(language).weekday_number.items():
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", written):
                return index
    return None
