"""Stable campaign ids across refits: match_ids maps new cluster labels to old ids by
overlap and writes the lineage (kept, new, split, merge, gone)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.campaigns.ids import match_ids


def test_split_lineage():
    hashes = pd.Series([f"h{i}" for i in range(10)])
    old = pd.Series([7] * 6 + [8] * 4, index=hashes)
    new = np.array([0, 0, 0, 1, 1, 1, 1, 1, 1, 1])  # half of 7 joins all of 8 in cluster 1
    mapping, lineage = match_ids(old, new, hashes, next_id=20, run_id=3)
    assert mapping == {0: 7, 1: 8}  # each keeps the id it overlaps most (all of 8 is in 1)
    assert lineage == [
        (3, 7, 7, "kept", 1.0),
        (3, 8, 8, "kept", 0.5714),  # 4 of its 7 prompts were 8's
        (3, 8, 7, "split", 0.5),  # half of 7 went to campaign 8: 7 split
    ]


def test_merge_lineage():
    hashes = pd.Series([f"h{i}" for i in range(10)])
    old = pd.Series([7] * 5 + [8] * 5, index=hashes)
    mapping, lineage = match_ids(old, np.zeros(10, np.int64), hashes, next_id=20, run_id=3)
    assert mapping == {0: 7}  # a tie goes to the lower id
    assert lineage == [
        (3, 7, 7, "kept", 0.5),
        (3, 7, 8, "merge", 1.0),  # all of 8 went into 7, whose id lives on
        (3, 8, None, "gone", None),
    ]


def test_new_cluster_gets_a_fresh_id():
    hashes = pd.Series(["a", "b", "c", "d"])
    old = pd.Series([5, 5], index=["a", "b"])
    mapping, lineage = match_ids(old, np.array([0, 0, 1, 1]), hashes, 9, run_id=2)
    assert mapping == {0: 5, 1: 9}
    assert lineage == [(2, 5, 5, "kept", 1.0), (2, 9, None, "new", None)]


def test_small_overlap_is_a_new_campaign_and_noise_has_no_id():
    hashes = pd.Series([f"h{i}" for i in range(14)])
    old = pd.Series([4] * 10, index=hashes[:10])  # h10..h13 are new prompts
    new = np.array([0] * 3 + [-1] * 7 + [0] * 4)  # 3 of 4's prompts with 4 new ones
    mapping, lineage = match_ids(old, new, hashes, next_id=11, run_id=5)
    assert mapping == {0: 11}  # 3 / min(7, 10) is below CAMPAIGN_MATCH_OVERLAP
    assert lineage == [
        (5, 11, None, "new", None),
        (5, 11, 4, "merge", 0.3),  # 3 of 4's 10 prompts went into the new campaign
        (5, 4, None, "gone", None),
    ]
