"""Distillation Watch: the frame (page config, navigation, shared sidebar).

No Material icons: Streamlit fetches them from a font server, and the dashboard must work
offline and load nothing from outside (attacker text must not be able to either)."""

import streamlit as st

from ui import sidebar

st.set_page_config(page_title="Distillation Watch", page_icon="🔎", layout="wide")
page = st.navigation(
    [
        st.Page("pages/overview.py", title="Overview", default=True),
        st.Page("pages/triage.py", title="Triage queue"),
        st.Page("pages/account.py", title="Account"),
        st.Page("pages/campaign_map.py", title="Campaign map"),
        st.Page("pages/network.py", title="Network"),
        st.Page("pages/labels.py", title="Labels"),
        st.Page("pages/dataset.py", title="Dataset"),
    ]
)
sidebar.sidebar()
page.run()
