"""The shared sidebar: which database, demo mode, role, who is working. Not a page."""

from __future__ import annotations

import getpass

import streamlit as st

from analysis import dashboard
from ui import access
from ui.shared import analyst


def _auth_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _kept_input(label: str, name: str, default: str, **kwargs) -> None:
    """A sidebar text input whose value survives page switches (widget state does not):
    the value lives under `name`, the widget under `name` + '_input'."""
    state = st.session_state
    if name not in state:
        state[name] = default
    state[name + "_input"] = state[name]

    def keep() -> None:
        state[name] = state[name + "_input"]

    st.text_input(label, key=name + "_input", on_change=keep, **kwargs)


# Our own constant style, never log text: hide the tables' CSV download (it would skip the
# formula neutralising and the role check of the Labels export).
_STYLE = "<style>button[aria-label='Download as CSV']{display:none !important;}</style>"


def sidebar() -> None:
    """The shared sidebar: which database, and who is working."""
    st.html(_STYLE)
    with st.sidebar:
        _kept_input(
            "Database", "db_path", str(dashboard.default_db()),
            help="A DuckDB file built by `python -m analysis ingest`; $DW_DB sets the default.",
        )  # fmt: skip
        if dashboard.DEMO_MODE:
            st.text("Demo mode: ids pseudonymised, personal data masked")
        else:
            st.toggle("Demo mode", key="demo", help="Pseudonymise account ids and mask IPs, "
                      "emails, phone numbers and keys on every page and in exports.")  # fmt: skip
        st.text(f"Role: {access.role()}")
        if st.user.get("is_logged_in"):
            st.text(f"Signed in as {analyst()}")
            if st.button("Log out"):
                st.logout()
        elif _auth_configured():
            if st.button("Log in"):
                st.login()
        else:
            _kept_input("Analyst", "analyst", getpass.getuser())
