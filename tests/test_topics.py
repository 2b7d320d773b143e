"""Topic breakdown: the seed exactly, fixtures, false friends, matching rules, the taxonomy file."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings

from lib.analysis import analyze
from lib.errors import DataFileError
from lib.ingest import read_pasted, read_path
from lib.lexicon import match_view
from lib.topics import DEFAULT_MIN_WEIGHT, default_taxonomy, default_taxonomy_text, parse_taxonomy
from tests.conftest import FIXTURES, SEED, documents

REQUIRED = {
    "olympics_major_events", "drug_trafficking", "irregular_migration", "terrorism", "cybercrime",
    "organized_crime", "expertise_training_exchange", "joint_operations", "institutional_cooperation",
}


def topics_of(text: str) -> dict[str, set[int]]:
    """Topic id -> sentence indices with a hit, for topics above the default threshold."""
    return {
        t.id: {h.sentence for h in t.hits}
        for t in analyze(read_pasted(text)).topics
        if t.weight >= DEFAULT_MIN_WEIGHT
    }


def test_seed_topics_exactly() -> None:
    analysis = analyze(read_path(SEED))
    found = {t.id: {h.sentence for h in t.hits} for t in analysis.topics if t.weight >= DEFAULT_MIN_WEIGHT}
    assert found == {
        "institutional_cooperation": {0, 1, 2, 4, 6, 7},
        "olympics_major_events": {0, 2},  # the title and "prochains Jeux olympiques de Paris"
        "joint_operations": {2},  # "opérations conjointes"
        "drug_trafficking": {3},  # the list of threats counts for each of them
        "irregular_migration": {3},
        "terrorism": {3},
        "cybercrime": {3},
        "organized_crime": {3},
        "expertise_training_exchange": {3},
    }
    assert {t.id for t in analysis.topics} == set(found)  # nothing weaker either
    cues = {t.id: [analysis.text[h.start : h.end] for h in t.hits] for t in analysis.topics}
    assert cues["drug_trafficking"] == ["trafic de drogues", "psychotropes"]
    assert cues["organized_crime"] == ["criminalité transnationale organisée"]
    assert cues["expertise_training_exchange"] == ["échange d’expertise"]
    weights = [t.weight for t in analysis.topics]
    assert weights == sorted(weights, reverse=True) and analysis.topics[0].id == "institutional_cooperation"
    assert sum(t.share for t in analysis.topics) == pytest.approx(1.0, abs=1e-3)
    assert analysis.topics[1].label == "JO et grands événements"  # French document, French labels


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("en_police_lisbon.txt", {"drug_trafficking", "irregular_migration", "cybercrime", "joint_operations",
                                  "olympics_major_events", "institutional_cooperation", "intelligence_sharing"}),
        ("es_policia_rabat.txt", {"terrorism", "drug_trafficking", "irregular_migration", "human_trafficking",
                                  "intelligence_sharing", "olympics_major_events", "institutional_cooperation"}),
        ("fr_dakar_abbreviations.txt", {"terrorism", "irregular_migration", "expertise_training_exchange",
                                        "institutional_cooperation"}),
        ("en_wrapped.txt", {"organized_crime", "border_security", "intelligence_sharing"}),
    ],
)
def test_fixture_topics(fixture: str, expected: set[str]) -> None:
    assert set(topics_of((FIXTURES / fixture).read_text(encoding="utf-8"))) == expected


def test_a_quotation_in_another_language_uses_its_own_cues() -> None:
    analysis = analyze(read_path(FIXTURES / "fr_mixed_quote.txt"))
    partnership = [h for t in analysis.topics for h in t.hits if analysis.text[h.start : h.end] == "partnership"]
    assert [h.sentence for h in partnership] == [3]  # the English sentence, matched with English cues


FALSE_FRIENDS = [
    # (sentence, topic that must NOT fire)
    ("La formation de gendarmerie mobile est arrivée sur place dans la soirée.", "expertise_training_exchange"),
    ("Une formation politique a dénoncé la mesure devant la presse locale.", "expertise_training_exchange"),
    ("La transformation numérique de l'administration se poursuit cette année.", "cybercrime"),
    ("Le numérique occupe une place croissante dans la vie des citoyens.", "cybercrime"),
    ("L'opération de police a permis l'arrestation de deux suspects à Salé.", "joint_operations"),
    ("Une vaste opération de contrôle a été menée sur l'autoroute ce week-end.", "joint_operations"),
    ("Le trafic routier a été fortement perturbé sur la rocade de Rabat.", "drug_trafficking"),
    ("The company said it will invest in artificial intelligence next year.", "intelligence_sharing"),
    ("Officers can attend the ceremony if their schedule allows it.", "olympics_major_events"),
    ("Operation Sunrise was launched by the local police on Monday night.", "joint_operations"),
    ("La empresa apuesta por la inteligencia artificial en sus servicios.", "intelligence_sharing"),
    ("La operación policial terminó con tres detenidos en el puerto.", "joint_operations"),
]


@pytest.mark.parametrize(("sentence", "topic"), FALSE_FRIENDS, ids=[f"{t}: {s[:30]}" for s, t in FALSE_FRIENDS])
def test_false_friends_do_not_fire(sentence: str, topic: str) -> None:
    assert topic not in topics_of(sentence)


TRUE_FRIENDS = [
    ("Une session de formation au profit de 40 officiers sera organisée en mars.", "expertise_training_exchange"),
    ("Les enquêteurs ont démantelé un réseau de criminalité numérique à Casablanca.", "cybercrime"),
    ("Une opération conjointe a permis la saisie de deux tonnes de résine de cannabis.", "joint_operations"),
    ("Le trafic de drogue a reculé selon le dernier rapport des services.", "drug_trafficking"),
    ("La sécurité de la =CAN 2025 a été évoquée lors de la réunion.".replace("=", ""), "olympics_major_events"),
    ("Both agencies agreed on a joint investigation into the smuggling route.", "joint_operations"),
    ("Las operaciones conjuntas permitieron detener a diez personas en Ceuta.", "joint_operations"),
]


@pytest.mark.parametrize(("sentence", "topic"), TRUE_FRIENDS, ids=[f"{t}: {s[:30]}" for s, t in TRUE_FRIENDS])
def test_cues_fire_in_context(sentence: str, topic: str) -> None:
    assert topic in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "LA LUTTE CONTRE L’IMMIGRATION IRREGULIERE EST UNE PRIORITÉ DES DEUX PAYS.",  # case, accents, ’
        "La lutte contre l'immigration irrégulière est une priorité des deux pays.",
        "Les migrations irrégulières sont une priorité des deux pays depuis longtemps.",  # plurals
    ],
)
def test_matching_ignores_case_accents_apostrophes_and_plurals(sentence: str) -> None:
    assert "irregular_migration" in topics_of(sentence)


def test_default_taxonomy_has_the_required_topics_in_three_languages() -> None:
    taxonomy = default_taxonomy()
    ids = {t.id for t in taxonomy.topics}
    assert REQUIRED <= ids
    assert {"human_trafficking", "money_laundering", "intelligence_sharing", "border_security"} <= ids
    for topic in taxonomy.topics:
        assert {"fr", "en", "es"} <= {c.language for c in topic.cues}, topic.id
        assert topic.description and dict(topic.labels).keys() >= {"fr", "en"}


VALID = '[[topic]]\nid = "x"\nlabel = { fr = "X", en = "X" }\ndescription = "d"\ncues.fr = ["mot"]\n'


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("id = 1", "no topic"),
        ("[[topic]]\nid = 'x'\nlabel = {fr='X', en='X'}\ncues.fr = ['a'\n", "not valid TOML"),
        (VALID.replace('id = "x"', 'id = "Bad Id"'), "must be lower-case"),
        (VALID + VALID, "appears twice"),
        (VALID.replace("cues.fr", "cue.fr"), "unknown key 'cue'"),
        (VALID.replace('label = { fr = "X", en = "X" }', 'label = { fr = "X" }'), "label needs fr and en"),
        (VALID.replace('cues.fr = ["mot"]', 'cues = ["mot"]'), "must be a table of lists"),
        (VALID.replace('cues.fr = ["mot"]', 'cues.fr = ["mot", ""]'), "non-empty strings"),
        (VALID.replace('cues.fr = ["mot"]', 'cues.fr = ["m*ot"]'), "* may only end a word"),
        (VALID.replace('cues.fr = ["mot"]', "cues.fr = []"), "no cue at all"),
    ],
)
def test_malformed_taxonomy_is_refused_with_the_problem_named(text: str, problem: str) -> None:
    with pytest.raises(DataFileError) as caught:
        parse_taxonomy(text, name="mine.toml")
    assert str(caught.value).startswith("mine.toml: ")
    assert problem in str(caught.value)


def test_a_custom_taxonomy_replaces_the_default() -> None:
    custom = parse_taxonomy(
        VALID.replace('cues.fr = ["mot"]', 'cues.fr = ["visite* de travail"]').replace('id = "x"', 'id = "visits"'),
        name="mine.toml",
    )
    analysis = analyze(read_path(SEED), taxonomy=custom)
    assert [(t.id, [h.sentence for h in t.hits]) for t in analysis.topics] == [("visits", [1])]
    assert analysis.taxonomy.name == "mine.toml"


def test_default_text_parses_to_the_default_taxonomy() -> None:
    assert parse_taxonomy(default_taxonomy_text(), name="data/topics.toml") == default_taxonomy()


TEXT = documents(
    ["lutte", "contre", "le", "trafic", "de", "drogues", "l’immigration", "irrégulière", "terroriste", "menace",
     "opérations", "conjointes", "Jeux", "olympiques", "coopération", "formation", "numérique", "réseaux",
     "criminels", "cybercriminalité", "frontières", "sécurité", "des", "et", "JO", "échange", "d’expertise"]
)


@settings(max_examples=60, deadline=None)
@given(TEXT)
def test_every_hit_is_inside_its_sentence_and_matches_its_cue(raw: str) -> None:
    analysis = analyze(read_pasted(raw))
    cues = {(t.id, c.text): c for t in analysis.taxonomy.topics for c in t.cues}
    for topic in analysis.topics:
        for hit in topic.hits:
            sentence = analysis.sentences[hit.sentence]
            assert sentence.start <= hit.start < hit.end <= sentence.end
            cue = cues[(topic.id, hit.cue)]
            piece = analysis.text[hit.start : hit.end]
            view = match_view(piece, keep_case=cue.case_sensitive)
            assert re.fullmatch(cue.pattern, view), (piece, cue.text)


@pytest.mark.parametrize("cue", ["-", "*", "- *", "-*"])
def test_cues_that_match_no_letter_are_refused(cue: str) -> None:
    taxonomy = f'[[topic]]\nid = "x"\nlabel = {{ fr = "a", en = "b" }}\ncues.fr = ["{cue}"]\n'
    with pytest.raises(DataFileError, match="needs a letter or a digit"):
        parse_taxonomy(taxonomy, name="mine.toml")


def test_a_deeply_nested_taxonomy_is_refused_with_its_name() -> None:
    with pytest.raises(DataFileError, match="deep.toml: nested too deeply"):
        parse_taxonomy("a = " + "[" * 100_000 + "]" * 100_000, name="deep.toml")
