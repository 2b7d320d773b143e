"""People, organizations, places and named events, each with every mention and its evidence.

Mentions come from three sources, in this order of trust:

1. the gazetteers of data/ (countries, places, organizations with acronyms, named events): an
   entity ruler for every language — a known name always wins over a model's guess;
2. for French, the spaCy model fr_core_news_sm (PER, ORG, LOC; MISC only when a gazetteer knows
   it), run one sentence at a time so that no mention crosses a sentence boundary;
3. for the other languages, rules: an honorific followed by capitalized words ("Mr. José Barros
   Correia", "El Sr. Hammouchi"), a run of two or more capitalized words that are not a role, a
   place or a month ("Francisco Pardo Piqueras"), an organization head followed by capitalized
   words ("Ministry of Internal Administration"), and "Full Name (ACRONYM)".

Mentions are then merged: gazetteer entries by identity, acronyms with their full names, people
by surname ("M. Hammouchi" joins "Abdellatif Hammouchi"). A person's role is read from an
apposition before the name ("le directeur général de la police nationale française, Frédéric
Veaux") or after it ("X, head of Y"); the organization is the one named inside the role, and the
country that organization's, else a demonym or a country named in the role.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Literal, TypeVar

from lib import gazetteer
from lib.gazetteer import Entry, Found
from lib.ingest import fold
from lib.lexicon import PROCLITICS, calendar_names, match_view, phrase_body, phrase_pattern, stopwords
from lib.resources import load_toml
from lib.sentences import Sentence
from lib.spans import Occupied, SentenceIndex, inside

EntityType = Literal["person", "organization", "place", "event"]
MODEL_BATCH = 32
_MAX_ROLE_WORDS = 18
_KIND_TYPE: dict[str, EntityType] = {"country": "place", "place": "place", "organization": "organization", "event": "event"}
# fr: PER, ORG, LOC (MISC ignored); en (OntoNotes): PERSON, ORG, GPE, LOC (the rest ignored).
_MODEL_TYPE: dict[str, EntityType] = {
    "PER": "person", "PERSON": "person", "ORG": "organization", "LOC": "place", "GPE": "place",
}
_CAP = r"[A-ZÀ-ÖØ-Þ][\w’'-]*[^\W\d_]"
_ACRONYM_IN_BRACKETS = re.compile(r"(?<=\s)\(([A-Z][A-Z0-9-]{1,9})\)")
_DEFINITION_WORD = re.compile(r"[\w’'-]+")
_DEFINITION_WORDS = 10
"""A definition "Full Name (ACR)" is at most this many words before the bracket."""
_DEFINITION_WINDOW = 400
_ROLE_MENTIONS = 25
"""A person's role is looked for around their first mentions only (bounded work per person)."""
_ROLE_WINDOW = 300
"""Characters read on each side of a name for its role (a role has at most 18 words)."""
_MAX_HONORIFICS = 4
"""At most this many honorifics in a row ("S.E. M. le Dr.")."""


@dataclass(frozen=True)
class Mention:
    """Where an entity is named: sentence index, span in the document text, the words."""

    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """A person, organization, place or named event of the document.

    Attributes:
        id: Stable identifier within the document ("person:abdellatif-hammouchi").
        name: Display name.
        type: person, organization, place or event.
        role: A person's role as written in the text, or ``None``.
        organization: The organization a person's role names, or ``None``.
        country: ISO 3166-1 alpha-2 code, or ``None``.
        country_name: Display name of the country.
        aliases: Other ways the text names it.
        lat, lon: A point for the map (places), or ``None``.
        mentions: Every mention, in document order.
        role_evidence: Where the role is written.
        acronym: An organization's acronym.
        key: The gazetteer entry it was recognised from (event id, place name…), if any.
    """

    id: str
    name: str
    type: EntityType
    role: str | None
    organization: str | None
    country: str | None
    country_name: str | None
    aliases: tuple[str, ...]
    lat: float | None
    lon: float | None
    mentions: tuple[Mention, ...]
    role_evidence: Mention | None = None
    acronym: str | None = None
    key: str | None = None


@dataclass(frozen=True)
class Curation:
    """A user's corrections, applied on top of the extraction for one session.

    Attributes:
        renames: ``(entity id, new name)``.
        merges: ``(entity id, id of the entity it is the same as)``.
        drops: Ids of entities that are not entities.
    """

    renames: tuple[tuple[str, str], ...] = ()
    merges: tuple[tuple[str, str], ...] = ()
    drops: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Candidate:
    type: EntityType
    sentence: int
    start: int
    end: int
    text: str
    entry: Entry | None = None
    honorific: bool = False


# --- model ----------------------------------------------------------------------------------


def model_name(language: str | None) -> str | None:
    """The spaCy pipeline that reads this language (data/languages.toml ``[models]``), if any."""
    return load_toml("languages.toml").get("models", {}).get((language or "").split("-")[0])


_models: dict[str, Any] = {}
_models_lock = threading.Lock()


def load_model(language: str | None = "fr") -> Any:
    """The spaCy pipeline of a language, loaded on first use and kept for the process (never
    downloaded: each is a package of requirements.txt). ``None`` when the language has none, or
    its package is missing (then rules read it, and the analysis says so).

    Only what named entities need is loaded: the ner component, which embeds its own token
    vectors in these small models (the shared tok2vec component feeds only the tagger, parser
    and morphologizer, so it is left out too: it cost 40 % of the model's time for nothing).
    Run one sentence at a time, the models find the same entities without the rest.
    """
    name = model_name(language)
    if name is None:
        return None
    with _models_lock:
        if name not in _models:
            try:
                import spacy

                nlp = spacy.load(name, exclude=[
                    "tok2vec", "lemmatizer", "parser", "tagger", "morphologizer", "attribute_ruler", "senter"])
                _models[name] = nlp if _ner_stands_alone(nlp) else spacy.load(name, exclude=[
                    "lemmatizer", "parser", "tagger", "morphologizer", "attribute_ruler", "senter"])
            except (ImportError, OSError):
                _models[name] = None
        return _models[name]


def _ner_stands_alone(nlp: Any) -> bool:
    """Whether the ner component computes its own token vectors (no listener of a shared
    tok2vec), so that it runs the same without the tok2vec component."""
    if not nlp.has_pipe("ner"):
        return False
    return not any("listener" in node.name for node in nlp.get_pipe("ner").model.walk())


def is_loaded(language: str | None) -> bool:
    """Whether this process has already tried to load the language's model (a worker forked
    from it then inherits the model)."""
    name = model_name(language)
    return name is None or name in _models


def readers(languages: Sequence[str | None]) -> tuple[tuple[str, str], ...]:
    """Which reader found the people, organizations and places of each language present:
    ``("fr", "spaCy fr_core_news_sm 3.8.0")``, or ``("es", "rules")``."""
    found = []
    for language in sorted({code for code in languages if code}):
        model = load_model(language)
        if model is None:
            found.append((language, "rules"))
        else:
            found.append((language, f"spaCy {model.meta['lang']}_{model.meta['name']} {model.meta['version']}"))
    return tuple(found)


# --- reference lists ------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _roles(language: str | None) -> dict[str, tuple[str, ...]]:
    data = load_toml("roles.toml")
    table = data.get((language or "").split("-")[0]) or {}
    merged: dict[str, tuple[str, ...]] = {}
    for key in ("heads", "honorifics", "articles", "org_heads", "titles", "modifiers", "institutions", "events", "stops"):
        # A language without a list borrows every language's (a list written empty stays empty).
        values = table[key] if key in table else [v for t in data.values() if isinstance(t, dict) for v in t.get(key, [])]
        merged[key] = tuple(values)
    merged["particles"] = tuple(data.get("any", {}).get("particles", []))
    return merged


@lru_cache(maxsize=8)
def _head_pattern(language: str | None) -> re.Pattern[str]:
    """Role heads preceded by an article, the start, a comma or "et/and/y" (folded text)."""
    roles = _roles(language)
    articles = sorted((re.escape(fold(a).lower()) for a in roles["articles"]), key=len, reverse=True)
    # After an article, up to two words may stand before the head: "the French Minister of …",
    # "his Polish counterpart" (the role then starts with them, see _with_modifiers).
    # A possessive stands for the article: "Kenya's Inspector General of Police, X"; so does a
    # dash after a dateline ("Nairobi, 14 March (KNA) – the …" reads as a new start).
    # Arabic attaches "and" to the head ("ووزير الداخلية الأردني") and needs no article before it.
    lead = (r"(?:^|[,،]\s*|[–—:]\s*|\b(?:et|and|y|e)\s+|\bو|\b(?:" + "|".join(articles) + r")\s*(?:[\w'’-]+\s+){0,2}?"
            r"|\b[\w-]+['’]s\s+(?:[\w'’-]+\s+){0,1}?)")
    return re.compile(lead + r"(?P<head>(?:" + _heads_alternation(language) + r"))(?!\w)")


@lru_cache(maxsize=8)
def _heads_alternation(language: str | None) -> str:
    """The role heads of a language as one alternation over folded text, longest first."""
    patterns = (phrase_body(h) for h in _roles(language)["heads"])
    return "|".join(sorted(patterns, key=len, reverse=True))


@lru_cache(maxsize=8)
def _honorific_re(language: str | None) -> re.Pattern[str]:
    honorifics = sorted(_roles(language)["honorifics"], key=len, reverse=True)
    alternatives = "|".join(re.escape(h) + (r"(?!\w)" if h[-1].isalpha() else "") for h in honorifics)
    particles = "|".join(re.escape(p) for p in sorted(_roles(language)["particles"], key=len, reverse=True))
    name = rf"{_CAP}(?:\s+(?:(?:{particles})\s+)?{_CAP}){{0,3}}"
    more = _MAX_HONORIFICS - 1
    return re.compile(rf"(?<!\w)(?P<hon>(?:{alternatives})(?:\s+(?:{alternatives})){{0,{more}}})\s+(?P<name>{name})")


@lru_cache(maxsize=1)
def _any_honorific() -> re.Pattern[str]:
    """Honorifics of every language, one or more in a row ("S.E. M.")."""
    every = {
        h for table in load_toml("roles.toml").values() if isinstance(table, dict)
        for h in (*table.get("honorifics", []), *(t for t in table.get("titles", []) if t[:1].isupper()))
    }
    alternatives = "|".join(
        re.escape(h) + (r"(?!\w)" if h[-1].isalpha() else "") for h in sorted(every, key=len, reverse=True)
    )
    return re.compile(rf"(?:(?:{alternatives})\s+){{1,{_MAX_HONORIFICS}}}")


@lru_cache(maxsize=8)
def _capitalized_run_re(language: str | None) -> re.Pattern[str]:
    particles = "|".join(re.escape(p) for p in sorted(_roles(language)["particles"], key=len, reverse=True))
    return re.compile(rf"(?<![\w’'])(?:{_CAP})(?:\s+(?:(?:{particles})\s+)?{_CAP})+")


@lru_cache(maxsize=8)
def _org_head_re(language: str | None) -> re.Pattern[str]:
    heads = "|".join(re.escape(h) for h in _roles(language)["org_heads"])
    return re.compile(rf"(?<!\w)(?:{heads})(?:\s+(?:(?:of|the|for|and|de|del|de la|des|du|la|el|y|et)\s+)?{_CAP})+")


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    """Lower case, accents off, Arabic folded (see :func:`match_view`): the same length as
    ``text``, so that offsets found in it are offsets in the text."""
    return match_view(text)


@lru_cache(maxsize=64)
def _folded_words(language: str | None, key: str) -> frozenset[str]:
    """A list of data/roles.toml for a language, folded, once per process."""
    return frozenset(_folded(w).rstrip("'") for w in _roles(language)[key])


# --- extraction -----------------------------------------------------------------------------


def extract(text: str, sentences: Sequence[Sentence], languages: Sequence[str | None]) -> tuple[Entity, ...]:
    """Every entity of a document, in order of first mention.

    Args:
        text: The document text.
        sentences: Its sentences.
        languages: The language of each sentence (same order): each is read by its language's
            model (:func:`load_model`) where there is one, else by rules.
    """
    views = gazetteer.views(text)
    candidates: list[_Candidate] = []
    by_language: dict[str | None, list[Sentence]] = {}
    for sentence, language in zip(sentences, languages):
        by_language.setdefault(language, []).append(sentence)
    model_found: dict[int, list[_Candidate]] = {}
    modelled: set[str | None] = set()
    for language, group in by_language.items():
        model = load_model(language)
        if model is not None:
            model_found.update(_model_candidates(model, group))
            modelled.add(language)
    for sentence, language in zip(sentences, languages):
        found = [f for f in gazetteer.find(views, sentence) if not f.name.demonym]
        known = [_from_gazetteer(f, sentence, text) for f in found if not f.name.weak]
        weak = [_from_gazetteer(f, sentence, text) for f in found if f.name.weak]
        if language in modelled:
            roles = [(sentence.start + m.start("head"), sentence.start + m.end("head"))
                     for m in _head_pattern(language).finditer(_folded(sentence.text))]
            guessed = [  # a title is not a name: "the National Director" gave ORG "National"
                _extended(c, text, sentence, known, language) for c in model_found.get(sentence.index, [])
                if not any(start <= c.start and c.end <= end for start, end in roles)
            ] + _honorific_candidates(sentence, language)
        else:
            guessed = _rule_candidates(sentence, language)
        guessed = [kept for kept in (_person_or_not(g, text, language) for g in guessed) if kept is not None]
        candidates += _resolve(known, guessed, text, weak)
    candidates += _acronym_candidates(text, sentences, candidates)
    entities = _merge(candidates, text)
    return _with_roles(entities, text, sentences, languages, views)


def _from_gazetteer(found: Found, sentence: Sentence, text: str) -> _Candidate:
    entry = found.name.entry
    return _Candidate(_KIND_TYPE[entry.kind], sentence.index, found.start, found.end, text[found.start : found.end], entry)


def _model_candidates(nlp: Any, sentences: list[Sentence]) -> dict[int, list[_Candidate]]:
    found: dict[int, list[_Candidate]] = {}
    # Small batches: spaCy's default (1000 texts) holds every sentence of a long document in
    # memory at once (1.4 GB for 300 KB of long sentences); 32 is as fast and stays bounded.
    for sentence, doc in zip(sentences, nlp.pipe((_model_text(s.text) for s in sentences), batch_size=MODEL_BATCH)):
        for ent in doc.ents:
            kind = _MODEL_TYPE.get(ent.label_)
            if kind is None:
                continue  # MISC: only a gazetteer may say what it is
            start = sentence.start + ent.start_char
            found.setdefault(sentence.index, []).append(_Candidate(kind, sentence.index, start, start + len(ent.text), ent.text))
    return found


_CAPS = r"[A-ZÀ-Þ]{2,}(?:[-'’][A-ZÀ-Þ]+)*"
_CAPS_AFTER_NAME = re.compile(rf"(?<![\w’'-])([A-ZÀ-Þ][a-zß-ÿ’'-]+ )({_CAPS}(?: {_CAPS}){{0,2}})(?![\w’'-])")


def _model_text(text: str) -> str:
    """The sentence as the model reads it: a surname in capitals after a first name ("Céline
    BERTHON") in title case, which the models know as a name. The same length, so offsets hold;
    acronyms ("FBI Director") are not after a title-case word and stay as they are."""
    return _CAPS_AFTER_NAME.sub(lambda m: m.group(1) + _title_case(m.group(2)), text)


def _title_case(word: str) -> str:
    """"GRANDE-MARLASKA" -> "Grande-Marlaska", "D'ALMEIDA" -> "D'Almeida"; the same length."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group()[0] + m.group()[1:].lower(), word)


def display_name(name: str) -> str:
    """A person's name to show: words written in capitals in title case ("Céline BERTHON" ->
    "Céline Berthon"); the capitals stay an alias."""
    return " ".join(_title_case(w) if sum(c.isalpha() for c in w) >= 2 and w.isupper() else w for w in name.split(" "))


def _honorific_candidates(sentence: Sentence, language: str | None) -> list[_Candidate]:
    """Names after an honorific ("M. Jean Dupont"), or after a rank in apposition (", General
    Listyo Sigit Prabowo,", ", le général Hassan Belkhadir"): the rank is not part of the name."""
    out = []
    for pattern in (_honorific_re(language), _rank_re(language)):
        for match in pattern.finditer(sentence.text):
            start = sentence.start + match.start("name")
            out.append(_Candidate("person", sentence.index, start, start + len(match.group("name")), match.group("name"), honorific=True))
    return out


@lru_cache(maxsize=8)
def _rank_re(language: str | None) -> re.Pattern[str]:
    """A rank of data/roles.toml ``titles`` right after a comma, then a name of two to four
    capitalized words (one word is too little to tell a name from "General Assembly")."""
    ranks = "|".join(re.escape(t) for t in sorted(_roles(language)["titles"], key=len, reverse=True))
    particles = "|".join(re.escape(p) for p in sorted(_roles(language)["particles"], key=len, reverse=True))
    name = rf"{_CAP}(?:\s+(?:(?:{particles})\s+)?{_CAP}){{1,3}}"
    return re.compile(rf",\s+(?:{ranks})\s+(?P<name>{name})(?=\s*[,.;)]|\s+(?:and|et|y)\s)")


_ARABIC_WORD = re.compile(r"[\u0621-\u063A\u0641-\u064A\u064B-\u065F\u0670-\u06D3]+")
_ARABIC_NAME_WORDS = 4
_ARABIC_LINEAGE_WORDS = 9
"""A name of the Gulf or of the Maghreb may run longer through "بن", "بنت", "آل", "ولد"."""
_LINEAGE = frozenset(match_view(w) for w in ("بن", "بنت", "ابن", "آل", "ولد", "أبو", "ابو"))


def _arabic_candidates(sentence: Sentence, language: str | None) -> list[_Candidate]:
    """People in Arabic, which has no capitals: the words after an honorific or a rank
    ("السيد عبد اللطيف حموشي،", "اللواء محمود توفيق،"), up to a comma, a full stop or a word a
    name never holds (a preposition, "يوم", a role head). A run cut by its length, or made of a
    role ("السيد وزير الداخلية"), is no name: precision first.

    A run that a comma or a full stop ends is the name. One that a word like "في" ends may have
    taken in what follows the name ("وأكد السيد لفتيت أهمية التعاون في"): it is cut before the
    first word in ة, the ending of the abstract and feminine nouns that follow (a woman's name
    in ة is then read only when a comma or full stop ends it), and kept only up to three words."""
    opener = _arabic_opener_re(language)
    if opener is None:
        return []
    view = _folded(sentence.text)
    stops = _arabic_stops(language)
    out = []
    for match in opener.finditer(view):
        words: list[re.Match[str]] = []
        position = match.end()
        ended = False
        while True:
            word = _ARABIC_WORD.match(view, position)
            if word is None:
                ended = True  # punctuation, a digit, the end: the name stops here
                break
            folded = word.group()
            bare = folded[1:] if folded[:1] in PROCLITICS else folded  # "بزيارة", "ووزير"
            if folded in stops or bare in stops or folded.startswith(("بال", "لل")):
                ended = True
                break
            words.append(word)
            limit = _ARABIC_LINEAGE_WORDS if any(w.group() in _LINEAGE for w in words) else _ARABIC_NAME_WORDS
            if len(words) > limit:
                break
            gap = re.match(r" (?=\S)", view[word.end() : word.end() + 2])
            if gap is None:
                ended = True
                break
            position = word.end() + 1
        if not ended or not words or len(words) > _ARABIC_LINEAGE_WORDS:
            continue
        if position < len(view) and words[-1].end() < len(view) and _ARABIC_WORD.match(view, words[-1].end() + 1):
            # ended by a word, not by punctuation: cut before a noun in ة (as written: the view folds it)
            noun = next((i for i, w in enumerate(words) if sentence.text[w.end() - 1] == "ة"), None)
            words = words[:noun] if noun is not None else words
            if not words or len(words) > 3:
                continue
        start, end = sentence.start + words[0].start(), sentence.start + words[-1].end()
        out.append(_Candidate("person", sentence.index, start, end, sentence.text[words[0].start() : words[-1].end()], honorific=True))
    taken = Occupied([(c.start, c.end) for c in out])
    out += [c for c in _arabic_appositions(sentence, language, view, stops) if taken.add(c.start, c.end)]
    return out + [c for c in _arabic_organizations(sentence, language, view, stops) if taken.add(c.start, c.end)]


@lru_cache(maxsize=8)
def _arabic_opener_re(language: str | None) -> re.Pattern[str] | None:
    """An honorific or a rank (with "و" attached), then a space: where a name starts."""
    roles = _roles(language)
    openers = sorted({_folded(h) for h in (*roles["honorifics"], *roles["titles"])}, key=len, reverse=True)
    if not openers:
        return None
    return re.compile(r"(?<!\w)و?(?:" + "|".join(re.escape(o) for o in openers) + r")\s+")


@lru_cache(maxsize=8)
def _arabic_stops(language: str | None) -> frozenset[str]:
    """Words a name never holds: data/roles.toml ``stops``, role heads, months and weekdays."""
    return _folded_words(language, "stops") | _folded_words(language, "heads") | _calendar_words()


_COMPOUND_FIRST = frozenset(match_view(w) for w in (
    "عبد", "نور", "سيف", "صلاح", "عز", "جمال", "بدر", "شمس", "محيي", "علاء", "تقي", "خير", "نصر", "حسام", "سعد",
    "زين", "بهاء", "شرف", "ضياء", "فخر", "كمال", "أبو", "ابو", "أم", "ام"))
"""First words that take a second with the article inside a name: عبد الوافي، نور الدين."""
_ARABIC_BREAK = re.compile(r"[،,.:؛;–—()]")


def _arabic_appositions(sentence: Sentence, language: str | None, view: str, stops: frozenset[str]) -> list[_Candidate]:
    """A name set between commas after a role, without an honorific ("بحث وزير الداخلية، مازن
    الفراية، خلال لقائه …"): two to four words (more through بن، آل) that a comma or a full stop
    ends, none of them a word a name never holds, the article only where names take it (after
    عبد, نور…, or on the last word: الفراية), and no noun in ة inside the run."""
    heads = _head_pattern(language)
    institutions = _folded_words(language, "institutions")
    out = []
    for comma in re.finditer(r"[،,] ", view):
        previous = max((m.end() for m in _ARABIC_BREAK.finditer(view, max(0, comma.start() - _ROLE_WINDOW), comma.start())),
                       default=max(0, comma.start() - _ROLE_WINDOW))
        if not heads.search(view, previous, comma.start()):
            continue
        words: list[re.Match[str]] = []
        position = comma.end()
        while len(words) <= _ARABIC_LINEAGE_WORDS:
            word = _ARABIC_WORD.match(view, position)
            if word is None:
                break
            words.append(word)
            if view[word.end() : word.end() + 1] != " " or _ARABIC_WORD.match(view, word.end() + 1) is None:
                break
            position = word.end() + 1
        if not words:
            continue
        end = words[-1].end()
        if end < len(view) and not _ARABIC_BREAK.match(view, end):
            continue  # not closed by punctuation: a clause, not a name
        texts = [w.group() for w in words]
        lineage = any(t in _LINEAGE for t in texts)
        if not 2 <= len(texts) <= (_ARABIC_LINEAGE_WORDS if lineage else _ARABIC_NAME_WORDS):
            continue
        if any(t in stops or t in institutions or t.startswith(("بال", "لل")) for t in texts):
            continue
        if any(t.startswith("ال") and (i == 0 or (i < len(texts) - 1 and texts[i - 1] not in _COMPOUND_FIRST and t != "الله"))
               for i, t in enumerate(texts)):
            continue
        if any(sentence.text[w.end() - 1] == "ة" for w in words[1:-1]):
            continue  # a noun in ة inside the run (a surname may end in it: الفراية، الخصاونة)
        start = sentence.start + words[0].start()
        out.append(_Candidate("person", sentence.index, start, sentence.start + end, sentence.text[words[0].start() : end]))
    return out


def _arabic_organizations(sentence: Sentence, language: str | None, view: str, stops: frozenset[str]) -> list[_Candidate]:
    """Organizations in Arabic: an org head of data/roles.toml (with an attached preposition or
    conjunction before it: "لمجلس") and the words after it that carry the article ("العامة",
    "للأمن", "والجماعات"; one bare word may follow a head without it: "مجلس وزراء …"), up to
    seven; a day, a word a name never holds or a place after "بال" ends it. A head alone is no
    organization ("قامت الشرطة")."""
    pattern = _arabic_org_re(language)
    if pattern is None:
        return []
    out = []
    for match in pattern.finditer(view):
        head = match.group("head")
        words: list[re.Match[str]] = []
        position = match.end()
        while len(words) < 7 and view[position : position + 1] == " ":
            word = _ARABIC_WORD.match(view, position + 1)
            if word is None:
                break
            text = word.group()
            bare_allowed = not words and not head.startswith("ال")
            if text in stops or text.startswith("بال") or not (text.startswith(("ال", "لل", "وال")) or bare_allowed):
                break
            words.append(word)
            position = word.end()
        if not words:
            continue
        start, end = match.start("head"), words[-1].end()
        out.append(_Candidate("organization", sentence.index, sentence.start + start, sentence.start + end, sentence.text[start:end]))
    return out


@lru_cache(maxsize=8)
def _arabic_org_re(language: str | None) -> re.Pattern[str] | None:
    heads = sorted({_folded(h) for h in _roles(language)["org_heads"]}, key=len, reverse=True)
    if not heads:
        return None
    return re.compile(r"(?<!\w)[وفبلك]?(?P<head>" + "|".join(re.escape(h) for h in heads) + r")(?!\w)")


def _rule_candidates(sentence: Sentence, language: str | None) -> list[_Candidate]:
    if (language or "").split("-")[0] == "ar":
        return _arabic_candidates(sentence, language)
    out = _honorific_candidates(sentence, language)
    for match in _org_head_re(language).finditer(sentence.text):
        start = sentence.start + match.start()
        out.append(_Candidate("organization", sentence.index, start, start + len(match.group()), match.group()))
    heads = _folded_words(language, "heads")
    stops = stopwords(language)
    for match in _capitalized_run_re(language).finditer(sentence.text):
        words = match.group().split()
        # Leading capitalized function words ("The", "El", "Both") are not part of a name.
        while words and (_folded(words[0]) in stops or _folded(words[0]) in heads):
            words = words[1:]
        if len(words) < 2 or any(_folded(w) in heads for w in words):
            continue
        offset = match.group().index(words[0])
        start = sentence.start + match.start() + offset
        span = " ".join(words)
        end = start + len(match.group()[offset:])
        out.append(_Candidate("person", sentence.index, start, end, span))
    return out


_NAME_WORD = re.compile(r"\s+(?:(?:de|del|da|dos|van|von|le|la|di|bin|ben|ibn)\s+)?([A-ZÀ-Þ][\w’'-]*[^\W\d_])")


def _extended(candidate: _Candidate, text: str, sentence: Sentence, known: list[_Candidate], language: str | None) -> _Candidate:
    """A person the model cut short ("Francisco Pardo" of "Francisco Pardo Piqueras"): taken on
    over up to two more capitalized words that are not a role, a month or weekday, a stop word or
    a known name."""
    if candidate.type != "person":
        return candidate
    end = candidate.end
    excluded = _not_name_words(language)
    for _ in range(2):
        match = _NAME_WORD.match(text, end, sentence.end)
        if match is None or _folded(match.group(1)) in excluded:
            break
        if any(match.start(1) < k.end and k.start < match.end(1) for k in known):
            break
        end = match.end(1)
    return candidate if end == candidate.end else replace(candidate, end=end, text=text[candidate.start:end])


@lru_cache(maxsize=8)
def _not_name_words(language: str | None) -> frozenset[str]:
    """Words that do not continue a name: stop words, role heads, months and weekdays."""
    return stopwords(language) | _folded_words(language, "heads") | _calendar_words()


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    data = load_toml("temporal.toml")
    return frozenset(_folded(w) for table in data.values() if isinstance(table, dict)
                     for key in ("months", "weekdays") for names in calendar_names(table.get(key, [])) for w in names)


_ORDINAL = re.compile(r"(?:[IVXLC]+|\d+(?:e|er|ère|st|nd|rd|th|ª|º)?)\s+$")


def _person_or_not(candidate: _Candidate, text: str, language: str | None) -> _Candidate | None:
    """A person must look like a person: a phrase with an institution word ("National Security",
    "Protección Ciudadana") is an organization when it starts like one, else nothing; one with an
    event word ("FIFA World Cup", "XV Cumbre de AMERIPOL") is an event, from its ordinal or event
    word on."""
    if candidate.type != "person" or candidate.honorific:
        return candidate
    words = [_folded(w) for w in re.findall(r"[\w’'-]+", candidate.text)]
    events = _folded_words(language, "events")
    institutions = _folded_words(language, "institutions")
    hit = next((i for i, w in enumerate(words) if w in events), None)
    if hit is not None:
        offset = [m.start() for m in re.finditer(r"[\w’'-]+", candidate.text)][hit]
        ordinal = _ORDINAL.search(candidate.text, 0, offset)
        start = candidate.start + (ordinal.start() if ordinal else offset)
        return replace(candidate, type="event", start=start, text=text[start:candidate.end])
    if any(w in institutions for w in words):
        heads = institutions | _folded_words(language, "org_heads")
        return replace(candidate, type="organization") if words[0] in heads and len(words) >= 2 else None
    return candidate


def _resolve(known: list[_Candidate], guessed: list[_Candidate], text: str,
             weak: Sequence[_Candidate] = ()) -> list[_Candidate]:
    """Hand-kept gazetteer mentions win; then, left to right, the longest of a guess and a weak
    (world.toml) mention — the weak one at equal length: "Santiago Abascal" stays a person,
    "Lima" read as a person or alone is the capital of Peru. Junk guesses are dropped."""
    kept = list(known)
    taken = Occupied([(k.start, k.end) for k in known])
    cleaned = [c for c in (_clean(g, text) for g in guessed) if c is not None] + list(weak)
    for candidate in sorted(cleaned, key=lambda c: (c.start, -(c.end - c.start), c.entry is None, not c.honorific)):
        if taken.add(candidate.start, candidate.end):
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)


def _clean(candidate: _Candidate, text: str) -> _Candidate | None:
    """Trim elided articles and punctuation; drop what cannot be a name ("s’", "Les", "Jeux")."""
    start, end = candidate.start, candidate.end
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    elision = re.match(r"(?:[dlDL]|qu|Qu)['’]", text[start:end])
    if elision:
        start += elision.end()
    if candidate.type == "person":  # the model includes titles: "S.E. M. Jean Dupont"
        honorific = _any_honorific().match(text, start, end)
        if honorific:
            start = honorific.end()
    words = text[start:end].split()
    caseless = text[start].isalpha() and text[start].lower() == text[start].upper()  # Arabic: no capitals
    if not words or not (text[start].isupper() or caseless) or sum(ch.isalpha() for ch in text[start:end]) < 2:
        return None
    if len(words) == 1 and _folded(words[0]) in stopwords(None) | _COMMON_CAPITALIZED:
        return None
    return replace(candidate, start=start, end=end, text=text[start:end])


_COMMON_CAPITALIZED = frozenset(
    _folded(w)
    for w in "les le la des un une ce ces jeux the a an this these el los las una este esta según "
    "selon ainsi toutefois however both".split()
)


def _acronym_definitions(text: str) -> list[tuple[str, str]]:
    """Every "Full Name (ACR)" of the text as ``(full name, acronym)``, in text order.

    The name is the run of at most ten words before the bracket, from the first word holding a
    capital ("la Direction générale de la sûreté nationale (DGSN)" gives "Direction générale de
    la sûreté nationale"). Each bracket looks back a bounded window, so this is linear.
    """
    found = []
    previous = 0
    for match in _ACRONYM_IN_BRACKETS.finditer(text):
        window_start = max(previous, match.start() - _DEFINITION_WINDOW)
        previous = match.end()
        tokens = list(re.finditer(r"\S+", text[window_start : match.start()]))
        if tokens and window_start > 0 and not text[window_start - 1].isspace():
            tokens = tokens[1:]  # a word cut by the window
        chain: list[re.Match[str]] = []
        for token in reversed(tokens):
            if len(chain) == _DEFINITION_WORDS or not _DEFINITION_WORD.fullmatch(token.group()):
                break
            chain.insert(0, token)
        for token in chain[:-1]:
            capital = re.search(r"[A-ZÀ-Þ]", token.group())
            if capital:
                start = window_start + token.start() + capital.start()
                found.append((text[start : window_start + chain[-1].end()], match.group(1)))
                break
    return found


def _acronym_candidates(text: str, sentences: Sequence[Sentence], known: list[_Candidate]) -> list[_Candidate]:
    """"Full Name (ACR)": every "ACR" is that organization too, unless already known."""
    acronyms = sorted({acronym for _, acronym in _acronym_definitions(text)}, key=len, reverse=True)
    if not acronyms:
        return []
    out: list[_Candidate] = []
    taken = Occupied([(c.start, c.end) for c in known])
    index = SentenceIndex(sentences)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in acronyms) + r")(?![\w-])")
    for hit in pattern.finditer(text):
        if taken.overlaps(*hit.span()):
            continue
        sentence = index.containing(*hit.span())
        if sentence is not None:
            out.append(_Candidate("organization", sentence.index, hit.start(), hit.end(), hit.group()))
            taken.add(*hit.span())
    return out


# --- merging --------------------------------------------------------------------------------


def _merge(candidates: list[_Candidate], text: str) -> list[Entity]:
    groups: dict[str, list[_Candidate]] = {}
    names: dict[str, str] = {}
    types: dict[str, EntityType] = {}
    entries: dict[str, Entry | None] = {}
    acronyms = _acronym_links(text)

    def add(key: str, candidate: _Candidate, name: str, entry: Entry | None = None) -> None:
        groups.setdefault(key, []).append(candidate)
        names.setdefault(key, name)
        types.setdefault(key, candidate.type)
        entries.setdefault(key, entry)

    people = [c for c in candidates if c.type == "person" and c.entry is None]
    full_names: dict[str, str] = {}
    for c in people:
        if len(c.text.split()) >= 2:
            folded = _folded(c.text)
            if folded not in full_names or display_name(full_names[folded]) != full_names[folded]:
                full_names[folded] = c.text  # a spelling not in capitals, when there is one
    by_surname: dict[str, list[str]] = {}
    within: dict[str, list[str]] = {}  # "pardo piqueras" -> ["francisco pardo piqueras"]
    for folded in full_names:
        by_surname.setdefault(folded.split()[-1], []).append(folded)
        tokens = folded.split()
        for cut in range(1, len(tokens) - 1):
            within.setdefault(" ".join(tokens[cut:]), []).append(folded)
    for candidate in candidates:
        if candidate.entry is not None:
            add(f"{candidate.entry.kind}:{candidate.entry.key}", candidate, candidate.entry.name, candidate.entry)
        elif candidate.type == "person":
            key, name = _person_key(candidate, full_names, by_surname, within)
            add(key, candidate, display_name(name))
        elif (surname := _surname_of(candidate, by_surname, within)) is not None:
            # A guessed place or organization that is the surname of one person named in full
            # ("Migration : Laftit et Grande-Marlaska font le point"): that person again.
            add(f"person:{surname}", replace(candidate, type="person"), display_name(full_names[surname]))
        elif candidate.type == "organization":
            folded = _folded(candidate.text)
            full = acronyms.get(candidate.text)
            key = f"organization:{_folded(full) if full else folded}"
            add(key, candidate, full or candidate.text)
        else:
            add(f"{candidate.type}:{_folded(candidate.text)}", candidate, candidate.text)
    countries = {e.key: e for e in gazetteer.entries("country")}
    entities = []
    for key, members in groups.items():
        entry = entries[key]
        if types[key] == "person" and entry is None and all(len(m.text.split()) == 1 and not m.honorific for m in members):
            continue  # one word, never with a first name or an honorific: a verb or a title, not a person
        mentions = tuple(sorted(dict.fromkeys(Mention(c.sentence, c.start, c.end, c.text) for c in members), key=lambda m: m.start))
        name = names[key]
        aliases = tuple(dict.fromkeys(m.text for m in mentions if m.text != name))
        country = entry.country if entry else None
        entities.append(
            Entity(
                id=f"{types[key]}:{_slug(name)}",
                name=name,
                type=types[key],
                role=None,
                organization=None,
                country=country,
                country_name=countries[country].name if country in countries else None,
                aliases=aliases,
                lat=entry.lat if entry else None,
                lon=entry.lon if entry else None,
                mentions=mentions,
                acronym=entry.acronym if entry else None,
                key=entry.key if entry else None,
            )
        )
    return sorted(unique_ids(entities), key=lambda e: e.mentions[0].start)


def _surname_of(candidate: _Candidate, by_surname: dict[str, list[str]], within: dict[str, list[str]]) -> str | None:
    """The one full name (folded) a one-word guess ends, if there is exactly one."""
    folded = _folded(candidate.text)
    if len(folded.split()) != 1:
        return None
    matches = by_surname.get(folded, []) or within.get(folded, [])
    return matches[0] if len(matches) == 1 else None


def _person_key(
    candidate: _Candidate, full_names: dict[str, str], by_surname: dict[str, list[str]], within: dict[str, list[str]]
) -> tuple[str, str]:
    folded = _folded(candidate.text)
    longer = within.get(folded, [])
    if len(longer) == 1:  # "Pardo Piqueras" is the one "Francisco Pardo Piqueras"
        return f"person:{longer[0]}", full_names[longer[0]]
    if folded in full_names:
        return f"person:{folded}", full_names[folded]
    matches = by_surname.get(folded.split()[-1], [])
    if len(matches) == 1:  # "M. Hammouchi" is the one Hammouchi named in full
        return f"person:{matches[0]}", full_names[matches[0]]
    return f"person:{folded}", candidate.text


def _acronym_links(text: str) -> dict[str, str]:
    """ACRONYM -> Full Name, from "Full Name (ACRONYM)": the name starts at the word whose
    initial is the acronym's ("a indiqué la Direction générale … (DGSN)")."""
    links = {}
    for definition, acronym in _acronym_definitions(text):
        words = [re.sub(r"^(?:[dlDL]|[Qq]u)['’]", "", w) for w in definition.split()]  # "L'Office"
        for cut, word in enumerate(words):
            if word[0] == acronym[0]:
                links[acronym] = " ".join(words[cut:])
                break
    return links


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _folded(name)).strip("-") or "entity"


_WithId = TypeVar("_WithId", bound="Any")


def unique_ids(items: list[_WithId]) -> list[_WithId]:
    """Make the ``id`` of frozen dataclasses unique: a second "visit" becomes "visit-2"."""
    seen: dict[str, int] = {}
    out = []
    for item in items:
        count = seen.get(item.id, 0)
        seen[item.id] = count + 1
        out.append(item if count == 0 else replace(item, id=f"{item.id}-{count + 1}"))
    return out


# --- roles ----------------------------------------------------------------------------------


def _with_roles(
    entities: list[Entity],
    text: str,
    sentences: Sequence[Sentence],
    languages: Sequence[str | None],
    views: tuple[str, str],
) -> tuple[Entity, ...]:
    people_spans = Occupied([(m.start, m.end) for e in entities if e.type == "person" for m in e.mentions])
    organizations = sorted(((m.start, m.end, e) for e in entities if e.type == "organization" for m in e.mentions), key=lambda t: t[0])
    organization_starts = [start for start, _, _ in organizations]
    countries = {e.key: e for e in gazetteer.entries("country")}
    country_names: dict[int, list[Found]] = {}  # per sentence, found once
    out = []
    for entity in entities:
        if entity.type != "person":
            out.append(entity)
            continue
        role = None
        for mention in entity.mentions[:_ROLE_MENTIONS]:
            sentence = sentences[mention.sentence]
            role = _role_near(mention, sentence, languages[mention.sentence], text, people_spans)
            if role is not None:
                break
        if role is None:
            out.append(entity)
            continue
        inside_role = [organizations[i] for i in inside(organization_starts, role.start, role.end) if organizations[i][1] <= role.end]
        organization = max(inside_role, key=lambda t: t[1] - t[0])[2] if inside_role else None
        country = organization.country if organization and organization.country else None
        if country is None:
            if role.sentence not in country_names:
                country_names[role.sentence] = gazetteer.find(views, sentences[role.sentence], kinds=("country",))
            country = next(
                (f.name.entry.key for f in country_names[role.sentence] if role.start <= f.start and f.end <= role.end), None
            )
        out.append(
            replace(
                entity,
                role=role.text,
                role_evidence=role,
                organization=organization.name if organization else None,
                country=country,
                country_name=countries[country].name if country in countries else None,
            )
        )
    return tuple(out)


def _role_near(mention: Mention, sentence: Sentence, language: str | None, text: str, people: Occupied) -> Mention | None:
    """The role in apposition before ("le directeur …, X") or after ("X, head of Y") a name.

    Only a window of :data:`_ROLE_WINDOW` characters on each side is read: a role has at most
    :data:`_MAX_ROLE_WORDS` words, and a long sentence must not cost every name in it its length.
    """
    window_start = max(sentence.start, mention.start - _ROLE_WINDOW)
    if window_start > sentence.start:  # start at a word, as a sentence does
        space = text.find(" ", window_start, mention.start)
        window_start = space + 1 if space >= 0 else mention.start
    window_end = min(sentence.end, mention.end + _ROLE_WINDOW)
    before = text[window_start : mention.start]
    roles = _roles(language)
    honorifics = sorted(roles["honorifics"], key=len, reverse=True)
    titles = sorted(roles["titles"], key=len, reverse=True)
    trimmed = before.rstrip()
    stripped = True
    while stripped:  # "…, M. Mamadou Diallo", "…, le général X": the comma is before the title
        stripped = False
        for honorific in (*honorifics, *titles):
            if _folded(trimmed).endswith(_folded(honorific)) and (
                len(trimmed) == len(honorific) or not trimmed[-len(honorific) - 1].isalnum()
            ):
                rest = trimmed[: -len(honorific)].rstrip()
                if honorific in titles and rest and not rest.endswith((",", "،")):
                    continue  # "Secretary General Jens Stoltenberg": "General" is the role's
                trimmed = rest
                stripped = True
    if trimmed.endswith((",", "،")):
        segment_end = window_start + len(trimmed) - 1
        folded = _folded(text[window_start : segment_end])
        heads = list(_head_pattern(language).finditer(folded))
        if heads:
            start = _with_modifiers(window_start + heads[-1].start("head"), window_start, text, language)
            role = _role_mention(sentence, start, segment_end, text, people)
            if role is not None:
                return role
    elif trimmed:  # right before the name: "FBI Director Christopher Wray", "Morocco's police chief X"
        end = window_start + len(trimmed)
        head = _head_at_end(language).search(_folded(trimmed))
        if head is not None:
            start = _with_modifiers(window_start + head.start(), window_start, text, language)
            role = _role_mention(sentence, start, end, text, people)
            if role is not None:
                return role
    after = text[mention.end : window_end]
    match = re.match(r"\s*[,،]\s*", after)
    if match:
        start = mention.end + match.end()
        folded = _folded(text[start:window_end])
        head = _head_pattern(language).match(folded)
        if head is not None:
            role_start = start + head.start("head")
            stop = re.search(r"[,،;؛]|\s(?:qui|que|who|which|quien|que|الذي|التي)\s|[.!?]$", text[role_start:window_end])
            role_end = role_start + (stop.start() if stop else window_end - role_start)
            return _role_mention(sentence, role_start, role_end, text, people)
    return None


@lru_cache(maxsize=8)
def _head_at_end(language: str | None) -> re.Pattern[str]:
    """A role head ending the text (folded), for a role written right before a name."""
    return re.compile(r"(?<![\w-])(?:" + _heads_alternation(language) + r")$")


_MODIFIER_WORD = re.compile(r"([\w’'-]+)\s+$")


def _with_modifiers(start: int, floor: int, text: str, language: str | None) -> int:
    """Where a role starts once the words before its head that belong to it are added: up to
    three capitalized words ("Home Secretary", "French Minister"), possessives ("Morocco's") or
    listed modifiers ("police chief") — never an article or a verb."""
    modifiers = _folded_words(language, "modifiers")
    for _ in range(3):
        match = _MODIFIER_WORD.search(text, floor, start)
        if match is None:
            break
        word = match.group(1)
        folded = _folded(word)
        possessive = folded.endswith(("'s", "’s"))
        if (folded in stopwords(language) or folded in _folded_words(language, "articles")) and not possessive:
            break
        if not (word[0].isupper() or possessive or folded in modifiers):
            break
        start = match.start(1)
    return start


def _role_mention(sentence: Sentence, start: int, end: int, text: str, people: Occupied) -> Mention | None:
    while end > start and not text[end - 1].isalnum():
        end -= 1
    role = text[start:end]
    if not role or len(role.split()) > _MAX_ROLE_WORDS:
        return None
    if people.overlaps(start, end):
        return None  # another person's name inside: not an apposition
    return Mention(sentence.index, start, end, role)


# --- curation -------------------------------------------------------------------------------


def curate(entities: Sequence[Entity], curation: Curation) -> tuple[Entity, ...]:
    """Apply a user's renames, merges and drops. Unknown ids are ignored."""
    by_id = {e.id: e for e in entities}
    dropped = set(curation.drops)
    merged: dict[str, list[Entity]] = {}
    for source, target in curation.merges:
        target = _final_target(target, dict(curation.merges))
        if source in by_id and target in by_id and source != target:
            merged.setdefault(target, []).append(by_id[source])
            dropped.add(source)
    renames = dict(curation.renames)
    out = []
    for entity in entities:
        if entity.id in dropped:
            continue
        for other in merged.get(entity.id, []):
            mentions = tuple(sorted(set(entity.mentions) | set(other.mentions), key=lambda m: m.start))
            aliases = tuple(dict.fromkeys((*entity.aliases, other.name, *other.aliases)))
            entity = replace(
                entity,
                mentions=mentions,
                aliases=tuple(a for a in aliases if a != entity.name),
                role=entity.role or other.role,
                role_evidence=entity.role_evidence or other.role_evidence,
                organization=entity.organization or other.organization,
                country=entity.country or other.country,
                country_name=entity.country_name or other.country_name,
                lat=entity.lat if entity.lat is not None else other.lat,
                lon=entity.lon if entity.lon is not None else other.lon,
            )
        new_name = renames.get(entity.id, "").strip()
        if new_name and new_name != entity.name:
            aliases = tuple(dict.fromkeys((entity.name, *entity.aliases)))
            entity = replace(entity, name=new_name, aliases=tuple(a for a in aliases if a != new_name))
        out.append(entity)
    return tuple(out)


def _final_target(target: str, merges: dict[str, str]) -> str:
    seen = set()
    while target in merges and target not in seen:
        seen.add(target)
        target = merges[target]
    return target
