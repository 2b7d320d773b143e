"""Plotly figures built from analysis results. No Streamlit here: callers render them."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence

import plotly.graph_objects as go

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
