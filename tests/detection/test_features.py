"""Per-account behaviour signals on small hand-built logs where the answer is known."""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta

import pandas as pd
import pytest

from analysis import ingest, store
from analysis.detection import features as stages
from analysis.detection.run import DetectionRun
from analysis.store import PROMPT_HASH_SQL as PROMPT_HASH

T0 = datetime(2026, 10, 1)


def behaviour(con) -> pd.DataFrame:
    """Every behaviour signal per account, through a detection run (as scoring reads it)."""
    with DetectionRun(con) as inputs:
        return stages.behaviour(inputs)


def write(path, rows):
    with open(path, "w") as fh:
        for i, r in enumerate(rows):
            base = {"request_id": f"r{i}", "prompt": "hello"}
            base.update(r)
            base["timestamp"] = base["timestamp"].isoformat() + "Z"
            fh.write(json.dumps(base) + "\n")
    return path


@pytest.fixture
def features(tmp_path):
    rows = []
    # bot: every 10 minutes round the clock for 2 days, templated prompts, long outputs
    for i in range(288):
        rows.append(
            {
                "account_id": "bot",
                "timestamp": T0 + timedelta(minutes=10 * i),
                "prompt": f"Solve problem {i} and show every step",
                "prompt_tokens": 10,
                "completion_tokens": 500,
                "max_tokens": 500,
                "temperature": 0,
                "model": "new-model",
                "api_key_id": f"k{i % 3}",
                "account_created_at": (T0 - timedelta(days=2)).isoformat(),
            }
        )
    # human: three requests at 09:00, 09:30 and 20:00 on one day
    for k, minutes in enumerate([9 * 60, 9 * 60 + 30, 20 * 60]):
        rows.append(
            {
                "account_id": "human",
                "timestamp": T0 + timedelta(minutes=minutes),
                "prompt": ["what is a roux", "thanks! and a bechamel?", "best pan for eggs"][k],
                "prompt_tokens": 10,
                "completion_tokens": 20,
                "max_tokens": 1000,
                "temperature": 1.0,
                "model": "old-model",
                "n": 2 if k == 0 else 1,
                "logprobs": k == 1,
                "account_created_at": (T0 - timedelta(days=400)).isoformat(),
            }
        )
    log = write(tmp_path / "log.jsonl", rows)
    rel = tmp_path / "rel.csv"
    rel.write_text(f"model,released_at\nnew-model,{(T0 + timedelta(hours=24)).isoformat()}Z\n")
    con = store.connect(tmp_path / "f.duckdb")
    ingest.load_releases(con, rel)
    ingest.ingest_paths(con, [str(log)])
    df = behaviour(con).set_index("account_id")
    con.close()
    return df


def test_volume(features):
    bot, human = features.loc["bot"], features.loc["human"]
    assert (bot.requests, bot.active_days, bot.requests_per_active_day) == (288, 2, 144)
    assert bot.peak_hour_requests == 6
    assert (human.requests, human.active_days, human.peak_hour_requests) == (3, 1, 2)


def test_automation(features):
    bot, human = features.loc["bot"], features.loc["human"]
    assert bot.active_hours == 24 and bot.hour_entropy == pytest.approx(1.0)
    assert bot.gap_cv == pytest.approx(0.0, abs=1e-9)  # perfectly regular
    assert human.active_hours == 2
    p = [2 / 3, 1 / 3]
    assert human.hour_entropy == pytest.approx(-sum(x * math.log(x) for x in p) / math.log(24))
    gaps = [30 * 60, 630 * 60]
    mean = sum(gaps) / 2
    std = math.sqrt(sum((g - mean) ** 2 for g in gaps) / 2)
    assert human.gap_cv == pytest.approx(std / mean)


def test_tokens_and_sampling(features):
    bot, human = features.loc["bot"], features.loc["human"]
    assert bot.out_in_ratio == 50 and bot.near_max_share == 1.0 and bot.temp0_share == 1.0
    assert human.out_in_ratio == 2 and human.near_max_share == 0.0
    assert human.n_gt1_share == pytest.approx(1 / 3) and human.logprobs_share == pytest.approx(
        1 / 3
    )
    assert human.mean_temperature == 1.0


def test_keys_age_templates_and_release(features):
    bot, human = features.loc["bot"], features.loc["human"]
    assert bot["keys"] == 3 and human["keys"] == 0
    assert bot.age_at_first_days == pytest.approx(2.0)
    assert human.age_at_first_days == pytest.approx(400 + 9 / 24)
    assert bot.template_share == 1.0 and bot.skeleton_ratio == pytest.approx(1 / 288)
    assert human.template_share == 0.0
    # requests from T0+24h to T0+48h are within 48 h of the release: 144 of 288
    assert bot.release_48h_share == pytest.approx(144 / 288)
    assert human.release_48h_share == 0.0


def test_quiet_hours_and_sustained_rates(features):
    bot, human = features.loc["bot"], features.loc["human"]
    # the bot sends 12 requests in every hour: its quietest six hours hold a quarter
    assert bot.quiet_share == pytest.approx(0.25)
    assert human.quiet_share == 0.0
    # the data ends with the bot's last request (47 h 50 min after T0): both accounts have
    # shown less than config.RATE_MIN_DAYS of data, so rates are per 7 days
    assert bot.requests_per_day == pytest.approx(288 / 7)
    assert bot.output_tokens_per_day == pytest.approx(288 * 500 / 7)
    assert human.requests_per_day == pytest.approx(3 / 7)
    assert bot.mean_output_tokens == 500


def test_tokens_fall_back_to_text_length(tmp_path):
    rows = [
        {"account_id": "a", "timestamp": T0, "prompt": "x" * 40, "response": "y" * 400},
        {"account_id": "a", "timestamp": T0 + timedelta(hours=1), "prompt": "x" * 40,
         "response": "y" * 400, "prompt_tokens": 5, "completion_tokens": 50},
    ]  # fmt: skip
    con = store.connect(tmp_path / "t.duckdb")
    ingest.ingest_paths(con, [str(write(tmp_path / "t.jsonl", rows))])
    a = behaviour(con).set_index("account_id").loc["a"]
    con.close()
    # first row: 40 / 4 = 10 prompt and 400 / 4 = 100 completion tokens; second as billed
    assert a.out_in_ratio == pytest.approx((100 + 50) / (10 + 5))


def test_a_typical_day_needs_activity_on_most_days(tmp_path):
    rows = []
    for day in range(10):  # "steady": day k has k + 1 requests, every day
        rows += [{"account_id": "steady", "timestamp": T0 + timedelta(days=day, minutes=i)}
                 for i in range(day + 1)]  # fmt: skip
    for day in range(5):  # "burst": 50 requests on each of the first 5 of the 10 days
        rows += [{"account_id": "burst", "timestamp": T0 + timedelta(days=day, minutes=i),
                  "completion_tokens": 10} for i in range(50)]  # fmt: skip
    for day in range(3, 10):  # "mostly": 20 a day on 7 of the 10 days
        rows += [{"account_id": "mostly", "timestamp": T0 + timedelta(days=day, minutes=i),
                  "completion_tokens": 10} for i in range(20)]  # fmt: skip
    con = store.connect(tmp_path / "d.duckdb")
    ingest.ingest_paths(con, [str(write(tmp_path / "d.jsonl", rows))])
    f = behaviour(con).set_index("account_id")
    con.close()
    # 10 days each; the 40% quantile (nearest rank) is the 4th smallest daily count
    assert f.loc["steady", "typical_day_requests"] == 4
    assert f.loc["burst", "typical_day_requests"] == 0  # idle on half of its days
    assert f.loc["mostly", "typical_day_requests"] == 20  # 3 idle days, then 20s
    assert f.loc["mostly", "typical_day_output_tokens"] == 200


def test_reasoning_in_a_conversation_of_several_turns_does_not_count(tmp_path):
    from analysis.detection import sql as detection_sql

    # two accounts ask for worked steps in all their requests: "harvest" one per request,
    # "tutor" inside conversations its students continue
    rows = []
    for acct in ("harvest", "tutor"):
        for i in range(12):
            conv = f"{acct}-{i // 3}" if acct == "tutor" else None
            rows.append({"account_id": acct, "timestamp": T0 + timedelta(hours=i),
                         "prompt": f"Explain each step of problem {acct} {i}",
                         "conversation_id": conv})  # fmt: skip
    con = store.connect(tmp_path / "c.duckdb")
    ingest.ingest_paths(con, [str(write(tmp_path / "c.jsonl", rows))])
    con.execute(
        "INSERT INTO reasoning_scores SELECT DISTINCT 'det', " + PROMPT_HASH + ", 0.9 FROM requests"
    )
    with DetectionRun(con) as inputs:
        shares = detection_sql.account_request_types(
            inputs.con, {"reasoning_share": "det"}, 0.5
        ).set_index("account_id")
    con.close()
    assert shares.loc["harvest", "reasoning_share"] == 1.0
    assert shares.loc["tutor", "reasoning_share"] == 0.0
    assert shares.loc["tutor", "sampled_prompts"] == 12


def test_the_share_of_either_request_type_counts_a_prompt_once(tmp_path):
    from analysis.detection import sql as detection_sql

    # 12 single-turn prompts: 3 score as reasoning, 3 as judging, 2 as both, 4 as neither
    kinds = ["r"] * 3 + ["j"] * 3 + ["rj"] * 2 + ["-"] * 4
    rows = [{"account_id": "mix", "timestamp": T0 + timedelta(hours=i), "prompt": f"p{i} {k}"}
            for i, k in enumerate(kinds)]  # fmt: skip
    con = store.connect(tmp_path / "m.duckdb")
    ingest.ingest_paths(con, [str(write(tmp_path / "m.jsonl", rows))])
    for det, mark in (("dr", "r"), ("dj", "j")):
        con.execute(
            f"INSERT INTO reasoning_scores SELECT DISTINCT '{det}', {PROMPT_HASH}, "
            f"CASE WHEN split_part(prompt, ' ', 2) LIKE '%{mark}%' THEN 0.9 ELSE 0.1 END "
            "FROM requests"
        )
    with DetectionRun(con) as inputs:
        shares = detection_sql.account_request_types(
            inputs.con,
            {"r_share": "dr", "j_share": "dj"},
            0.5,
            any_of=("either", ("r_share", "j_share")),
        ).set_index("account_id")
    con.close()
    assert shares.loc["mix", "r_share"] == pytest.approx(5 / 12)
    assert shares.loc["mix", "j_share"] == pytest.approx(5 / 12)
    assert shares.loc["mix", "either"] == pytest.approx(8 / 12)


def test_worked_trace_answers_are_read_from_the_response(tmp_path):
    from analysis.detection import request_types as rt
    from analysis.detection import sql as detection_sql

    answers = [
        "She buys 3 packs: 3 * 12 = 36 eggs. Two go bad, so 36 - 2 = 34. The answer is 34.",
        "第1步：先算总价 4 × 5 = 20 元。\n第2步：找零 50 - 20 = 30 元。\n第3步：答案是 30 元。",
        "1. Open Settings\n2. Choose Network\n3. Tap Reset\n4. Restart the phone",  # how-to
        "Paris is the capital of France.",
    ]
    assert [rt.is_worked_trace(a) for a in answers] == [True, True, False, False]
    rows = [{"account_id": "a", "timestamp": T0 + timedelta(hours=i), "prompt": f"question {i}",
             "response": a} for i, a in enumerate(answers)]  # fmt: skip
    con = store.connect(tmp_path / "t.duckdb")
    ingest.ingest_paths(con, [str(write(tmp_path / "t.jsonl", rows))])
    with DetectionRun(con) as inputs:
        shares = detection_sql.account_request_types(
            inputs.con, {}, 0.5, trace=("trace_share", rt.WORKED_CALCULATION, rt.STEP_MARKER)
        ).set_index("account_id")
    con.close()
    assert shares.loc["a", "trace_share"] == pytest.approx(2 / 4)
    with pytest.raises(ValueError, match="not a column name"):
        detection_sql.account_request_types(con, {}, 0.5, trace=("x; DROP", "a", "b"))
