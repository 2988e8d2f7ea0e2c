"""Fixtures of the campaign tests: a database holding the planted log (three templated
campaigns, one account each, and benign chatter: 570 unique prompts)."""

from __future__ import annotations

import pytest
from helpers import planted_log

from analysis import ingest, store


@pytest.fixture
def con(tmp_path):
    """A connection to a new database with the planted log ingested."""
    con = store.connect(tmp_path / "c.duckdb")
    ingest.ingest_paths(con, [str(planted_log(tmp_path / "a.jsonl"))])
    yield con
    con.close()
