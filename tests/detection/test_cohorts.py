"""Cohorts: pooled from members' signals, compared with random cohorts of the same size;
members inherit with their link strength, at most medium without evidence of their own."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import config
from analysis.detection import cohorts

T0 = pd.Timestamp("2026-10-10", tz="UTC")


def population(n: int = 300, seed: int = 0) -> pd.DataFrame:
    """Ordinary accounts: a few requests, little reasoning, created over two years."""
    rng = np.random.default_rng(seed)
    age = rng.uniform(1, 700, n)
    return pd.DataFrame(
        {
            "account_id": [f"u{i:03d}" for i in range(n)],
            "requests": rng.integers(3, 60, n),
            "typical_day_requests": rng.integers(0, 3, n),
            "typical_day_output_tokens": rng.integers(0, 900, n),
            "first_seen": [T0 - pd.Timedelta(days=float(d)) for d in rng.uniform(0, 10, n)],
            "age_at_first_days": age,
            "sampled_prompts": np.full(n, 20),
            "reasoning_share": rng.choice([0.0, 0.05, 0.1], n),
            "judging_share": np.zeros(n),
            "single_turn_share": rng.uniform(0.3, 0.9, n),
        }
    )


def harvesters(k: int = 16) -> pd.DataFrame:
    """One actor's accounts: created the same week, 40 requests each, asking for reasoning
    with one recipe."""
    return pd.DataFrame(
        {
            "account_id": [f"h{i:02d}" for i in range(k)],
            "requests": np.full(k, 40),
            "typical_day_requests": np.full(k, 3),
            "typical_day_output_tokens": np.full(k, 2000),
            "first_seen": [T0] * k,
            "age_at_first_days": np.linspace(1, 4, k),
            "sampled_prompts": np.full(k, 20),
            "reasoning_share": np.full(k, 0.9),
            "judging_share": np.zeros(k),
            "single_turn_share": np.ones(k),
        }
    )


def recipe_counts(table: pd.DataFrame) -> pd.DataFrame:
    h = table[table["account_id"].str.startswith("h")]
    return pd.DataFrame(
        {"account_id": h["account_id"], "recipe_id": "r_cot", "requests": 30, "total": 40}
    )


def test_pooled_signals_weigh_members_by_their_traffic():
    table = harvesters(2)
    table.loc[1, ["requests", "sampled_prompts", "reasoning_share"]] = [120, 10, 0.0]
    pool = cohorts.Pool(table, recipe_counts(table))
    sig = pool.signals(np.array([0, 1]))
    assert sig["cohort_day_requests"] == 6
    assert sig["cohort_reasoning_share"] == pytest.approx(0.9 * 20 / 30)
    assert sig["cohort_recipe_share"] == pytest.approx(60 / 160)
    assert sig["cohort_created_spread_days"] == pytest.approx(1.5)


def test_a_harvest_cohort_stands_out_from_random_cohorts_of_its_size():
    table = pd.concat([population(), harvesters()], ignore_index=True)
    pool = cohorts.Pool(table, recipe_counts(table))
    members = pd.DataFrame(
        {
            "account_id": [f"h{i:02d}" for i in range(16)] + [f"u{i:03d}" for i in range(16)],
            "network_id": ["actor"] * 16 + ["strangers"] * 16,
        }
    )
    scored, params = cohorts.score_cohorts(pool, members, np.random.default_rng(1))
    by = scored.set_index("network_id")
    assert by.loc["actor", "risk_level"] in ("high", "critical")
    assert by.loc["strangers", "risk_level"] == "low"
    assert set(params) == {"actor", "strangers"}  # a null of its own size for each
    assert any("same-size random cohorts" in r for r in by.loc["actor", "reasons"])


def test_members_inherit_with_link_strength_and_a_cap_without_own_evidence():
    own = pd.DataFrame(
        {
            "account_id": ["a", "b", "c"],
            "scale": [0.0, 0.1, 0.0],
            "harvest": [0.0, 0.5, 0.0],
            "risk_score": [0.0, 0.2, 0.0],
            "risk_level": ["low"] * 3,
            "reasons": [[], ["asks for reasoning"], []],
        }
    )
    members = pd.DataFrame(
        {"account_id": ["a", "b"], "network_id": ["n1", "n1"], "link_strength": [1.0, 0.9]}
    )
    nets = pd.DataFrame(
        {"network_id": ["n1"], "accounts": [2], "risk_score": [0.9], "reasons": [["together"]]}
    )
    out = cohorts.inherit(own, nets, members).set_index("account_id")
    assert out.loc["a", "risk_score"] == config.COHORT_NO_EVIDENCE_MAX  # no evidence: medium
    assert out.loc["a", "risk_level"] == "medium"
    assert out.loc["b", "risk_score"] == pytest.approx(0.81)  # 0.9 x link strength 0.9
    assert out.loc["b", "own_score"] == 0.2
    reasons = out.loc["b", "reasons"]
    assert "cohort n1" in reasons[0] and "link strength 0.90" in reasons[0]
    assert reasons[1] == "together" and reasons[2] == "this account alone: asks for reasoning"
    assert out.loc["c", "risk_score"] == 0.0 and pd.isna(out.loc["c", "network_id"])
