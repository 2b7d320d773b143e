"""The dashboard with Streamlit's AppTest: what a user sees for good and bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import FIXTURES, ROOT, SEED, make_docx, make_pdf

SEED_TITLE = "Les chefs de la police nationale marocaine et française"
SEED_TITLE_FULL = (SEED_TITLE + " discutent de la coopération sécuritaire et des mesures de sécurité lors des Jeux "
                   "olympiques de Paris")
ENGLISH = (FIXTURES / "en_police_lisbon.txt").read_text(encoding="utf-8")


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def section(at: AppTest, key: str):  # noqa: ANN201 - AppTest's Block
    """The container with this key (the dashboard gives each section one)."""
    pending = [at.main]
    while pending:
        block = pending.pop()
        if getattr(block, "key", None) == key:
            return block
        pending.extend(c for c in getattr(block, "children", {}).values() if hasattr(c, "children"))
    raise AssertionError(f"no section {key}")


def text_view(at: AppTest) -> list[str]:
    """The Markdown of the Text view, one string per paragraph."""
    return [m.value for m in section(at, "lens_text_section").markdown if "-badge[" in m.value]


def problems(at: AppTest) -> list[str]:
    """The exceptions and error messages on the page, as text (an assertion shows them)."""
    return [str(e.value).replace("\\", "") for e in (*at.exception, *at.error)]


def shown_title(at: AppTest) -> str:
    return at.header[0].value.replace("\\", "")


def test_opens_on_the_seed(app: AppTest) -> None:
    assert shown_title(app).startswith(SEED_TITLE)
    assert metrics(app) == {
        "Language": "French",
        "Confidence": "100.0%",
        "Words": "319",
        "Sentences": "8",
        "Reading time": "2 min",
    }
    assert app.date_input(key="lens_published").value == dt.date(2023, 12, 12)
    assert not app.error and not app.warning
    paragraphs = text_view(app)
    assert len(paragraphs) == 7  # one block per paragraph
    assert paragraphs[-1].count("-badge[") == 2  # the last paragraph has sentences 7 and 8
    assert "Rabat" in app.caption[0].value and "2023" in app.caption[0].value


def test_pasted_text_is_analyzed_and_the_date_can_be_set(app: AppTest) -> None:
    app.radio(key="lens_source").set_value("paste").run()
    app.text_area(key="lens_paste").set_value(ENGLISH).run()
    assert not problems(app), problems(app)
    assert shown_title(app).startswith("Spanish and Portuguese police chiefs agree")
    assert metrics(app)["Language"] == "English"
    assert metrics(app)["Sentences"] == "6"
    assert app.date_input(key="lens_published").value is None  # never defaults to today
    assert any("No publication date" in w.value for w in app.warning)
    assert not any("--published" in w.value.replace("\\", "") for w in app.warning)  # the CLI's words, not here
    assert any("set it in the sidebar" in w.value for w in app.warning)
    app.date_input(key="lens_published").set_value(dt.date(2024, 5, 16)).run()
    assert not any("No publication date" in w.value for w in app.warning)
    assert "2024\\-05\\-16" in app.caption[0].value


def test_bad_paste_shows_error_and_keeps_document_and_text(app: AppTest) -> None:
    app.radio(key="lens_source").set_value("paste").run()
    app.text_area(key="lens_paste").set_value("   \n\t  ").run()
    assert not app.exception
    assert "empty" in app.error[0].value
    assert "previous document is still shown" in app.error[0].value
    assert shown_title(app).startswith(SEED_TITLE)
    app.text_area(key="lens_paste").set_value("2023 — 12 — 12 !!!").run()
    assert "no letters" in app.error[0].value
    assert app.text_area(key="lens_paste").value == "2023 — 12 — 12 !!!"


def test_pasted_text_survives_switching_source(app: AppTest) -> None:
    app.radio(key="lens_source").set_value("paste").run()
    app.text_area(key="lens_paste").set_value(ENGLISH).run()
    app.radio(key="lens_source").set_value("catalog").run()
    assert shown_title(app).startswith(SEED_TITLE)
    app.radio(key="lens_source").set_value("paste").run()
    assert app.text_area(key="lens_paste").value == ENGLISH
    assert shown_title(app).startswith("Spanish and Portuguese")


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("scan.pdf", make_pdf(None), "no text layer"),
        ("broken.docx", b"PK\x03\x04 junk" * 20, "could not be opened"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8, "binary"),
        ("empty.txt", b"", "empty"),
    ],
)
def test_bad_upload_shows_error_and_keeps_previous_document(app: AppTest, name: str, data: bytes, words: str) -> None:
    app.radio(key="lens_source").set_value("upload").run()
    app.file_uploader(key="lens_upload").set_value((name, data, "application/octet-stream")).run()
    assert not app.exception
    assert len(app.error) == 1 and words in app.error[0].value
    assert shown_title(app).startswith(SEED_TITLE)
    assert metrics(app)["Sentences"] == "8"


def test_uploaded_seed_is_recognised_from_the_catalog(app: AppTest) -> None:
    app.radio(key="lens_source").set_value("upload").run()
    app.file_uploader(key="lens_upload").set_value(("copy.txt", SEED.read_bytes(), "text/plain")).run()
    assert not app.error
    assert app.date_input(key="lens_published").value == dt.date(2023, 12, 12)


def test_uploaded_docx_and_title_override(app: AppTest) -> None:
    data = make_docx(["Réunion de coordination à Dakar", ENGLISH.split("\n")[1]])
    app.radio(key="lens_source").set_value("upload").run()
    app.file_uploader(key="lens_upload").set_value(("note.docx", data, "application/octet-stream")).run()
    assert not problems(app), problems(app)
    assert shown_title(app) == "Réunion de coordination à Dakar"
    app.text_input(key="lens_title").set_value("Dakar meeting").run()
    assert shown_title(app) == "Dakar meeting"


def test_mixed_languages_are_marked(app: AppTest) -> None:
    app.radio(key="lens_source").set_value("paste").run()
    app.text_area(key="lens_paste").set_value((FIXTURES / "fr_mixed_quote.txt").read_text(encoding="utf-8")).run()
    assert any("English in sentence 4" in w.value for w in app.warning)
    assert any(":orange-badge[en]" in p for p in text_view(app))


def test_user_text_reaches_markdown_escaped(app: AppTest) -> None:
    nasty = "Alerte <script>alert(1)</script> **gras** [lien](http://x) :smile: $x$ au siège de la police."
    app.radio(key="lens_source").set_value("paste").run()
    app.text_area(key="lens_paste").set_value(nasty * 3).run()
    assert not app.exception
    body = text_view(app)[0]
    assert "<script>" not in body and r"\<script\>" in body
    assert "**gras**" not in body and "](http" not in body and ":smile:" not in body


def summary_numbers(at: AppTest) -> list[int]:
    """Numbers of the sentences listed in the Summary section (ranked column first)."""
    found = []
    for m in section(at, "lens_summary_section").markdown:
        if m.value.startswith(":blue-badge["):
            found.append(int(m.value[len(":blue-badge[") : m.value.index("]")]))
    return found


def test_seed_summary_and_its_marks_in_the_text(app: AppTest) -> None:
    assert app.slider(key="lens_summary_k").value == 3
    assert summary_numbers(app) == [2, 3, 4]  # meeting, cooperation and Olympics, threats
    blue = [p.count(":blue-badge[") for p in text_view(app)]
    assert blue == [0, 1, 1, 1, 0, 0, 0]  # never the title
    app.slider(key="lens_summary_k").set_value(1).run()
    assert summary_numbers(app) == [2]
    # (that only the summary, topics, Text view, exports and link are redrawn: tests/browser)
    assert [p.count(":blue-badge[") for p in text_view(app)] == [0, 1, 0, 0, 0, 0, 0]
    assert app.query_params["k"] == "1" and "k=1" in app.sidebar.code[0].value
    app.slider(key="lens_summary_k").set_value(7).run()
    assert summary_numbers(app) == [2, 3, 4, 5, 6, 7, 8]


def test_short_document_shows_lead_baseline_beside_summary(app: AppTest) -> None:
    app.radio(key="lens_source").set_value("paste").run()
    app.text_area(key="lens_paste").set_value(ENGLISH).run()
    assert summary_numbers(app) == [2, 3, 5, 2, 3, 4]  # ranked, then the lead baseline
    captions = [c.value for c in section(app, "lens_summary_section").caption]
    assert any("Lead baseline" in c and "5 sentences or fewer" in c for c in captions)


def test_keyword_highlights_its_occurrences(app: AppTest) -> None:
    pills = app.pills(key="lens_keyword")
    assert "Jeux olympiques" in pills.options
    pills.set_value("Jeux olympiques").run()
    marked = [p for p in text_view(app) if ":orange-background[**Jeux olympiques**]" in p]
    assert len(marked) == 2  # the title and sentence 3
    captions = [c.value.replace("\\", "") for c in section(app, "lens_summary_section").caption]
    assert any("2 occurrence(s), in sentence(s) 1, 3" in c for c in captions)


def test_summary_length_survives_a_shorter_document(app: AppTest) -> None:
    app.slider(key="lens_summary_k").set_value(7).run()
    app.radio(key="lens_source").set_value("paste").run()
    app.text_area(key="lens_paste").set_value(ENGLISH).run()
    assert not app.exception
    assert app.slider(key="lens_summary_k").value == 5


def topic_titles(at: AppTest) -> list[str]:
    """The topic expanders' titles. (On a first, cold run AppTest keeps the preview's elements
    beside the final panel that replaced them in the browser: the final panel is the first block.)"""
    final = section(at, "lens_topics_section")
    while final.children and type(final.children[0]).__name__ == "Block":
        final = final.children[0]
    return [e.label.replace("\\", "") for e in final.expander]


def test_topics_chart_evidence_and_threshold(app: AppTest) -> None:
    topics = section(app, "lens_topics_section")
    assert len(topics.get("plotly_chart")) == 1
    titles = topic_titles(app)
    assert len(titles) == 9
    assert titles[0] == "Institutional cooperation — sentences 1, 2, 3, 5, 7, 8"  # the interface's language
    assert "Terrorism — sentence 4" in titles
    evidence = [m.value for m in topics.markdown if ":violet-background[" in m.value]
    assert any(":violet-background[**menace terroriste**]" in m for m in evidence)
    app.slider(key="lens_topic_threshold").set_value(2.0).run()
    assert app.query_params["threshold"] == "2"
    assert [t.split(" — ")[0] for t in topic_titles(app)] == [
        "Institutional cooperation", "Olympics and major events", "Drug trafficking"]
    assert any("6 weaker topics hidden" in c.value for c in section(app, "lens_topics_section").caption)


def test_malformed_taxonomy_upload_is_refused_and_the_old_one_kept(app: AppTest) -> None:
    app.file_uploader(key="lens_taxonomy_upload").set_value(("mine.toml", b"[[topic]]\nid = 'Bad'\n", "text/plain")).run()
    assert not app.exception
    assert any("Taxonomy refused" in e and "mine.toml" in e and "lower-case" in e for e in problems(app))
    assert len(topic_titles(app)) == 9


def test_edited_taxonomy_applies_for_the_session_and_resets(app: AppTest) -> None:
    custom = (
        '[[topic]]\nid = "visits"\nlabel = { fr = "Visites", en = "Visits" }\n'
        'description = "Working visits."\ncues.fr = ["visite*"]\n'
    )
    app.text_area(key="lens_taxonomy_text").set_value(custom).run()
    app.button(key="lens_taxonomy_apply").click().run()
    assert not problems(app), problems(app)
    assert topic_titles(app) == ["Visits — sentences 2, 5"]
    app.button(key="lens_taxonomy_reset").click().run()
    assert len(topic_titles(app)) == 9


def test_entities_panel_and_marks(app: AppTest) -> None:
    entities = section(app, "lens_entities_section")
    cards = [m.value.replace("\\", "") for m in entities.markdown if m.value.startswith(":green-badge[person]")]
    assert cards == [":green-badge[person] **Abdellatif Hammouchi**", ":green-badge[person] **Frédéric Veaux**"]
    assert "Role: directeur général de la police nationale française" in [
        m.value.replace("\\", "") for m in entities.markdown]
    assert len(entities.get("plotly_chart")) == 1  # the places map
    body = text_view(app)[1]
    assert ":green-background[**Abdellatif Hammouchi**]" in body and ":blue-background[**Rabat**]" in body
    app.toggle(key="lens_mark_entities").set_value(False).run()
    assert ":green-background[" not in text_view(app)[1]


def test_curation_flows_into_the_panels(app: AppTest) -> None:
    rows = app.session_state["lens_curation_rows"]
    assert [r["name"] for r in rows][:3] == ["Paris 2024 Olympic Games", "DGSN-DGST", "Abdellatif Hammouchi"]
    # AppTest cannot type into a data editor; store the rows as the editor does after an edit.
    edited = [dict(r) for r in rows]
    by_name = {r["name"]: r for r in edited}
    by_name["Frédéric Veaux"]["name"] = "F. Veaux"
    by_name["Paris"]["drop"] = True
    by_name["DGSN-DGST"]["same as"] = "Direction générale de la sûreté nationale (organization)"  # names, not ids
    app.session_state["lens_curation_rows"] = edited
    app.run()
    assert not app.exception
    entities = section(app, "lens_entities_section")
    cards = [m.value.replace("\\", "") for m in entities.markdown if m.value.startswith(":green-badge[person]")]
    assert cards == [":green-badge[person] **Abdellatif Hammouchi**", ":green-badge[person] **F. Veaux**"]
    assert ":blue-background[**Paris**]" not in text_view(app)[4]  # dropped: no longer marked
    organizations = entities.dataframe[0].value
    assert "DGSN-DGST" not in organizations["name"].tolist()  # merged into the DGSN
    dgsn = organizations[organizations["name"] == "Direction générale de la sûreté nationale"].iloc[0]
    assert dgsn["mentions"] == 5  # its own 3 and the 2 of DGSN-DGST


def test_key_facts_card_with_evidence(app: AppTest) -> None:
    card = section(app, "lens_key_facts")
    lines = [m.value.replace("\\", "") for m in card.markdown]
    assert any(line.startswith("**Who met whom:** Abdellatif Hammouchi (directeur général") for line in lines)
    assert "**Where:** Rabat" in lines and "**When:** 2023-12-12 (“mardi”)" in lines
    assert any(line.startswith("**What next:** ") and "Visit of Abdellatif Hammouchi to Paris" in line for line in lines)
    evidence = [m.value for m in card.markdown if ":orange-background[" in m.value]
    assert any(":orange-background[**Rabat**]" in e or "se sont entretenus" in e for e in evidence)


def test_timeline_section(app: AppTest) -> None:
    timeline = section(app, "lens_timeline_section")
    assert len(timeline.get("plotly_chart")) == 1
    events = timeline.dataframe[0].value
    assert sorted(events["status"].tolist()) == ["ongoing", "past", "planned", "upcoming"]
    assert not [i for i in timeline.info if "publication date" in i.value]


def test_timeline_asks_for_the_publication_date(app: AppTest) -> None:
    app.radio(key="lens_source").set_value("paste").run()
    app.text_area(key="lens_paste").set_value(SEED.read_text(encoding="utf-8")).run()
    timeline = section(app, "lens_timeline_section")
    assert any("Set the publication date" in i.value for i in timeline.info)
    app.date_input(key="lens_published").set_value(dt.date(2023, 12, 12)).run()
    events = section(app, "lens_timeline_section").dataframe[0].value
    meeting = events[events["event"].str.startswith("Meeting")].iloc[0]
    assert str(meeting["start"]) == "2023-12-12"


def test_export_buttons(app: AppTest) -> None:
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels == ["Analysis (JSON, as the CLI)", "Brief (Markdown)", "Brief (Word .docx)", "Facts with evidence (CSV)",
                      "Timeline (TimelineJS JSON)"]
    # The bytes each serves are compared with the CLI's in tests/browser (AppTest cannot read them).


def _opened_with(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    return at


def test_a_link_restores_its_view() -> None:
    at = _opened_with({"doc": "dgsn-2023-12-12-hammouchi-veaux", "published": "2024-01-05", "k": "2",
                       "threshold": "2", "section": "topics"})
    assert not at.warning or all("Ignored from the link" not in w.value for w in at.warning)
    assert at.date_input(key="lens_published").value == dt.date(2024, 1, 5)
    assert at.radio(key="lens_section").value == "topics"
    assert at.slider(key="lens_topic_threshold").value == 2.0
    assert [t.split(" — ")[0] for t in topic_titles(at)] == [
        "Institutional cooperation", "Olympics and major events", "Drug trafficking"]
    assert not section(at, "lens_summary_section").markdown  # only the topics section is drawn
    at.radio(key="lens_section").set_value("summary").run()
    assert at.slider(key="lens_summary_k").value == 2  # kept while its section was hidden
    assert summary_numbers(at) == [2, 4]
    assert at.query_params["k"] == "2" and at.query_params["section"] == "summary"


def test_a_bad_link_is_ignored_with_a_notice() -> None:
    at = _opened_with({"doc": "nope", "k": "many", "section": "map"})
    notices = [w.value.replace("\\", "") for w in at.warning if "Ignored from the link" in w.value]
    assert len(notices) == 3 and any("doc='nope'" in n for n in notices)
    assert shown_title(at).startswith(SEED_TITLE)  # the default view
    assert at.radio(key="lens_section").value == "all"


def test_the_address_follows_the_view(app: AppTest) -> None:
    app.slider(key="lens_summary_k").set_value(4).run()
    assert app.query_params["doc"] == "dgsn-2023-12-12-hammouchi-veaux"
    assert app.query_params["published"] == "2023-12-12" and app.query_params["k"] == "4"
    assert any("the link is also here" in c.value for c in app.sidebar.caption)
    assert "k=4" in app.sidebar.code[0].value  # in the popover "Link to this view"


def test_no_stray_text_above_the_page(app: AppTest) -> None:
    # A bare string at the top level of dashboard.py is drawn by Streamlit's "magic": none may be.
    import ast

    tree = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    strays = [n.lineno for n in tree.body[1:] if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)]
    assert strays == []
    assert not any("worker process" in m.value or "at most this many" in m.value for m in app.markdown)


def test_the_first_document_of_a_new_language_loads_its_model_once(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    from lib import entities

    # As on a fresh server: the English model is not loaded yet (the worker then restarts with it).
    monkeypatch.setattr(entities, "_models", {k: v for k, v in entities._models.items() if not k.startswith("en_")})
    app.radio(key="lens_source").set_value("paste").run()
    # A text of its own: an analysis cached by another test would not need the model.
    app.text_area(key="lens_paste").set_value(ENGLISH + "\nThe statement was issued in Lisbon on behalf of both forces.").run()
    assert not problems(app), problems(app)
    assert any(name.startswith("en_") for name in entities._models)
    people = section(app, "lens_entities_section")
    captions = [c.value.replace("\\", "") for c in people.caption]
    assert any("en_core_web_sm" in c for c in captions), captions  # "Read by: English, spaCy …"


def test_an_arabic_communique_gives_people_key_facts_and_a_timeline(app: AppTest) -> None:
    app.radio(key="lens_source").set_value("paste").run()
    app.text_area(key="lens_paste").set_value((FIXTURES / "accuracy" / "ar_08_madrid_hijra.txt").read_text(encoding="utf-8")).run()
    assert not problems(app), problems(app)
    assert metrics(app)["Language"] == "Arabic"
    assert "2024\\-03\\-05" in app.caption[0].value  # the publication date, from the dateline
    facts = section(app, "lens_key_facts").markdown
    who = next(m.value for m in facts if m.value.startswith("**Who"))
    assert "عبد الوافي لفتيت" in who and "فرناندو غراندي مارلاسكا" in who
    entities = section(app, "lens_entities_section")
    assert any("Arabic, rules" in c.value for c in entities.caption)
    cards = [m.value for m in entities.markdown if "green-badge[person]" in m.value]
    assert len(cards) == 2
    assert not any("No date or event" in c.value for c in section(app, "lens_timeline_section").caption)


def test_a_new_publication_date_is_rebuilt_without_a_worker(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    import lib.worker

    started: list[object] = []
    real = lib.worker.Job

    def counting(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        started.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(lib.worker, "Job", counting)
    before = [m.value for m in section(app, "lens_key_facts").markdown if m.value.startswith("**When")]
    app.date_input(key="lens_published").set_value(dt.date(2023, 12, 19)).run()
    assert not app.exception and started == []  # the text and its entities came from the cache
    after = [m.value for m in section(app, "lens_key_facts").markdown if m.value.startswith("**When")]
    assert before != after and "2023\\-12\\-19" in after[0]  # "mardi" is anchored on the new date


def test_a_link_asking_for_more_summary_sentences_than_the_text_has_says_so() -> None:
    at = _opened_with({"doc": "dgsn-2023-12-12-hammouchi-veaux", "k": "99"})
    assert at.slider(key="lens_summary_k").value == 7
    assert any("99 summary sentences were asked for; this document has 7" in i.value for i in at.info)
    assert summary_numbers(at) == [2, 3, 4, 5, 6, 7, 8]



def test_the_interface_speaks_french_when_asked(app: AppTest) -> None:
    app.radio(key="lens_lang").set_value("fr").run()
    assert not problems(app), problems(app)
    assert metrics(app) == {
        "Langue": "Français", "Confiance": "100,0\xa0%", "Mots": "319", "Phrases": "8", "Temps de lecture": "2 min"}
    assert [h.value for h in app.subheader] == ["Résumé", "Thèmes", "Personnes, organisations et lieux", "Chronologie", "Texte"]
    assert topic_titles(app)[0] == "Coopération institutionnelle — phrases 1, 2, 3, 5, 7, 8"  # the interface's language
    assert any("**Qui a rencontré qui :**" in m.value for m in section(app, "lens_key_facts").markdown)
    assert section(app, "lens_key_facts").code[0].value.startswith("« Le directeur général de la sécurité nationale")
    assert app.radio(key="lens_source").label == "Source" and app.radio(key="lens_source").options == [
        "Catalogue", "Coller un texte", "Téléverser un fichier"]
    assert app.query_params["lang"] == "fr"
    cards = [m.value for m in section(app, "lens_entities_section").markdown]
    assert "Pays: Maroc" in cards and "Pays: France" in cards  # country names in the interface's language (CLDR)
    app.radio(key="lens_source").set_value("paste").run()
    app.text_area(key="lens_paste").set_value(ENGLISH).run()
    assert topic_titles(app) and all(" — phrase" in title for title in topic_titles(app))
    assert any("Pas de date de publication" in w.value for w in app.warning)
    assert metrics(app)["Langue"] == "Anglais"
    app.radio(key="lens_lang").set_value("en").run()
    assert metrics(app)["Language"] == "English" and "lang" not in app.query_params


def test_a_link_opens_in_its_language_and_a_bad_one_says_so() -> None:
    at = _opened_with({"doc": "dgsn-2023-12-12-hammouchi-veaux", "lang": "fr"})
    assert at.radio(key="lens_lang").value == "fr" and metrics(at)["Langue"] == "Français"
    assert not at.warning
    at = _opened_with({"lang": "de"})
    assert at.radio(key="lens_lang").value == "en"
    notices = [w.value.replace("\\", "") for w in at.warning if "Ignored from the link" in w.value]
    assert notices == ["Ignored from the link: lang='de' is not a language of the interface (en, fr)."]


def test_an_input_error_is_said_in_the_interface_language(app: AppTest) -> None:
    app.radio(key="lens_lang").set_value("fr").run()
    app.radio(key="lens_source").set_value("upload").run()
    app.file_uploader(key="lens_upload").set_value(("scan.pdf", b"%PDF-1.4 not really", "application/pdf")).run()
    assert any("scan.pdf n'a pas pu être ouvert comme fichier PDF" in e and "Le document précédent reste affiché" in e
               for e in problems(app)), problems(app)


def test_summary_sentences_facts_and_topic_evidence_can_be_copied_as_citations(app: AppTest) -> None:
    summary = [c.value for c in section(app, "lens_summary_section").code]
    assert len(summary) == 3 and summary[0].startswith("“Le directeur général de la sécurité nationale")
    assert summary[0].endswith(f"({SEED_TITLE_FULL}, DGSN (Direction générale de la sûreté nationale) communiqué, "
                               "relayed by MAP (Maghreb Arabe Presse), 2023-12-12, sentence 2)")
    facts = [c.value for c in section(app, "lens_key_facts").code]
    assert facts and all(", sentence " in c and "2023-12-12" in c for c in facts)
    assert any(c.value.endswith("sentence 4)") and "menace terroriste" in c.value for c in section(app, "lens_topics_section").code)
    app.date_input(key="lens_published").set_value(None).run()
    assert section(app, "lens_summary_section").code[0].value.endswith("(Maghreb Arabe Presse), undated, sentence 2)")


def test_a_pasted_text_travels_in_its_link(app: AppTest) -> None:
    app.radio(key="lens_source").set_value("paste").run()
    app.text_area(key="lens_paste").set_value(ENGLISH).run()
    app.text_input(key="lens_source_label").set_value("Policía Nacional").run()
    app.date_input(key="lens_published").set_value(dt.date(2024, 5, 16)).run()
    params = dict(app.query_params)
    assert "doc" not in params and params["issuer"] == "Policía Nacional" and len(params["text"]) < 8000
    opened = _opened_with({name: value[0] if isinstance(value, list) else value for name, value in params.items()})
    assert not opened.warning
    assert shown_title(opened).startswith("Spanish and Portuguese police chiefs agree")
    assert metrics(opened) == metrics(app)
    assert opened.date_input(key="lens_published").value == dt.date(2024, 5, 16)
    assert opened.text_input(key="lens_source_label").value == "Policía Nacional"
    assert text_view(opened) == text_view(app)


def test_a_text_too_long_for_a_link_says_so(app: AppTest) -> None:
    long_text = "Long communiqué\n\n" + " ".join(
        f"The minister met delegation {n} in city {n * 7919 % 1000} on security item {n * 104729 % 997}." for n in range(3000))
    app.radio(key="lens_source").set_value("paste").run()
    app.text_area(key="lens_paste").set_value(long_text).run()
    assert "text" not in app.query_params
    assert any("too long to travel in a link" in c.value for c in app.sidebar.caption)


def test_an_empty_paste_box_shows_no_previous_document(app: AppTest) -> None:
    app.radio(key="lens_source").set_value("paste").run()
    assert not app.main.header and not app.metric and not app.get("download_button")
    assert any("Paste a communiqué or upload a file" in i.value for i in app.info)
    app.radio(key="lens_source").set_value("catalog").run()
    assert shown_title(app).startswith(SEED_TITLE)


def test_a_keyword_picked_with_only_the_summary_shown_is_marked_in_it(app: AppTest) -> None:
    app.radio(key="lens_section").set_value("summary").run()
    app.pills(key="lens_keyword").set_value("Abdellatif Hammouchi").run()
    marked = [m.value for m in section(app, "lens_summary_section").markdown if ":orange-background[" in m.value]
    assert len(marked) == 1 and marked[0].startswith(":blue-badge[2]")
    assert ":orange-background[**Abdellatif Hammouchi**]" in marked[0]
