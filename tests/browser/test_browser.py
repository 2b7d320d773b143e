"""What only a browser shows: charts drawn, no exception box, links, safe rendering of user text."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from tests.browser.conftest import ARTIFACTS, ROOT, wait_idle, wait_rendered

SEED = ROOT / "seeds" / "000_d58dcee9dee1240e.txt"
SECTIONS = ["lens_summary_section", "lens_topics_section", "lens_entities_section", "lens_timeline_section", "lens_text_section"]


def test_every_section_renders_and_every_chart_is_drawn(page, server) -> None:  # noqa: ANN001
    page.goto(server)
    wait_rendered(page)
    page.wait_for_selector(".st-key-lens_timeline_section .js-plotly-plot .scatterlayer")
    assert page.locator("[data-testid=stException]").count() == 0
    for key in SECTIONS:
        assert page.locator(f".st-key-{key}").inner_text().strip(), key
    assert "Key facts" in page.locator(".st-key-lens_key_facts").inner_text()
    # Each plotly chart has drawn its marks, not just its frame (the map loads its base layer
    # asynchronously from static/: wait for each chart's own marks before counting them).
    for marks in (".st-key-lens_topics_section .js-plotly-plot .bars path",
                  ".st-key-lens_entities_section .js-plotly-plot .geo .land",
                  ".st-key-lens_entities_section .js-plotly-plot .scattergeo .point",
                  ".st-key-lens_entities_section .js-plotly-plot .choroplethlocation"):
        page.wait_for_selector(marks, state="attached")
    assert page.locator(".st-key-lens_topics_section .js-plotly-plot .bars path").count() == 9
    assert page.locator(".st-key-lens_entities_section .js-plotly-plot .geo .land").count() == 1  # offline base map
    assert page.locator(".st-key-lens_entities_section .js-plotly-plot .scattergeo .point").count() == 2  # Rabat, Paris
    assert page.locator(".st-key-lens_entities_section .js-plotly-plot .choroplethlocation").count() == 1  # Morocco, shaded
    assert page.locator(".st-key-lens_timeline_section .js-plotly-plot .scatterlayer .trace").count() >= 4


def test_a_summary_length_redraws_its_panels_not_the_charts(page, server) -> None:  # noqa: ANN001
    """The summary slider reruns the fragment of the summary, topics, Text view, exports and link:
    the server sends no map, no timeline and no header again, and the Text view's stars follow."""
    frames: list[bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda data: frames.append(
        data if isinstance(data, bytes) else data.encode())))
    page.goto(server)
    wait_rendered(page)
    page.wait_for_selector(".st-key-lens_timeline_section .js-plotly-plot .scatterlayer")
    page.wait_for_timeout(1000)
    assert any(b"scattergeo" in f for f in frames) and any(b"Reading time" in f for f in frames)
    frames.clear()
    page.locator(".st-key-lens_summary_k input[type=range]").press("ArrowLeft")  # 3 -> 2
    page.wait_for_function(
        "() => !document.querySelector('.st-key-lens_summary_section').innerText.includes('Les deux parties ont explor')")
    page.wait_for_timeout(1000)
    sent = b"".join(frames)
    assert b"scattergeo" not in sent and b"lens_timeline_chart" not in sent and b"Reading time" not in sent
    assert "k=2" in page.url
    text = page.locator(".st-key-lens_text_section").inner_text()
    assert text.count("★") == 2 and "star" not in text  # copying a sentence copies "★ 2", not an icon's name


def test_full_page_screenshot(page, server) -> None:  # noqa: ANN001
    page.set_viewport_size({"width": 1400, "height": 5200})  # Streamlit scrolls inside the page: show it all
    page.goto(server)
    wait_rendered(page)
    page.wait_for_selector(".st-key-lens_timeline_section .js-plotly-plot .scatterlayer")
    page.wait_for_timeout(2000)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 100_000
    if __import__("os").environ.get("LENS_UPDATE_SCREENSHOT"):
        (ROOT / "docs" / "screenshot.png").write_bytes(shot.read_bytes())


def test_a_permalink_restores_its_view(page, server) -> None:  # noqa: ANN001
    page.goto(f"{server}?doc=dgsn-2023-12-12-hammouchi-veaux&published=2024-01-05&k=2&threshold=2&section=topics")
    wait_rendered(page)
    page.wait_for_selector(".st-key-lens_topics_section .js-plotly-plot .bars path")
    assert page.locator(".st-key-lens_topics_section .js-plotly-plot .bars path").count() == 3
    summary = page.locator(".st-key-lens_summary_section")  # hidden: Streamlit leaves it out, or empty
    assert summary.count() == 0 or summary.inner_text().strip() == ""
    assert page.locator("[data-testid=stDateInput] input").first.input_value() == "2024-01-05"
    assert "Ignored from the link" not in page.inner_text("body")
    assert "k=2" in page.url and "section=topics" in page.url


@pytest.mark.parametrize(
    ("query", "notices", "gone"),
    [
        ("k=many&section=map", ["k='many'", "section='map'"], ["many", "map"]),
        (f"published=9999-12-31&k=%C2%B2&threshold={'1' * 5000}", ["published='9999-12-31'", "k='²'"], ["9999", "%C2%B2", "11111"]),
    ],
)
def test_a_bad_link_shows_a_notice_and_is_rewritten(page, server, query: str, notices: list[str], gone: list[str]) -> None:  # noqa: ANN001
    page.goto(f"{server}?{query}")
    wait_rendered(page)
    body = page.inner_text("body")
    assert all(f"Ignored from the link: {notice}" in body for notice in notices)
    assert page.locator("[data-testid=stException]").count() == 0
    assert not [value for value in gone if value in page.url]  # rewritten at once
    page.reload()
    wait_rendered(page)
    assert "Ignored from the link" not in page.inner_text("body")  # a reload does not bring them back


@pytest.mark.parametrize("name", ["attack.txt", "attack.md", "attack.html"])
def test_an_upload_with_script_and_onerror_executes_nothing(page, server, tmp_path, name: str) -> None:  # noqa: ANN001
    payload = (
        "Communiqué de test sur la sécurité\n"
        "Le directeur a reçu son homologue à Rabat. <script>window.__lens_pwned = 1; alert(1)</script> "
        "Une image <img src=x onerror=\"window.__lens_pwned = 2; alert(2)\"> et un lien [clic](javascript:alert(3)) "
        "accompagnent ce texte sur la coopération policière contre le trafic de drogues et le terrorisme."
    )
    upload = tmp_path / name
    upload.write_text(payload if not name.endswith(".html") else f"<html><body><p>{payload}</p></body></html>", encoding="utf-8")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    errors: list[str] = []  # what the browser reported, for whoever reads a failure
    page.on("console", lambda message: errors.append(f"{message.type}: {message.text[:300]}") if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"page error: {str(error)[:300]}"))
    page.on("crash", lambda: errors.append("the page crashed"))
    text_view = page.locator(".st-key-lens_text_section")
    for attempt in (1, 2):
        page.goto(server)
        wait_rendered(page)
        page.get_by_text("Upload a file", exact=True).click()
        page.locator(".st-key-lens_upload input[type=file]").wait_for(state="attached")
        wait_idle(page)  # the rerun that draws the uploader is over: a file given to an input it replaces is lost
        page.locator(".st-key-lens_upload input[type=file]").set_input_files(str(upload))
        try:
            text_view.get_by_text("accompagnent ce texte", exact=False).first.wait_for(timeout=45_000)
            break
        except Exception as err:  # keep what the page showed, for whoever looks at the failure
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"upload-{name}-timeout-{attempt}.png"))
            blank = not page.evaluate("() => document.body.innerText.trim()")
            # A blank page (no sidebar either) was seen about once in ten browser runs and never
            # reproduced alone (README, Tests): once is retried and printed; twice is a failure.
            if attempt == 2 or not blank:
                raise AssertionError(f"the Text view never showed the upload (blank page: {blank}; browser: {errors})") from err
            print(f"warning: blank page after uploading {name}; retried once (browser: {errors})")
    wait_rendered(page)
    assert dialogs == []
    assert page.evaluate("() => window.__lens_pwned") is None
    assert text_view.locator("script, img").count() == 0
    assert page.locator("[data-testid=stMarkdownContainer] a[href^='javascript']").count() == 0
    # The only HTML the page injects (st.html) is the static stylesheet: no user text reaches it.
    styles = page.evaluate("() => [...document.querySelectorAll('style')].map(s => s.textContent).join('\\n')")
    assert "unicode-bidi: plaintext" in styles and "__lens_pwned" not in styles and "accompagnent" not in styles
    if name.endswith(".txt"):  # shown as written (HTML drops the script; Markdown reads "__" as emphasis)
        assert "<script>window.__lens_pwned = 1; alert(1)</script>" in text_view.inner_text()


def test_the_json_export_is_the_cli_output(page, server) -> None:  # noqa: ANN001
    page.goto(server)
    wait_rendered(page)
    with page.expect_download() as download:
        page.get_by_text("Analysis (JSON, as the CLI)").click()
    exported = download.value.path().read_bytes()
    cli = subprocess.run([sys.executable, "-m", "lib", "analyze", str(SEED)], cwd=ROOT, capture_output=True, check=True).stdout
    assert exported == cli
    assert json.loads(exported)["document"]["published"] == "2023-12-12"


def test_twenty_sessions_at_once(browser, server) -> None:  # noqa: ANN001
    contexts = [browser.new_context(viewport={"width": 1200, "height": 900}) for _ in range(20)]
    pages = [context.new_page() for context in contexts]
    started = time.monotonic()
    for page in pages:
        page.goto(server, wait_until="commit")
    try:
        for page in pages:
            page.set_default_timeout(120_000)
            page.wait_for_selector("[data-testid=stMetric]")
            page.wait_for_selector(".st-key-lens_timeline_section .js-plotly-plot")
        elapsed = time.monotonic() - started
        errors = sum(page.locator("[data-testid=stException]").count() for page in pages)
        titles = {page.locator("[data-testid=stMain] h2").first.inner_text()[:30] for page in pages}
        assert errors == 0
        assert titles == {"Les chefs de la police nationa"}
        print(f"20 sessions rendered in {elapsed:.1f} s")
    finally:
        for context in contexts:
            context.close()


def _health_latencies(server: str, until: float) -> list[float]:
    import urllib.request

    latencies = []
    while time.monotonic() < until:
        started = time.monotonic()
        with urllib.request.urlopen(f"{server}_stcore/health", timeout=10) as response:
            assert response.status == 200
        latencies.append(time.monotonic() - started)
        time.sleep(0.1)
    return latencies


def test_a_long_upload_never_stalls_the_server_and_can_be_cancelled(page, server, tmp_path) -> None:  # noqa: ANN001
    from bench.attacks import ordinary

    upload = tmp_path / "long-report.txt"
    upload.write_bytes(ordinary(3_000_000))  # 3 MB: the dashboard reads its first 400,000 characters
    page.goto(server)
    wait_rendered(page)
    page.get_by_text("Upload a file", exact=True).click()
    page.locator(".st-key-lens_upload input[type=file]").set_input_files(str(upload))
    cancel = page.get_by_role("button", name="Cancel")
    cancel.first.wait_for()
    latencies = _health_latencies(server, time.monotonic() + 3)  # while the worker analyzes
    assert max(latencies) < 1.0, latencies
    cancel.first.click()
    page.get_by_text("Analysis cancelled").wait_for()
    assert page.locator("[data-testid=stException]").count() == 0
    page.get_by_role("button", name="Analyze this document").click()  # the text is kept: analyze it after all
    page.get_by_text("Only the first 39", exact=False).first.wait_for(timeout=120_000)
    wait_rendered(page)
    assert page.locator("[data-testid=stException]").count() == 0
    assert "Key facts" in page.locator(".st-key-lens_key_facts").inner_text()


def test_an_arabic_text_reads_right_to_left_beside_left_to_right_text(page, server, tmp_path) -> None:  # noqa: ANN001
    upload = tmp_path / "arabic.txt"
    upload.write_text((ROOT / "tests" / "fixtures" / "accuracy" / "ar_08_madrid_hijra.txt").read_text(encoding="utf-8"),
                      encoding="utf-8")
    page.set_viewport_size({"width": 1400, "height": 2400})
    page.goto(server)
    wait_rendered(page)
    page.get_by_text("Upload a file", exact=True).click()
    page.locator(".st-key-lens_upload input[type=file]").set_input_files(str(upload))
    text_view = page.locator(".st-key-lens_text_section")
    text_view.get_by_text("نظيره الإسباني", exact=False).first.wait_for()
    wait_rendered(page)
    # The paragraph of the dateline sentence: its number badge stands at its right edge, the
    # first words of the sentence on the right too (right to left), the full stop at its left end.
    paragraph = text_view.locator("[data-testid=stMarkdownContainer] p", has_text="نظيره الإسباني").first
    box = paragraph.bounding_box()
    badge = paragraph.locator("span").first.bounding_box()
    assert box and badge
    assert box["x"] + box["width"] - (badge["x"] + badge["width"]) < 40, (box, badge)
    # An English line of the page (a caption) stays left to right.
    caption = page.get_by_text("Sentences are numbered from 1", exact=False).first.bounding_box()
    section = text_view.bounding_box()
    assert caption and section and caption["x"] - section["x"] < 40
    ARTIFACTS.mkdir(exist_ok=True)
    text_view.screenshot(path=str(ARTIFACTS / "arabic_text_view.png"))


def test_the_corpus_page_draws_its_tables_and_charts(page, server) -> None:  # noqa: ANN001
    page.goto(f"{server}corpus")
    page.wait_for_selector("[data-testid=stDataFrame]", timeout=120_000)
    page.wait_for_selector(".st-key-lens_corpus_timeline .js-plotly-plot .scatterlayer .trace", state="attached")
    page.wait_for_selector(".st-key-lens_corpus_topics .js-plotly-plot .bars path", state="attached")
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.locator("[data-testid=stDataFrame]").count() == 3
    # a confirmed follow-up is drawn as a line between the two documents' rows
    assert page.locator(".st-key-lens_corpus_timeline .js-plotly-plot .scatterlayer .trace .js-line").count() >= 1
    page.locator("[data-testid=stSidebarNavLink]", has_text="Communiqué").click()  # back to the one-document page
    page.wait_for_selector(".st-key-lens_key_facts", timeout=120_000)


def test_the_page_icon_is_served_by_the_app(page, server) -> None:  # noqa: ANN001
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server)
    wait_rendered(page)
    icons = page.evaluate("() => [...document.querySelectorAll('link[rel~=icon]')].map(l => l.href)")
    assert icons and all(i.startswith(server) or i.startswith("data:") for i in icons), icons
    assert all(r.startswith(server) or r.startswith("data:") for r in requests), [r for r in requests if not r.startswith(server)]


def test_the_french_interface_and_its_word_brief(page, server) -> None:  # noqa: ANN001
    from docx import Document

    page.goto(server + "?lang=fr")
    wait_rendered(page)
    main = page.locator("[data-testid=stMain]")
    assert main.get_by_text("Faits clés", exact=True).count() == 1
    assert page.locator("[data-testid=stMetricLabel]").all_inner_texts()[:2] == ["Langue", "Confiance"]
    assert "Coopération institutionnelle" in page.locator(".st-key-lens_topics_section").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "interface-fr.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_text("Note (Word .docx)").click()
    assert download.value.suggested_filename == "dgsn-2023-12-12-hammouchi-veaux.docx"
    brief = Document(str(download.value.path()))
    headings = [p.text for p in brief.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Faits clés", "Résumé", "Thèmes", "Chronologie", "Personnes", "Organisations, lieux et événements",
                        "Mots-clés", "Texte, phrase par phrase"]
    assert "Où : Rabat (phrase 2)" in [p.text for p in brief.paragraphs]


def test_printing_gives_the_brief_without_the_sidebar(page, server) -> None:  # noqa: ANN001
    import io

    from pypdf import PdfReader

    page.goto(server + "?lang=fr")
    wait_rendered(page)
    page.wait_for_selector(".st-key-lens_timeline_section .js-plotly-plot")
    page.emulate_media(media="print")
    assert page.locator("[data-testid=stSidebar]").is_hidden()
    assert page.locator(".st-key-lens_key_facts [data-testid=stPopover]").first.is_visible()  # "§ 2" is printed
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "print-fr.png"), full_page=True)
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert len(pdf.pages) >= 3  # the whole page, not the first screen
    assert "Faits clés" in text and "Qui a rencontré qui" in text
    assert "menace terroriste" in text.replace("\n", " ")  # a topic's evidence, expanded
    for sidebar in ("Communiqué Lens", "Limite : 10 Mo", "Taxonomie des thèmes", "Exporter"):
        assert sidebar not in text, sidebar
    for widget in ("Phrases du résumé", "Masquer les thèmes pesant moins de"):
        assert widget not in text, widget
    width = page.evaluate("() => Math.max(...[...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
                          ".map(e => e.getBoundingClientRect().width * (parseFloat(getComputedStyle(e).zoom) || 1)))")
    assert width <= 794


def test_the_browsers_language_picks_the_interface_language(browser, server) -> None:  # noqa: ANN001
    for locale, label in (("fr-FR", "Langue"), ("en-GB", "Language"), ("de-DE", "Language")):
        context = browser.new_context(locale=locale, viewport={"width": 1400, "height": 1000})
        try:
            page = context.new_page()
            page.set_default_timeout(90_000)
            page.goto(server)
            wait_rendered(page)
            assert page.locator("[data-testid=stMetricLabel]").first.inner_text() == label, locale
        finally:
            context.close()
