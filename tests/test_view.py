"""Links: parameters are strings, parsed and validated; bad ones are named, never raised."""

from __future__ import annotations

import datetime as dt

import pytest

import base64
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from lib.errors import MAX_BYTES
from lib.view import LINK_TEXT_LIMIT, NO_DATE, View, decode_text, encode_text, link, parse_view, view_params

IDS = {"dgsn-2023-12-12-hammouchi-veaux"}


def test_a_full_link_round_trips() -> None:
    view = View(doc="dgsn-2023-12-12-hammouchi-veaux", published=dt.date(2023, 12, 12), summary_k=2, threshold=1.5, section="topics")
    parsed, notices = parse_view(view_params(view), catalog_ids=IDS)
    assert (parsed, notices) == (view, ())
    assert link("http://localhost:8501/", view) == (
        "http://localhost:8501/?doc=dgsn-2023-12-12-hammouchi-veaux&published=2023-12-12&k=2&threshold=1.5&section=topics")


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"doc": "nope"}, "doc='nope' is not in the catalog"),
        ({"published": "12/12/2023"}, "published='12/12/2023' is not a date"),
        ({"published": "2023-02-30"}, "published='2023-02-30' is not a date"),
        ({"k": "abc"}, "k='abc' is not a number"),
        ({"k": "0"}, "k='0' is not a number"),
        ({"threshold": "-1"}, "threshold='-1' is not a topic weight"),
        ({"threshold": "nan"}, "threshold='nan' is not a topic weight"),
        ({"section": "map"}, "section='map' is not one of"),
        ({"utm_source": "x"}, "utm_source= is not a setting"),
        ({"published": "9999-12-31"}, "published='9999-12-31' is not a date from 1900-01-01 to 2100-12-31"),
        ({"published": "0001-01-01"}, "published='0001-01-01' is not a date"),
        ({"published": "2101-01-01"}, "published='2101-01-01' is not a date"),
        ({"published": "1899-12-31"}, "published='1899-12-31' is not a date"),
        ({"k": "²"}, "k='²' is not a number"),
        ({"k": "9" * 5000}, "k='" + "9" * 40 + "…' is not a number"),
        ({"threshold": "1" * 5000}, "threshold='" + "1" * 40 + "…' is not a topic weight"),
        ({"section": "a\nb"}, "section='a\\nb' is not one of"),
    ],
)
def test_bad_values_are_ignored_with_a_notice(params: dict[str, str], notice: str) -> None:
    view, notices = parse_view(params, catalog_ids=IDS)
    assert view == View()
    assert len(notices) == 1 and str(notices[0]).startswith(notice)


def test_no_date_and_repeated_parameters() -> None:
    view, notices = parse_view({"published": NO_DATE, "k": ["1", "4"]}, catalog_ids=IDS)
    assert (view.no_date, view.published, view.summary_k, notices) == (True, None, 4, ())
    assert view_params(view) == {"published": "none", "k": "4"}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=3000))
def test_a_text_round_trips_through_a_link(text: str) -> None:
    encoded = encode_text(text)
    assert encoded is not None and len(encoded) <= LINK_TEXT_LIMIT
    assert decode_text(encoded) == text
    view = View(text=text or None, title="Mon titre" if text else None, lang="fr")
    assert parse_view(view_params(view), catalog_ids=IDS) == (view, ())


def test_a_long_text_does_not_fit_and_a_forged_one_is_refused() -> None:
    prose = " ".join(f"Phrase {n} sur la coopération {n * 7919 % 1000} entre polices." for n in range(4000))
    assert encode_text(prose) is None and "text" not in view_params(View(text=prose))
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(b"a" * (MAX_BYTES + 10)) + packer.flush()
    bomb = base64.urlsafe_b64encode(packed).rstrip(b"=").decode()
    assert len(bomb) > LINK_TEXT_LIMIT  # deflate packs at most ~1000:1, so no link unpacks past the size limit
    cut = encode_text("Le ministre a reçu son homologue. " * 40)[:-6]
    forged = base64.urlsafe_b64encode(b"\x00" * 30).decode().rstrip("=")
    for value in (bomb, cut, forged, "not base64!", base64.urlsafe_b64encode(b"\xff\xfe").decode().rstrip("=")):
        view, notices = parse_view({"text": value}, catalog_ids=IDS)
        assert view.text is None and [str(n) for n in notices] == [
            "text= is not a text encoded by this dashboard (cut, or changed by hand)"]
    view, notices = parse_view({"text": encode_text("Titre\n\nTexte."), "title": "x" * 301}, catalog_ids=IDS)
    assert view.text == "Titre\n\nTexte." and view.title is None and [str(n) for n in notices] == [
        "title= is longer than 300 characters"]
