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


def test_a_thin_member_with_more_reasoning_than_chance_has_evidence_of_its_own():
    """4 of 25 prompts asking for reasoning, where accounts outside networks ask in about
    1% of theirs, is evidence of the member's own; 1 of 25 is not."""
    table = population(200)
    table["sampled_prompts"] = 25
    table["reasoning_share"] = np.where(np.arange(200) % 8 == 0, 0.04, 0.0)  # 0.5% overall
    extra = pd.DataFrame(
        {"account_id": ["m1", "m2", "m3"], "sampled_prompts": [25, 25, 0],
         "reasoning_share": [0.16, 0.04, 0.0], "judging_share": [0.0, 0.0, 0.0]}
    )  # fmt: skip
    table = pd.concat([table, extra], ignore_index=True)
    members = pd.DataFrame({"account_id": ["m1", "m2", "m3"], "network_id": ["n"] * 3})
    found = cohorts.own_content_evidence(table, members)
    assert set(found) == {"m1"}
    assert found["m1"][0].startswith("4 of its 25 sampled prompts ask for step-by-step")
    assert "p = " in found["m1"][0]
    # an ordinary account with the same sample outside any network is not a member: none
    assert cohorts.own_content_evidence(table, members.iloc[:0]) == {}


def test_members_take_the_larger_evidence_on_each_axis_and_thin_ones_rise_with_counts():
    own = pd.DataFrame(
        {
            "account_id": ["thin", "quiet"],
            "scale": [0.0, 0.0],
            "harvest": [0.45, 0.05],
            "risk_score": [0.08, 0.0],
            "risk_level": ["low", "low"],
            "reasons": [[], []],
        }
    )
    members = pd.DataFrame(
        {"account_id": ["thin", "quiet"], "network_id": ["n1", "n1"], "link_strength": [0.8, 1.0]}
    )
    nets = pd.DataFrame(
        {"network_id": ["n1"], "accounts": [2], "scale": [0.9], "harvest": [0.5],
         "risk_score": [0.675], "reasons": [["together"]]}
    )  # fmt: skip
    table = pd.DataFrame(
        {"account_id": ["thin", "quiet", *[f"o{i}" for i in range(100)]],
         "sampled_prompts": 25, "reasoning_share": [0.32, 0.0, *([0.0] * 100)],
         "judging_share": 0.0}
    )  # fmt: skip
    out = cohorts.inherit(own, nets, members, table).set_index("account_id")
    # scale from the cohort (0.9 x 0.8), harvest its own (0.45 > 0.5 x 0.8)
    want = float(cohorts.combine_axes(np.array([0.72]), np.array([0.45]))[0])
    assert want > 0.675 * 0.8  # more than the cohort's risk times the link strength
    assert out.loc["thin", "risk_score"] == pytest.approx(want)
    assert any(r.startswith("this account alone: 8 of its 25") for r in out.loc["thin", "reasons"])
    # without a reason or a count of its own: the cohort's evidence (0.9, 0.5) would be
    # high; it is capped at medium
    assert float(cohorts.combine_axes(np.array([0.9]), np.array([0.5]))[0]) > 0.6
    assert out.loc["quiet", "risk_score"] == config.COHORT_NO_EVIDENCE_MAX
    assert "at most medium" in out.loc["quiet", "reasons"][0]
