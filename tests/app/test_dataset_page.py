"""The dashboard frame and the Dataset page, rendered with Streamlit's AppTest."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from analysis import ingest, store

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


@pytest.fixture
def small_db(tmp_path):
    log = tmp_path / "log.jsonl"
    rows = [
        {
            "request_id": f"r{i}",
            "timestamp": f"2026-10-0{1 + i % 3}T10:00:00Z",
            "account_id": f"acct{i % 4}",
            "prompt": "![x](http://198.51.100.7/beacon) <script>alert(1)</script>",
            "model": "atlas-3" if i % 2 else "<b>atlas-4</b>",
        }
        for i in range(12)
    ]
    lines = [json.dumps(r) for r in rows] + ['{"request_id": "broken"']
    log.write_text("\n".join(lines) + "\n")
    rel = tmp_path / "releases.csv"
    rel.write_text("model,released_at\n<b>atlas-4</b>,2026-10-02T00:00:00Z\n")
    db = tmp_path / "db.duckdb"
    con = store.connect(db)
    ingest.load_releases(con, rel)
    ingest.ingest_paths(con, [str(log)])
    con.close()
    return db


def run_app(db, monkeypatch) -> AppTest:
    monkeypatch.setenv("DW_DB", str(db))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    return at.switch_page("pages/dataset.py").run()


def test_dataset_page_shows_counts(small_db, monkeypatch):
    at = run_app(small_db, monkeypatch)
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Requests"] == "12"
    assert metrics["Accounts"] == "4"
    assert metrics["Quarantined rows"] == "1"
    assert (metrics["First day (UTC)"], metrics["Last day (UTC)"]) == ("2026-10-01", "2026-10-03")
    models = at.dataframe[0].value
    assert set(models["model"]) == {"atlas-3", "<b>atlas-4</b>"}
    assert at.dataframe[1].value["reason"].str.contains("not valid JSON").all()
    assert not at.markdown or all("<script>" not in m.value for m in at.markdown)


def test_missing_database_is_a_clear_message(tmp_path, monkeypatch):
    at = run_app(tmp_path / "nope.duckdb", monkeypatch)
    assert not at.exception
    assert any("No database at" in e.value for e in at.error)
