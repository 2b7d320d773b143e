"""Locate and read the reference files in data/ (TOML), with errors that name the file."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from lib.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PROJECT_DIR = DATA_DIR.parent


def parse_toml(text: str, *, name: str) -> dict[str, Any]:
    """Parse TOML text, turning syntax errors into a :class:`DataFileError` naming ``name``."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise DataFileError(name, f"not valid TOML ({err})") from err
    except RecursionError as err:  # tomllib recurses into nested arrays and tables
        raise DataFileError(name, "nested too deeply to be a data file") from err


@lru_cache(maxsize=None)
def load_toml(filename: str) -> dict[str, Any]:
    """Read ``data/<filename>`` once per process. Callers must not mutate the result."""
    path = DATA_DIR / filename
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise DataFileError(f"data/{filename}", f"cannot be read ({err.strerror})") from err
    return parse_toml(text, name=f"data/{filename}")
