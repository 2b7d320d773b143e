"""Dashboard against the afternoon peer and an empty Streamlit app, in Debian's Chromium, side by side.

The afternoon peer (bench/peer_app.py): spacy-streamlit displaCy entities and table, a LexRank
summary, dateparser dates, a plotly bar — on the seed, as the dashboard opens on it.

(a) first complete render: from a running server (cold caches, then warm) and from process start
(b) rerun after a widget change
(e) server peak memory (VmHWM) against the peer and Streamlit with only the French model loaded

Usage: python bench/bench_dashboard.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STREAMLIT = str(Path(sys.executable).parent / "streamlit")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
# Complete: every chart drawn (topics, map, timeline) and the Text view's last part, whatever order they come in
DASHBOARD_DONE = (".st-key-lens_topics_section .js-plotly-plot .bars path",
                  ".st-key-lens_entities_section .js-plotly-plot .geo",
                  ".st-key-lens_timeline_section .js-plotly-plot .scatterlayer",
                  ".st-key-lens_text_section [data-testid=stExpander]")
PEER_DONE = "[data-testid=stPlotlyChart] .js-plotly-plot .bars path"
KEY_FACTS = ".st-key-lens_key_facts [data-testid=stPopover]"


def start(script: str) -> tuple[subprocess.Popen[bytes], str, float]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    began = time.perf_counter()
    process = subprocess.Popen(
        [STREAMLIT, "run", script, "--server.headless", "true", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    url = f"http://127.0.0.1:{port}/"
    while True:
        try:
            with urllib.request.urlopen(f"{url}_stcore/health", timeout=2):
                break
        except OSError:
            time.sleep(0.05)
    return process, url, began


def peak_rss_mb(process: subprocess.Popen[bytes]) -> float:
    for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_for_all(page, done: str | tuple[str, ...]) -> None:  # noqa: ANN001
    for selector in (done,) if isinstance(done, str) else done:
        page.wait_for_selector(selector, timeout=180_000)


def render(browser, url: str, done: str | tuple[str, ...]) -> float:  # noqa: ANN001
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    began = time.perf_counter()
    page.goto(url)
    wait_for_all(page, done)
    elapsed = time.perf_counter() - began
    page.close()
    return elapsed


def progressive(browser, url: str, began: float) -> tuple[float, float]:  # noqa: ANN001
    """Seconds from ``began`` until the summary is shown, and until the whole page is."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.wait_for_selector(KEY_FACTS, timeout=180_000)
    page.wait_for_selector(".st-key-lens_summary_section [data-testid=stSlider]", timeout=180_000)
    summary = time.perf_counter() - began
    wait_for_all(page, DASHBOARD_DONE)
    complete = time.perf_counter() - began
    page.close()
    return summary, complete


def ready_page(browser, url: str):  # noqa: ANN001, ANN201
    """A new session on the dashboard, once its whole page is drawn and settled."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    wait_for_all(page, DASHBOARD_DONE)
    page.wait_for_timeout(1500)
    return page


def rerun_dashboard(browser, url: str) -> float:  # noqa: ANN001
    page = ready_page(browser, url)
    summary = page.locator(".st-key-lens_summary_section")
    slider = page.locator(".st-key-lens_summary_k input[type=range]")
    gone = "Les deux parties ont exploré les pistes"
    began = time.perf_counter()
    slider.press("ArrowLeft")  # 3 -> 2 sentences: the third ranked sentence leaves the summary
    page.wait_for_function(
        "([gone]) => !document.querySelector('.st-key-lens_summary_section').innerText.includes(gone)", arg=[gone])
    elapsed = time.perf_counter() - began
    assert gone not in summary.inner_text()
    page.close()
    return elapsed


def rerun_date(browser, url: str, day: int) -> float:  # noqa: ANN001
    """A new publication date (19 to 25 December 2023) typed in the sidebar: until the key facts
    say the new "When"."""
    page = ready_page(browser, url)
    page.locator(".st-key-lens_published [role=spinbutton]").nth(2).click()  # year, month, day
    page.keyboard.type(f"{day:02d}")
    began = time.perf_counter()
    page.locator(".st-key-lens_key_facts").click(position={"x": 5, "y": 5})  # the field commits when it loses the focus
    page.wait_for_function(
        "([day]) => document.querySelector('.st-key-lens_key_facts').innerText.includes(day)",
        arg=["2023-12-19"], timeout=60_000)  # "mardi" published 19 to 25 December 2023 is the 19th
    elapsed = time.perf_counter() - began
    page.close()
    return elapsed


def rerun_marks(browser, url: str) -> float:  # noqa: ANN001
    """The Text view's switch for entity marks, off: until the last mark is gone."""
    page = ready_page(browser, url)
    marks = page.locator(".st-key-lens_text_section .stMarkdownColoredBackground")
    assert marks.count() > 0
    began = time.perf_counter()
    page.get_by_text("Mark people, organizations, places and events", exact=True).click()
    page.wait_for_function("() => !document.querySelector('.st-key-lens_text_section .stMarkdownColoredBackground')")
    elapsed = time.perf_counter() - began
    page.close()
    return elapsed


def rerun_pill(browser, url: str) -> float:  # noqa: ANN001
    """A keyword picked: until the Text view marks it (its markup changes)."""
    page = ready_page(browser, url)
    before = page.locator(".st-key-lens_text_section").inner_html()
    return _timed(page, lambda: page.locator(".st-key-lens_keyword button", has_text="Jeux olympiques").first.click(),
                  "([html]) => document.querySelector('.st-key-lens_text_section').innerHTML != html", [before])


def rerun_threshold(browser, url: str) -> float:  # noqa: ANN001
    """The topic threshold raised by one step: until the topics say some are hidden."""
    page = ready_page(browser, url)
    return _timed(page, lambda: page.locator(".st-key-lens_topic_threshold input[type=range]").press("ArrowRight"),
                  "() => document.querySelector('.st-key-lens_topics_section').innerText.includes('hidden')")


def _timed(page, act, until: str, arg: list[str] | None = None) -> float:  # noqa: ANN001
    """Seconds from an action until a condition holds in the page (which is then closed)."""
    began = time.perf_counter()
    act()
    page.wait_for_function(until, arg=arg)
    elapsed = time.perf_counter() - began
    page.close()
    return elapsed


def rerun_empty(browser, url: str) -> float:  # noqa: ANN001
    page = browser.new_page()
    page.goto(url)
    page.wait_for_selector("text=value=3")
    began = time.perf_counter()
    page.locator("[data-testid=stSlider] input[type=range]").press("ArrowLeft")
    page.wait_for_selector("text=value=2")
    elapsed = time.perf_counter() - began
    page.close()
    return elapsed


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)

        empty, empty_url, empty_began = start("bench/empty_app.py")
        empty_start = render(browser, empty_url, "text=value=3") + (time.perf_counter() - empty_began) * 0
        empty_from_process = time.perf_counter() - empty_began
        dashboard, dash_url, dash_began = start("dashboard.py")
        summary_from_process, dash_from_process = progressive(browser, dash_url, dash_began)
        dashboard.terminate()
        dashboard, dash_url, _ = start("dashboard.py")
        dash_cold = render(browser, dash_url, DASHBOARD_DONE)
        summary_only = statistics.median(
            render(browser, f"{dash_url}?section=summary", ".st-key-lens_summary_section [data-testid=stSlider]")
            for _ in range(args.repeat)
        )

        peer, peer_url, peer_began = start("bench/peer_app.py")
        peer_from_process = render(browser, peer_url, PEER_DONE) + 0 * peer_began
        peer_from_process = time.perf_counter() - peer_began
        warm_peer = statistics.median(render(browser, peer_url, PEER_DONE) for _ in range(args.repeat))
        warm_facts = statistics.median(render(browser, dash_url, KEY_FACTS) for _ in range(args.repeat))
        warm_empty = statistics.median(render(browser, empty_url, "text=value=3") for _ in range(args.repeat))
        warm_dash = statistics.median(render(browser, dash_url, DASHBOARD_DONE) for _ in range(args.repeat))
        rerun_e = statistics.median(rerun_empty(browser, empty_url) for _ in range(args.repeat))
        rerun_d = statistics.median(rerun_dashboard(browser, dash_url) for _ in range(args.repeat))
        rerun_m = statistics.median(rerun_marks(browser, dash_url) for _ in range(args.repeat))
        rerun_p = statistics.median(rerun_pill(browser, dash_url) for _ in range(args.repeat))
        rerun_h = statistics.median(rerun_threshold(browser, dash_url) for _ in range(args.repeat))
        rerun_t = statistics.median(rerun_date(browser, dash_url, 19 + n) for n in range(args.repeat))
        dash_memory = peak_rss_mb(dashboard)
        model, model_url, _ = start("bench/model_app.py")
        render(browser, model_url, "text=pipes=")
        model_memory = peak_rss_mb(model)
        peer_memory = peak_rss_mb(peer)
        for process in (empty, dashboard, model, peer):
            process.terminate()
        browser.close()

    print("(a) first complete render in Chromium")
    print(f"    from a running server, cold caches: dashboard {dash_cold:.2f} s, empty app {empty_start:.2f} s, "
          f"ratio {dash_cold / empty_start:.2f}")
    print(f"    from a running server, warm (median of {args.repeat}): dashboard {warm_dash:.2f} s, "
          f"empty app {warm_empty:.2f} s, ratio {warm_dash / warm_empty:.2f}  (target <= 1.5)")
    print(f"    the summary section alone (?section=summary), warm: {summary_only:.2f} s, "
          f"ratio {summary_only / warm_empty:.2f}")
    print(f"    from process start: dashboard {dash_from_process:.2f} s, empty app {empty_from_process:.2f} s, "
          f"ratio {dash_from_process / empty_from_process:.2f}; the summary shows after {summary_from_process:.2f} s")
    print(f"(b) rerun after a widget change (median of {args.repeat}): dashboard {rerun_d * 1000:.0f} ms, "
          f"empty app {rerun_e * 1000:.0f} ms, ratio {rerun_d / rerun_e:.2f}  (target <= 1.3)")
    print(f"(e) server peak memory: dashboard {dash_memory:.0f} MB, Streamlit with the model {model_memory:.0f} MB, "
          f"ratio {dash_memory / model_memory:.2f}; afternoon peer {peer_memory:.0f} MB")
    print()
    print("| | this dashboard | afternoon peer | empty app |")
    print("|---|---|---|---|")
    print(f"| warm complete render | {warm_dash:.2f} s | {warm_peer:.2f} s | {warm_empty:.2f} s |")
    print(f"| warm, key facts on screen | {warm_facts:.2f} s | – | – |")
    print(f"| cold (process start → complete page) | {dash_from_process:.2f} s | {peer_from_process:.2f} s | "
          f"{empty_from_process:.2f} s |")
    print(f"| cold, key facts and summary on screen | {summary_from_process:.2f} s | – | – |")
    print(f"| rerun after a slider change | {rerun_d * 1000:.0f} ms | – | {rerun_e * 1000:.0f} ms |")
    print(f"| rerun after a keyword pick (until the Text view marks it) | {rerun_p * 1000:.0f} ms | – | "
          f"{rerun_e * 1000:.0f} ms |")
    print(f"| rerun after a topic threshold change | {rerun_h * 1000:.0f} ms | – | {rerun_e * 1000:.0f} ms |")
    print(f"| the Text view's entity marks switched off | {rerun_m * 1000:.0f} ms | – | – |")
    print(f"| a new publication date (to the new key facts) | {rerun_t * 1000:.0f} ms | – | – |")
    print(f"| server memory (peak) | {dash_memory:.0f} MB | {peer_memory:.0f} MB | – |")
    print(f"Targets: warm ≤ 1.0× peer ({warm_dash / warm_peer:.2f}×); key facts + summary ≤ 1.5× empty complete "
          f"({warm_facts / warm_empty:.2f}×); rerun ≤ 1.3× empty (slider {rerun_d / rerun_e:.2f}×, pill "
          f"{rerun_p / rerun_e:.2f}×, threshold {rerun_h / rerun_e:.2f}×); cold key facts ≤ peer cold "
          f"({summary_from_process / peer_from_process:.2f}×); memory ≤ peer ({dash_memory / peer_memory:.2f}×); "
          f"date change ≤ 1.5× slider change ({rerun_t / rerun_d:.2f}×)")


if __name__ == "__main__":
    main()
