"""Shared state of the dashboard: the database connection, the sidebar, who is working,
navigation between pages, and the labelling form every page uses."""

from __future__ import annotations

import getpass
from pathlib import Path

import duckdb
import streamlit as st

from analysis import config, labels, queries, redact, store
from pages import access

TTL, ENTRIES = 300, 64  # cached query results: seconds to live, entries kept


@st.cache_resource(max_entries=4)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    """One connection per database per process (labels are written through it); every
    query takes its own cursor, because sessions run on their own threads."""
    return store.connect(path)


def cursor(path: str) -> duckdb.DuckDBPyConnection:
    """A cursor of the process's connection to the database (safe per session thread)."""
    return _connection(path).cursor()


def _auth_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def analyst() -> str:
    """Who is working: the signed-in user's email with OIDC login, else the sidebar name."""
    if st.user.get("is_logged_in"):
        return str(st.user.get("email") or st.user.get("name") or "")
    return str(st.session_state.get("analyst") or "").strip()


@st.cache_data(ttl=TTL, max_entries=8)
def _pseudonyms(db: str, version: tuple, key: str) -> dict[str, str]:
    return {redact.pseudonym(a, key): a for a in queries.account_ids(cursor(db))}


def real_account(db: str, typed: str) -> str:
    """The account id behind what the user typed (a pseudonym in demo mode)."""
    if not access.demo() or not typed:
        return typed
    return _pseudonyms(db, version(db), config.DEMO_KEY).get(typed, "")


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
            "Database", "db_path", str(config.default_db()),
            help="A DuckDB file built by `python -m analysis ingest`; $DW_DB sets the default.",
        )  # fmt: skip
        if config.DEMO_MODE:
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


def database() -> str | None:
    """The chosen database path, or None (with an error shown) when it cannot be used.
    Every page calls it first, so it also shows the message a write left (flash)."""
    flash()
    path = Path(st.session_state.get("db_path") or config.default_db())
    if not path.exists():
        st.error(
            f"No database at {path}. Build the sample with `make run` (or "
            "`python -m analysis build-sample`), or ingest logs with "
            "`python -m analysis ingest PATH --db FILE`."
        )
        return None
    try:
        _connection(str(path))
    except store.StoreError as exc:
        st.error(str(exc))
        return None
    return str(path)


def version(db: str) -> tuple:
    """The data version: cached loaders take it so they refresh after any write."""
    return queries.data_version(cursor(db))


def has_scores(db: str) -> bool:
    """True when the database has been scored; otherwise says how to score it."""
    if queries.overview_counts(cursor(db))["accounts"]:
        return True
    st.info(
        "This database has no scores yet. Run `python -m analysis campaigns --db FILE` and "
        "`python -m analysis score --db FILE`, or use Analyse on the Dataset page."
    )
    return False


def picked(df, key: str, column: str):
    """Show df as a table with single-row selection; return column of the picked row."""
    event = st.dataframe(
        access.present(df), hide_index=True, width="stretch", on_select="rerun",
        selection_mode="single-row", key=key,
    )  # fmt: skip
    rows = event.selection.rows
    return df[column].iat[rows[0]] if rows else None


def open_account(account: str) -> None:
    """Go to the Account page showing account."""
    st.session_state["account"] = account
    st.switch_page("pages/account.py")


def open_network(network: str) -> None:
    """Go to the Network page showing network."""
    st.session_state["network"] = network
    st.switch_page("pages/network.py")


def current_events(db: str, accounts: list[str]) -> dict[str, int | None]:
    """The label event id each account has now (None when unlabelled)."""
    now = queries.current_label_events(cursor(db), list(accounts))
    return {a: now[a][0] if a in now else None for a in accounts}


def flash() -> None:
    """Show (once) the message a write left before the page reran."""
    message = st.session_state.pop("flash", None)
    if message:
        st.success(message)


def write_labels(db: str, accounts: list[str], label: str, reason: str, expected) -> list[int]:
    """Write label events for the user (refused for roles that cannot label)."""
    access.require("label")
    return labels.add_labels(_connection(db), accounts, label, reason, analyst(), expected)


def claim(db: str, accounts: list[str]) -> list[str]:
    """Claim accounts for the user; return those someone else holds."""
    access.require("claim")
    return labels.claim(_connection(db), accounts, analyst())


def release(db: str, accounts: list[str]) -> int:
    """Release the user's claims on accounts; return how many."""
    access.require("claim")
    return labels.release(_connection(db), accounts, analyst())


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
