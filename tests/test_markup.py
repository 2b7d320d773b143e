"""Escaping user text for Markdown, and highlighted spans."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from lib.markup import Highlight, escape_markdown, highlight


def _unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def test_everything_markdown_or_streamlit_reads_is_escaped() -> None:
    text = "<script>x</script> **b** [l](u) :smile: $x$ # 1. a_b `c` ~s~ |t|"
    escaped = escape_markdown(text)
    assert escaped == (
        r"\<script\>x\</script\> \*\*b\*\* \[l\]\(u\) \:smile\: \$x\$ \# 1\. a\_b \`c\` \~s\~ \|t\|"
    )


def test_light_escaping_keeps_briefs_readable() -> None:
    assert escape_markdown("M. Hammouchi (DGSN) : 10 $ *", strict=False) == r"M. Hammouchi (DGSN) : 10 \$ \*"


@given(st.text())
def test_escaping_loses_nothing(text: str) -> None:
    one_line = re.sub(r"\s*\n\s*", " ", text)
    assert _unescape(escape_markdown(text)) == one_line
    assert "\n" not in escape_markdown(text)


def test_highlight_wraps_spans_in_colour_directives() -> None:
    sentence = "Ils se sont entretenus mardi à Rabat."
    offset = 100
    start = offset + sentence.index("Rabat")
    marked = highlight(sentence, [Highlight(start, start + 5, "blue")], offset=offset)
    assert marked == r"Ils se sont entretenus mardi à :blue-background[**Rabat**]\."


def test_highlight_clips_merges_and_ignores_outside_spans() -> None:
    marked = highlight("abcdef", [Highlight(1, 3), Highlight(2, 5, "red"), Highlight(50, 60), Highlight(-5, 1, "green")])
    assert marked == ":green-background[**a**]:orange-background[**bcde**]f"


def test_highlighted_user_text_is_still_escaped() -> None:
    marked = highlight("[x](y) ok", [Highlight(0, 6)])
    assert marked == r":orange-background[**\[x\]\(y\)**] ok"
