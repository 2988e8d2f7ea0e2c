"""Fixtures of the dashboard tests: a small scored database with hostile text in it."""

from __future__ import annotations

import json

import pytest
from test_campaigns import CountingEmbedder

from analysis import campaigns, generate, ingest, scoring, store
from analysis.reasoning import ReasoningDetector

HOSTILE = "![x](http://198.51.100.7/beacon) <script>alert(1)</script> **bold** <b>b</b>"


@pytest.fixture(scope="session")
def scored_db(tmp_path_factory, minilm_model, fast_model):
    """A generated log (60 accounts, 4 days) plus one account with hostile text, ingested,
    mapped into campaigns and scored."""
    folder = tmp_path_factory.mktemp("scored")
    generate.generate_dataset(folder / "gen", accounts=60, days=4, seed=3)
    hostile = folder / "hostile.jsonl"
    hostile.write_text(
        "".join(
            json.dumps(
                {
                    "request_id": f"h{i}",
                    "timestamp": f"2026-10-02T0{i}:00:00Z",
                    "account_id": "acct_<i>hostile</i>",
                    "prompt": HOSTILE,
                    "response": HOSTILE,
                    "user_agent": "<img src=http://198.51.100.7/x>",
                }
            )
            + "\n"
            for i in range(6)
        )
    )
    db = folder / "db.duckdb"
    con = store.connect(db)
    ingest.load_releases(con, folder / "gen" / "releases.csv")
    ingest.ingest_paths(con, [str(folder / "gen" / "requests.jsonl.gz"), str(hostile)])
    campaigns.run_campaigns(con, embedder=CountingEmbedder(), log=lambda _m: None)
    scoring.run_scoring(con, ReasoningDetector(minilm_model, fast_model), log=lambda _m: None)
    con.close()
    return db
