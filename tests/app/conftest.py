"""Fixtures of the dashboard tests: a small scored database with hostile text in it."""

from __future__ import annotations

import json
import shutil

import pytest
from hostile import HOSTILE_STRINGS
from test_campaigns import CountingEmbedder

from analysis import campaigns, generate, ingest, scoring, store
from analysis.reasoning import ReasoningDetector


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
                    "timestamp": f"2026-10-02T{i:02d}:00:00Z",
                    "account_id": "acct_<i>hostile</i>",
                    "prompt": HOSTILE_STRINGS[i % len(HOSTILE_STRINGS)],
                    "response": HOSTILE_STRINGS[(i + 1) % len(HOSTILE_STRINGS)],
                    "user_agent": "<img src=http://198.51.100.7/x>",
                }
            )
            + "\n"
            for i in range(len(HOSTILE_STRINGS))
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


@pytest.fixture
def db(scored_db, tmp_path):
    """A fresh copy of the scored database per test, so writes do not leak between tests."""
    target = tmp_path / "db.duckdb"
    shutil.copyfile(scored_db, target)
    return target
