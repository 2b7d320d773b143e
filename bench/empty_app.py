"""The empty Streamlit app the dashboard is measured against: one slider and its value."""

import streamlit as st

value = st.slider("k", 1, 10, 3, key="k")
st.write(f"value={value}")
