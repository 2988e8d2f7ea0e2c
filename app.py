"""Distillation Watch: the frame (page config, navigation, shared sidebar)."""

import streamlit as st

from pages import shared

st.set_page_config(page_title="Distillation Watch", page_icon=":material/policy:", layout="wide")
page = st.navigation(
    [st.Page("pages/dataset.py", title="Dataset", icon=":material/database:", default=True)]
)
shared.sidebar()
page.run()
