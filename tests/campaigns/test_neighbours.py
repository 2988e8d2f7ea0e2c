"""Placing prompts on a fitted map: the weighted vote and position of the nearest fitted
prompts, and the approximate index kept beside the database for later runs."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import (
    CountingEmbedder,
    campaign_of_account,
    owned_share,
    planted_log,
    quiet,
    template_stages,
)

from analysis import ingest
from analysis.campaigns import neighbours, run, run_campaigns
from analysis.campaigns.neighbours import NeighbourIndex, extend, index_path


def test_extend_votes_and_positions():
    ref = np.eye(3, dtype=np.float32)
    xy = np.array([[0, 0], [10, 10], [20, 20]], np.float32)
    labels = np.array([4, 4, -1])
    x = np.array([[1, 0.1, 0], [0, 0.1, 1]], np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    pos, lab = extend(ref, xy, labels, x, k=1)
    assert lab.tolist() == [4, -1]
    assert np.allclose(pos, [[0, 0], [20, 20]])


def test_extend_weights_the_vote_by_similarity():
    ref = np.array([[1, 0], [0.8, 0.6], [0.6, 0.8]], np.float32)  # unit rows
    xy = np.array([[0, 0], [10, 0], [20, 0]], np.float32)
    labels = np.array([1, 2, 2])
    pos, lab = extend(ref, xy, labels, np.array([[1, 0]], np.float32), k=3)
    # similarities 1.0 (label 1) against 0.8 + 0.6 (label 2): label 2 wins the vote
    assert lab.tolist() == [2]
    assert np.allclose(pos, [[(0 * 1.0 + 10 * 0.8 + 20 * 0.6) / 2.4, 0]])
    assert extend(ref, xy, labels, np.zeros((0, 2), np.float32))[0].shape == (0, 2)


@pytest.mark.slow
@pytest.mark.usefixtures("numba_cache")
def test_approximate_index_is_kept_for_re_runs(con, tmp_path, monkeypatch):
    monkeypatch.setattr(NeighbourIndex, "EXACT_PAIRS", 1)  # always approximate (pynndescent)
    emb = CountingEmbedder()
    first = run_campaigns(con, emb, **template_stages(), sample=400, log=quiet)
    path = index_path(con, emb.backend_id, first.run_id)
    assert path is not None and path.exists()
    before = campaign_of_account(con)
    more = planted_log(tmp_path / "b.jsonl", seed=2, per_campaign=30, benign=20, start=20_000)
    ingest.ingest_paths(con, [str(more)])
    loaded = []

    def spy(p, ref):
        index = neighbours.load_index(p, ref)
        loaded.append((p, index.index_ is not None))
        return index

    monkeypatch.setattr(run, "load_index", spy)
    r = run_campaigns(con, emb, **template_stages(), log=quiet)
    assert r.mode == "extend" and loaded == [(path, True)]
    assert campaign_of_account(con) == before
    assert owned_share(con, r.run_id) == 1.0


def test_weighted_vote_sums_weights_per_label_and_breaks_ties_by_the_smaller_label():
    labels = np.array([[3, 5, 5], [7, -1, 2], [4, 4, -1]])
    weights = np.array([[0.9, 0.5, 0.5], [0.5, 0.5, 0.5], [0.2, 0.3, 0.6]])
    assert neighbours.weighted_vote(labels, weights).tolist() == [5, -1, -1]
    rng = np.random.default_rng(3)
    L, W = rng.integers(-1, 4, (500, 10)), rng.random((500, 10))
    assert neighbours.weighted_vote(L, W, chunk=64).tolist() == [
        max({lab: W[i][L[i] == lab].sum() for lab in set(L[i])}.items(),
            key=lambda kv: (kv[1], -kv[0]))[0]
        for i in range(500)
    ]  # fmt: skip
