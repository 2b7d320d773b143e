"""Plotly figures built from analysis results. No Streamlit here: callers render them."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence

import plotly.graph_objects as go

from lib.entities import Entity
from lib.topics import TopicScore


def topic_bar(topics: Sequence[TopicScore], text: str) -> go.Figure:
    """Horizontal bars of each topic's share of topic hits, heaviest on top.

    Hovering a bar shows the hits, the weight and the words matched, as written in ``text``.

    Args:
        topics: Topics to draw, heaviest first.
        text: The document text the hits point into.
    """
    ordered = list(reversed(topics))  # plotly draws the first bar at the bottom
    hover = []
    for topic in ordered:
        words = Counter(text[h.start : h.end] for h in topic.hits)
        listed = "<br>".join(f"{_plain(word)} ×{count}" for word, count in words.most_common(8))
        hover.append(
            f"<b>{_plain(topic.label)}</b><br>{len(topic.hits)} hit(s), weight {topic.weight:g}, "
            f"share {topic.share:.0%}<br>{listed}"
        )
    figure = go.Figure(
        go.Bar(
            x=[t.share * 100 for t in ordered],
            y=[_plain(t.label) for t in ordered],
            orientation="h",
            text=[f"{t.share:.0%}" for t in ordered],
            textposition="auto",
            hovertext=hover,
            hoverinfo="text",
            marker_color="#1f4e79",
        )
    )
    figure.update_layout(
        xaxis_title="share of topic hits (%)",
        yaxis_title=None,
        height=max(180, 38 * len(ordered) + 80),
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        showlegend=False,
    )
    return figure


def _plain(value: str) -> str:
    """Plotly reads a little HTML in labels (<b>, <a href>): escape text from users."""
    return html.escape(value, quote=False)


def places_map(places: Sequence[Entity]) -> go.Figure:
    """Places with coordinates as points on a world map; hover shows the name and mentions."""
    located = [p for p in places if p.lat is not None and p.lon is not None]
    figure = go.Figure(
        go.Scattergeo(
            lat=[p.lat for p in located],
            lon=[p.lon for p in located],
            text=[_plain(p.name) for p in located],
            hovertext=[
                f"<b>{_plain(p.name)}</b><br>{_plain(p.country_name or '')}<br>{len(p.mentions)} mention(s)"
                for p in located
            ],
            hoverinfo="text",
            mode="markers+text",
            textposition="top center",
            marker={"size": [8 + 3 * min(len(p.mentions), 6) for p in located], "color": "#1f4e79"},
        )
    )
    geo: dict[str, object] = {}
    if located:  # frame the points with a margin, never less than a region's width
        lats, lons = [p.lat for p in located], [p.lon for p in located]
        middle_lat, middle_lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
        half_lat = max((max(lats) - min(lats)) / 2 + 4, 8)
        half_lon = max((max(lons) - min(lons)) / 2 + 6, 12, 1.8 * half_lat)  # the panel is wide
        geo = {
            "lataxis_range": [max(middle_lat - half_lat, -85), min(middle_lat + half_lat, 85)],
            "lonaxis_range": [max(middle_lon - half_lon, -180), min(middle_lon + half_lon, 180)],
        }
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
