"""Tests for the synthetic request-log generator (analysis.synth)."""

from __future__ import annotations

import csv
import gzip
import ipaddress
import itertools
import json
import re
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from analysis.synth import generate_dataset
from analysis.synth.topics import TOPICS

EXTRACTION = {
    "cot_harvest",
    "capability_sweep",
    "rubric_harvest",
    "hydra",
    "reseller",
    "plain_harvest",
}
# ordinary users and products in many languages, planned in every run (multilingual.py)
MULTILINGUAL = {"multilingual_everyday", "support_bot", "tutoring_product", "translation_product"}
POPULATIONS = (
    {"everyday", "student", "developer", "backend", "researcher", "office"}
    | EXTRACTION
    | MULTILINGUAL
)
ROLES = {"benign", "power_user", "researcher", "extraction"}
COLUMN_TYPES = {
    "request_id": str,
    "timestamp": str,
    "account_id": str,
    "prompt": str,
    "api_key_id": str,
    "org_id": str,
    "account_created_at": str,
    "account_tier": str,
    "ip": str,
    "asn": int,
    "country": str,
    "user_agent": str,
    "payment_fingerprint": str,
    "model": str,
    "endpoint": str,
    "system_prompt": (str, type(None)),
    "conversation_id": str,
    "response": str,
    "prompt_tokens": int,
    "completion_tokens": int,
    "max_tokens": int,
    "temperature": float,
    "top_p": float,
    "n": int,
    "logprobs": bool,
    "status_code": int,
    "latency_ms": int,
}
TIERS = {"free", "pro", "enterprise", "edu", "research", "startup"}
STEP_WORDS = re.compile(
    r"step by step|step-by-step|show (your|the|all the) work|show all the steps|walk me through"
    r"|each step|every step|chain of thought|reasoning",
    re.IGNORECASE,
)
FOREIGN_WORDS = re.compile(
    r"(¿|\b(cómo|qué|explícame|dame|comment|peux-tu|quelles|aide-moi|wie|erklär|tipps|como|"
    r"explica|ajuda|dicas|spiegami|cosa|aiutami)\b)",
    re.IGNORECASE,
)

LEAK_WORDS = re.compile(r"\b(hydra|harvest\w*|extraction|c-cot|n-cot)\b")

START = "2026-10-01"


# ---------------------------------------------------------------------------
# loading helpers and fixtures
# ---------------------------------------------------------------------------


def read_rows(path: Path) -> list[dict]:
    """Return the parsed request log lines (gzip or plain)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def parse_ts(s: str) -> datetime:
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


class Data:
    """A generated dataset loaded into plain Python structures."""

    def __init__(self, out: Path, result: dict):
        self.out = out
        self.result = result
        self.rows = read_rows(out / "requests.jsonl.gz")
        self.truth = {r["account_id"]: r for r in read_csv(out / "truth.csv")}
        self.pop = {r["account_id"]: r["population"] for r in read_csv(out / "populations.csv")}
        self.releases = {
            r["model"]: parse_ts(r["released_at"]) for r in read_csv(out / "releases.csv")
        }
        self.new_model, self.release = max(self.releases.items(), key=lambda kv: kv[1])
        self.by_pop: dict[str, list[dict]] = defaultdict(list)
        for r in self.rows:
            self.by_pop[self.pop[r["account_id"]]].append(r)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Data:
    out = tmp_path_factory.mktemp("small")
    result = generate_dataset(out, accounts=200, days=7, seed=3, start=START)
    return Data(out, result)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Data:
    out = tmp_path_factory.mktemp("sample")
    result = generate_dataset(out, accounts=1500, days=14, seed=7, start=START)
    return Data(out, result)


def new_share(rows: list[dict], model: str) -> float:
    return sum(r["model"] == model for r in rows) / max(1, len(rows))


# ---------------------------------------------------------------------------
# determinism and arguments
# ---------------------------------------------------------------------------

FILES = ("requests.jsonl.gz", "truth.csv", "populations.csv", "releases.csv")


def test_same_seed_gives_identical_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    generate_dataset(a, accounts=120, days=3, seed=11)
    generate_dataset(b, accounts=120, days=3, seed=11)
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_different_seed_gives_different_output(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    generate_dataset(a, accounts=120, days=3, seed=11)
    generate_dataset(b, accounts=120, days=3, seed=12)
    assert (a / "requests.jsonl.gz").read_bytes() != (b / "requests.jsonl.gz").read_bytes()
    assert (a / "truth.csv").read_bytes() != (b / "truth.csv").read_bytes()


def test_plain_jsonl_matches_gzip_content(tmp_path: Path) -> None:
    generate_dataset(tmp_path / "gz", accounts=100, days=2, seed=5, fmt="jsonl.gz")
    generate_dataset(tmp_path / "plain", accounts=100, days=2, seed=5, fmt="jsonl")
    plain = (tmp_path / "plain" / "requests.jsonl").read_bytes()
    assert plain == gzip.decompress((tmp_path / "gz" / "requests.jsonl.gz").read_bytes())
    assert not (tmp_path / "plain" / "requests.jsonl.gz").exists()


def test_rejects_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="fmt"):
        generate_dataset(tmp_path, accounts=100, days=2, fmt="csv")
    with pytest.raises(ValueError, match="accounts"):
        generate_dataset(tmp_path, accounts=10, days=2)
    with pytest.raises(ValueError, match="days"):
        generate_dataset(tmp_path, accounts=100, days=0)


def test_returned_counts_match_files(small: Data) -> None:
    res = small.result
    assert res["requests"] == len(small.rows)
    assert res["accounts"] == len(small.truth) == len(small.pop)
    assert res["populations"] == dict(Counter(small.pop.values()))
    assert sum(res["population_requests"].values()) == len(small.rows)
    for pop, rows in small.by_pop.items():
        assert res["population_requests"][pop] == len(rows)


# ---------------------------------------------------------------------------
# the request log contract
# ---------------------------------------------------------------------------


def test_every_line_has_the_contract_columns_with_types(small: Data) -> None:
    for r in small.rows:
        assert set(COLUMN_TYPES) <= set(r), set(COLUMN_TYPES) - set(r)
        for col, typ in COLUMN_TYPES.items():
            assert isinstance(r[col], typ), (col, r[col])
        assert r["prompt"].strip()
        assert r["account_tier"] in TIERS
        assert r["endpoint"] in {"chat", "messages", "completions"}
        assert r["status_code"] in {200, 429, 500}
        assert len(r["country"]) == 2 and r["country"].isupper()
        assert len(r["response"]) <= 400
        assert r["prompt_tokens"] > 0 and r["latency_ms"] > 0
        assert r["completion_tokens"] <= r["max_tokens"] * r["n"]
        ipaddress.ip_address(r["ip"])
        parse_ts(r["account_created_at"])
        if r["status_code"] != 200:
            assert r["completion_tokens"] == 0 and r["response"] == ""


def test_request_ids_unique_and_timestamps_sorted_in_window(small: Data) -> None:
    ids = [r["request_id"] for r in small.rows]
    assert len(set(ids)) == len(ids)
    stamps = [r["timestamp"] for r in small.rows]
    assert stamps == sorted(stamps)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", s) for s in stamps)
    lo = datetime(2026, 10, 1, tzinfo=UTC)
    hi = lo + timedelta(days=7)
    assert all(lo <= parse_ts(s) < hi for s in (stamps[0], stamps[-1]))
    created = {r["account_id"]: parse_ts(r["account_created_at"]) for r in small.rows}
    first = {}
    for r in small.rows:
        first.setdefault(r["account_id"], parse_ts(r["timestamp"]))
    assert all(created[a] <= first[a] for a in first)


def test_mostly_ok_some_rate_limited_few_errors(small: Data) -> None:
    status = Counter(r["status_code"] for r in small.rows)
    n = len(small.rows)
    assert status[200] / n > 0.9
    assert status[429] > 0 and status[500] < 0.02 * n
    hydra_429 = sum(r["status_code"] == 429 for r in small.by_pop["hydra"])
    everyday_429 = sum(r["status_code"] == 429 for r in small.by_pop["everyday"])
    assert hydra_429 / len(small.by_pop["hydra"]) > 3 * everyday_429 / len(small.by_pop["everyday"])


def test_some_ipv6_and_null_system_prompts(small: Data) -> None:
    assert any(":" in r["ip"] for r in small.rows)
    nulls = sum(r["system_prompt"] is None for r in small.rows)
    assert 0.3 < nulls / len(small.rows) < 0.99


def test_every_account_sends_traffic(small: Data) -> None:
    assert {r["account_id"] for r in small.rows} == set(small.truth)


# ---------------------------------------------------------------------------
# ground truth
# ---------------------------------------------------------------------------


def test_all_populations_and_campaigns_present(small: Data) -> None:
    assert set(small.pop.values()) == POPULATIONS
    campaigns = defaultdict(set)
    for acct, pop in small.pop.items():
        campaigns[pop].add(small.truth[acct]["campaign_id"])
    for pop in EXTRACTION:
        assert len(campaigns[pop]) == 1 and "" not in campaigns[pop], pop
    ids = [next(iter(campaigns[p])) for p in EXTRACTION]
    assert len(set(ids)) == len(EXTRACTION)


def test_populations_present_at_the_smallest_supported_size(tmp_path: Path) -> None:
    res = generate_dataset(tmp_path, accounts=150, days=3, seed=2)
    assert set(res["populations"]) == POPULATIONS
    assert all(n > 0 for n in res["population_requests"].values())


def test_truth_roles_and_campaigns_are_consistent(small: Data) -> None:
    for acct, t in small.truth.items():
        assert t["role"] in ROLES
        assert (t["campaign_id"] != "") == (t["role"] == "extraction")
        assert (small.pop[acct] in EXTRACTION) == (t["role"] == "extraction")
    roles = {small.pop[a]: t["role"] for a, t in small.truth.items()}
    assert roles["everyday"] == roles["student"] == roles["office"] == "benign"
    assert roles["developer"] == roles["backend"] == "power_user"
    assert roles["researcher"] == "researcher"


def test_networks(small: Data) -> None:
    nets = defaultdict(set)
    for acct, t in small.truth.items():
        nets[small.pop[acct]].add(t["network_id"])
    assert len(nets["hydra"]) == 1 and "" not in nets["hydra"]
    for pop in ("everyday", "student", "developer", "office", "backend", "researcher"):
        assert nets[pop] == {""}, pop
    for pop in ("cot_harvest", "capability_sweep", "plain_harvest"):  # multi-account actors
        assert len(nets[pop]) == 1 and "" not in nets[pop], pop
    named = [n for p, ns in nets.items() for n in ns if n]
    assert len(named) == len(set(named))  # one network per actor


def test_offices_share_ip_and_org_but_not_network(small: Data) -> None:
    office_ips = defaultdict(Counter)
    org_of = {}
    for r in small.by_pop["office"]:
        office_ips[r["org_id"]][r["ip"]] += 1
        org_of[r["account_id"]] = r["org_id"]
    members = Counter(org_of.values())
    assert len(members) >= 2 and all(3 <= m <= 15 for m in members.values())
    for org, ips in office_ips.items():
        top_ip = ips.most_common(1)[0][0]
        users = {r["account_id"] for r in small.by_pop["office"] if r["ip"] == top_ip}
        assert len(users) >= 3, org
    assert all(small.truth[a]["network_id"] == "" for a in org_of)


def test_hydra_shares_infrastructure(small: Data) -> None:
    rows = small.by_pop["hydra"]
    accounts = {r["account_id"] for r in rows}
    blocks = {r["ip"].rsplit(".", 1)[0] for r in rows}
    assert len(blocks) <= 5 < len(accounts)
    assert len({r["user_agent"] for r in rows}) == 1
    assert len({r["payment_fingerprint"] for r in rows}) < len(accounts)
    created = sorted({parse_ts(r["account_created_at"]) for r in rows})
    assert created[-1] - created[0] <= timedelta(hours=48)
    per_account = Counter(r["account_id"] for r in rows)
    cot_per_account = Counter(r["account_id"] for r in small.by_pop["cot_harvest"])
    assert max(per_account.values()) * 5 < min(cot_per_account.values())


def test_truth_does_not_leak_into_the_log(small: Data) -> None:
    secrets = set(POPULATIONS) | {"extraction", "campaign", "hydra", "harvest", "reseller"}
    secrets |= {t["campaign_id"] for t in small.truth.values() if t["campaign_id"]}
    secrets |= {t["network_id"] for t in small.truth.values() if t["network_id"]}
    fields = ("request_id", "account_id", "api_key_id", "org_id", "user_agent")
    fields += ("payment_fingerprint", "conversation_id", "model", "system_prompt")
    for r in small.rows:
        text = " ".join(str(r[f]) for f in fields).lower()
        assert not any(s.lower() in text for s in secrets), text
        prompt = r["prompt"].lower()
        assert not LEAK_WORDS.search(prompt), prompt
    assert all(re.fullmatch(r"acct_[0-9a-f]{12}", a) for a in small.truth)


# ---------------------------------------------------------------------------
# behaviour
# ---------------------------------------------------------------------------


def test_releases_bracket_the_window(small: Data) -> None:
    assert 3 <= len(small.releases) <= 4
    start = datetime(2026, 10, 1, tzinfo=UTC)
    assert start + timedelta(days=3.5) < small.release < start + timedelta(days=6)
    older = [t for m, t in small.releases.items() if m != small.new_model]
    assert all(t < start for t in older)
    before = [r for r in small.rows if parse_ts(r["timestamp"]) < small.release]
    assert before and all(r["model"] != small.new_model for r in before)


def test_sweep_moves_to_the_new_model_within_hours(small: Data) -> None:
    rel, new = small.release, small.new_model
    sweep = small.by_pop["capability_sweep"]
    later = [r for r in sweep if parse_ts(r["timestamp"]) >= rel + timedelta(hours=6)]
    assert len(later) > 50
    assert new_share(later, new) > 0.85
    everyday = small.by_pop["everyday"] + small.by_pop["student"]
    first_day = [r for r in everyday if rel <= parse_ts(r["timestamp"]) < rel + timedelta(days=1)]
    assert first_day and new_share(first_day, new) < 0.35


def test_everyday_prompts_are_varied(small: Data) -> None:
    prompts = [r["prompt"] for r in small.by_pop["everyday"]]
    text = "\n".join(prompts).lower()
    topics = [t.name for t in TOPICS if any(item.lower() in text for item in t.items)]
    assert len(topics) >= 20, topics
    assert len(set(prompts)) >= max(400, 0.6 * len(prompts))
    lengths = sorted(len(p.split()) for p in prompts)
    assert lengths[0] <= 4 and lengths[-1] >= 100
    foreign = sum(bool(FOREIGN_WORDS.search(p)) for p in prompts) / len(prompts)
    assert 0.03 < foreign < 0.3
    assert len({r["conversation_id"] for r in small.by_pop["everyday"]}) < len(prompts)


def test_reasoning_wording_is_not_a_single_keyword(small: Data) -> None:
    def share(pop: str) -> float:
        rows = small.by_pop[pop]
        return sum(bool(STEP_WORDS.search(r["prompt"])) for r in rows) / len(rows)

    assert share("student") > 0.15  # benign traffic that asks for worked steps
    assert share("everyday") > 0.0
    assert share("cot_harvest") > 0.6
    assert share("cot_harvest") > 3 * share("everyday")


def test_everyday_users_are_low_volume_and_diurnal(small: Data) -> None:
    per_account = Counter(r["account_id"] for r in small.by_pop["everyday"])
    assert sorted(per_account.values())[len(per_account) // 2] < 30
    us_hours = Counter(
        parse_ts(r["timestamp"]).hour for r in small.by_pop["everyday"] if r["country"] == "US"
    )
    night = sum(us_hours[h] for h in (8, 9, 10, 11))  # 1-7 am across US time zones
    evening = sum(us_hours[h] for h in (0, 1, 2, 3))  # 5-11 pm across US time zones
    assert night < 0.4 * evening


def test_machine_paced_harvest_runs_round_the_clock(small: Data) -> None:
    for pop in ("plain_harvest", "cot_harvest"):
        by_acct = defaultdict(list)
        for r in small.by_pop[pop]:
            by_acct[r["account_id"]].append(parse_ts(r["timestamp"]))
        for stamps in by_acct.values():
            gaps = sorted((b - a).total_seconds() for a, b in itertools.pairwise(stamps))
            assert gaps[len(gaps) // 2] < 30, pop
            assert len({t.hour for t in stamps}) >= 16, pop


def test_hydra_accounts_take_turns_on_a_steady_cadence(small: Data) -> None:
    stamps = [parse_ts(r["timestamp"]) for r in small.by_pop["hydra"]]
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(stamps)]
    gaps.sort()
    median = gaps[len(gaps) // 2]
    q1, q3 = gaps[len(gaps) // 4], gaps[3 * len(gaps) // 4]
    assert (q3 - q1) < 0.3 * median  # a metronome, unlike Poisson arrivals
    seq = [r["account_id"] for r in small.by_pop["hydra"]]
    repeats = sum(a == b for a, b in itertools.pairwise(seq))
    assert repeats < 0.05 * len(seq)


def test_backends_are_templated_with_low_temperature(small: Data) -> None:
    rows = small.by_pop["backend"]
    assert all(r["system_prompt"] and r["temperature"] <= 0.3 for r in rows)
    assert all(r["max_tokens"] <= 512 for r in rows)
    hours = {parse_ts(r["timestamp"]).hour for r in rows}
    assert len(hours) == 24
    prompts = Counter(r["prompt"] for r in rows)
    assert prompts.most_common(1)[0][1] > 1  # exact repeats happen
    assert len(prompts) > 0.3 * len(rows)


# ---------------------------------------------------------------------------
# the sample dataset (accounts=1500, days=14)
# ---------------------------------------------------------------------------


@pytest.mark.slow  # generates the full 1,500-account sample (about 8 s)
def test_sample_size_and_file_size(sample: Data) -> None:
    # about 93,000 rows, plus about 29,000 of the multilingual populations (support and
    # tutoring products send hundreds of requests a day each)
    assert 80_000 <= len(sample.rows) <= 140_000
    # 15.7 MB before the multilingual populations, about 24 MB with them (interleaved in
    # time, the other rows compress less well)
    assert (sample.out / "requests.jsonl.gz").stat().st_size <= 28 * 1024 * 1024
    hydra = sum(p == "hydra" for p in sample.pop.values()) / len(sample.pop)
    assert 0.08 <= hydra <= 0.12
    assert sum(p == "everyday" for p in sample.pop.values()) > len(sample.pop) / 2


@pytest.mark.slow  # generates the full 1,500-account sample (about 8 s)
def test_sample_campaign_prompts_are_mostly_unique(sample: Data) -> None:
    for pop in EXTRACTION:
        prompts = [r["prompt"] for r in sample.by_pop[pop]]
        assert len(set(prompts)) > 0.8 * len(prompts), pop
    everyday = [r["prompt"] for r in sample.by_pop["everyday"]]
    assert len(set(everyday)) > 3000


@pytest.mark.slow  # generates the full 1,500-account sample (about 8 s)
def test_sample_researchers_rerun_benchmarks_on_the_new_model(sample: Data) -> None:
    models_per_prompt = defaultdict(set)
    for r in sample.by_pop["researcher"]:
        if r["temperature"] == 0.0:
            models_per_prompt[r["prompt"]].add(r["model"])
    rerun = [p for p, ms in models_per_prompt.items() if sample.new_model in ms and len(ms) > 1]
    assert len(rerun) > 100
