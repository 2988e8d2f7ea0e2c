"""The default stages (UMAP, HDBSCAN, UMAP) on the planted log: they find the planted
campaigns (a quality check), the run records their parameters, and ids survive growth
and a refit. Slow: real fits (the rest of the campaign tests use small fake stages)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from helpers import PLANTED, CountingEmbedder, campaign_of_account, owned_share, planted_log, quiet

from analysis import config, ingest
from analysis.campaigns import HdbscanClusterer, UmapMapper, UmapReducer, run_campaigns, sql
from analysis.campaigns.stages import min_cluster_size
from analysis.evaluation.campaigns import quality_report

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("numba_cache")]


def test_planted_campaigns_are_found_and_stored(con):
    r = run_campaigns(con, CountingEmbedder(), log=quiet)  # the default stages
    assert r.mode == "fit" and r.prompts == 570 and r.campaigns >= 3
    ac = con.execute("SELECT account_id, campaign_id, share FROM account_campaigns").df()
    table = sql.campaigns_table(con).set_index("campaign_id")
    found = {}
    for acct in PLANTED:
        mine = ac[(ac.account_id == acct) & (ac.campaign_id >= 0)]
        # at least 90% of the campaign's requests are in clusters that are its alone
        own = mine[table.loc[mine.campaign_id, "accounts"].to_numpy() == 1]
        assert own.share.sum() >= 0.9, acct
        found[acct] = set(own.campaign_id)
    assert not (found["acct_cot"] & found["acct_grade"])
    assert not (found["acct_cot"] & found["acct_code"])
    assert not (found["acct_grade"] & found["acct_code"])
    grade = table.loc[sorted(found["acct_grade"])]
    assert (grade.top_account_share == 1.0).all() and (grade.hhi == 1.0).all()
    assert all({"score", "essay"} & set(k) for k in grade.keywords)
    reps = grade.representatives.iloc[0]
    assert len(reps) == config.CAMPAIGN_REPRESENTATIVES
    assert all(t.startswith("Score this essay") for t in reps)
    m = sql.prompt_map(con)
    assert len(m) == 570 and m[["x", "y"]].notna().all().all()
    # the quality report of the evaluation agrees
    truth = pd.DataFrame({"account_id": list(PLANTED), "role": "extraction",
                          "campaign_id": ["C1", "C2", "C3"], "network_id": ""})  # fmt: skip
    report = quality_report(sql.request_campaign_labels(con), truth).set_index("label")
    assert (report.loc[["C1", "C2", "C3"], "in_majority"] >= 0.9).all()
    assert report.loc["(benign)", "in_campaign_clusters"] <= 0.05
    # and the run recorded the parameters of the default stages it used
    params = json.loads(con.execute("SELECT params FROM campaign_runs").fetchall()[0][0])
    assert params["reducer"] == UmapReducer().params()
    assert params["mapper"] == UmapMapper().params()
    assert params["clusterer"] == HdbscanClusterer().params() | {
        "min_cluster_size": min_cluster_size(570)
    }


def test_grown_data_extends_then_refits_with_same_ids(con, tmp_path):
    emb = CountingEmbedder()
    run_campaigns(con, emb, log=quiet)
    before = campaign_of_account(con)
    more = planted_log(tmp_path / "b.jsonl", seed=1, per_campaign=30, benign=20, start=10_000)
    ingest.ingest_paths(con, [str(more)])
    r = run_campaigns(con, emb, log=quiet)
    assert r.mode == "extend" and 0 < r.new_prompts <= 110 and r.embedded == r.new_prompts
    assert campaign_of_account(con) == before
    assert owned_share(con, r.run_id) > 0.8
    r = run_campaigns(con, emb, refit=True, log=quiet)
    assert r.mode == "fit" and r.embedded == 0
    assert campaign_of_account(con) == before
