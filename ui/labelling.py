"""Labelling and claiming from the pages: the form, and the write actions (which check
the role themselves). Not a page."""

from __future__ import annotations

import streamlit as st

from analysis import labels
from ui import access
from ui.shared import analyst, connection, cursor


def current_events(db: str, accounts: list[str]) -> dict[str, int | None]:
    """The label event id each account has now (None when unlabelled)."""
    now = labels.current_label_events(cursor(db), list(accounts))
    return {a: now[a][0] if a in now else None for a in accounts}


def write_labels(db: str, accounts: list[str], label: str, reason: str, expected) -> list[int]:
    """Write label events for the user (refused for roles that cannot label)."""
    access.require("label")
    return labels.add_labels(connection(db), accounts, label, reason, analyst(), expected)


def claim(db: str, accounts: list[str]) -> list[str]:
    """Claim accounts for the user; return those someone else holds."""
    access.require("claim")
    return labels.claim(connection(db), accounts, analyst())


def release(db: str, accounts: list[str]) -> int:
    """Release the user's claims on accounts; return how many."""
    access.require("claim")
    return labels.release(connection(db), accounts, analyst())


def label_form(db: str, accounts: list[str], key: str) -> None:
    """A form labelling the given accounts (not shown to roles that cannot label). The
    labels the analyst saw when the page was drawn are kept; a label that changed since
    is refused with a message."""
    if not access.can("label"):
        return
    seen_key = f"{key}_seen"
    previous = st.session_state.get(seen_key)
    shown = current_events(db, accounts)
    st.session_state[seen_key] = shown
    with st.form(key, clear_on_submit=False):
        cols = st.columns([1, 3, 1])
        label = cols[0].selectbox("Label", labels.LABELS, key=f"{key}_label")
        reason = cols[1].text_input(
            "Reason (required for extraction and legitimate_research)", key=f"{key}_reason"
        )
        submitted = cols[2].form_submit_button(
            f"Label {len(accounts)} account{'s' if len(accounts) != 1 else ''}",
            disabled=not accounts,
        )
    if submitted:
        expected = previous if previous is not None and set(previous) == set(accounts) else shown
        try:
            ids = write_labels(db, accounts, label, reason, expected)
        except (labels.LabelError, PermissionError) as exc:
            st.error(str(exc))
        else:
            st.session_state["flash"] = f"Labelled {len(ids)} account(s) {label}."
            st.rerun()
