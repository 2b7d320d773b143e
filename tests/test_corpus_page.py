"""The Corpus page (AppTest): the shipped corpus, follow-ups with both evidence sentences, links
to the Communiqué page, and files added to the session's corpus."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

ENGLISH = (
    "Kenya and Morocco to deepen police cooperation\n"
    "NAIROBI, 5 March 2024 – The Inspector General of Police, Japhet Koome, met the Director General of "
    "Morocco's DGSN, Abdellatif Hammouchi, in Nairobi on Monday.\n"
    "The two officials discussed terrorism, drug trafficking and the training of police officers.\n"
)


@pytest.fixture
def corpus() -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    at.run()
    at.switch_page("app_pages/corpus.py")
    at.run()
    assert not at.exception
    return at


TABLES = ("lens_corpus_documents", "lens_corpus_followups", "lens_corpus_people")  # in page order


def frame(at: AppTest, key: str):  # noqa: ANN201 - a pandas DataFrame
    # (AppTest gives a dataframe no key: the page's tables are found by their order)
    return at.dataframe[TABLES.index(key)].value


def test_the_shipped_corpus_and_its_links(corpus: AppTest) -> None:
    documents = frame(corpus, "lens_corpus_documents")
    assert len(documents) == 6 and sorted(documents["language"]) == ["ar", "en", "es", "fr", "fr", "fr"]
    assert "/?doc=dgsn-2023-12-12-hammouchi-veaux" in list(documents["open"])
    assert [s.value for s in corpus.subheader] == [
        "Documents", "Follow-ups", "Timeline across documents", "People, organizations and places", "Topics per month"]
    assert [c.key for c in corpus.get("plotly_chart")] == ["lens_corpus_timeline", "lens_corpus_topics"]


def test_followups_show_both_evidence_sentences(corpus: AppTest) -> None:
    followups = frame(corpus, "lens_corpus_followups")
    visit = followups[followups["planned_label"] == "Visit of Abdellatif Hammouchi to Paris"].iloc[0]
    assert visit["status"] == "✅ confirmed"
    assert "prochainement" in visit["planned_evidence"] and "26" in visit["report_evidence"]
    assert visit["open_plan"] == "/?doc=dgsn-2023-12-12-hammouchi-veaux"
    assert visit["open_report"] in ("/?doc=example-dgsn-2024-06-28-hammouchi-paris-fr", "/?doc=example-dgsn-2024-06-28-hammouchi-paris-ar")
    people = frame(corpus, "lens_corpus_people")
    assert people[people["name"] == "Abdellatif Hammouchi"]["documents"].iloc[0] == 4


def test_a_file_added_in_the_sidebar_joins_the_session_corpus(corpus: AppTest) -> None:
    corpus.file_uploader(key="lens_corpus_uploads").set_value([("kenya.txt", ENGLISH.encode(), "text/plain")]).run()
    assert not corpus.exception and not corpus.error
    documents = frame(corpus, "lens_corpus_documents")
    assert len(documents) == 7 and "Kenya and Morocco to deepen police cooperation" in list(documents["title"])
    people = frame(corpus, "lens_corpus_people")
    assert people[people["name"] == "Abdellatif Hammouchi"]["documents"].iloc[0] == 5
