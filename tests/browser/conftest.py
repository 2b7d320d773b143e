"""A real Streamlit server and Debian's Chromium, driven by Playwright (never a downloaded browser).

Without /usr/bin/chromium these tests skip, except under CI (CI=true), where they fail: the
README's test command installs chromium first.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("LENS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def _require_browser() -> None:
    missing = [] if Path(CHROMIUM).exists() else [CHROMIUM]
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("playwright")
    if missing:
        message = f"browser tests need {', '.join(missing)} (the README's test command installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """``streamlit run dashboard.py`` on 127.0.0.1, usage statistics off; yields its URL. Module
    scope: the server (and its twenty sessions) and Chromium stop before the rest of the suite runs."""
    _require_browser()
    port = _free_port()
    streamlit = shutil.which("streamlit", path=str(Path(sys.executable).parent)) or "streamlit"
    process = subprocess.Popen(
        [streamlit, "run", str(ROOT / "dashboard.py"), "--server.headless", "true", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("streamlit did not start: " + process.stdout.read().decode(errors="replace")[-2000:])  # type: ignore[union-attr]
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def browser(server: str):  # noqa: ANN201, ARG001 - the server is started first
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):  # noqa: ANN001, ANN201
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(90_000)
    yield page
    context.close()


def wait_rendered(page) -> None:  # noqa: ANN001
    """Wait until the script has finished: metrics drawn and no "running" indicator left."""
    page.wait_for_selector("[data-testid=stMetric]")
    wait_idle(page)


def wait_idle(page) -> None:  # noqa: ANN001
    """Wait until no script runs (Streamlit's "running" indicator is gone), then a little more."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget]') ||"
        " !document.querySelector('[data-testid=stStatusWidget]').innerText.includes('Running')"
    )
    page.wait_for_timeout(1500)
