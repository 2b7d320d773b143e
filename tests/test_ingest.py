"""Ingestion: encodings, formats, normalization and every kind of bad input."""

from __future__ import annotations

import io
import os
import random
import unicodedata
import zipfile

import pytest

from lib import errors
from lib.ingest import decode, fold, normalize, read_bounded, read_bytes, read_pasted, read_path
from tests.conftest import FIXTURES, SEED, make_docx, make_pdf

FR_LATIN = (FIXTURES / "fr_mixed_quote.txt").read_text(encoding="utf-8")  # Latin-1 safe
ES = (FIXTURES / "es_policia_rabat.txt").read_text(encoding="utf-8")


def test_seed_is_read_unchanged(seed_text: str) -> None:
    source = read_path(SEED)
    assert source.text == seed_text.strip()
    assert (source.format, source.encoding, source.name) == ("text", "utf-8", SEED.name)
    assert source.sha256 == "28261db5e02804e3e8698833eeaf8a1126f298c4c3efee58f6ccf850e32a7a85"
    assert source.text.count("\n") == 6  # 7 paragraphs, one per line
    assert "d’intérêt commun" in source.text  # typographic apostrophes are kept as written


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        ("seed", "utf-8", "utf-8"),
        ("seed", "utf-8-sig", "utf-8-sig"),
        ("seed", "utf-16", "utf-16-le"),  # Python writes a little-endian BOM
        ("seed", "utf-16-be", "utf-16-be"),  # no BOM: byte order from the zero bytes
        ("seed", "utf-16-le", "utf-16-le"),
        ("seed", "cp1252", "cp1252"),  # ’ is 0x92 in Windows-1252
        ("fr", "latin-1", None),  # identical bytes in cp1252 and latin-1: either name is right
        ("es", "latin-1", None),
    ],
)
def test_encodings_decode_to_the_same_text(seed_text: str, text: str, encoding: str, expected: str | None) -> None:
    original = {"seed": seed_text, "fr": FR_LATIN, "es": ES}[text]
    source = read_bytes(original.encode(encoding), name="doc.txt")
    assert source.text == normalize(original)
    if expected:
        assert source.encoding == expected
    else:
        assert source.encoding in ("cp1252", "latin_1", "iso8859_1", "iso8859_15", "cp1250")


def test_normalization_spaces_invisibles_and_nfc() -> None:
    raw = "Titre\r\n\r\nLe\u00a0ministre a dit\u202f: «\u00a0oui\u00a0».\u200b Fin\u00ad de\tla ligne.  \rDeuxième\n\n\n"
    decomposed = unicodedata.normalize("NFD", "Sécurité") + " renforcée."
    text = normalize(raw + decomposed)
    assert text == "Titre\nLe ministre a dit : « oui ». Fin de la ligne.\nDeuxième\nSécurité renforcée."
    assert unicodedata.is_normalized("NFC", text)


def test_fold_keeps_length_and_offsets() -> None:
    text = "l’immigration d‘un ʼcas´ `x`"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "l'immigration d'un 'cas' 'x'"


def test_hard_wrapped_text_is_joined_into_paragraphs() -> None:
    source = read_path(FIXTURES / "en_wrapped.txt")
    paragraphs = source.text.split("\n")
    assert paragraphs[0] == "Police chiefs meet in Geneva"
    assert paragraphs[1].startswith("The heads of the national police forces of Switzerland and France met")
    assert paragraphs[2].endswith("along the Rhone valley. The group will report in the coming months.")
    assert len(paragraphs) == 3


def test_title_line_is_not_joined_to_the_body(seed_text: str) -> None:
    first, second = read_pasted(seed_text).text.split("\n")[:2]
    assert first.endswith("Jeux olympiques de Paris")
    assert second.startswith("Le directeur général")


def test_html_drops_scripts_and_keeps_paragraphs() -> None:
    page = b"""<!doctype html><html><head><title>Page title</title><style>p{color:red}</style>
    <script>alert('x')</script></head><body><nav>Home | News</nav>
    <article><h1>Rencontre &agrave; Rabat</h1><p>Le directeur a re&ccedil;u
    son homologue.<br>Ils ont parl&eacute; de s&eacute;curit&eacute;.</p>
    <p>Une <b>visite</b> est pr&eacute;vue.</p><!-- comment --></article>
    <footer>Copyright</footer><script>document.write('y')</script></body></html>"""
    source = read_bytes(page, name="page.html")
    assert source.text == (
        "Rencontre à Rabat\nLe directeur a reçu son homologue.\nIls ont parlé de sécurité.\n"
        "Une visite est prévue."
    )
    assert source.title_hint == "Rencontre à Rabat"
    assert source.format == "html"


def test_html_without_article_uses_body_and_page_title() -> None:
    source = read_bytes(b"<html><head><title>T</title></head><body><div>Un texte.</div></body></html>", name="a.htm")
    assert (source.text, source.title_hint) == ("Un texte.", "T")


def test_markdown_syntax_is_removed() -> None:
    markdown = (
        "# Réunion à **Rabat**\n\nLe directeur a reçu [son homologue](https://example.org)\n"
        "mardi, selon le *communiqué*.\n\n- Premier point.\n- Second point.\n"
    )
    source = read_bytes(markdown.encode(), name="note.md")
    assert source.text == (
        "Réunion à Rabat\nLe directeur a reçu son homologue mardi, selon le communiqué.\n"
        "Premier point.\nSecond point."
    )


def test_pdf_text_layer_is_extracted_and_dehyphenated() -> None:
    data = make_pdf(["Rencontre a Rabat", "Le directeur a recu M. Dupont. Ils ont parle de secu-", "rite et de cooperation."])
    source = read_bytes(data, name="c.pdf")
    assert source.format == "pdf"
    assert source.text == "Rencontre a Rabat\nLe directeur a recu M. Dupont. Ils ont parle de securite et de cooperation."


def test_docx_paragraphs_tables_and_title() -> None:
    data = make_docx(
        ["Rencontre à Rabat", "Le directeur a reçu son homologue.", ""],
        title="Communiqué DGSN",
        table=[["Date", "Lieu"], ["12 décembre", "Rabat"]],
    )
    source = read_bytes(data, name="c.docx")
    assert source.text == "Rencontre à Rabat\nLe directeur a reçu son homologue.\nDate | Lieu\n12 décembre | Rabat"
    assert source.title_hint == "Communiqué DGSN"


def _zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word file")
    return buffer.getvalue()


BAD_INPUTS = [
    # (case, file name, bytes, error class, words the message must contain)
    ("empty file", "a.txt", b"", errors.EmptyInputError, "empty"),
    ("whitespace only", "a.txt", b" \n\t\r\n  \xc2\xa0 ", errors.EmptyInputError, "empty"),
    ("binary junk", "a.txt", random.Random(7).randbytes(4000), errors.BinaryInputError, "binary"),
    ("image named .txt", "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, errors.BinaryInputError, "binary"),
    ("no letters", "a.txt", b"12 345 -- 2023/12/12 !!! ***", errors.NoLettersError, "no letters"),
    ("PDF without text layer", "scan.pdf", make_pdf(None), errors.NoTextLayerError, "OCR"),
    ("damaged PDF", "broken.pdf", b"%PDF-1.4\n1 0 obj garbage", errors.CorruptDocumentError, "PDF"),
    ("corrupt docx", "broken.docx", b"PK\x03\x04 this is not really a zip" * 10, errors.CorruptDocumentError, ".docx"),
    ("zip that is not Word", "archive.docx", _zip_without_document(), errors.CorruptDocumentError, ".docx"),
    ("unsupported extension", "program.exe", b"MZ\x90\x00", errors.UnsupportedFormatError, ".exe"),
    ("old Word format", "memo.doc", b"\xd0\xcf\x11\xe0", errors.UnsupportedFormatError, ".docx"),
    ("over the size limit", "big.txt", b"a" * (errors.MAX_BYTES + 1), errors.TooLargeError, "limit is 10 MB"),
]


@pytest.mark.parametrize(("case", "name", "data", "error", "words"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_gets_one_clear_message(case: str, name: str, data: bytes, error: type, words: str) -> None:
    with pytest.raises(error) as caught:
        read_bytes(data, name=name)
    message = str(caught.value)
    assert words in message
    assert "\n" not in message and len(message) < 200
    assert isinstance(caught.value, errors.LensError)


@pytest.mark.parametrize("text", ["", "   \n\n ", "\u00a0\u200b", "123 456", "— … ! ?"])
def test_bad_pasted_text(text: str) -> None:
    with pytest.raises((errors.EmptyInputError, errors.NoLettersError)):
        read_pasted(text)


def test_size_limit_is_checked_before_reading(tmp_path) -> None:  # noqa: ANN001
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(errors.MAX_BYTES + 1)  # sparse: the check must not read it
    with pytest.raises(errors.TooLargeError):
        read_path(big)
    assert os.path.getsize(big) == errors.MAX_BYTES + 1


def test_pasted_text_over_the_limit() -> None:
    with pytest.raises(errors.TooLargeError):
        read_pasted("é" * (errors.MAX_BYTES // 2 + 1))


# --- bounded input (issue 10) ----------------------------------------------------------------


def test_docx_that_unpacks_past_the_limit_is_refused_before_unpacking() -> None:
    from bench.attacks import docx_bomb

    data = docx_bomb(700_000)  # ~70 MB of XML in under 1 MB
    assert len(data) < errors.MAX_BYTES
    with pytest.raises(errors.UnpackedTooLargeError, match="unpacks to"):
        read_bytes(data, name="bomb.docx")


def test_docx_text_past_the_limit_is_refused_while_reading() -> None:
    from bench.attacks import docx_bomb

    with pytest.raises(errors.TooLargeError):
        read_bytes(docx_bomb(200_000), name="bomb.docx")  # under the unpacked limit, 50 MB of text


def test_pdf_with_too_many_pages_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("lib.ingest.MAX_PDF_PAGES", 0)
    with pytest.raises(errors.TooManyPagesError, match="pages"):
        read_bytes(make_pdf(["Une page de texte."]), name="long.pdf")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_arabic_in_utf16_without_bom(encoding: str) -> None:
    text = "أعلنت المديرية العامة للأمن الوطني، يوم الخميس 20 نوفمبر 2025، عن اجتماع في الرباط."
    source = read_bytes(text.encode(encoding), name="ar.txt")
    assert (source.text, source.encoding) == (text, encoding)


def test_a_stray_nul_byte_does_not_make_text_binary(seed_text: str) -> None:
    data = seed_text[:200].encode("utf-8") + b"\x00" + seed_text[200:].encode("utf-8")
    source = read_bytes(data, name="seed.txt")
    assert (source.text, source.encoding) == (read_bytes(seed_text.encode(), name="seed.txt").text, "utf-8")


def test_deeply_nested_html_is_read() -> None:
    depth = 50_000
    html = "<html><body>" + "<div>" * depth + "<p>Le ministre a reçu son homologue.</p>" + "</div>" * depth
    assert read_bytes(html.encode(), name="deep.html").text == "Le ministre a reçu son homologue."


@pytest.mark.parametrize(
    ("name", "make", "words"),
    [
        ("folder", lambda p: p.mkdir(), "a folder"),
        ("pipe", lambda p: os.mkfifo(p), "not a regular file"),
        ("link-to-folder", lambda p: p.symlink_to(p.parent), "a folder"),
        ("missing.txt", lambda p: None, "no such file"),
    ],
)
def test_only_regular_files_are_read(tmp_path, name: str, make, words: str) -> None:  # noqa: ANN001
    path = tmp_path / name
    make(path)
    with pytest.raises(errors.NotAFileError, match=words):
        read_path(path)  # a pipe would block forever if it were opened


def test_devices_are_refused_and_streams_are_read_in_bounded_chunks() -> None:
    with pytest.raises(errors.NotAFileError, match="device"):
        read_path("/dev/zero")
    with open("/dev/zero", "rb") as endless, pytest.raises(errors.TooLargeError):
        read_bounded(endless)


def test_a_newline_in_a_file_name_cannot_forge_a_second_line() -> None:
    with pytest.raises(errors.BinaryInputError) as caught:
        read_bytes(random.Random(7).randbytes(4000), name="report\nerror: forged.txt")
    assert "\n" not in str(caught.value) and "report\\nerror: forged.txt" in str(caught.value)


def test_sizes_are_shown_in_the_unit_of_the_limit() -> None:
    assert "11.0 MB" in str(errors.TooLargeError(11 * errors.MB))
    assert "more than 10 MB" in str(errors.TooLargeError(errors.MAX_BYTES + 1))


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("# Titre ##\n\nLe **directeur** a dit _ceci_.", "Titre\nLe directeur a dit ceci."),
        ("Voir [le lien](http://x.y/(a)) et ![photo](p.png).", "Voir le lien et photo."),
        ("- un\n- deux\n\n---\n> cité", "un\ndeux\ncité"),
        ("[[[[ **a **a _b _b" + " " * 500 + "fin", "[[[[ **a **a _b _b fin"),
    ],
)
def test_markdown_rules(markdown: str, expected: str) -> None:
    assert read_bytes(markdown.encode(), name="doc.md").text == expected


@pytest.mark.parametrize("text", ["وزير الداخلية، مازن الفراية، بالرباط", "Communiqué de la Sûreté nationale à Rabat — été"])
def test_utf8_cut_inside_its_last_character_keeps_the_text(text: str) -> None:
    data = text.encode("utf-8")
    cut = data[:-1]  # the last character is two or three bytes: one is missing
    decoded, encoding = decode(cut, name="cut.txt")
    assert encoding == "utf-8" and decoded == text[:-1]
