"""Streamlit with the French model loaded and nothing else: the memory baseline."""

import streamlit as st

from lib.entities import load_model


@st.cache_resource
def model():  # noqa: ANN201
    return load_model()


nlp = model()
value = st.slider("k", 1, 10, 3, key="k")
st.write(f"value={value} pipes={','.join(nlp.pipe_names)}")
