"""Plotly figures built from analysis results. No Streamlit here: callers render them."""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from collections.abc import Sequence

import plotly.graph_objects as go

from lib.entities import Entity
from lib.interface import ENGLISH, Words
from lib.sentences import Sentence
from lib.timeline import Event
from lib.topics import TopicScore, default_taxonomy


def topic_bar(topics: Sequence[TopicScore], text: str, words: Words = ENGLISH) -> go.Figure:
    """Horizontal bars of each topic's share of topic hits, heaviest on top.

    Hovering a bar shows the hits, the weight and the words matched, as written in ``text``.

    Args:
        topics: Topics to draw, heaviest first.
        text: The document text the hits point into.
        words: The interface's words (the topics' labels in its language).
    """
    ordered = list(reversed(topics))  # plotly draws the first bar at the bottom
    hover = []
    for topic in ordered:
        found = Counter(text[h.start : h.end] for h in topic.hits)
        listed = "<br>".join(f"{_plain(word)} ×{count}" for word, count in found.most_common(8))
        hover.append(
            f"<b>{_plain(topic_label(topic, words))}</b><br>"
            + _plain(words("chart.topic_hover", n=len(topic.hits), weight=topic.weight, share=topic.share))
            + f"<br>{listed}"
        )
    figure = go.Figure(
        go.Bar(
            x=[t.share * 100 for t in ordered],
            y=[_plain(topic_label(t, words)) for t in ordered],
            orientation="h",
            text=[words.percent(t.share) for t in ordered],
            textposition="auto",
            hovertext=hover,
            hoverinfo="text",
            marker_color="#1f4e79",
        )
    )
    figure.update_layout(
        xaxis_title=words("chart.topic_axis"),
        yaxis_title=None,
        height=max(180, 38 * len(ordered) + 80),
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        showlegend=False,
    )
    return figure


def topic_label(topic: TopicScore, words: Words) -> str:
    """A topic's label in the interface's language (its taxonomy gives fr and en), else as read."""
    return topic.topic.label(words.code)


def _plain(value: str) -> str:
    """Plotly reads a little HTML in labels (<b>, <a href>): escape text from users."""
    return html.escape(value, quote=False)


def places_map(places: Sequence[Entity], words: Words = ENGLISH) -> go.Figure:
    """Places on a world map: a country as a shaded area (its name on hover), a city as a point
    with one label, placed away from its neighbours' labels (Madrid beside Spain, Paris beside
    France no longer print over each other)."""
    located = [p for p in places if p.lat is not None and p.lon is not None]
    countries = [p for p in located if is_country(p)]
    points = [p for p in located if not is_country(p)]

    def hover(place: Entity) -> str:
        name = words.country(place.country, place.name) if is_country(place) else place.name
        country = "" if is_country(place) else f"<br>{_plain(words.country(place.country, place.country_name) or '')}"
        return f"<b>{_plain(name or '')}</b>{country}<br>{_plain(words('chart.mentions', n=len(place.mentions)))}"

    geo: dict[str, object] = {}
    near = 1.5
    if located:  # frame the places with a margin, never less than a region's width
        lats, lons = [p.lat for p in located], [p.lon for p in located]  # type: ignore[misc]
        middle_lat, middle_lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2  # type: ignore[type-var,operator]
        half_lat = max((max(lats) - min(lats)) / 2 + 4, 8)  # type: ignore[type-var,operator]
        half_lon = max((max(lons) - min(lons)) / 2 + 6, 12, 1.8 * half_lat)  # the panel is wide  # type: ignore[type-var,operator]
        near = max(1.0, half_lat / 6)  # degrees within which two labels would touch on this frame
        geo = {
            "lataxis_range": [max(middle_lat - half_lat, -85), min(middle_lat + half_lat, 85)],
            "lonaxis_range": [max(middle_lon - half_lon, -180), min(middle_lon + half_lon, 180)],
        }
    figure = go.Figure()
    if countries:
        figure.add_trace(go.Choropleth(
            locations=[p.country_name or p.name for p in countries], locationmode="country names",
            z=[1] * len(countries), colorscale=[[0, "#bcd3ea"], [1, "#bcd3ea"]], showscale=False,
            marker_line_color="#6d8fb3", marker_line_width=0.8, hovertext=[hover(p) for p in countries], hoverinfo="text",
        ))
    if points:
        figure.add_trace(go.Scattergeo(
            lat=[p.lat for p in points],
            lon=[p.lon for p in points],
            text=[_plain(p.name) for p in points],
            hovertext=[hover(p) for p in points],
            hoverinfo="text",
            mode="markers+text",
            textposition=label_positions([(p.lat, p.lon) for p in points], near),  # type: ignore[arg-type]
            marker={"size": [8 + 3 * min(len(p.mentions), 6) for p in points], "color": "#1f4e79"},
        ))
    figure.update_geos(
        showcountries=True,
        showland=True,
        landcolor="#f1f4f8",
        countrycolor="#9aa7b8",
        projection_type="mercator",
        **geo,
    )
    figure.update_layout(height=380, margin={"l": 0, "r": 0, "t": 0, "b": 0}, showlegend=False)
    return figure


def is_country(place: Entity) -> bool:
    """Whether a place is a country (read from the gazetteer's countries), not a city or region."""
    return place.country is not None and place.key == place.country


LABEL_POSITIONS = ("top center", "bottom center", "middle right", "middle left", "top right", "bottom left")


def label_positions(points: Sequence[tuple[float, float]], near: float = 1.5) -> list[str]:
    """A label position for each point, so that labels of points closer than ``near`` degrees
    go to different sides (the first free one of :data:`LABEL_POSITIONS`)."""
    chosen: list[str] = []
    for n, (lat, lon) in enumerate(points):
        taken = {chosen[m] for m, (other_lat, other_lon) in enumerate(points[:n])
                 if abs(other_lat - lat) < near and abs(other_lon - lon) < 2 * near}
        chosen.append(next((p for p in LABEL_POSITIONS if p not in taken), LABEL_POSITIONS[n % len(LABEL_POSITIONS)]))
    return chosen


STATUS_COLOURS = {"past": "#5b6b7f", "ongoing": "#2e7d32", "planned": "#1f4e79", "upcoming": "#b26a00", "reference": "#8e8e8e"}


def timeline_figure(events: Sequence[Event], published: dt.date | None, sentences: Sequence[Sentence],
                    words: Words = ENGLISH) -> go.Figure:
    """Events on a time axis: points for days, bars for intervals; approximate ones dotted and
    faded; colour by status; the publication date as a vertical line. Hover shows the words
    that date the event, as written, and its sentence.

    Args:
        events: Events with at least a start date are drawn.
        published: The publication date, or ``None``.
        sentences: The document's sentences, for the hover text.
        words: The interface's words.
    """
    dated = [e for e in events if e.start is not None]
    rows = _axis_labels([e.text(words) for e in dated])
    figure = go.Figure()
    for status in STATUS_COLOURS:
        for event in (e for e in dated if e.status == status):
            sentence = sentences[event.evidence.sentence].text
            hover = (
                f"<b>{_plain(event.text(words))}</b><br>{words(f'status.{status}')}, {event.start.isoformat()}"  # type: ignore[union-attr]
                + (f" – {event.end.isoformat()}" if event.end and event.end != event.start else "")
                + (f" ({words('chart.approximate')})" if event.approximate else "")
                + (f"<br>{_plain(words('chart.written', text=event.when_text))}" if event.when_text else "")
                + f"<br>{_plain(words('chart.sentence', number=event.evidence.sentence + 1, text=_shorten(sentence, 140)))}"
            )
            label = rows[event.text(words)]  # shortened on the axis (a long one squeezed the chart); whole on hover
            common = {"name": words(f"status.{status}"), "legendgroup": status, "hovertext": hover, "hoverinfo": "text", "showlegend": False}
            if event.end is not None and event.end != event.start:
                figure.add_trace(go.Scatter(
                    x=[event.start, event.end], y=[label, label], mode="lines",
                    line={"color": STATUS_COLOURS[status], "width": 14, "dash": "dot" if event.approximate else "solid"},
                    opacity=0.45 if event.approximate else 0.9, **common,
                ))
            else:
                figure.add_trace(go.Scatter(
                    x=[event.start], y=[label], mode="markers",
                    marker={"color": STATUS_COLOURS[status], "size": 14, "symbol": "diamond"},
                    opacity=0.45 if event.approximate else 1.0, **common,
                ))
    for status, colour in STATUS_COLOURS.items():  # one legend entry per status present
        if any(e.status == status for e in dated):
            figure.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=words(f"status.{status}"), legendgroup=status,
                                        marker={"color": colour, "size": 10}))
    if published is not None:
        figure.add_vline(x=published, line_dash="dash", line_color="#c62828")
        figure.add_annotation(x=published, y=1.04, yref="paper", text=_plain(words("header.published", date=published)),
                              showarrow=False, font={"color": "#c62828", "size": 11})
    days = [d for e in dated for d in (e.start, e.end) if d is not None] + ([published] if published else [])
    xaxis: dict[str, object] = {"type": "date"}
    if days:  # two weeks of margin so that the first and last bars are not cut
        xaxis["range"] = [min(days) - dt.timedelta(days=14), max(days) + dt.timedelta(days=14)]
    figure.update_layout(
        height=max(200, 55 * len(rows) + 110),
        margin={"l": 10, "r": 10, "t": 30, "b": 30},
        legend={"orientation": "h", "y": -0.25},
        xaxis=xaxis,
    )
    return figure


AXIS_LABEL = 42
"""Characters of an event's label on the timeline's axis; the whole label is in the hover."""


def _axis_labels(labels: Sequence[str]) -> dict[str, str]:
    """Each label → its axis label: shortened, escaped, and still one row per label."""
    rows: dict[str, str] = {}
    taken: set[str] = set()
    for full in dict.fromkeys(labels):
        short, n = _plain(_shorten(full, AXIS_LABEL)), 1
        while short in taken:
            n += 1
            short = f"{_plain(_shorten(full, AXIS_LABEL - 4))} ({n})"
        taken.add(short)
        rows[full] = short
    return rows


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


FOLLOWUP_COLOURS = {"confirmed": "#2e7d32", "possible": "#f9a825", "open": "#1565c0", "overdue": "#c62828"}


def corpus_timeline(events, followups, words: Words = ENGLISH) -> go.Figure:  # noqa: ANN001 - DataFrames of lib.corpus
    """Every dated event of the corpus on one time axis, a row per kind of event (so that it
    stays readable for a thousand documents): planned and upcoming events as open marks, those
    told as done as filled ones; each planned event is joined by a line to the later event that
    reports it, coloured by the follow-up's status. Hover: the event, its document, its status."""
    figure = go.Figure()
    dated = events[events["start_date"].notna()]
    for planned in (False, True):
        group = dated[dated["status"].isin(("planned", "upcoming")) == planned]
        if group.empty:
            continue
        figure.add_trace(go.Scatter(
            x=group["start_date"], y=group["kind"], mode="markers", name=words("chart.planned" if planned else "chart.reported"),
            marker={"size": 11, "symbol": "circle-open" if planned else "circle", "line": {"width": 2}},
            customdata=[(html.escape(label), html.escape(document[:80]), words(f"status.{status}"), sentence)
                        for label, document, status, sentence
                        in zip(group["label"], group["document"], group["status"], group["sentence"])],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>%{customdata[2]} · "
            + html.escape(words("chart.sentence_number")) + " %{customdata[3]}<extra></extra>",
        ))
    for row in followups.itertuples(index=False):
        if row.status not in ("confirmed", "possible") or row.window_start != row.window_start:
            continue
        figure.add_trace(go.Scatter(
            x=[row.window_start, row.report_start], y=[row.kind, row.kind], mode="lines",
            line={"color": FOLLOWUP_COLOURS[row.status], "width": 3, "dash": "dot" if row.status == "possible" else "solid"},
            customdata=[html.escape(f"{row.planned_label} → {words(f'followup.{row.status}')} ({row.report_title[:60]})")] * 2,
            hovertemplate="%{customdata}<extra></extra>", showlegend=False,
        ))
    figure.update_layout(height=max(220, 60 * dated["kind"].nunique() + 120), margin={"l": 10, "r": 10, "t": 10, "b": 10},
                         yaxis={"automargin": True, "type": "category"}, legend={"orientation": "h"})
    return figure


def topic_trends(monthly, words: Words = ENGLISH) -> go.Figure:  # noqa: ANN001 - a DataFrame of lib.corpus.monthly_topics
    """Topic weight per month, stacked; a topic of data/topics.toml named in the interface's language."""
    figure = go.Figure()
    known = {topic.id: topic for topic in default_taxonomy().topics}
    for topic_id, group in monthly.groupby("topic_id", sort=True):
        topic = known[topic_id].label(words.code) if topic_id in known else group["topic"].iloc[0]
        figure.add_trace(go.Bar(x=group["month"], y=group["weight"], name=html.escape(topic),
                                customdata=[html.escape(topic)] * len(group),
                                hovertemplate="%{customdata}: %{y} (%{x|%B %Y})<extra></extra>"))
    figure.update_layout(barmode="stack", height=320, margin={"l": 10, "r": 10, "t": 10, "b": 10},
                         legend={"orientation": "h"}, xaxis={"tickformat": "%b %Y"})
    return figure
