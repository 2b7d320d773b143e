"""What every page shares: the interface language and its words (lib.interface), chosen once per
session — from the link's ``lang=``, else the browser's preferred language, else English — and
switched in the sidebar."""

from __future__ import annotations

from typing import Any

import streamlit as st
from babel import Locale

from lib.interface import REFERENCE, Words, languages, pick_language

LANGUAGE_KEY = "lens_lang"


def words() -> Words:
    """The words of the session's interface language."""
    return Words(st.session_state.get(LANGUAGE_KEY) or REFERENCE)


def t(key: str, /, **params: Any) -> str:
    """One text of the interface, in the session's language."""
    return words()(key, **params)


def native_name(code: str) -> str:
    """A language's name in itself ("Français"), to find it whatever the interface speaks."""
    return Locale.parse(code).get_display_name(code).capitalize()


def choose_interface_language() -> Words:
    """Sidebar: the interface language. Its first value: the link's ``lang=`` (a bad one is
    ignored), else the browser's language (Streamlit's ``st.context.locale``)."""
    if LANGUAGE_KEY not in st.session_state:
        asked = st.query_params.get("lang")  # a bad value: the Communiqué page's link notices say so
        st.session_state[LANGUAGE_KEY] = pick_language(asked if asked in languages() else st.context.locale)
    else:
        st.session_state[LANGUAGE_KEY] = st.session_state[LANGUAGE_KEY]  # kept on pages that do not draw it
    st.sidebar.radio(
        t("interface.language"), languages(), key=LANGUAGE_KEY, format_func=native_name, horizontal=True,
        help=t("interface.language_help"),
    )
    return words()
