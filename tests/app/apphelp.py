"""Helpers of the dashboard tests: run the app on a page, find the top account."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from analysis import queries, store

ROOT = Path(__file__).resolve().parents[2]


def app(db, monkeypatch, page: str | None = None, **state) -> AppTest:
    """Run the app on db (session state preset), switch to page; no exception allowed."""
    monkeypatch.setenv("DW_DB", str(db))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def top_account(db) -> str:
    """The riskiest account of db."""
    con = store.connect(db)
    try:
        return queries.account_scores(con)["account_id"].iat[0]
    finally:
        con.close()
