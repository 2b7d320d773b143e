"""Language identification with langdetect, seeded so the same text always gives the same answer.

langdetect is confident even on three words ("DGSN" comes out German at 0.99999), so whether a
guess is *reliable* is decided by the amount of text, not by its probability: a document needs
:data:`MIN_DOCUMENT_WORDS` words, a sentence :data:`MIN_SENTENCE_WORDS` words and
:data:`MIN_SENTENCE_LETTERS` letters.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from lib.resources import load_toml
from lib.sentences import word_count

MIN_DOCUMENT_WORDS = 20
MIN_SENTENCE_WORDS = 5
MIN_SENTENCE_LETTERS = 25
SENTENCE_TRIALS = 3
"""langdetect averages 7 random trials; for one sentence 3 give the same answer at 3/7 of the cost
(a sentence's guess is judged reliable by its length, not its probability)."""
_lock = threading.Lock()


@dataclass(frozen=True)
class LanguageGuess:
    """The language of a text.

    Attributes:
        code: ISO 639-1 code ("fr", "en", "zh-cn"…), or ``None`` when the text has no letters.
        confidence: Probability of ``code`` according to langdetect, 0..1 (4 decimals).
        probabilities: Every candidate above 1 %, most likely first, as ``(code, p)``.
        reliable: Whether the text is long enough for the guess to be trusted.
    """

    code: str | None
    confidence: float
    probabilities: tuple[tuple[str, float], ...]
    reliable: bool


def _detector_factory():  # noqa: ANN202 - langdetect has no type hints
    """Load langdetect's profiles once (thread-safe) and seed it: same input, same output."""
    from langdetect import DetectorFactory
    from langdetect import detector_factory

    with _lock:
        DetectorFactory.seed = 0
        if detector_factory._factory is None:  # noqa: SLF001 - langdetect keeps its factory here
            detector_factory.init_factory()
        return detector_factory._factory  # noqa: SLF001


def detect(
    text: str, *, min_words: int = MIN_DOCUMENT_WORDS, min_letters: int = 0, trials: int | None = None
) -> LanguageGuess:
    """Guess the language of ``text``.

    Args:
        text: Any text.
        min_words: Fewer words than this make the guess unreliable.
        min_letters: Fewer letters than this make the guess unreliable.
        trials: langdetect's number of random trials (default: its own, 7).
    """
    from langdetect.lang_detect_exception import LangDetectException

    factory = _detector_factory()
    letters = sum(ch.isalpha() for ch in text)
    if letters and sum(ch.isupper() for ch in text) > 0.6 * letters:
        # Headlines and wire copy in capitals: langdetect reads "LA LUTTE CONTRE…" as English.
        text = text.lower()
    try:
        detector = _fast(factory.create())
        if trials is not None:
            detector.n_trial = trials
        detector.append(text)
        candidates = detector.get_probabilities()
    except LangDetectException:
        return LanguageGuess(None, 0.0, (), False)
    probabilities = tuple((c.lang, round(c.prob, 4)) for c in candidates if c.prob >= 0.01)
    if not probabilities:
        return LanguageGuess(None, 0.0, (), False)
    code, confidence = probabilities[0]
    reliable = word_count(text) >= min_words and letters >= min_letters
    return LanguageGuess(code, confidence, probabilities, reliable)


def _fast(detector):  # noqa: ANN001, ANN202 - langdetect has no type hints
    """The same detector, its inner loop on NumPy (see :func:`_detect_block`)."""
    detector._detect_block = functools.partial(_detect_block, detector)  # noqa: SLF001
    return detector


def _detect_block(detector) -> None:  # noqa: ANN001
    """langdetect's Detector._detect_block with each n-gram's update done on NumPy arrays.

    The same operations in the same order on the same doubles: (weight + p) then the product,
    element by element; the normalization divides by Python's own ``sum`` of the values (as
    langdetect does) and takes their maximum. The random draws are langdetect's own, so the
    probabilities are the same to the last bit (tests compare with langdetect itself); only the
    Python loop over 55 languages per drawn n-gram is gone (the analysis's costliest part).
    """
    import numpy as np
    from langdetect.lang_detect_exception import ErrorCode, LangDetectException

    detector.cleaning_text()
    ngrams = _ngrams(detector.text, detector.word_lang_prob_map)
    if not ngrams:
        raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
    languages = len(detector.langlist)
    detector.langprob = [0.0] * languages
    detector.random.seed(detector.seed)
    table = detector.word_lang_prob_map
    for _ in range(detector.n_trial):
        prob = np.array(detector._init_probability(), dtype=np.float64)  # noqa: SLF001
        alpha = detector.alpha + detector.random.gauss(0.0, 1.0) * detector.ALPHA_WIDTH
        weight = alpha / detector.BASE_FREQ
        i = 0
        while True:
            prob *= weight + _row(table, detector.random.choice(ngrams))
            if i % 5 == 0:
                prob /= sum(prob.tolist())
                if prob.max() > detector.CONV_THRESHOLD or i >= detector.ITERATION_LIMIT:
                    break
            i += 1
        for j, value in enumerate(prob.tolist()):
            detector.langprob[j] += value / detector.n_trial


def _ngrams(text: str, table: dict) -> list[str]:
    """langdetect's Detector._extract_ngrams, inlined: NGram.add_char's buffer of the last three
    normalized characters and its "word in capitals" flag, the same n-grams in the same order;
    each character is normalized once per process (NGram.normalize depends on it alone)."""
    from langdetect.utils.ngram import NGram

    found: list[str] = []
    grams, capital = " ", False
    for ch in text:
        normal = _NORMAL.get(ch)
        if normal is None:
            normal = NGram.normalize(ch)
            if len(_NORMAL) < _NORMAL_MAX:
                _NORMAL[ch] = normal
        last = grams[-1]
        if last == " ":
            grams, capital = " ", False
            if normal == " ":
                continue
        elif len(grams) >= NGram.N_GRAM:
            grams = grams[1:]
        grams += normal
        if normal.isupper():
            if last.isupper():
                capital = True
        else:
            capital = False
        if capital:
            continue
        if grams[-1] != " " and grams[-1] in table:
            found.append(grams[-1])
        if len(grams) >= 2:
            if grams[-2:] in table:
                found.append(grams[-2:])
            if len(grams) >= 3 and grams[-3:] in table:
                found.append(grams[-3:])
    return found


_NORMAL: dict[str, str] = {}
_NORMAL_MAX = 100_000
_ROWS: dict[str, object] = {}
_ROWS_MAX = 200_000
"""n-gram probability rows as arrays, made once each (langdetect's profiles hold about 170,000)."""


def _row(table: dict, ngram: str):  # noqa: ANN202
    row = _ROWS.get(ngram)
    if row is None:
        import numpy as np

        if len(_ROWS) >= _ROWS_MAX:
            _ROWS.clear()
        row = _ROWS[ngram] = np.array(table[ngram], dtype=np.float64)
    return row


UNCHECKED = LanguageGuess(None, 0.0, (), False)
"""The guess of a sentence too short to be checked: no language, unreliable."""


def detect_each(texts: Iterable[str]) -> tuple[LanguageGuess, ...]:
    """Guess the language of each sentence, with the stricter sentence thresholds.

    A sentence too short for a reliable guess (fewer than MIN_SENTENCE_WORDS words or
    MIN_SENTENCE_LETTERS letters) is not sent to langdetect at all: its guess could change
    nothing (an unreliable sentence is read in the document's language), and a document of
    thousands of short lines (a PDF of tables) would pay for every one.
    """
    return tuple(
        detect(text, min_words=MIN_SENTENCE_WORDS, min_letters=MIN_SENTENCE_LETTERS, trials=SENTENCE_TRIALS)
        if word_count(text) >= MIN_SENTENCE_WORDS and sum(ch.isalpha() for ch in text) >= MIN_SENTENCE_LETTERS
        else UNCHECKED
        for text in texts
    )


@lru_cache(maxsize=1)
def _language_table() -> tuple[dict[str, str], frozenset[str]]:
    data = load_toml("languages.toml")
    return dict(data.get("names", {})), frozenset(data.get("supported", {}).get("codes", ()))


def language_name(code: str | None) -> str:
    """English display name of a language code ("fr" -> "French"); the code if unknown."""
    if code is None:
        return "unknown"
    return _language_table()[0].get(code, code)


def is_supported(code: str | None) -> bool:
    """Whether Communiqué Lens analyzes this language fully (data/languages.toml)."""
    return code in _language_table()[1]
