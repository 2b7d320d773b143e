"""Pathological documents of a given size, generated: the attack grammars of issue 10.

Each attack is a name, a file extension (how it is read) and a builder ``size -> bytes``. The
benchmark (bench/bench_robustness.py) and the property tests (tests/test_robustness.py) build
them at the size they need and compare them with ordinary communiqué text of the same size.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_d58dcee9dee1240e.txt"


@dataclass(frozen=True)
class Attack:
    """A way to build a document of (about) ``size`` bytes that once made a reader super-linear."""

    name: str
    extension: str
    build: Callable[[int], bytes]
    note: str


def _repeat(unit: str, size: int) -> bytes:
    data = unit.encode("utf-8")
    return (data * (size // len(data) + 1))[:size]


def ordinary(size: int) -> bytes:
    """The seed communiqué repeated: ordinary text of the same size, the yardstick."""
    seed = SEED.read_text(encoding="utf-8") + "\n"
    return _repeat(seed, size).decode("utf-8", "ignore").encode("utf-8")


def _one_sentence(unit: str) -> Callable[[int], bytes]:
    return lambda size: _repeat(unit, size)


def _docx(xml_body: str) -> bytes:
    """A minimal .docx whose document.xml holds ``xml_body`` inside <w:body>."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            'document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{xml_body}</w:body></w:document>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bomb(size: int) -> bytes:
    """A .docx of about ``size`` compressed bytes whose text is ~1000 times larger."""
    paragraph = "<w:p><w:r><w:t>" + "la police " * 1000 + "</w:t></w:r></w:p>"
    return _docx(paragraph * max(1, size // 40))


def _vocabulary(size: int) -> bytes:
    """Sentences of words never repeated: the largest word graph and keyword table per byte."""
    rng = random.Random(0)
    letters = "abcdefghijklmnopqrstuvwxyzéè"
    words, total = [], 0
    while total < size:
        word = "".join(rng.choice(letters) for _ in range(rng.randint(4, 9)))
        words.append(word + (". " if rng.random() < 0.06 else " "))
        total += len(words[-1].encode())
    return "".join(words).encode()[:size]


def _meetings(size: int) -> bytes:
    """A meeting with a day of its own in every sentence: every one is another event."""
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
    parts, total, n = [], 0, 0
    while total < size:
        day, month, year = n % 28 + 1, months[n // 28 % 12], 1900 + n // 336 % 200
        parts.append(f"Une nouvelle réunion avec M. Jean Dupont est prévue le {day} {month} {year} à Rabat. ")
        total += len(parts[-1].encode())
        n += 1
    return "".join(parts).encode()[:size]


def _nested_html(size: int) -> bytes:
    depth = size // 11
    return ("<div><p>" * depth + "Texte du communiqué de la police nationale." + "</p></div>" * depth).encode()


ATTACKS: tuple[Attack, ...] = (
    Attack("capitals", ".txt", _one_sentence("Aaaa Bbbb Cccc Dddd Eeee "), "capitalized words, no full stop"),
    Attack("acronym_word", ".txt", _one_sentence("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), "one capitalized word"),
    Attack("acronyms", ".txt", _one_sentence("la Direction Générale (DGSN) et DGSN DGST ONU "), "acronyms in one sentence"),
    Attack("honorifics", ".txt", _one_sentence("M. "), "honorifics in a row"),
    Attack("names", ".txt", _one_sentence("Abdellatif Hammouchi, "), "one person named again and again"),
    Attack("dates", ".txt", _one_sentence("le 12 décembre 2023, mardi, "), "dates in one sentence"),
    Attack("full_stops", ".txt", _one_sentence("a. "), "a full stop every two characters"),
    Attack("long_sentence", ".txt", _one_sentence("la coopération sécuritaire entre les deux pays "), "a sentence without end"),
    Attack("spaces_md", ".md", _one_sentence("a" + " " * 200), "long runs of spaces, Markdown"),
    Attack("brackets_md", ".md", _one_sentence("["), "runs of [ in Markdown"),
    Attack("bold_md", ".md", _one_sentence("**a "), "unclosed bold markers"),
    Attack("italic_md", ".md", _one_sentence("_a "), "unclosed italic markers"),
    Attack("blank_lines_md", ".md", _one_sentence(" \n"), "blank lines of spaces in Markdown"),
    Attack("vocabulary", ".txt", _vocabulary, "sentences of words never repeated"),
    Attack("meetings", ".txt", _meetings, "a meeting on a day of its own in every sentence"),
    Attack("arabic_honorifics", ".txt", _one_sentence("السيد وزير الداخلية، السيد عبد الله بن علي، "),
           "Arabic honorifics, roles and names in one sentence"),
    Attack("arabic_appositions", ".txt", _one_sentence("وزير الداخلية، مازن الفراية، بالرباط "),
           "Arabic names in apposition, attached prepositions"),
    Attack("nested_html", ".html", _nested_html, "deeply nested HTML"),
    Attack("docx_bomb", ".docx", docx_bomb, "a .docx whose text is 1000x its size"),
)
"""Every attack, by name."""
