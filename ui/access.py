"""Who may do what, and what may be shown: roles, demo mode, pseudonyms (not a page)."""

from __future__ import annotations

import streamlit as st

from analysis import dashboard

# What each action needs (the page hides what the role cannot do, and the action itself
# refuses it, so a viewer cannot write even by calling the action).
PERMISSIONS = {
    "label": ("analyst", "admin"),
    "claim": ("analyst", "admin"),
    "export": ("analyst", "admin"),
    "analyse": ("admin",),
}


def role() -> str:
    """The user's role: from the [roles] table of secrets (email = role) with OIDC login
    (viewer when not listed), else $DW_ROLE; an unknown name is a viewer."""
    if st.user.get("is_logged_in"):
        try:
            mapping = dict(st.secrets.get("roles", {}))
        except Exception:
            mapping = {}
        name = mapping.get(str(st.user.get("email") or ""), "viewer")
    else:
        name = dashboard.LOCAL_ROLE
    return name if name in dashboard.ROLES else "viewer"


def can(action: str) -> bool:
    """True when the user's role may do action (see PERMISSIONS)."""
    return role() in PERMISSIONS[action]


def require(action: str) -> None:
    """Raise PermissionError unless the user's role may do action."""
    if not can(action):
        raise PermissionError(f"the {role()} role cannot {action}")


def demo() -> bool:
    """True in demo mode ($DW_DEMO=1 forces it; the sidebar can switch it on)."""
    return dashboard.DEMO_MODE or bool(st.session_state.get("demo"))


def present(df):
    """The DataFrame as it may be shown: pseudonymised and masked in demo mode."""
    return dashboard.redact.frame(df, dashboard.DEMO_KEY) if demo() else df


def shown_account(account: str) -> str:
    """An account id as it may be shown."""
    return dashboard.redact.pseudonym(account, dashboard.DEMO_KEY) if demo() else account


def shown_text(text: str) -> str:
    """Log text as it may be shown outside a table (a widget option): masked in demo mode.
    Show it only where Streamlit renders plain text (options, dataframe cells, st.text)."""
    return dashboard.redact.mask(text) if demo() else text
