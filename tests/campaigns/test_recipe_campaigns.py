"""Recipe-aware campaigns on a small log where two instruction frames each wrap payloads of
two topics: with recipes stored (analysis/recipes ran), a frame holds its prompts whatever
their topic and names its campaign; without them (or with the weight at 0) prompts cluster
by topic as before. Small deterministic stages: no reduction, the nearest of four centres
(the two frames, the two topics), the first two dimensions. Also: the frame cache, names,
topics, stable ids and extend across framings."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest
from helpers import CountingEmbedder, FirstDims, NearestCentre, quiet

from analysis import config, ingest, store
from analysis.campaigns import run_campaigns, sql
from analysis.recipes import run_recipes

FRAMES = {"cot": "Reason it through step by step:", "judge": "Grade this answer in strict JSON:"}
TOPICS = {
    "kitchen": "tomato basil oven garlic pasta flour butter simmer onion pepper saucepan dough "
    "lemon thyme roast bake whisk yeast ginger honey vinegar skillet broth cumin",
    "code": "python function compiler array pointer recursion integer loop variable module "
    "parser thread lambda closure tuple iterator generator bytecode linker heap stack mutex "
    "regex socket",
}
CHATTER = "weather rain sunny cloudy windy forecast umbrella storm snow humid breeze thunder"
PER_GROUP = 30  # prompts per (frame, topic)


def payload(r: random.Random, topic: str, k: int | None = None) -> str:
    words = TOPICS[topic].split()
    return " ".join(r.sample(words, k or len(words)))  # k words of the topic (all), shuffled


def framed_log(path, seed=0, per_group=PER_GROUP, chatter=40, start=0, words: int | None = None):
    """Accounts acct_cot and acct_judge send their frame around payloads of both topics
    (`words` words of the topic, all by default; every prompt unique); eight users chat
    about the weather (no frame)."""
    r = random.Random(seed)
    rows = [
        (f"acct_{f}", f"{frame} {payload(r, t, words)} ({t} {start + i})")
        for f, frame in FRAMES.items()
        for t in TOPICS
        for i in range(per_group)
    ]
    words = CHATTER.split()
    rows += [
        (f"user{i % 8}", f"{' '.join(r.sample(words, 5))}? ({start + i})") for i in range(chatter)
    ]
    with open(path, "w") as fh:
        for i, (account, prompt) in enumerate(rows):
            ts = f"2026-10-01T{(start + i) // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d}Z"
            fh.write(json.dumps({"request_id": f"f{start + i}", "timestamp": ts,
                                 "account_id": account, "prompt": prompt}) + "\n")  # fmt: skip
    return path


class Unreduced:
    """Reducer: the embeddings as they are."""

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        return np.asarray(X, np.float32)

    def params(self) -> dict:
        return {"kind": "unreduced"}


def frame_topic_stages() -> dict:
    """Stages whose clusters are the nearest of four centres: the two frames (labels 0, 1)
    and the two topics (2, 3, each the mean of many shuffled payloads). A prompt embedded
    alone is nearer its topic; frame-weighted, nearer its frame."""
    emb, r = CountingEmbedder(), random.Random(99)
    frames = emb(list(FRAMES.values()))
    topics = [emb([payload(r, t) for _ in range(100)]).mean(axis=0) for t in TOPICS]
    centres = np.vstack([frames, *topics])
    return {"reducer": Unreduced(), "clusterer": NearestCentre(centres, min_similarity=0.3),
            "mapper": FirstDims()}  # fmt: skip


@pytest.fixture
def con(tmp_path):
    con = store.connect(tmp_path / "f.duckdb")
    ingest.ingest_paths(con, [str(framed_log(tmp_path / "f.jsonl"))])
    yield con
    con.close()


def groups(con) -> dict[tuple[str, str], set[int]]:
    """(account, topic) -> the campaigns its prompts are in, for the two framed accounts."""
    rows = con.execute(
        f"""SELECT r.account_id, regexp_extract(r.prompt, '\\((\\w+) \\d+\\)', 1),
                   m.campaign_id
            FROM requests AS r JOIN prompt_map AS m ON m.prompt_hash = {store.PROMPT_HASH_SQL}
            WHERE r.account_id LIKE 'acct_%'"""
    ).fetchall()
    out: dict[tuple[str, str], set[int]] = {}
    for account, topic, campaign in rows:
        out.setdefault((account, topic), set()).add(campaign)
    return out


def names(con) -> dict[int, tuple]:
    rows = con.execute("SELECT campaign_id, name, recipe_id FROM campaigns").fetchall()
    return {c: (name, recipe) for c, name, recipe in rows}


def test_without_recipes_prompts_cluster_by_topic(con):
    r = run_campaigns(con, CountingEmbedder(), **frame_topic_stages(), log=quiet)
    g = groups(con)
    assert all(len(v) == 1 for v in g.values())  # each (frame, topic) in one campaign
    assert g["acct_cot", "kitchen"] == g["acct_judge", "kitchen"]  # together by topic
    assert g["acct_cot", "code"] == g["acct_judge", "code"]
    assert g["acct_cot", "kitchen"] != g["acct_cot", "code"]  # one frame split by topic
    assert r.campaigns == 2
    for name, recipe in names(con).values():  # named by keywords: no recipe to name them
        assert recipe is None and len(name.split(", ")) == config.CAMPAIGN_NAME_KEYWORDS
    params = json.loads(con.execute("SELECT params FROM campaign_runs").fetchall()[0][0])
    assert params["frame_weight"] is None
    assert sql.prompt_map(con)["recipe_id"].isna().all()  # no recipe stage ran


def test_with_recipes_a_frame_holds_its_prompts_whatever_their_topic(con):
    recipes = run_recipes(con, log=quiet).recipes.set_index("recipe_id")
    assert len(recipes) == 2  # one per frame
    emb = CountingEmbedder()
    r = run_campaigns(con, emb, **frame_topic_stages(), log=quiet)
    g = groups(con)
    assert all(len(v) == 1 for v in g.values())
    assert g["acct_cot", "kitchen"] == g["acct_cot", "code"]  # together by frame
    assert g["acct_judge", "kitchen"] == g["acct_judge", "code"]
    assert g["acct_cot", "kitchen"] != g["acct_judge", "kitchen"]
    assert r.campaigns == 2
    named = names(con)
    cot = next(iter(g["acct_cot", "kitchen"]))
    name, recipe = named[cot]
    assert name == recipes.loc[recipe, "label"] == "reason it through step by step"
    assert {recipe for _, recipe in named.values()} == set(recipes.index)
    share = con.execute("SELECT min(recipe_share) FROM campaigns").fetchall()[0][0]
    assert share == 1.0
    mapped = sql.prompt_map(con)
    assert mapped["recipe_id"].notna().sum() == 4 * PER_GROUP  # the framed prompts
    params = json.loads(con.execute("SELECT params FROM campaign_runs").fetchall()[0][0])
    assert params["frame_weight"] == config.CAMPAIGN_FRAME_WEIGHT
    # frame vectors are cached beside the prompts' under their own backend id
    cached = dict(con.execute(
        "SELECT backend, count(*) FROM prompt_embeddings GROUP BY 1").fetchall())  # fmt: skip
    assert cached == {emb.backend_id: len(mapped), f"{emb.backend_id}:frame": 2}
    before = emb.embedded
    again = run_campaigns(con, emb, **frame_topic_stages(), refit=True, log=quiet)
    assert again.embedded == 0 and emb.embedded == before  # prompts and frames from the cache
    assert groups(con) == g  # and the same campaigns, same ids


def test_a_weight_of_zero_turns_framing_off(con, monkeypatch):
    run_recipes(con, log=quiet)
    monkeypatch.setattr(config, "CAMPAIGN_FRAME_WEIGHT", 0.0)
    run_campaigns(con, CountingEmbedder(), **frame_topic_stages(), log=quiet)
    g = groups(con)
    assert g["acct_cot", "kitchen"] == g["acct_judge", "kitchen"] != g["acct_cot", "code"]
    assert sql.prompt_map(con)["recipe_id"].notna().sum() == 4 * PER_GROUP  # still recorded


def test_framing_changes_refit_and_carry_ids(con, tmp_path):
    emb = CountingEmbedder()
    run_campaigns(con, emb, **frame_topic_stages(), log=quiet)  # by topic
    by_topic = {c for v in groups(con).values() for c in v}
    run_recipes(con, log=quiet)
    r = run_campaigns(con, emb, **frame_topic_stages(), log=quiet)  # nothing new, but framed
    assert r.mode == "fit"  # the stored map was fitted without frames: fitted again
    g = groups(con)
    assert g["acct_cot", "kitchen"] == g["acct_cot", "code"]
    lineage = con.execute(
        "SELECT campaign_id, parent_id, relation FROM campaign_lineage WHERE run_id = ?",
        [r.run_id]).fetchall()  # fmt: skip
    # half of each topic campaign went to each frame campaign: the frame campaigns keep the
    # topic campaigns' ids (half of each is the old one) and record the other half as split
    assert {c for v in g.values() for c in v} == by_topic
    assert sorted(rel for _, _, rel in lineage) == ["kept", "kept", "split", "split"]
    # new framed prompts are placed on the framed map (extend) by their frame
    more = framed_log(tmp_path / "more.jsonl", seed=5, per_group=4, chatter=8, start=1_000)
    ingest.ingest_paths(con, [str(more)])
    run_recipes(con, log=quiet)
    r = run_campaigns(con, emb, **frame_topic_stages(), log=quiet)
    assert r.mode == "extend" and r.new_prompts == 16 + 8
    assert groups(con) == g  # every new framed prompt joined its frame's campaign
    new = sql.prompt_map(con).query("run_id == @r.run_id")
    assert new["topic"].notna().all()  # placed prompts get a topic too
    assert new["recipe_id"].notna().sum() == 16


def test_topics_group_prompts_by_their_text(con):
    run_recipes(con, log=quiet)
    run_campaigns(con, CountingEmbedder(), **frame_topic_stages(), log=quiet)
    mapped = sql.prompt_map(con)
    assert mapped["topic"].notna().all()
    topics = con.execute("SELECT topic, name, keywords FROM prompt_topics").df()
    assert set(mapped["topic"]) <= set(topics["topic"])
    assert all(n == ", ".join(k[: config.CAMPAIGN_NAME_KEYWORDS])
               for n, k in zip(topics["name"], topics["keywords"], strict=True))  # fmt: skip
    params = json.loads(con.execute("SELECT params FROM campaign_runs").fetchall()[0][0])
    assert params["topics"] == config.CAMPAIGN_TOPICS


@pytest.mark.slow  # the real stages (UMAP, HDBSCAN) and the fast model: about 10 s
@pytest.mark.usefixtures("numba_cache")
def test_real_stages_keep_each_frame_in_campaigns_of_its_own(tmp_path, fast_model):
    """With the fast model, UMAP and HDBSCAN a frame's prompts may still split by payload
    topic (two disjoint vocabularies here), but no campaign mixes two frames, and each is
    named after its recipe."""
    con = store.connect(tmp_path / "real.duckdb")
    ingest.ingest_paths(con, [str(framed_log(tmp_path / "r.jsonl", per_group=60, words=8))])
    recipes = run_recipes(con, log=quiet).recipes.set_index("recipe_id")["label"]
    r = run_campaigns(con, fast_model, log=quiet)  # the default stages
    assert r.campaigns >= 2
    rows = con.execute(
        f"""SELECT r.account_id, m.campaign_id, c.name
            FROM requests AS r JOIN prompt_map AS m ON m.prompt_hash = {store.PROMPT_HASH_SQL}
            LEFT JOIN campaigns AS c USING (campaign_id)
            WHERE r.account_id LIKE 'acct_%'"""
    ).df()
    assert (rows["campaign_id"] == -1).mean() <= 0.1
    found = rows[rows["campaign_id"] >= 0]
    assert (found.groupby("campaign_id")["account_id"].nunique() == 1).all()  # one frame each
    assert set(found["name"]) == set(recipes)  # named after it
    params = json.loads(con.execute("SELECT params FROM campaign_runs").fetchall()[0][0])
    assert params["clusterer"]["max_min_cluster_size"] == config.HDBSCAN_FRAMED_MIN_CLUSTER_SIZE
    con.close()
