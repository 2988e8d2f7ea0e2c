"""The signal table: every entry is well formed and computed, a new signal is one entry (it
is computed, stored, scored and explained without touching any other code), and the
detection run's temp tables never outlive it."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import numpy as np
import pytest

from analysis import ingest, store
from analysis.detection import DetectionRun, features, run_scoring, signals
from analysis.detection import sql as detection_sql

T0 = datetime(2026, 10, 1)


class NoReasoning:
    """A request-type classifier that finds none (what scoring needs: ids, score)."""

    name, version = "test", "no-types"

    def detector_id(self, kind: str) -> str:
        return f"test:no-{kind}"

    def score(self, texts: list[str]) -> np.ndarray:
        return np.zeros((len(texts), 3), np.float32)


def full_row(i: int, account: str, when: datetime, **kw) -> dict:
    """A request with every contract column filled."""
    row = {
        "request_id": f"{account}-{i}",
        "timestamp": when.isoformat() + "Z",
        "account_id": account,
        "prompt": f"How do I cook dish number {i} for {account}?",
        "api_key_id": f"key-{account}",
        "org_id": f"org-{account}",
        "account_created_at": (T0 - timedelta(days=90)).isoformat() + "Z",
        "account_tier": "pro",
        "ip": f"198.51.100.{len(account)}",
        "asn": 64500,
        "country": "GB",
        "user_agent": "Mozilla/5.0",
        "payment_fingerprint": f"pf-{account}",
        "model": "atlas-4",
        "endpoint": "/v1/chat/completions",
        "system_prompt": None,
        "conversation_id": f"c-{account}-{i // 3}",
        "response": "Start by heating the pan.",
        "prompt_tokens": 20,
        "completion_tokens": 200 + 10 * (i % 5),
        "max_tokens": 1024,
        "temperature": 0.7,
        "top_p": 1.0,
        "n": 1,
        "logprobs": False,
        "status_code": 200,
        "latency_ms": 900,
    }
    return row | kw


def people_log(path, accounts: int = 12) -> str:
    """Accounts with one daytime pattern over three days; `scripted` follows it too but
    sends a system prompt with every request."""
    rows = []
    names = [f"user{k:02d}" for k in range(accounts)] + ["scripted"]
    for k, name in enumerate(names):
        for i in range(12):
            when = T0 + timedelta(days=i % 3, hours=9 + i % 8, minutes=k)
            extra = {"system_prompt": "You are a helpful cook."} if name == "scripted" else {}
            # accounts opened months apart (not one batch)
            extra["account_created_at"] = (T0 - timedelta(days=90 + 30 * k)).isoformat() + "Z"
            if name == "scripted" and i % 4 == 0:  # rate-limited, and sends on at once
                extra["status_code"] = 429
            rows.append(full_row(i, name, when, **extra))
    with open(path, "w") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in rows)
    return str(path)


@pytest.fixture
def con(tmp_path):
    c = store.connect(tmp_path / "s.duckdb")
    ingest.ingest_paths(c, [people_log(tmp_path / "log.jsonl")])
    yield c
    c.close()


def temp_tables(con) -> set[str]:
    rows = con.execute("SELECT table_name FROM duckdb_tables() WHERE temporary").fetchall()
    return {r[0] for r in rows}


# --- the table ---------------------------------------------------------------------------


def test_every_scored_signal_has_a_reason_and_a_weight():
    assert signals.SCORED, "no signal is scored"
    for name, sig in signals.SCORED.items():
        assert sig.weight > 0 and sig.axis in ("scale", "harvest"), name
        assert sig.reason and "{v}" in sig.reason and "{m}" in sig.reason, name
        text = sig.reason.format(v=sig.fmt(12.5), m=sig.fmt(0.25))
        assert sig.fmt(12.5) in text and sig.fmt(0.25) in text, name
    assert set(signals.SCORED) == {s.name for s in signals.SIGNALS if s.axis}
    assert list(signals.BY_NAME) == [s.name for s in signals.SIGNALS]


def test_every_behaviour_signal_runs(con):
    behaviour = signals.behaviour()
    assert behaviour and all(s.sql for s in behaviour)
    failed = {}
    with DetectionRun(con) as inputs:
        for sig in behaviour:  # each alone, so a broken one is named
            try:
                detection_sql.account_features(inputs.con, [(sig.name, sig.sql)])
            except Exception as exc:  # collected and asserted below
                failed[sig.name] = str(exc).splitlines()[0]
        table = features.behaviour(inputs)
    assert not failed, failed
    assert list(table.columns) == ["account_id", *(s.name for s in behaviour)]
    assert len(table) == 13
    # every contract column is filled: every signal has a value for every account, but the
    # 429 persistence, which needs three rate-limited requests (only `scripted` has them)
    nulls = table.columns[table.isna().any()].tolist()
    assert nulls == ["retry_429_share"], nulls
    # its 429s were followed by its next request hours later: it did not push through
    assert table.set_index("account_id").loc["scripted", "retry_429_share"] == 0.0


def test_every_signal_of_the_table_is_computed_by_its_stage(con):
    with DetectionRun(con) as inputs:
        table = features.account_signals(inputs, NoReasoning(), log=lambda _m: None)
    assert set(table.columns) == {"account_id", *signals.BY_NAME}
    assert len(table) == 13


# --- the one-entry promise -----------------------------------------------------------------

SYSTEM_PROMPT_SHARE = signals.Signal(
    "system_prompt_share",
    "avg(CASE WHEN a.system_prompt IS NOT NULL THEN 1.0 ELSE 0.0 END)",
    axis="harvest", weight=0.3, floor=0.05, fmt=signals._pct,
    reason="{v} of requests come with a system prompt (population median {m})",
)  # fmt: skip


def test_a_new_signal_is_one_entry(con, monkeypatch):
    table = (*signals.SIGNALS, SYSTEM_PROMPT_SHARE)
    signals._check(table)  # a valid entry
    # what the module derives from its table, derived again from the longer one
    monkeypatch.setattr(signals, "SIGNALS", table)
    monkeypatch.setattr(signals, "BY_NAME", {s.name: s for s in table})
    monkeypatch.setattr(signals, "SCORED", {s.name: s for s in table if s.axis})
    assert signals.behaviour()[-1] is SYSTEM_PROMPT_SHARE  # read from the table

    result = run_scoring(con, NoReasoning(), log=lambda _m: None)

    stored = con.execute(
        "SELECT account_id, system_prompt_share FROM account_signals ORDER BY 1"
    ).fetchall()
    assert dict(stored)["scripted"] == 1.0
    assert {v for a, v in stored if a != "scripted"} == {0.0}
    sentence = "100% of requests come with a system prompt (population median 0%)"
    reasons = dict(con.execute("SELECT account_id, reasons FROM account_scores").fetchall())
    assert sentence in reasons["scripted"]
    assert not any(sentence in r for a, r in reasons.items() if a != "scripted")
    scripted = result.accounts.set_index("account_id").loc["scripted"]
    assert scripted["harvest"] == pytest.approx(0.3)  # weight * full evidence
    params = json.loads(con.execute("SELECT params FROM score_runs").fetchall()[0][0])
    assert params["scorer"]["signals"]["system_prompt_share"]["weight"] == 0.3


# --- the detection run ---------------------------------------------------------------------


def test_a_run_drops_its_temp_tables(con):
    before = temp_tables(con)
    with DetectionRun(con) as inputs:
        made = temp_tables(con) - before
        assert {detection_sql.SAMPLE, detection_sql.SKELETONS} <= made
    assert temp_tables(con) == before
    with pytest.raises(RuntimeError, match="run has ended"):
        features.behaviour(inputs)
    with pytest.raises(RuntimeError, match="run has ended"):
        _ = inputs.con


def test_a_run_drops_its_temp_tables_when_the_block_fails(con):
    before = temp_tables(con)
    with pytest.raises(ValueError, match="the block failed"), DetectionRun(con) as inputs:
        assert set(detection_sql.TEMP_TABLES) <= temp_tables(con)
        assert len(features.behaviour(inputs)) == 13
        raise ValueError("the block failed")
    assert temp_tables(con) == before
    with pytest.raises(RuntimeError):
        _ = inputs.con
    with DetectionRun(con) as inputs:  # and a new run starts clean
        assert len(features.behaviour(inputs)) == 13
