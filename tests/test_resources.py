"""Reading reference files: malformed TOML is reported with the file's name."""

from __future__ import annotations

import pytest

from lib.errors import DataFileError
from lib.resources import DATA_DIR, load_toml, parse_toml


def test_reference_files_parse() -> None:
    for path in DATA_DIR.glob("*.toml"):
        assert isinstance(load_toml(path.name), dict)


def test_malformed_toml_names_the_file_and_line() -> None:
    with pytest.raises(DataFileError) as caught:
        parse_toml('[fr]\nwords = "unterminated\n', name="my-abbreviations.toml")
    message = str(caught.value)
    assert message.startswith("my-abbreviations.toml: not valid TOML")
    assert "line" in message


def test_missing_file_is_named() -> None:
    with pytest.raises(DataFileError, match="data/nope.toml: cannot be read"):
        load_toml("nope.toml")
