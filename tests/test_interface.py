"""The interface's words: every language has every key with the same placeholders, every key the
code asks for exists, and no label of the pages is left as an English literal in the code."""

from __future__ import annotations

import ast
import datetime as dt
import re
import string
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from lib.analysis import Warning, WarningKind
from lib.charts import STATUS_COLOURS, FOLLOWUP_COLOURS
from lib.interface import REFERENCE, Message, Words, catalog, languages, pick_language
from lib.report import EXPORTS
from lib.summary import BaselineReason
from lib.view import SECTIONS
from tests.conftest import ROOT

PAGES = [ROOT / "dashboard.py", *sorted((ROOT / "app_pages").glob("*.py"))]
CODE = PAGES + sorted((ROOT / "lib").glob("*.py"))


def fields(template: str) -> set[tuple[str, str | None]]:
    """The placeholders of a template: (name, conversion)."""
    return {(name.split(".")[0], conversion) for _, name, _, conversion in string.Formatter().parse(template) if name}


def forms(value: str | Mapping[str, str]) -> dict[str, str]:
    return dict(value) if isinstance(value, Mapping) else {"": value}


def test_french_and_english_are_the_interface_languages() -> None:
    assert languages() == ("en", "fr")
    assert [pick_language(asked) for asked in ("fr-FR", "fr_CA", "en-GB", "de-DE", None, "")] == ["fr", "fr", "en", "en", "en", "en"]


@pytest.mark.parametrize("code", [code for code in languages() if code != REFERENCE])
def test_every_key_is_translated_with_the_same_placeholders(code: str) -> None:
    reference, translated = catalog(REFERENCE), catalog(code)
    assert sorted(set(reference) - set(translated)) == [], "keys without a translation"
    assert sorted(set(translated) - set(reference)) == [], "keys that English does not have"
    for key, english in reference.items():
        english_forms, other_forms = forms(english), forms(translated[key])
        assert "other" in other_forms or "" in other_forms, key
        wanted = set().union(*(fields(f) for f in english_forms.values()))
        for form, text in other_forms.items():
            assert text.strip(), (key, form)
            assert fields(text) <= wanted | {("n", None)}, (key, form, text)
        assert set().union(*(fields(f) for f in other_forms.values())) >= wanted - {("n", None)}, key


def sample(template: str) -> dict[str, object]:
    """A value for each placeholder of a template, of the kind its format asks for."""
    values: dict[str, object] = {}
    for _, name, spec, conversion in string.Formatter().parse(template):
        if not name:
            continue
        if conversion == "l":
            values[name] = "en"
        elif conversion == "k":
            values[name] = "event.visit"
        elif conversion == "t":
            values[name] = (("en", "Terrorism"), ("fr", "Terrorisme"))
        elif conversion == "m":
            values[name] = Message.of("when.day", date=dt.date(2024, 6, 26))
        elif spec and spec[-1] in "%f,":
            values[name] = 1234.5
        elif spec:
            values[name] = dt.date(2023, 12, 12)
        else:
            values.setdefault(name, 3)
    return values


@pytest.mark.parametrize("code", languages())
def test_every_text_can_be_written(code: str) -> None:
    words = Words(code)
    for key, value in catalog(REFERENCE).items():
        if key.endswith(".separator"):
            continue
        for text in forms(value).values():
            params = sample(text) | {"n": 2}
            assert words(key, **params), key
    assert Words("fr")("topics.hidden", n=1).startswith("1 thème plus faible masqué")
    assert Words("fr")("topics.hidden", n=3).startswith("3 thèmes plus faibles masqués")
    assert Words("en")("warning.weekday_mismatch", written="mardi 13", date=dt.date(2023, 12, 12)) == (
        "“mardi 13”: 2023-12-12 was a Tuesday, not the weekday written.")
    assert Words("fr")("warning.weekday_mismatch", written="mardi 13", date=dt.date(2023, 12, 12)) == (
        "« mardi 13 » : le 2023-12-12 était un mardi, pas le jour écrit.")


def test_numbers_and_percentages_are_written_the_languages_way() -> None:
    assert Words("en")("error.too_many_pages", name="a.pdf", pages=5000, limit=3000).startswith("a.pdf has 5,000 pages")
    assert Words("fr")("error.too_many_pages", name="a.pdf", pages=5000, limit=3000).startswith("a.pdf compte 5\u202f000 pages")
    assert (Words("en").percent(1.0, 1), Words("fr").percent(1.0, 1)) == ("100.0%", "100,0\xa0%")
    assert (Words("en").language("ar"), Words("fr").language("ar"), Words("fr").language("zh-tw")) == (
        "Arabic", "arabe", "chinois traditionnel")


def keys_asked(path: Path) -> Iterator[tuple[str, bool]]:
    """The catalog keys a file asks for: (key, complete) — not complete for an f-string's
    literal start (``t(f"status.{status}")`` asks for some key under ``status.``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        first = node.args[0]
        if name in ("t", "words", "said") or (name == "of" and getattr(node.func.value, "id", "") == "Message"):
            prefix = ""
        elif name == "of" and getattr(node.func.value, "id", "") in ("Warning", "TemporalWarning"):
            prefix = "warning."
        else:
            continue
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            yield prefix + first.value, True
        elif isinstance(first, ast.JoinedStr) and isinstance(first.values[0], ast.Constant):
            yield prefix + first.values[0].value, False


@pytest.mark.parametrize("path", CODE, ids=lambda p: p.name)
def test_every_key_the_code_asks_for_exists(path: Path) -> None:
    keys = catalog(REFERENCE)
    for key, complete in keys_asked(path):
        if complete:
            assert key in keys, f"{path.name}: no text for {key!r}"
        else:
            assert any(k.startswith(key) for k in keys), f"{path.name}: no text under {key!r}"


def test_the_keys_made_from_names_exist() -> None:
    keys = catalog(REFERENCE)
    made = (
        [f"section.{name}" for name in SECTIONS]
        + [f"status.{status}" for status in STATUS_COLOURS]
        + [f"followup.{status}" for status in FOLLOWUP_COLOURS]
        + [f"export.{name}" for name in EXPORTS]
        + [f"warning.{kind}" for kind in WarningKind.__args__]  # type: ignore[attr-defined]
        + [f"facts.{name}" for name in ("who", "where", "when", "about", "next")]
        + [f"entities.{kind}" for kind in ("person", "organization", "place", "event", "keyword")]
        + [f"sidebar.{mode}" for mode in ("catalog", "paste", "upload")]
        + [f"summary.{reason}" for reason in BaselineReason.__args__]  # type: ignore[attr-defined]
    )
    assert [key for key in made if key not in keys] == []
    panels = set(re.findall(r'panel\("(\w+)"', (ROOT / "dashboard.py").read_text(encoding="utf-8")))
    assert panels and [name for name in panels if f"panel.{name}" not in keys] == []


WORD = re.compile(r"[A-Za-z]{3,}")
SHOWN_BY_STREAMLIT = {  # calls whose first argument or these keywords are shown to the user
    "title", "header", "subheader", "caption", "markdown", "info", "warning", "error", "success", "metric",
    "button", "download_button", "radio", "selectbox", "slider", "pills", "toggle", "text_area", "text_input",
    "date_input", "file_uploader", "expander", "popover", "spinner", "checkbox", "TextColumn",
    "DateColumn", "NumberColumn", "LinkColumn", "CheckboxColumn", "SelectboxColumn", "Column",
}
SHOWN_KEYWORDS = {"label", "help", "placeholder", "title", "display_text", "show_spinner"}
NOT_WORDS = re.compile(r":[a-z]+-(badge|background)\[|:material/\w+:|[a-z_]+\.[a-z_]+|\bmin\b")


def literal_words(node: ast.AST) -> list[str]:
    """English words written in a literal (a string, or an f-string's fixed parts)."""
    parts = [node.value] if isinstance(node, ast.Constant) and isinstance(node.value, str) else [
        v.value for v in getattr(node, "values", []) if isinstance(v, ast.Constant) and isinstance(v.value, str)]
    return [w for part in parts for w in WORD.findall(NOT_WORDS.sub("", part))]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_no_label_of_the_pages_is_an_english_literal(path: Path) -> None:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        shown = ([node.args[0]] if node.args and name in SHOWN_BY_STREAMLIT else []) + [
            k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
        for argument in shown:
            if literal_words(argument):
                found.append(f"line {node.lineno}: {name}({ast.unparse(argument)[:60]})")
    assert found == []


def test_a_message_is_english_until_said_in_another_language() -> None:
    message = Message.of("notice.k", value="99x")
    assert str(message) == "k='99x' is not a number of sentences (1 or more)"
    assert Words("fr").say(message) == "k='99x' n'est pas un nombre de phrases (1 ou plus)"
    warning = Warning.of("mixed_languages", (2, 4), language="fr", parts=[
        {"language": "en", "n": 1, "sentences": "3"}, {"language": "es", "n": 2, "sentences": "5, 6"}])
    assert warning.message.startswith("The document is mostly French but has sentences in other languages "
                                      "(English in sentence 3; Spanish in sentences 5, 6)")
    assert warning.said(Words("fr")).startswith("Le document est surtout en français mais contient des phrases dans "
                                                "d'autres langues (anglais dans la phrase 3 ; espagnol dans les phrases 5, 6)")


def contrast(one: str, other: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_highlights_keep_the_text_readable_and_stand_out_from_the_page() -> None:
    import tomllib

    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    used = set(re.findall(r'"(\w+)"', re.search(r"ENTITY_COLOURS = \{(.*?)\}", (ROOT / "dashboard.py").read_text(
        encoding="utf-8")).group(1))[1::2]) | {"orange"}
    assert used == {"green", "violet", "blue", "red", "orange"}
    for colour in used:
        background = theme[f"{colour}BackgroundColor"]
        assert contrast(theme["textColor"], background) >= 4.5, colour  # WCAG AA for the text on it
        assert contrast(theme["backgroundColor"], background) >= 1.2, colour  # not lost on the white page
    assert contrast("#ffffff", "#000000") == 21.0


def test_key_facts_and_event_labels_are_said_in_the_interface_language() -> None:
    from tests.test_brief import seed_analysis

    facts, french = seed_analysis().timeline.key_facts, Words("fr")
    assert facts.who.value.startswith("Abdellatif Hammouchi (directeur général") and " met Frédéric Veaux" in facts.who.value
    assert " a rencontré Frédéric Veaux" in facts.who.text(french)
    assert (facts.when.value, facts.when.text(french)) == ("2023-12-12 (“mardi”)", "2023-12-12 (« mardi »)")
    assert facts.next.text(french).endswith("Visite de Abdellatif Hammouchi à Paris (entre le 2023-12-13 et le 2024-06-09 "
                                            "environ, « prochainement »)")
    assert facts.about.text(Words("en")).startswith("Institutional cooperation, Olympics and major events")
    assert facts.about.value.startswith("Coopération institutionnelle")  # the JSON's: as read in the document
    labels = {event.label: event.text(french) for event in seed_analysis().timeline.events}
    assert labels["Visit of Frédéric Veaux to Morocco"] == "Visite de Frédéric Veaux (Maroc)"  # a country, no article to guess
    assert labels["Meeting: Abdellatif Hammouchi – Frédéric Veaux in Rabat"] == (
        "Réunion : Abdellatif Hammouchi – Frédéric Veaux à Rabat")
