"""Safe Markdown from user text: escaping, and highlighted spans for the Text view.

The dashboard never renders user text as HTML. It renders Markdown in which every character
that Markdown, Streamlit's emoji shortcodes (``:flag:``), colour directives (``:red[...]``) or
LaTeX (``$...$``) could interpret is backslash-escaped, and highlights are Streamlit colour
directives (``:orange-background[...]``) wrapped around escaped text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Colour = Literal["red", "orange", "yellow", "green", "blue", "violet", "gray", "primary"]

# CommonMark's escapable ASCII punctuation; Streamlit adds ":" (shortcodes, directives) and "$".
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=\"'&^])")
# For Markdown files people also read raw (the brief): only what changes inline rendering.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>|$~])")
_NEWLINES = re.compile(r"\s*\n\s*")
_ARABIC = re.compile(r"[\u0600-\u06ff]")


def escape_markdown(text: str, *, strict: bool = True) -> str:
    """Escape ``text`` so that Markdown shows it exactly as written, as one inline run.

    Args:
        text: User text. Newlines become spaces.
        strict: Escape everything Streamlit could interpret (for ``st.markdown``). With
            ``False``, escape only what changes CommonMark inline rendering, which keeps a
            Markdown file readable as plain text; use it inside a paragraph or list item.
    """
    pattern = _MARKDOWN_SPECIAL if strict else _MARKDOWN_INLINE
    return pattern.sub(r"\\\1", _NEWLINES.sub(" ", text))


@dataclass(frozen=True)
class Highlight:
    """A span of the document text to mark (document offsets) and its colour."""

    start: int
    end: int
    colour: Colour = "orange"


def highlight(text: str, highlights: Iterable[Highlight], *, offset: int = 0) -> str:
    """Markdown for ``text`` with the given spans marked by background colour.

    Args:
        text: A piece of the document (usually one sentence), as written.
        highlights: Spans in document offsets; those outside ``text`` are ignored, overlapping
            ones are merged into the first one's colour.
        offset: Document offset of ``text[0]``.

    Returns:
        Escaped Markdown, safe to pass to ``st.markdown`` without ``unsafe_allow_html``; marked
        text is bold on its background colour, to be seen on a pale theme.
    """
    spans: list[tuple[int, int, Colour]] = []
    for h in sorted(highlights, key=lambda h: (h.start, -h.end)):
        start, end = max(h.start - offset, 0), min(h.end - offset, len(text))
        if start >= end:
            continue
        if spans and start < spans[-1][1]:
            last = spans[-1]
            spans[-1] = (last[0], max(last[1], end), last[2])
            continue
        spans.append((start, end, h.colour))
    out: list[str] = []
    position = 0
    for start, end, colour in spans:
        out.append(escape_markdown(text[position:start]))
        marked = escape_markdown(text[start:end])
        # Bold needs no space at its edges (CommonMark); Arabic is left regular: a change of
        # weight inside a word breaks its joined letters ("بالرباط" would show ب apart).
        if marked == marked.strip() and not _ARABIC.search(marked):
            marked = f"**{marked}**"
        out.append(f":{colour}-background[{marked}]")
        position = end
    out.append(escape_markdown(text[position:]))
    return "".join(out)
