"""Risk scores against the population: both axes needed, levels, reasons in words, networks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import config
from analysis.detection import scoring


def population(n: int = 200, seed: int = 0) -> pd.DataFrame:
    """Ordinary accounts: a few requests a day, daytime, short sessions, some spread."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "account_id": [f"u{i:03d}" for i in range(n)],
            "requests": rng.integers(5, 60, n),
            "typical_day_requests": np.where(rng.random(n) < 0.2, rng.lognormal(0.5, 0.5, n), 0),
            "requests_per_day": rng.lognormal(0.3, 0.6, n),
            "output_tokens_per_day": rng.lognormal(6.0, 0.8, n),
            "quiet_share": rng.uniform(0, 0.02, n),
            "peak_hour_requests": rng.integers(1, 8, n),
            "template_share": np.where(rng.random(n) < 0.1, 0.2, 0.0),
            "age_at_first_days": rng.uniform(30, 900, n),
            "typical_day_output_tokens": np.where(
                rng.random(n) < 0.2, rng.lognormal(6.0, 0.8, n), 0
            ),
            "reasoning_share": np.where(rng.random(n) < 0.15, 0.25, 0.0),
            "topic_breadth": rng.uniform(2, 12, n),
            "out_in_ratio": rng.lognormal(1.3, 0.5, n),
            "mean_max_tokens": 2048.0,
            "near_max_share": 0.0,
            "release_48h_share": 0.0,
            "logprobs_share": 0.0,
            "n_gt1_share": 0.0,
            "prompt_distance": rng.uniform(0.0, 0.02, n),
        }
    )


def with_row(table: pd.DataFrame, **values) -> pd.DataFrame:
    row = table.iloc[[0]].copy()
    for k, v in values.items():
        row[k] = v
    return pd.concat([table, row], ignore_index=True)


MACHINE_SCALE = dict(
    requests=3000, typical_day_requests=200.0, quiet_share=0.2, peak_hour_requests=90
)
HARVEST = dict(typical_day_output_tokens=200_000.0, reasoning_share=0.9, topic_breadth=70.0)


def test_both_axes_make_critical():
    table = with_row(population(), account_id="x", **MACHINE_SCALE, **HARVEST)
    scorer = scoring.RiskScorer().fit(table)
    s = scorer.score(table)
    assert s["risk_level"].iat[-1] == "critical"
    assert s["risk_score"].iat[-1] > s["risk_score"].iloc[:-1].max()
    assert (s["risk_level"].iloc[:-1] != "critical").all()


def test_one_axis_alone_stays_low():
    busy_backend = with_row(population(), account_id="b", **MACHINE_SCALE)
    s = scoring.RiskScorer().fit(busy_backend).score(busy_backend)
    assert s["scale"].iat[-1] > 0.8 and s["harvest"].iat[-1] < 0.1
    assert s["risk_level"].iat[-1] == "low"
    curious_student = with_row(population(), account_id="s", reasoning_share=0.9)
    s = scoring.RiskScorer().fit(curious_student).score(curious_student)
    assert s["harvest"].iat[-1] > 0.6 and s["risk_level"].iat[-1] == "low"


def test_missing_values_are_neutral():
    table = with_row(population(), account_id="x", **MACHINE_SCALE, **HARVEST)
    table.loc[table.index[-1], list(HARVEST)] = np.nan
    s = scoring.RiskScorer().fit(table).score(table)
    assert s["harvest"].iat[-1] == pytest.approx(0.0) and s["risk_level"].iat[-1] == "low"


def test_rhythm_needs_enough_requests():
    table = with_row(population(), account_id="x", quiet_share=0.25, requests=20)
    ev = scoring.RiskScorer().fit(table).evidence(table)
    assert ev["quiet_share"].iat[-1] == 0.0
    table = with_row(population(), account_id="x", quiet_share=0.25, requests=500)
    ev = scoring.RiskScorer().fit(table).evidence(table)
    assert ev["quiet_share"].iat[-1] == 1.0


def test_reasons_compare_with_the_population_median():
    pop = population()
    table = with_row(pop, account_id="x", **MACHINE_SCALE, **HARVEST)
    scorer = scoring.RiskScorer().fit(table)
    s = scorer.score(table)
    reasons = s["reasons"].iat[-1]
    assert 1 <= len(reasons) <= config.REASONS_MAX
    median = f"{table['reasoning_share'].median():.0%}"
    assert (
        f"90% of sampled prompts ask for step-by-step or hidden reasoning (in the prompt or "
        f"system prompt, or answered with a reasoning block), each in a request of its own "
        f"(population median {median})" in reasons
    )
    assert all("population median" in r for r in reasons)
    # accounts with no signal above the reason bar have no reasons
    quiet = scorer.evidence(table).max(axis=1) < config.REASON_MIN_EVIDENCE
    assert quiet.sum() > 100 and s.loc[quiet, "reasons"].map(len).eq(0).all()


@pytest.mark.parametrize(
    ("risk", "name"),
    [
        (0.0, "low"),
        (0.39, "low"),
        (0.4, "medium"),
        (0.6, "high"),
        (0.79, "high"),
        (0.8, "critical"),
    ],
)
def test_levels(risk, name):
    assert scoring.level(risk) == name


def test_prompt_distance_separates_an_unusual_account():
    from analysis.detection.features import prompt_distance

    rng = np.random.default_rng(1)
    d = 16
    ids, rows = [], []
    for i in range(60):  # ordinary accounts: prompts from one broad distribution
        ids += [f"a{i:02d}"] * 20
        rows.append(rng.normal(0, 1, (20, d)))
    ids += ["odd"] * 20  # one account asks about something else entirely
    rows.append(rng.normal(0, 1, (20, d)) + 3.0)
    X = np.vstack(rows).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    out = prompt_distance(np.array(ids), X).set_index("account_id")["prompt_distance"]
    ordinary = out.drop("odd")
    assert out["odd"] > 10 * ordinary.abs().max()
    assert abs(ordinary.median()) < 0.02  # unbiased: near zero for the population itself


def test_topic_breadth_from_campaigns_on_the_sample(tmp_path):
    import json

    from analysis import ingest, store
    from analysis.detection import DetectionRun, features
    from analysis.store import PROMPT_HASH_SQL

    # a: 5 prompts of campaign 1 and 5 of campaign 2; b: 9 of campaign 1 and one unmapped
    # prompt (noise); c: 4 noise; d: 60 prompts of 30 campaigns, of which only the sampled
    # 25 count (SIGNAL_SAMPLE_PER_ACCOUNT)
    plan = {"a": [1] * 5 + [2] * 5, "b": [1] * 9 + [-1], "c": [-1] * 4,
            "d": [k % 30 + 10 for k in range(60)]}  # fmt: skip
    rows, mapped = [], []
    for acct, camps in plan.items():
        for i, camp in enumerate(camps):
            prompt = f"prompt {acct} {i}"
            rows.append({"request_id": f"{acct}{i}", "account_id": acct, "prompt": prompt,
                         "timestamp": "2026-10-01T10:00:00Z"})  # fmt: skip
            if camp != -1:
                mapped.append((prompt, camp))
    path = tmp_path / "t.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    con = store.connect(tmp_path / "t.duckdb")
    ingest.ingest_paths(con, [str(path)])
    for prompt, camp in mapped:
        con.execute(
            "INSERT INTO prompt_map (prompt_hash, x, y, campaign_id, in_sample, run_id) "
            f"SELECT {PROMPT_HASH_SQL}, 0, 0, ?, true, 1 "
            "FROM (SELECT ? AS prompt)",
            [camp, prompt],
        )
    with DetectionRun(con) as inputs:
        t = features.topics(inputs).set_index("account_id")
    con.close()
    assert t.loc["a", "campaigns_touched"] == 2 and t.loc["a", "topic_breadth"] == pytest.approx(2)
    assert t.loc["b", "topic_breadth"] == pytest.approx(1) and t.loc["b", "noise_share"] == 0.1
    assert t.loc["c", "campaigns_touched"] == 0 and t.loc["c", "topic_breadth"] == 0
    assert t.loc["d", "campaigns_touched"] <= 25  # fixed-size sample, not all 30 campaigns


@pytest.fixture(scope="module")
def detector(request_types):
    return request_types


def small_log(path, n_people=40):
    """People asking a few questions by day, and one account harvesting reasoning at pace."""
    import json
    from datetime import datetime, timedelta

    rng = np.random.default_rng(5)
    t0 = datetime(2026, 10, 1)
    topics = ["bread", "tax forms", "a cover letter", "python lists", "houseplants", "trains"]
    rows = []
    for p in range(n_people):
        for k in range(int(rng.integers(3, 12))):
            t = t0 + timedelta(days=int(rng.integers(0, 10)), hours=int(rng.integers(8, 22)))
            rows.append(
                {
                    "account_id": f"person{p:02d}",
                    "timestamp": t.isoformat() + "Z",
                    "prompt": f"Can you help me with {topics[(p + k) % 6]}? ({k})",
                    "prompt_tokens": 20,
                    "completion_tokens": int(rng.integers(50, 400)),
                }
            )
    for k in range(1200):
        t = t0 + timedelta(minutes=12 * k)
        rows.append(
            {
                "account_id": "harvester",
                "timestamp": t.isoformat() + "Z",
                "prompt": f"Problem {k}: what is {k} times {k + 7}? Think step by step "
                "and write out your full chain of thought.",
                "prompt_tokens": 30,
                "completion_tokens": 1500,
                "max_tokens": 8192,
            }
        )
    with open(path, "w") as fh:
        for i, r in enumerate(rows):
            fh.write(json.dumps({"request_id": f"r{i}"} | r) + "\n")
    return path


def test_score_command_writes_csv_and_tables(tmp_path, detector, monkeypatch):
    import analysis.__main__ as cli
    from analysis import ingest, store
    from analysis.detection import sql as detection_sql
    from analysis.detection.run import SCORE_COLUMNS

    db = tmp_path / "s.duckdb"
    con = store.connect(db)
    ingest.ingest_paths(con, [str(small_log(tmp_path / "log.jsonl"))])
    con.close()
    monkeypatch.setattr(cli, "_detector", lambda: detector)
    out = tmp_path / "scores.csv"
    for _ in range(2):  # a re-run replaces the scores
        assert cli.main(["score", "--db", str(db), "--out", str(out), "--quiet"]) == 0
    csv = pd.read_csv(out)
    assert list(csv.columns[:5]) == SCORE_COLUMNS
    assert {"reasoning_share", "typical_day_requests", "quiet_share"} <= set(csv.columns)
    assert len(csv) == 41 and csv["account_id"].iat[0] == "harvester"
    assert csv["risk_level"].iat[0] in ("high", "critical")
    assert (csv["risk_level"].iloc[1:] == "low").all()
    assert "ask for step-by-step or hidden reasoning" in csv["reasons"].iat[0]
    con = store.connect(db, read_only=True)
    stored = detection_sql.account_scores(con)
    runs = con.execute("SELECT count(*) FROM score_runs").fetchall()[0][0]
    con.close()
    assert len(stored) == 41 and runs == 2
    assert list(stored["reasons"].iat[0]) == csv["reasons"].iat[0].split(" | ")


def test_score_command_errors_leave_the_database_alone(tmp_path, detector, monkeypatch, capsys):
    import analysis.__main__ as cli
    from analysis import store

    monkeypatch.setattr(cli, "_detector", lambda: detector)
    db = tmp_path / "empty.duckdb"
    store.connect(db).close()
    assert cli.main(["score", "--db", str(db), "--quiet"]) == 2
    assert "no requests" in capsys.readouterr().err
    assert cli.main(["score", "--db", str(db), "--out", str(tmp_path / "no/such/dir.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert cli.main(["evaluate", "--db", str(db), "--truth", str(tmp_path / "t.csv")]) == 2


def test_typical_day_is_compared_with_average_daily_volume():
    # most people are idle most days (typical day 0): a steady 2 requests a day is ordinary
    # against the population's average daily volume, 200 a day is not
    steady = with_row(population(), account_id="x", typical_day_requests=2.0)
    ev = scoring.RiskScorer().fit(steady).evidence(steady)
    assert ev["typical_day_requests"].iat[-1] == 0.0
    busy = with_row(population(), account_id="x", typical_day_requests=200.0)
    ev = scoring.RiskScorer().fit(busy).evidence(busy)
    assert ev["typical_day_requests"].iat[-1] == 1.0


def test_commands_on_a_missing_database_say_so_and_create_nothing(tmp_path, capsys):
    import analysis.__main__ as cli

    db = tmp_path / "typo.duckdb"
    for args in (
        ["campaigns", "--db", str(db), "--quiet"],
        ["score", "--db", str(db), "--quiet"],
        ["import-labels", str(tmp_path / "x.csv"), "--db", str(db)],
        ["summary", "--db", str(db)],
    ):
        assert cli.main(args) == 2, args
        assert f"no database at {db}" in capsys.readouterr().err
    assert not db.exists()


def test_reasoning_and_judging_count_once_but_a_mix_of_both_counts():
    pop = population()
    pop["judging_share"] = 0.0
    pop["reasoning_or_judging_share"] = pop["reasoning_share"]
    # a reseller: a quarter of its sample asks for reasoning and a fifth for grades, each
    # below the bar alone (z = 2 with the floor's spread of 0.1); together 44%
    mixed = dict(reasoning_share=0.24, judging_share=0.20, reasoning_or_judging_share=0.44)
    pure = dict(reasoning_share=0.9, judging_share=0.0, reasoning_or_judging_share=0.9)
    table = with_row(with_row(pop, account_id="mixed", **mixed), account_id="pure", **pure)
    scorer = scoring.RiskScorer().fit(table)
    ev = scorer.evidence(table)
    s = scorer.score(table)
    assert ev.loc[table.index[-2], ["reasoning_share", "judging_share"]].max() < 0.2
    assert s["harvest"].iat[-2] > 0.3
    assert any(
        "either for step-by-step reasoning or for a grade" in r for r in s["reasons"].iat[-2]
    )
    # the pure harvester's reasoning and union shares are one piece of evidence, not two:
    # its harvest is what it would be without the union signal
    without = dict(scorer.signals)
    del without["reasoning_or_judging_share"]
    alone = scoring.RiskScorer(without).fit(table).score(table)
    assert ev["reasoning_or_judging_share"].iat[-1] == 1.0
    assert s["harvest"].iat[-1] == pytest.approx(alone["harvest"].iat[-1])
    assert alone["harvest"].iat[-2] < 0.15  # and without it the mixed account has little
    reasons = s["reasons"].iat[-1]
    assert sum("step-by-step" in r for r in reasons) == 1, reasons
