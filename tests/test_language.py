"""Language identification: real texts, thresholds, determinism."""

from __future__ import annotations

import pytest

from lib.ingest import read_path
from lib.language import MIN_DOCUMENT_WORDS, detect, detect_each, is_supported, language_name
from tests.conftest import FIXTURES, SEED


def test_seed_is_french_with_high_confidence() -> None:
    guess = detect(read_path(SEED).text)
    assert guess.code == "fr"
    assert guess.confidence >= 0.99
    assert guess.reliable
    assert guess.probabilities[0] == ("fr", guess.confidence)


@pytest.mark.parametrize(
    ("fixture", "code"),
    [
        ("en_police_lisbon.txt", "en"),
        ("en_wrapped.txt", "en"),
        ("es_policia_rabat.txt", "es"),
        ("fr_dakar_abbreviations.txt", "fr"),
        ("fr_mixed_quote.txt", "fr"),
    ],
)
def test_fixtures_languages(fixture: str, code: str) -> None:
    guess = detect(read_path(FIXTURES / fixture).text)
    assert (guess.code, guess.reliable) == (code, True)
    assert guess.confidence >= 0.95


def test_arabic_is_detected() -> None:
    text = (
        "التقى المدير العام للأمن الوطني ومراقبة التراب الوطني بنظيره الفرنسي يوم الثلاثاء في الرباط، "
        "وبحث الطرفان سبل تعزيز التعاون الأمني بين البلدين في مجال مكافحة الإرهاب والجريمة المنظمة "
        "والهجرة غير النظامية وتبادل الخبرات."
    )
    guess = detect(text)
    assert guess.code == "ar" and guess.reliable


def test_short_text_is_not_reliable_even_when_confident() -> None:
    guess = detect("DGSN")
    assert guess.confidence > 0.9  # langdetect is sure of itself…
    assert not guess.reliable  # …but four letters are not evidence


def test_threshold_is_in_words() -> None:
    words = "la police nationale a renforcé la coopération avec ses partenaires".split()
    short = " ".join((words * 3)[: MIN_DOCUMENT_WORDS - 1])
    long = " ".join((words * 3)[:MIN_DOCUMENT_WORDS])
    assert not detect(short).reliable
    assert detect(long).reliable


def test_no_letters_gives_no_language() -> None:
    assert detect("123 456 !!").code is None
    assert detect("").code is None


def test_sentences_are_detected_one_by_one() -> None:
    guesses = detect_each(["Les deux parties ont exploré les pistes de coopération.", "The two sides agreed to meet again soon."])
    assert [g.code for g in guesses] == ["fr", "en"]


def test_same_input_same_output() -> None:
    text = read_path(FIXTURES / "es_policia_rabat.txt").text[:80]
    assert len({detect(text) for _ in range(5)}) == 1


def test_names_and_support() -> None:
    assert (language_name("fr"), language_name("zh-cn"), language_name("xx"), language_name(None)) == (
        "French", "Chinese (simplified)", "xx", "unknown")
    assert [is_supported(c) for c in ("fr", "en", "es", "ar", "de", None)] == [True, True, True, True, False, False]


def test_text_in_capitals_is_detected_as_written_in_lower_case() -> None:
    assert detect("LA LUTTE CONTRE L’IMMIGRATION IRREGULIERE EST UNE PRIORITÉ DES DEUX PAYS.").code == "fr"
    assert detect("EL DIRECTOR GENERAL DE LA POLICÍA RECIBIÓ AYER A SU HOMÓLOGO MARROQUÍ.").code == "es"


def test_the_numpy_detector_gives_langdetects_own_probabilities_to_the_last_bit() -> None:
    from lib import language
    from lib.sentences import split

    factory = language._detector_factory()  # noqa: SLF001
    texts = []
    for path in sorted(FIXTURES.glob("**/*.txt")):
        text = read_path(path).text
        texts += [text, *(s.text for s in split(text))]
    compared = 0
    for text in texts:
        fast, original = language._fast(factory.create()), factory.create()  # noqa: SLF001
        fast.append(text)
        original.append(text)
        try:
            original.get_probabilities()
        except Exception:  # noqa: BLE001 - langdetect's "no features": nothing to compare
            continue
        fast.get_probabilities()
        assert fast.langprob == original.langprob, text
        compared += 1
    assert compared > 200
