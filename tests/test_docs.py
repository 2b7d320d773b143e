"""Keep the README, CI and configuration honest."""

from __future__ import annotations

import ast
import re
import tomllib

from lib.errors import MAX_BYTES
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _sh_blocks() -> list[str]:
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", README, re.S)]


def test_readme_starts_with_the_two_commands() -> None:
    blocks = _sh_blocks()
    assert len(blocks) == 2
    run, test = blocks
    assert "pip install -r requirements.txt" in run and "streamlit run dashboard.py" in run
    assert "pip install -r requirements-dev.txt" in test and "pytest" in test
    assert test.startswith("sh tests/install_browser.sh")  # the browser tests need chromium
    # Nothing but the description comes before them.
    assert README.index("```sh") < README.index("## ")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "README.md" in ci and "blocks[1]" in ci


def test_upload_limit_is_the_same_everywhere() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    megabytes = MAX_BYTES // (1024 * 1024)
    assert config["server"]["maxUploadSize"] == megabytes
    assert config["browser"]["gatherUsageStats"] is False
    assert f"Limit: {megabytes} MB per document" in README


def test_requirements_are_pinned() -> None:
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            line = line.split("#")[0].strip()
            if line and not line.startswith("-r "):
                assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][^\s]*", line), f"{name}: {line}"


def test_lib_never_imports_streamlit() -> None:
    for path in (ROOT / "lib").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] == "streamlit" for n in names), path.name


def test_every_warning_kind_is_documented() -> None:
    from typing import get_args

    from lib.analysis import WarningKind

    for kind in get_args(WarningKind):
        assert f"`{kind}`" in README


def test_every_bad_input_message_is_documented() -> None:
    from lib import errors

    samples = [
        errors.EmptyInputError(),
        errors.NoLettersError(),
        errors.NoTextLayerError("NAME"),
        errors.BinaryInputError("NAME"),
    ]
    for error in samples:
        assert str(error) in README
