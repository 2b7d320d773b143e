"""Tokens, stop words and stemmers that ship with packages."""

from __future__ import annotations

from importlib import resources

import pytest

from lib.lexicon import connectors, content_tokens, stemmer, stopwords, tokens

YAKE_LISTS = sorted(
    p.name.removeprefix("stopwords_").removesuffix(".txt")
    for p in (resources.files("yake") / "core" / "StopwordsList").iterdir()
    if p.name.startswith("stopwords_")
)


@pytest.mark.parametrize("code", YAKE_LISTS)
def test_every_shipped_stop_word_list_loads(code: str) -> None:
    assert isinstance(stopwords(code), frozenset)


def test_stop_words_join_yake_and_communique_words() -> None:
    french = stopwords("fr")
    assert {"le", "des", "aujourd'hui", "communiqué", "indique", "actuellement"} <= french
    assert {"the", "statement", "said"} <= stopwords("en")
    assert {"según", "comunicado"} <= stopwords("es")
    assert "de la" in connectors("fr") and "of" in connectors("en")


def test_tokens_keep_offsets_and_fold_apostrophes() -> None:
    text = "Lutte contre l’immigration irrégulière"
    found = tokens(text, "fr", offset=100)
    assert [(t.start, t.end) for t in found][:3] == [(100, 105), (106, 112), (113, 114)]
    assert [t.norm for t in found] == ["lutte", "contre", "l", "immigration", "irrégulière"]
    assert [t.stem for t in content_tokens(text, "fr")] == ["immigr", "irréguli"]


@pytest.mark.parametrize(("code", "word", "stem"), [("fr", "opérations", "oper"), ("en", "trafficking", "traffick"), ("es", "cooperación", "cooper"), ("xx", "words", "words")])
def test_stemmers(code: str, word: str, stem: str) -> None:
    assert stemmer(code)(word) == stem
