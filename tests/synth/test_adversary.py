"""Tests for the adversary mode of the synthetic generator (evasion strength)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections import Counter, defaultdict

import pytest

from analysis.synth import generate_dataset
from analysis.synth import prompts as T
from analysis.synth.evasion import knobs
from analysis.synth.generate import build_plan, parse_start

EVASIVE_CAMPAIGNS = {"C-cot", "C-sweep", "C-rubric", "C-plain", "C-hydra"}
# UTC offsets of the countries the original extraction actors claim (see evasion.ACTOR_TZ)
TZ = {"US": -5, "GB": 0, "DE": 1, "FR": 1, "NL": 1, "SG": 8}
FILES = ("requests.jsonl.gz", "truth.csv", "populations.csv", "releases.csv")
# SHA-256 of the plain generator's files (120 accounts, 4 days, seed 5, uncompressed), taken
# before the paraphrase knob and the benign heavy users were added: adversary mode must not
# change a byte at evasion 0. Update only for an intended change of the plain generator.
# Updated when the multilingual populations (multilingual_everyday, support_bot,
# tutoring_product, translation_product) were added to every run; the rows of every other
# population are unchanged (tests/synth/test_multilingual.py pins their digests).
PLAIN_DIGESTS = {
    "requests.jsonl": "a04c42a1f28b75684d20f21f656996b045485e55b2d3b094cdefcb2a9032dd11",
    "truth.csv": "d2b779ad1e7fc2af9e91c64e79e29a7c240165bf164ca6a1a1ed64a89aac463d",
    "populations.csv": "7193a075350657c12425e059a8207eb6810e57d51ca8651010075bf63ce9b71e",
    "releases.csv": "ef0aed37e390fe2cfb24227a4c20975bd4a884598c6726e0ce534cff40028dc6",
}


def _per_network(rows, truth, field: str) -> dict[str, set]:
    seen: dict[str, set] = defaultdict(set)
    for r in rows:
        _role, camp, net = truth[r["account_id"]]
        if camp in EVASIVE_CAMPAIGNS and net:
            v = r[field]
            seen[net].add(v.rsplit(".", 1)[0] if field == "ip" else v)
    return seen


def test_evasion_zero_is_byte_identical(tmp_path, small):
    a, b = tmp_path / "default", tmp_path / "zero"
    generate_dataset(a, **small)
    generate_dataset(b, evasion=0.0, **small)
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_evasion_zero_matches_recorded_output(tmp_path, small):
    generate_dataset(tmp_path, evasion=0.0, **{**small, "fmt": "jsonl"})
    for name, digest in PLAIN_DIGESTS.items():
        assert hashlib.sha256((tmp_path / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.parametrize("field", ["ip", "user_agent", "payment_fingerprint"])
def test_more_infrastructure_per_network(pair, field):
    plain = _per_network(pair[0.0][0], pair[0.0][1], field)
    evasive = _per_network(pair[1.0][0], pair[1.0][1], field)
    assert set(plain) <= set(evasive)
    for net in plain:
        assert len(evasive[net]) > len(plain[net]), (net, field)
    if field != "ip":  # at 0 each network has one client string and one or two cards
        assert all(len(evasive[net]) >= 5 for net in plain)


def test_fewer_requests_per_extraction_account(pair):
    def mean_per_account(rows, truth):
        c = Counter(r["account_id"] for r in rows if truth[r["account_id"]][1] in EVASIVE_CAMPAIGNS)
        return sum(c.values()) / len(c), len(c)

    m0, n0 = mean_per_account(pair[0.0][0], pair[0.0][1])
    m1, n1 = mean_per_account(pair[1.0][0], pair[1.0][1])
    assert n1 > 2 * n0
    assert m1 < 0.5 * m0


def test_more_daytime_traffic(pair):
    def daytime_share(rows, truth):
        day = total = 0
        for r in rows:
            if truth[r["account_id"]][1] not in EVASIVE_CAMPAIGNS or r["country"] not in TZ:
                continue
            local = (int(r["timestamp"][11:13]) + TZ[r["country"]]) % 24
            total += 1
            day += 9 <= local <= 22
        return day / total

    s0 = daytime_share(pair[0.0][0], pair[0.0][1])
    s1 = daytime_share(pair[1.0][0], pair[1.0][1])
    assert s1 > s0 + 0.15, (s0, s1)


def test_mixing_adds_everyday_prompts_to_reasoning_accounts():
    def everyday_share(ev: float) -> float:
        world, cols = build_plan(120, 4, 5, parse_start("2026-10-01"), ev)
        mine = cols["pop"] == world.pop_codes["cot_harvest"]
        return float((cols["kind"][mine] == T.KIND_EVERYDAY).mean())

    assert everyday_share(0.0) == 0.0
    assert 0.25 < everyday_share(1.0) < 0.45  # p_mix = 0.35 at full strength


def test_new_campaigns_present_only_when_evading(pair):
    truth0, truth1 = pair[0.0][1], pair[1.0][1]
    pops1 = pair[1.0][2]
    camps0 = {c for _, c, _ in truth0.values()}
    assert not camps0 & {"C-grade", "C-lowslow"}
    for camp, pop, net in (("C-grade", "grading_harvest", "N-grade"),
                           ("C-lowslow", "lowslow_cot", "N-lowslow")):  # fmt: skip
        accts = [a for a, (_, c, _) in truth1.items() if c == camp]
        assert accts, camp
        assert all(truth1[a][0] == "extraction" and truth1[a][2] == net for a in accts)
        assert all(pops1[a] == pop for a in accts)
    res = pair[1.0][3]
    assert res["populations"]["lowslow_cot"] >= 24
    assert res["population_requests"]["grading_harvest"] > 0


def test_lowslow_accounts_are_low_and_slow(pair):
    rows, truth = pair[1.0][0], pair[1.0][1]
    mine = [r for r in rows if truth[r["account_id"]][1] == "C-lowslow"]
    per = Counter(r["account_id"] for r in mine)
    assert per and all(30 <= v <= 70 for v in per.values())
    accts = {r["account_id"]: r for r in mine}
    uas = Counter(r["user_agent"] for r in accts.values())
    assert max(uas.values()) == 1
    cards = Counter(r["payment_fingerprint"] for r in accts.values())
    assert max(cards.values()) == 2
    assert {r["account_tier"] for r in accts.values()} == {"free"}


def test_grading_prompts_and_json_answers(pair):
    rows, truth = pair[1.0][0], pair[1.0][1]
    mine = [r for r in rows if truth[r["account_id"]][1] == "C-grade"]
    assert mine
    for r in mine:
        assert r["max_tokens"] <= 256
        assert "score" in r["prompt"]
        if r["status_code"] == 200:
            verdict = json.loads(r["response"])
            assert 1 <= verdict["score"] <= 10 and verdict["rationale"]
    per_day = Counter((r["account_id"], r["timestamp"][:10]) for r in mine)
    assert 10 <= sum(per_day.values()) / len(per_day) <= 120


def test_new_model_never_before_release(pair):
    rows = pair[1.0][0]
    released = pair[1.0][3]["release"]
    new = [r["timestamp"] for r in rows if r["model"] == released["model"]]
    assert new and min(new) >= released["released_at"].replace("Z", ".000Z")


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan")])
def test_invalid_evasion_raises(tmp_path, small, bad):
    with pytest.raises(ValueError, match=r"evasion must be between 0\.0 and 1\.0"):
        generate_dataset(tmp_path, evasion=bad, **small)
    with pytest.raises(ValueError, match="evasion"):
        knobs(bad)


@pytest.mark.parametrize("bad", ["-0.1", "1.5"])
def test_cli_rejects_invalid_evasion(tmp_path, bad):
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "generate", "--out", str(tmp_path / "x"),
         "--accounts", "120", "--days", "4", "--quiet", "--evasion", bad],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "error: --evasion must be between 0.0 and 1.0" in proc.stderr
    assert not (tmp_path / "x").exists()


def test_knobs_scale_with_strength():
    k0, k5, k1 = knobs(0.0), knobs(0.5), knobs(1.0)
    assert (k0.account_factor, k0.p_own_block, k0.p_human, k0.p_mix) == (1.0, 0.0, 0.0, 0.0)
    assert k0.account_factor < k5.account_factor < k1.account_factor == 3.0
    for name in ("p_own_block", "p_own_ua", "p_own_card", "p_human", "p_mix", "p_paraphrase"):
        assert getattr(k0, name) < getattr(k5, name) < getattr(k1, name) <= 1.0
    assert (k0.p_paraphrase, k1.p_paraphrase) == (0.0, 0.9)
