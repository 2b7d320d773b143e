"""Sentence splitting: the seed exactly, abbreviation rules, and invariants on generated text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.ingest import normalize, read_path
from lib.sentences import split, word_count
from tests.conftest import FIXTURES, SEED

SEED_SENTENCES = [
    # (start, end, paragraph, heading, first words)
    (0, 156, 0, True, "Les chefs de la police nationale"),
    (157, 478, 1, False, "Le directeur général de la sécurité nationale"),
    (479, 834, 2, False, "Les deux parties ont exploré"),
    (835, 1245, 3, False, "Les discussions ont également porté"),
    (1246, 1562, 4, False, "Au cours de la réunion"),
    (1563, 1668, 5, False, "Ces initiatives sont fondées"),
    (1669, 1924, 6, False, "La rencontre avec le directeur général"),
    (1925, 2152, 6, False, "L’objectif est de renforcer"),
]


def test_seed_has_eight_sentences_with_exact_offsets() -> None:
    text = read_path(SEED).text
    sentences = split(text)
    assert len(sentences) == 8
    for sentence, (start, end, paragraph, heading, first) in zip(sentences, SEED_SENTENCES):
        assert (sentence.start, sentence.end, sentence.paragraph, sentence.heading) == (start, end, paragraph, heading)
        assert sentence.text == text[start:end]
        assert sentence.text.startswith(first)
    assert sentences[0].text.endswith("lors des Jeux olympiques de Paris")  # the title, no full stop
    assert sentences[6].text.endswith("du territoire du Maroc.")
    assert [s.index for s in sentences] == list(range(8))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("S.E. M. Hammouchi a reçu M. Veaux. Il est reparti.", ["S.E. M. Hammouchi a reçu M. Veaux.", "Il est reparti."]),
        ("Mme Martin et MM. Dupont et Durand sont arrivés. Fin.", ["Mme Martin et MM. Dupont et Durand sont arrivés.", "Fin."]),
        ("L’O.N.U. a salué l’accord. Les deux pays ont signé.", ["L’O.N.U. a salué l’accord.", "Les deux pays ont signé."]),
        ("Selon l’art. 12 du traité, c’est prévu. Ensuite vient l’art. 13.", ["Selon l’art. 12 du traité, c’est prévu.", "Ensuite vient l’art. 13."]),
        ("Le 1er janvier 2024, tout change. Le 2e jour aussi.", ["Le 1er janvier 2024, tout change.", "Le 2e jour aussi."]),
        ("J. Dupont a signé. Il part.", ["J. Dupont a signé.", "Il part."]),
        ("Il a dit : « Nous restons vigilants. » Puis il est parti.", ["Il a dit : « Nous restons vigilants. »", "Puis il est parti."]),
        ("Pourquoi ? Parce que. Vraiment !", ["Pourquoi ?", "Parce que.", "Vraiment !"]),
        ("Le taux est de 3.5 pour cent. Il baisse.", ["Le taux est de 3.5 pour cent.", "Il baisse."]),
        ("Il hésita... puis signa. Enfin… Fin.", ["Il hésita... puis signa.", "Enfin…", "Fin."]),
        ("Mr. Smith met Dr. Jones in the U.S. on Jan. 5. They talked.", ["Mr. Smith met Dr. Jones in the U.S. on Jan. 5.", "They talked."]),
        ("The police (see p. 4) agreed. Next steps follow.", ["The police (see p. 4) agreed.", "Next steps follow."]),
        ("El Sr. García y la Dra. López llegaron. ¿Qué dijeron? Nada.", ["El Sr. García y la Dra. López llegaron.", "¿Qué dijeron?", "Nada."]),
        ("Lo dijo el Excmo. Sr. Ministro. Luego salió de EE.UU. hacia Rabat.", ["Lo dijo el Excmo. Sr. Ministro.", "Luego salió de EE.UU. hacia Rabat."]),
        ("التقى المدير العام بنظيره. وناقش الطرفان التعاون الأمني؟ نعم.", ["التقى المدير العام بنظيره.", "وناقش الطرفان التعاون الأمني؟", "نعم."]),
    ],
)
def test_sentence_rules(text: str, expected: list[str]) -> None:
    assert [s.text for s in split(text)] == expected


def test_title_line_without_full_stop_is_its_own_sentence() -> None:
    sentences = split("Rencontre à Rabat\nLe directeur a reçu son homologue. Ils ont parlé.")
    assert [(s.text, s.paragraph, s.heading) for s in sentences] == [
        ("Rencontre à Rabat", 0, True),
        ("Le directeur a reçu son homologue.", 1, False),
        ("Ils ont parlé.", 1, False),
    ]


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Réunion à Rabat [DGSN]", True),
        ("Rencontre DGSN-DGSI (Rabat)", True),
        ("« Une coopération exemplaire »", True),
        ("Le directeur a reçu son homologue.", False),
        ("Pourquoi une telle visite ?", False),
        ("Il a dit : « Nous restons vigilants. »", False),
        ("Ordre du jour :", False),
    ],
)
def test_heading_is_a_line_without_final_punctuation(line: str, heading: bool) -> None:
    (sentence,) = split(line)
    assert sentence.heading is heading


def test_fixtures_split_as_written() -> None:
    text = read_path(FIXTURES / "fr_dakar_abbreviations.txt").text
    sentences = [s.text for s in split(text)]
    assert len(sentences) == 7
    assert sentences[1].startswith("S.E. M. Jean Dupont, ambassadeur de France au Sénégal, a reçu le 1er mars 2024")
    assert sentences[3].startswith("Conformément à l’art. 12 de l’accord de 2019")
    assert sentences[4].endswith("avec l’O.N.U. et ses agences.")
    assert sentences[5] == "« Nous avons fait beaucoup de progrès. »"


@pytest.mark.parametrize(("text", "count"), [("d’intérêt commun", 2), ("DGSN-DGST 2023 Rabat", 3), ("", 0), ("— !", 0)])
def test_word_count(text: str, count: int) -> None:
    assert word_count(text) == count


def test_empty_text_has_no_sentence() -> None:
    assert split("") == ()


WORDS = st.sampled_from(
    ["le", "Directeur", "M.", "S.E.", "art.", "12", "l’O.N.U.", "Rabat", "a", "dit", "«", "»", "Mr.", "(DGSN)",
     "1er", "sécurité", "J.", "etc.", "3.5", "¿Qué", "¡Sí!", "vs.", "—", "…", "l’accord"]
)
PUNCT = st.sampled_from([".", "!", "?", "…", "", " :", ","])
SENTENCE = st.builds(lambda ws, p: " ".join(ws) + p, st.lists(WORDS, min_size=1, max_size=12), PUNCT)
PARAGRAPH = st.builds(" ".join, st.lists(SENTENCE, min_size=1, max_size=4))
DOCUMENT = st.builds("\n".join, st.lists(PARAGRAPH, min_size=1, max_size=5))


@settings(max_examples=300, deadline=None)
@given(DOCUMENT)
def test_split_invariants(raw: str) -> None:
    text = normalize(raw)
    sentences = split(text)
    previous_end = -1
    for i, sentence in enumerate(sentences):
        assert sentence.index == i
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        assert "\n" not in sentence.text
        assert sentence.start > previous_end
        previous_end = sentence.end
    # Nothing but whitespace is left out, and paragraphs are numbered in order.
    covered = "".join(s.text for s in sentences)
    assert covered.replace(" ", "") == text.replace(" ", "").replace("\n", "")
    assert [s.paragraph for s in sentences] == sorted(s.paragraph for s in sentences)
    assert len({s.paragraph for s in sentences}) == text.count("\n") + 1
