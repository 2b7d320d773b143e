"""The interface's words, in the user's language: data/interface/<code>.toml, one file per language.

Every label, help text, message, warning and error the dashboard shows is a key of these files;
code asks for a key and its parameters (:class:`Words`). English is the reference: its file has
every key, the others translate them (a test fails when a key or a placeholder is missing). The
CLI and the JSON stay English: lib/ builds its messages with ``words("en")``.

Placeholders are Python format fields whose values are formatted for the language with Babel
(CLDR data, shipped in the package): ``{n:,}`` a grouped number, ``{share:.0%}`` a percentage,
``{size:.1f}`` a decimal, ``{day:EEEE}`` a weekday name, ``{code!l}`` a language code's name, ``{part!m}`` a message
within the message, ``{kind!k}`` a key's text, ``{labels!t}`` the label of this language, ``{place!p}`` a place
(a country named in this language; English keeps the name of data/).
A key may be a table ``{ one = "…", other = "…" }``: the form is chosen by the count ``n``.
A parameter may be a list of tables: each is written with the key ``<key>.<parameter>`` (or its
own ``_key``) and joined with the language's list separator (or ``<key>.<parameter>.separator``).
"""

from __future__ import annotations

import datetime as dt
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

INTERFACE_DIR = Path(__file__).resolve().parent.parent / "data" / "interface"
REFERENCE = "en"
"""The language whose file has every key (and the CLI's language)."""


@lru_cache(maxsize=None)
def languages() -> tuple[str, ...]:
    """The interface languages: one file each in data/interface/ (English first)."""
    found = sorted(path.stem for path in INTERFACE_DIR.glob("*.toml"))
    return (REFERENCE, *(code for code in found if code != REFERENCE))


@lru_cache(maxsize=None)
def catalog(code: str) -> Mapping[str, Any]:
    """The words of one language as flat dotted keys (``"sidebar.read_from"``)."""
    # (Read here, not with lib.resources: its errors are worded through this module.)
    try:
        with open(INTERFACE_DIR / f"{code}.toml", "rb") as file:
            tree = tomllib.load(file)
    except tomllib.TOMLDecodeError as err:
        raise ValueError(f"data/interface/{code}.toml: not valid TOML ({err})") from err
    flat: dict[str, Any] = {}

    def walk(prefix: str, node: Mapping[str, Any]) -> None:
        for key, value in node.items():
            name = f"{prefix}{key}"
            if isinstance(value, Mapping) and not _is_plural(value):
                walk(name + ".", value)
            else:
                flat[name] = value

    walk("", tree)
    return flat


def _is_plural(value: Mapping[str, Any]) -> bool:
    return "other" in value and all(isinstance(v, str) for v in value.values())


def pick_language(asked: str | None) -> str:
    """The interface language for an asked code or locale (``"fr-FR"``, ``"fr_CA"``): English
    when none is asked or the language has no file."""
    code = (asked or "").replace("_", "-").split("-")[0].lower()
    return code if code in languages() else REFERENCE


class _Formatter(string.Formatter):
    def __init__(self, words: Words) -> None:
        self.words = words

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion == "l":  # a language code, shown by its name
            return self.words.language(value)
        if conversion == "m":  # a message within the message
            return self.words.say(value) if isinstance(value, Message) else str(value)
        if conversion == "k":  # a key of the catalogs
            return self.words(value)
        if conversion == "p":  # a place: a country as (code, name in data/) is named in this language
            if isinstance(value, tuple) and len(value) == 2:
                code, name = value
                return name if self.words.code == REFERENCE else self.words.country(code, name)
            return value
        if conversion == "t":  # labels per language ((code, label), …): this language's, else English's
            labels = dict(value)
            return labels.get(self.words.code) or labels.get(REFERENCE) or next(iter(labels.values()), "")
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, spec: str) -> str:
        locale = self.words.code
        if isinstance(value, bool) or value is None:
            return super().format_field(value, spec)
        if isinstance(value, dt.date):
            return format_date(value, spec, locale=locale) if spec else value.isoformat()
        if isinstance(value, (int, float)):
            if spec.endswith("%"):
                return format_percent(value, _percent_pattern(locale, _decimals(spec)), locale=locale)
            if spec.endswith("f"):
                return format_decimal(value, "#,##0" + _decimals(spec), locale=locale)
            if spec == ",":
                return format_decimal(value, "#,##0", locale=locale)
        return super().format_field(value, spec)


def _is_table(item: Any) -> bool:
    """A dict, or the tuple of (name, value) pairs that stands for one in a frozen Message."""
    return isinstance(item, Mapping) or (
        isinstance(item, tuple) and bool(item) and all(isinstance(p, tuple) and len(p) == 2 and isinstance(p[0], str) for p in item))


@lru_cache(maxsize=None)
def _percent_pattern(code: str, decimals: str) -> str:
    """The language's percent pattern ("#,##0 %" in French) with these decimals (".0")."""
    pattern = Locale.parse(code).percent_formats[None].pattern
    return pattern.replace("0", "0" + decimals, 1) if pattern.count("0") == 1 else "#,##0" + decimals + "%"


def _decimals(spec: str) -> str:
    digits = int(spec.lstrip(".")[:-1] or 0)
    return "." + "0" * digits if digits else ""


@dataclass(frozen=True)
class Words:
    """The interface's words in one language: ``words("summary.title")``,
    ``words("summary.hidden", n=3)``."""

    code: str = REFERENCE

    def __call__(self, key: str, /, **params: Any) -> str:
        template = self.template(key)
        if isinstance(template, Mapping):
            template = template.get(Locale.parse(self.code).plural_form(abs(params.get("n", 0))), template["other"])
        for name, value in params.items():
            if isinstance(value, (list, tuple)) and value and all(_is_table(item) for item in value):
                separator = (catalog(self.code).get(f"{key}.{name}.separator") or catalog(REFERENCE).get(f"{key}.{name}.separator")
                             or self("list.separator"))
                params[name] = separator.join(self(dict(item).pop("_key", f"{key}.{name}"), **{
                    k: v for k, v in dict(item).items() if k != "_key"}) for item in value)
        return _Formatter(self).format(template, **params)

    def template(self, key: str) -> Any:
        """The raw text of a key (English when this language lacks it; KeyError: no such key)."""
        found = catalog(self.code).get(key)
        return found if found is not None else catalog(REFERENCE)[key]

    def say(self, message: Message) -> str:
        """A message (a warning, an error, a notice) in this language."""
        return self(message.key, **dict(message.params))

    def language(self, code: str | None) -> str:
        """A language code's name in this language ("en" → "English", "anglais")."""
        if not code:
            return self("language.unknown")
        names = Locale.parse(self.code).languages
        code = {"zh-cn": "zh_Hans", "zh-tw": "zh_Hant"}.get(code, code)  # langdetect's codes → CLDR's
        return names.get(code.replace("-", "_")) or names.get(code.split("-")[0]) or code

    def country(self, code: str | None, fallback: str | None = None) -> str | None:
        """A country's name in this language from its ISO code ("MA" → "Maroc"), else ``fallback``."""
        return (Locale.parse(self.code).territories.get(code.upper()) if code else None) or fallback

    def number(self, value: float, digits: int = 0) -> str:
        return format_decimal(value, "#,##0" + ("." + "0" * digits if digits else ""), locale=self.code)

    def percent(self, value: float, digits: int = 0) -> str:
        return format_percent(value, _percent_pattern(self.code, "." + "0" * digits if digits else ""), locale=self.code)


ENGLISH = Words(REFERENCE)
"""The CLI's and the JSON's words."""


@dataclass(frozen=True)
class Message:
    """Words to show, not yet in a language: a key of the catalogs and its parameters.
    ``str(message)`` is the English text (the CLI's); ``words.say(message)`` any language's."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, /, **params: Any) -> Message:
        def frozen(value: Any) -> Any:
            if isinstance(value, (list, tuple)):
                return tuple(tuple(item.items()) if isinstance(item, Mapping) else item for item in value)
            return value

        return cls(key, tuple((name, frozen(value)) for name, value in params.items()))

    def __str__(self) -> str:
        return ENGLISH.say(self)
