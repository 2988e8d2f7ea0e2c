"""Tests for the benign heavy users planted in adversary mode (the hard negatives)."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from analysis.synth.accounts import CLOUD_ASNS
from analysis.synth.hard_negatives import HARD_NEGATIVES, hard_negative_sizes
from analysis.synth.world import ROLE

ROLES = {
    "translation_backend": "power_user",
    "tutoring_backend": "power_user",
    "ci_runner": "power_user",
    "power_human": "power_user",
    "shared_office": "benign",
}


def _rows(pair, pop: str) -> list[dict]:
    rows, _truth, pops, _ = pair[1.0]
    return [r for r in rows if pops[r["account_id"]] == pop]


def test_sizes_only_when_evading():
    assert hard_negative_sizes(1500, 0.0) == {}
    assert hard_negative_sizes(1500, 0.5) == {
        "translation_backend": 1,
        "tutoring_backend": 2,
        "ci_runner": 4,
        "power_human": 6,
        "shared_office": 30,
    }
    assert hard_negative_sizes(120, 1.0)["shared_office"] == 20
    assert hard_negative_sizes(20_000, 1.0)["shared_office"] == 40


def test_present_benign_and_without_campaign_only_when_evading(pair):
    _, _, pops0, _ = pair[0.0]
    assert not set(pops0.values()) & set(HARD_NEGATIVES)
    _, truth1, pops1, res = pair[1.0]
    for pop in HARD_NEGATIVES:
        accts = [a for a, p in pops1.items() if p == pop]
        assert accts and res["population_requests"][pop] > 0, pop
        assert ROLE[pop] == ROLES[pop]
        assert {truth1[a] for a in accts} == {(ROLES[pop], "", "")}, pop


def test_translation_backend_round_the_clock_fixed_prompt(pair):
    rows = _rows(pair, "translation_backend")
    days = {r["timestamp"][:10] for r in rows}
    assert len(rows) / len(days) > 800  # thousands a day at the median account
    hours = Counter(r["timestamp"][:13] for r in rows)
    assert len(hours) > 0.95 * 24 * len(days)  # every hour of every day
    assert len({r["system_prompt"] for r in rows}) == 1
    assert {r["temperature"] for r in rows} == {0.0}
    assert all(r["prompt"].startswith("Translate the following text into ") for r in rows)
    targets = {r["prompt"].split(":", 1)[0].rsplit(" ", 1)[-1] for r in rows}
    assert len(targets) >= 15


def test_tutoring_backend_conversations_under_a_step_by_step_prompt(pair):
    rows = _rows(pair, "tutoring_backend")
    assert len(rows) > 1000
    (system,) = {r["system_prompt"] for r in rows}
    assert "Explain each step" in system
    per_conv = Counter(r["conversation_id"] for r in rows)
    assert sum(v for v in per_conv.values() if v > 1) > 0.5 * len(rows)


def test_ci_runners_resend_a_fixed_suite_in_bursts(pair):
    rows = _rows(pair, "ci_runner")
    for field in ("org_id", "payment_fingerprint", "user_agent"):
        assert len({r[field] for r in rows}) == 1, field
    assert len({r["account_id"] for r in rows}) >= 3
    assert {r["asn"] for r in rows} <= set(CLOUD_ASNS)
    assert {r["temperature"] for r in rows} == {0.0}
    assert max(r["max_tokens"] for r in rows) <= 160
    prompts = Counter(r["prompt"] for r in rows)
    assert 30 <= len(prompts) <= 400
    assert len(rows) / len(prompts) >= 5  # each test prompt re-sent on many runs
    per_minute = Counter(r["timestamp"][:16] for r in rows)
    assert max(per_minute.values()) >= 30  # a run is a burst


def test_power_humans_heavy_tailed_and_multi_turn(pair):
    rows = _rows(pair, "power_human")
    per_day = Counter((r["account_id"], r["timestamp"][:10]) for r in rows)
    assert max(per_day.values()) >= 200
    totals = sorted(Counter(r["account_id"] for r in rows).values())
    assert totals[-1] >= 3 * totals[0]  # Pareto volumes: the heaviest far above the lightest
    per_conv = Counter(r["conversation_id"] for r in rows)
    assert sum(v for v in per_conv.values() if v > 1) > 0.5 * len(rows)


@pytest.mark.parametrize("field", ["org_id", "user_agent", "payment_fingerprint"])
def test_shared_office_shares_everything(pair, field):
    rows = _rows(pair, "shared_office")
    assert len({r[field] for r in rows}) == 1


def test_shared_office_is_one_slash_24_of_many_accounts(pair):
    rows = _rows(pair, "shared_office")
    accts = {r["account_id"] for r in rows}
    assert 20 <= len(accts) <= 40
    assert len({r["ip"].rsplit(".", 1)[0] for r in rows}) == 1
    by_acct = defaultdict(set)
    for r in rows:
        by_acct[r["account_id"]].add(r["prompt"])
    assert sum(len(v) for v in by_acct.values()) > 0.8 * len(rows)  # varied, not templated
