"""The recipe run on a small log: stored tables, names, boilerplate, stable ids."""

from __future__ import annotations

import json
import random

import pytest
from helpers import PAYLOAD_WORDS, quiet, random_payload

from analysis import ingest, store
from analysis.recipes import run_recipes
from analysis.recipes import sql as recipe_sql

WORDS = PAYLOAD_WORDS
COT = "Work through this slowly, writing out every intermediate step of your reasoning:"
JUDGE = "Act as an impartial judge of answer quality and reply in JSON with a score."
BOILER = "You are a helpful assistant who always answers politely."


payload = random_payload


def write_log(path, seed=0, extra=0):
    r = random.Random(seed)
    rows = []
    for a in range(30):  # 30 ordinary accounts: free-form questions, a shared boilerplate
        for _ in range(6):
            rows.append({"account_id": f"u{a}", "prompt": payload(r), "system_prompt": BOILER})
    for a in range(4):  # a harvest: one instruction around changing payloads
        for _ in range(40 + extra):
            rows.append({"account_id": f"h{a}", "prompt": f"{COT} {payload(r)}"})
    for _ in range(30):
        rows.append({
            "account_id": "j0", "prompt": f"{JUDGE}\nQ: {payload(r)}\nA: {payload(r)}",
            "response": '{"score": 7}',
        })  # fmt: skip
    with open(path, "w") as fh:
        for i, row in enumerate(rows):
            row |= {"request_id": f"q{seed}-{i}", "timestamp": f"2026-10-01T{i % 24:02d}:00:00Z"}
            fh.write(json.dumps(row) + "\n")


@pytest.fixture
def con(tmp_path):
    path = tmp_path / "a.jsonl"
    write_log(path)
    con = store.connect(tmp_path / "r.duckdb")
    ingest.ingest_paths(con, [str(path)])
    yield con
    con.close()


def test_recipes_are_stored_named_and_assigned(con):
    res = run_recipes(con, log=quiet)
    recipes = recipe_sql.recipes(con).set_index("label")
    cot = [lbl for lbl in recipes.index if lbl.startswith("work through this slowly")]
    judge = [lbl for lbl in recipes.index if lbl.startswith("act as an impartial judge")]
    assert len(cot) == 1 and len(judge) == 1
    assert recipes.loc[cot[0], "accounts"] == 4 and recipes.loc[cot[0], "requests"] == 160
    assert recipes.loc[judge[0], "json_share"] == 1.0
    assert "reasoning" in json.loads(recipes.loc[cot[0], "keywords"])
    # the boilerplate system prompt, sent by most accounts, is nobody's frame
    assert not any("helpful assistant" in lbl for lbl in recipes.index)
    per_request = con.execute(
        """SELECT q.account_id, rr.recipe_id FROM requests AS q
           LEFT JOIN request_recipes AS rr USING (request_id)"""
    ).df()
    framed = per_request.dropna()
    assert set(framed["account_id"].str[0]) == {"h", "j"}
    assert res.framed_requests == len(framed) == 190


def test_ids_stay_when_the_log_grows_and_a_rerun_replaces_tables(con, tmp_path):
    first = run_recipes(con, log=quiet).recipes.set_index("label")["recipe_id"]
    path = tmp_path / "b.jsonl"
    write_log(path, seed=1, extra=20)
    ingest.ingest_paths(con, [str(path)])
    second = run_recipes(con, log=quiet).recipes.set_index("label")["recipe_id"]
    for label in first.index:
        assert second[label] == first[label]
    runs = con.execute("SELECT run_id, framed_requests FROM recipe_runs ORDER BY 1").fetchall()
    assert [r[0] for r in runs] == [1, 2] and runs[1][1] > runs[0][1]
    stored = con.execute("SELECT count(*), count(DISTINCT request_id) FROM request_recipes")
    assert len(set(stored.fetchall()[0])) == 1  # one row per request, none left from run 1


def test_empty_database_is_a_clear_error(tmp_path):
    con = store.connect(tmp_path / "e.duckdb")
    with pytest.raises(ValueError, match="no requests"):
        run_recipes(con, log=quiet)
    assert not recipe_sql.has_recipes(con)
