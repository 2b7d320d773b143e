"""Plotly figures: each draws the marks of its data (a figure without traces is a blank chart)."""

from __future__ import annotations

import datetime as dt

from lib.analysis import analyze
from lib.catalog import load_catalog, read_document
from lib.charts import corpus_timeline, timeline_figure, topic_trends
from lib.corpus import Store, analyzed_rows, monthly_topics


def test_the_seed_timeline_draws_each_dated_event() -> None:
    entry = load_catalog()[0]
    analysis = analyze(read_document(entry), entry.metadata)
    figure = timeline_figure(analysis.timeline.events, analysis.metadata.published, analysis.sentences)
    drawn = [t for t in figure.data if t.x and t.x[0] is not None]
    assert len(drawn) == 4  # the meeting, the ongoing visit, the planned visit, the Olympics


def test_the_corpus_timeline_joins_a_planned_event_to_its_report() -> None:
    with Store(":memory:") as store:
        for entry in load_catalog():
            store.write(analyzed_rows(read_document(entry), entry.metadata, entry.path.name))
        figure = corpus_timeline(store.timeline(), store.followups(as_of=dt.date(2026, 11, 30)))
        lines = [t for t in figure.data if t.mode == "lines"]
        assert len(lines) == 1 and lines[0].line.color == "#2e7d32"  # confirmed: the June 2024 visit
        assert str(lines[0].x[0])[:10] == "2023-12-13" and str(lines[0].x[1])[:10] == "2024-06-26"
        assert len(topic_trends(monthly_topics(store)).data) >= 5


def test_a_long_event_label_is_shortened_on_the_axis_and_whole_on_hover() -> None:
    from lib.analysis import analyze as analyze_text
    from lib.catalog import Metadata
    from lib.ingest import read_pasted

    text = ("The Inspector General of Police, Japhet Koome, met the Director General of the Directorate of "
            "Criminal Investigations, Mohamed Amin, and the Commandant of the Anti-Terror Police Unit, "
            "Ahmed Abdi Dahir, in Nairobi on Wednesday.")
    analysis = analyze_text(read_pasted(text), Metadata(published=dt.date(2024, 3, 14)))
    (meeting,) = [e for e in analysis.timeline.events if e.kind == "meeting"]
    assert len(meeting.label) > 60
    figure = timeline_figure(analysis.timeline.events, analysis.metadata.published, analysis.sentences)
    (trace,) = [t for t in figure.data if t.x and t.x[0] is not None]
    assert len(trace.y[0]) <= 42 and trace.y[0].endswith("…")
    assert "Ahmed Abdi Dahir" in trace.hovertext


def test_the_map_shades_countries_and_keeps_city_labels_apart() -> None:
    from lib.catalog import Metadata
    from lib.charts import label_positions, places_map
    from lib.ingest import read_pasted

    text = ("Le ministre marocain a reçu à Rabat son homologue espagnol.\n\nIls se rendront ensuite à Casablanca, "
            "puis à Madrid, pour renforcer la coopération entre le Maroc et l'Espagne.")
    places = [e for e in analyze(read_pasted(text), Metadata(published=dt.date(2024, 3, 14))).entities if e.type == "place"]
    assert {p.name for p in places} >= {"Morocco", "Spain", "Rabat", "Casablanca", "Madrid"}
    figure = places_map(places)
    shaded = [t for t in figure.data if t.type == "choropleth"]
    points = [t for t in figure.data if t.type == "scattergeo"]
    assert len(shaded) == 1 and set(shaded[0].locations) == {"Morocco", "Spain"}  # an area, no label over the cities
    assert len(points) == 1 and set(points[0].text) == {"Rabat", "Casablanca", "Madrid"}
    position = dict(zip(points[0].text, points[0].textposition))
    assert position["Rabat"] != position["Casablanca"]  # 90 km apart: their labels go to different sides
    assert label_positions([(0, 0), (0.5, 0.5), (0.2, -0.3), (40, 40)], near=1.5) == [
        "top center", "bottom center", "middle right", "top center"]
