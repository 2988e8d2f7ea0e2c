"""Shared state of the dashboard: the database connection, the sidebar, who is working,
navigation between pages (labelling is in labelling.py, roles in access.py)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import streamlit as st

from analysis import dashboard
from ui import access

TTL, ENTRIES = 300, 64  # cached query results: seconds to live, entries kept


@st.cache_resource(max_entries=4)
def connection(path: str) -> duckdb.DuckDBPyConnection:
    """One connection per database per process (labels are written through it); every
    query takes its own cursor, because sessions run on their own threads."""
    return dashboard.open_database(path)


def cursor(path: str) -> duckdb.DuckDBPyConnection:
    """A cursor of the process's connection to the database (safe per session thread)."""
    return connection(path).cursor()


def analyst() -> str:
    """Who is working: the signed-in user's email with OIDC login, else the sidebar name."""
    if st.user.get("is_logged_in"):
        return str(st.user.get("email") or st.user.get("name") or "")
    return str(st.session_state.get("analyst") or "").strip()


@st.cache_data(ttl=TTL, max_entries=8)
def _pseudonyms(db: str, version: tuple, key: str) -> dict[str, str]:
    return {dashboard.redact.pseudonym(a, key): a for a in dashboard.account_ids(cursor(db))}


def real_account(db: str, typed: str) -> str:
    """The account id behind what the user typed (a pseudonym in demo mode)."""
    if not access.demo() or not typed:
        return typed
    return _pseudonyms(db, version(db), dashboard.DEMO_KEY).get(typed, "")


def database() -> str | None:
    """The chosen database path, or None (with an error shown) when it cannot be used.
    Every page calls it first, so it also shows the message a write left (flash)."""
    flash()
    path = Path(st.session_state.get("db_path") or dashboard.default_db())
    if not path.exists():
        st.error(
            f"No database at {path}. Build the sample with `make run` (or "
            "`python -m analysis build-sample`), or ingest logs with "
            "`python -m analysis ingest PATH --db FILE`."
        )
        return None
    try:
        connection(str(path))
    except dashboard.DatabaseError as exc:
        st.error(str(exc))
        return None
    return str(path)


def version(db: str) -> tuple:
    """The data version: cached loaders take it so they refresh after any write."""
    return dashboard.data_version(cursor(db))


def has_scores(db: str) -> bool:
    """True when the database has been scored; otherwise says how to score it."""
    if version(db)[2]:  # the latest score run
        return True
    st.info(
        "This database has no scores yet. Run `python -m analysis campaigns --db FILE` and "
        "`python -m analysis score --db FILE`, or use Analyse on the Dataset page."
    )
    return False


def picked(df, key: str, column: str, hide: tuple[str, ...] = ()):
    """Show df as a table with single-row selection (without the columns in hide); return
    column of the picked row."""
    event = st.dataframe(
        access.present(df), hide_index=True, width="stretch", on_select="rerun",
        selection_mode="single-row", key=key,
        column_order=[c for c in df.columns if c not in hide] if hide else None,
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


def flash() -> None:
    """Show (once) the message a write left before the page reran."""
    message = st.session_state.pop("flash", None)
    if message:
        st.success(message)
