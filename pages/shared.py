"""Shared state of the dashboard: the database connection, the sidebar, cached loaders."""

from __future__ import annotations

import getpass
from pathlib import Path

import duckdb
import streamlit as st

from analysis import config, store


@st.cache_resource(max_entries=4)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    """One read-only connection per database per process; queries take a cursor each."""
    return store.connect(path, read_only=True)


def cursor(path: str) -> duckdb.DuckDBPyConnection:
    """A cursor of the process's connection to the database (safe per session thread)."""
    return _connection(path).cursor()


def sidebar() -> None:
    """The shared sidebar: which database, and who is working."""
    with st.sidebar:
        st.text_input(
            "Database",
            value=str(config.default_db()),
            key="db_path",
            help="A DuckDB file built by `python -m analysis ingest`; $DW_DB sets the default.",
        )
        if "analyst" not in st.session_state:
            st.session_state["analyst"] = getpass.getuser()
        st.text_input("Analyst", key="analyst")


def database() -> str | None:
    """The chosen database path, or None (with an error shown) when it does not exist."""
    path = Path(st.session_state.get("db_path") or config.default_db())
    if not path.exists():
        st.error(
            f"No database at {path}. Build the sample with `make run` (or "
            "`python -m analysis build-sample`), or ingest logs with "
            "`python -m analysis ingest PATH --db FILE`."
        )
        return None
    return str(path)
