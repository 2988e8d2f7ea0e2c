"""SQL of detection: the behaviour query (columns from the signal table), the run's temp
tables (a per-account sample of requests, prompt skeletons), content signals,
and the stored scores, signals, networks and edges; candidate pairs for linkage are in
links.py (one module of this package, re-exported here)."""

from __future__ import annotations

import json

import duckdb
import numpy as np
import pandas as pd

from analysis import config, store
from analysis.detection.sql.links import (  # noqa: F401  (re-exported: sql.payment_pairs, ...)
    account_created,
    account_shapes,
    creation_pairs,
    hourly_activity,
    infrastructure_pairs,
    payment_pairs,
    template_degrees,
    template_pairs,
)
from analysis.store import (
    CONTRACT_NAMES,
    CONVERSATION_TURNS_SQL,
    NORMALISED_PROMPT_SQL,
    PROMPT_HASH_SQL,
    text_hash_sql,
)
from analysis.terms import NOISE


def account_count(con: duckdb.DuckDBPyConnection) -> int:
    """Return how many accounts the database holds."""
    return int(con.execute("SELECT count(DISTINCT account_id) FROM requests").fetchone()[0])


def request_count(con: duckdb.DuckDBPyConnection) -> int:
    """Return how many requests the database holds."""
    return int(con.execute("SELECT count(*) FROM requests").fetchone()[0])


# A prompt's skeleton: the normalised prompt with its variable parts masked (numbers,
# quoted text, code blocks), so prompts built from one template share it.
_SKELETON = (
    "regexp_replace(regexp_replace(regexp_replace(" + NORMALISED_PROMPT_SQL + ", "
    "'```.*?```', '<code>', 'gs'), '\"[^\"]*\"', '<q>', 'g'), '[0-9]+([.,][0-9]+)*', '#', 'g')"
)


SAMPLE = "account_sample"  # temp table: a per-account sample of requests
SKELETONS = "account_skeletons"  # temp table: per account, how often each skeleton is used
TEMP_TABLES = (SAMPLE, SKELETONS)


def make_account_skeletons(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)build temp table account_skeletons: account_id, skeleton_hash, requests using it."""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE {SKELETONS} AS
        SELECT account_id, md5({_SKELETON}) AS skeleton_hash, count(*) AS c
        FROM requests GROUP BY account_id, md5({_SKELETON})"""
    )


def drop_temp_tables(con: duckdb.DuckDBPyConnection, names: tuple[str, ...]) -> None:
    """Drop the detection run's temp tables (names from TEMP_TABLES only)."""
    for name in names:
        assert name in TEMP_TABLES, name
        con.execute(f"DROP TABLE IF EXISTS {name}")


def _source(table: str, cols: str) -> str:
    """FROM clause of a feature query over one of the run's tables."""
    return f"(SELECT {cols} FROM {table}) AS src"


# The request columns the behaviour query reads: every contract column (so a new signal
# can read any of them), account_id first.
_REQUEST_COLS = ", ".join(["account_id", *(f'"{n}"' for n in CONTRACT_NAMES if n != "account_id")])
_PASSED_COLS = ", ".join(
    f'"{n}"' for n in CONTRACT_NAMES
    if n not in ("account_id", "timestamp", "prompt_tokens", "completion_tokens")
)  # fmt: skip


def account_features_sql(columns: list[tuple[str, str]]) -> str:
    """SQL of one row per account: the (name, aggregate SQL) columns of the signal table
    (never input) over its requests `a` and the per-account CTEs; needs account_skeletons."""
    select = ",\n       ".join(f"{sql} AS {name}" for name, sql in columns)
    return f"""
WITH r AS (
    SELECT account_id, "timestamp" AS ts, {_PASSED_COLS},
           -- billed tokens, else about four characters per token of the text itself
           coalesce(prompt_tokens, length(prompt) / 4.0) AS prompt_tokens,
           coalesce(completion_tokens, length(response) / 4.0) AS completion_tokens
    FROM {_source("requests", _REQUEST_COLS)}
), conv AS (
    {CONVERSATION_TURNS_SQL}
), rt AS (
    -- each request with whether it is single-turn (no other request in its conversation)
    SELECT r.*, CASE WHEN coalesce(conv.turns, 1) = 1 THEN 1.0 ELSE 0.0 END AS single_turn
    FROM r LEFT JOIN conv ON conv.conversation_id = r.conversation_id
), tuples AS (
    -- share of requests sent with the account's most used parameter tuple
    SELECT account_id, max(c) * 1.0 / sum(c) AS param_tuple_share
    FROM (SELECT account_id, max_tokens, temperature, top_p, n, count(*) AS c
          FROM r GROUP BY account_id, max_tokens, temperature, top_p, n) AS x
    GROUP BY account_id
), retries AS (
    -- of the rate-limited (429) requests, the share followed by another request within a
    -- minute; NULL below three 429s
    SELECT account_id,
           CASE WHEN sum(CASE WHEN status_code = 429 THEN 1 ELSE 0 END) >= 3
                THEN sum(CASE WHEN status_code = 429 AND next_gap <= 60 THEN 1.0 ELSE 0.0 END)
                     / sum(CASE WHEN status_code = 429 THEN 1 ELSE 0 END) END
             AS retry_429_share
    FROM (SELECT account_id, status_code,
                 epoch(lead(ts) OVER (PARTITION BY account_id ORDER BY ts)) - epoch(ts)
                   AS next_gap
          FROM r) AS x
    GROUP BY account_id
), gaps AS (
    SELECT account_id,
           epoch(ts) - epoch(lag(ts) OVER (PARTITION BY account_id ORDER BY ts)) AS gap
    FROM r
), gap_stats AS (
    SELECT account_id, avg(gap) AS gap_mean, stddev_pop(gap) AS gap_std
    FROM gaps WHERE gap IS NOT NULL GROUP BY account_id
), hours AS (
    SELECT account_id, hour(ts) AS h, count(*) AS c FROM r GROUP BY account_id, hour(ts)
), hour_stats AS (
    SELECT account_id, count(*) AS active_hours,
           -sum((c / t) * ln(c / t)) / ln(24) AS hour_entropy
    FROM (SELECT account_id, h, c, sum(c) OVER (PARTITION BY account_id) AS t FROM hours) AS x
    GROUP BY account_id
), quiet AS (
    -- share of requests in the account's quietest six consecutive hours of the day
    SELECT account_id, min(w) AS quiet_share FROM (
        SELECT a.account_id, s.s, coalesce(sum(hours.c), 0) * 1.0 / any_value(a.t) AS w
        FROM (SELECT account_id, sum(c) AS t FROM hours GROUP BY account_id) AS a
        CROSS JOIN range(24) AS s(s)
        LEFT JOIN hours ON hours.account_id = a.account_id AND (hours.h - s.s + 24) % 24 < 6
        GROUP BY a.account_id, s.s) AS x
    GROUP BY account_id
), daily AS (
    SELECT account_id, CAST(ts AS DATE) AS d, count(*) AS c, sum(completion_tokens) AS o
    FROM r GROUP BY account_id, CAST(ts AS DATE)
), span AS (
    -- days from the account's first active day to the last day of the data (at least
    -- $min_days) and how many of them were active
    SELECT account_id, count(*) AS active,
           greatest($min_days, date_diff('day', min(d), any_value(e.data_end_day)) + 1) AS days
    FROM daily CROSS JOIN (SELECT CAST(max("timestamp") AS DATE) AS data_end_day
                           FROM requests) AS e
    GROUP BY account_id
), ranked AS (
    SELECT account_id, c, o,
           row_number() OVER (PARTITION BY account_id ORDER BY c) AS rc,
           row_number() OVER (PARTITION BY account_id ORDER BY o) AS ro
    FROM daily
), typical AS (
    -- a typical day: the $typical_q quantile (nearest rank) of the daily counts over those
    -- days, the inactive ones counted as zero; 0 when the account is idle that often
    SELECT s.account_id,
           coalesce(max(CASE WHEN k.rc = ceil($typical_q * s.days) - (s.days - s.active)
                             THEN k.c END), 0) AS typical_day_requests,
           coalesce(max(CASE WHEN k.ro = ceil($typical_q * s.days) - (s.days - s.active)
                             THEN k.o END), 0) AS typical_day_output_tokens
    FROM span AS s LEFT JOIN ranked AS k USING (account_id)
    GROUP BY s.account_id
), peak AS (
    SELECT account_id, max(c) AS peak_hour_requests
    FROM (SELECT account_id, date_trunc('hour', ts) AS hr, count(*) AS c
          FROM r GROUP BY account_id, date_trunc('hour', ts)) AS x
    GROUP BY account_id
), skeletons AS (
    SELECT account_id, skeleton_hash, sum(c) AS c
    FROM {_source(SKELETONS, "account_id, skeleton_hash, c")}
    GROUP BY account_id, skeleton_hash
), template AS (
    SELECT account_id, sum(CASE WHEN c >= 3 THEN c ELSE 0 END) / sum(c) AS template_share,
           count(*) AS skeletons
    FROM skeletons GROUP BY account_id
), release_hits AS (
    SELECT r.account_id,
           avg(CASE WHEN m.released_at IS NOT NULL AND r.ts >= m.released_at
                     AND r.ts < m.released_at + INTERVAL 48 HOUR THEN 1.0 ELSE 0.0 END)
             AS release_48h_share
    FROM r LEFT JOIN model_releases AS m ON m.model = r.model
    GROUP BY r.account_id
)
SELECT a.account_id,
       {select}
FROM rt AS a
LEFT JOIN gap_stats AS g USING (account_id)
LEFT JOIN hour_stats AS hs USING (account_id)
LEFT JOIN quiet AS q USING (account_id)
LEFT JOIN typical AS ty USING (account_id)
LEFT JOIN peak AS p USING (account_id)
LEFT JOIN template AS t USING (account_id)
LEFT JOIN release_hits AS rh USING (account_id)
LEFT JOIN tuples AS tu USING (account_id)
LEFT JOIN retries AS rl USING (account_id)
CROSS JOIN (SELECT max("timestamp") AS data_end FROM requests) AS e
GROUP BY a.account_id
ORDER BY a.account_id
"""


def account_features(
    con: duckdb.DuckDBPyConnection, columns: list[tuple[str, str]]
) -> pd.DataFrame:
    """Return one row per account with the given behaviour columns (account_features_sql);
    needs account_skeletons."""
    return con.execute(
        account_features_sql(columns),
        {"min_days": config.RATE_MIN_DAYS, "typical_q": config.TYPICAL_DAY_QUANTILE},
    ).df()


def make_account_sample(con: duckdb.DuckDBPyConnection, per_account: int) -> int:
    """(Re)build the temp table account_sample: at most per_account requests per account,
    chosen by a hash of request_id, with prompt and system prompt hashes and rank; return
    its row count."""
    system_hash = text_hash_sql("system_prompt")
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE {SAMPLE} AS
        SELECT account_id, request_id, prompt, prompt_hash, system_prompt, system_hash, rn
        FROM (
            SELECT account_id, request_id, prompt, {PROMPT_HASH_SQL} AS prompt_hash,
                   nullif(system_prompt, '') AS system_prompt,
                   CASE WHEN coalesce(system_prompt, '') <> '' THEN {system_hash} END
                     AS system_hash,
                   row_number() OVER (PARTITION BY account_id ORDER BY md5(request_id)) AS rn
            FROM requests) AS s
        WHERE rn <= ?""",
        [per_account],
    )
    return con.execute(f"SELECT count(*) FROM {SAMPLE}").fetchall()[0][0]


def unscored_sample_texts(con: duckdb.DuckDBPyConnection, detector: str) -> pd.DataFrame:
    """Return prompt_hash, prompt: the sample's distinct prompts and system prompts (under
    the hash of their own text) without a score from detector."""
    return con.execute(
        f"""WITH t AS (
            SELECT prompt_hash AS h, prompt AS text FROM {SAMPLE}
            UNION ALL
            SELECT system_hash, system_prompt FROM {SAMPLE} WHERE system_hash IS NOT NULL
        )
        SELECT t.h AS prompt_hash, any_value(t.text) AS prompt FROM t
        WHERE NOT EXISTS (SELECT 1 FROM reasoning_scores AS r
                          WHERE r.detector = ? AND r.prompt_hash = t.h)
        GROUP BY t.h ORDER BY t.h""",
        [detector],
    ).df()


def insert_reasoning_scores(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame) -> None:
    """Append rows (detector, prompt_hash, score)."""
    with store.registered(con, "_new_scores", rows):
        con.execute(
            "INSERT INTO reasoning_scores SELECT detector, prompt_hash, CAST(score AS FLOAT) "
            "FROM _new_scores"
        )


def account_request_types(
    con: duckdb.DuckDBPyConnection,
    detectors: dict[str, str],
    threshold: float,
    system_threshold: float | None = None,
    think_column: str | None = None,
    any_of: tuple[str, tuple[str, ...]] | None = None,
    trace: tuple[str, str, str] | None = None,
) -> pd.DataFrame:
    """Return account_id, sampled_prompts and per column -> detector the share of sampled
    single-turn requests whose prompt it scores >= `threshold` or system prompt >=
    `system_threshold` (think_column also counts a response with a think block);
    any_of = (name, columns) adds the share that is a hit of any of those columns;
    trace = (name, calculation regex, step regex) the share whose response is a worked
    trace (config.TRACE_MIN_CALCULATIONS calculations, or TRACE_MIN_STEPS steps and one).
    Later turns of a conversation do not count: a tutoring product's students follow up."""
    for name in [extra[0] for extra in (any_of, trace) if extra]:
        if not name.isidentifier():
            raise ValueError(f"not a column name: {name!r}")
    cols, joins, hits = [], [], {}
    for i, column in enumerate(detectors):
        if not column.isidentifier():
            raise ValueError(f"not a column name: {column!r}")
        hit = f"(p{i}.score >= $threshold OR y{i}.score >= $system_threshold)"
        if column == think_column:
            hit = f"({hit} OR s.think_block)"
        hits[column] = hit
        cols.append(f"avg(CASE WHEN s.single AND {hit} THEN 1.0 ELSE 0.0 END) AS {column}")
        joins.append(
            f"LEFT JOIN reasoning_scores AS p{i} ON p{i}.prompt_hash = s.prompt_hash "
            f"AND p{i}.detector = $d{i} "
            f"LEFT JOIN reasoning_scores AS y{i} ON y{i}.prompt_hash = s.system_hash "
            f"AND y{i}.detector = $d{i}"
        )
    if any_of:  # a KeyError if it names a column not scored
        hit = " OR ".join(hits[m] for m in any_of[1])
        cols.append(f"avg(CASE WHEN s.single AND ({hit}) THEN 1.0 ELSE 0.0 END) AS {any_of[0]}")
    system_threshold = threshold if system_threshold is None else system_threshold
    named = {"threshold": threshold, "system_threshold": system_threshold} if detectors else {}
    counts = "0 AS calcs, 0 AS steps"
    if trace:
        named |= {"calc": trace[1], "step": trace[2], "min_calcs": config.TRACE_MIN_CALCULATIONS,
                  "min_steps": config.TRACE_MIN_STEPS}  # fmt: skip
        counts = ", ".join(
            f"len(regexp_extract_all(coalesce(q.response, ''), ${p})) AS {p}s"
            for p in ("calc", "step")
        )
        cols.append(
            "avg(CASE WHEN s.single AND (s.calcs >= $min_calcs OR (s.steps >= $min_steps "
            f"AND s.calcs >= 1)) THEN 1.0 ELSE 0.0 END) AS {trace[0]}"
        )
    named |= {f"d{i}": d for i, d in enumerate(detectors.values())}
    return con.execute(
        f"""WITH conv AS ({CONVERSATION_TURNS_SQL}), s AS (
            SELECT x.account_id, x.prompt_hash, x.system_hash,
                   coalesce(conv.turns, 1) = 1 AS single,
                   coalesce(regexp_matches(q.response,
                       '<(think|thinking|reasoning|scratchpad)>', 'i'), false) AS think_block,
                   {counts}
            FROM {SAMPLE} AS x JOIN requests AS q USING (request_id)
            LEFT JOIN conv ON conv.conversation_id = q.conversation_id
        )
        SELECT s.account_id, count(*) AS sampled_prompts, {", ".join(cols)}
        FROM s {" ".join(joins)}
        GROUP BY s.account_id""",
        named,
    ).df()


def account_topics(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return account_id, campaigns_touched, topic_breadth (the effective number of
    campaigns: exp of the entropy over campaigns, noise left out) and noise_share over the
    account's sampled requests, so a heavy account does not look broad by volume alone."""
    src = _source(SAMPLE, "account_id, prompt_hash")
    return con.execute(
        f"""WITH s AS (
            SELECT src.account_id, coalesce(m.campaign_id, $noise) AS campaign_id
            FROM {src} LEFT JOIN prompt_map AS m ON m.prompt_hash = src.prompt_hash
        ), ac AS (
            SELECT account_id, campaign_id, count(*) AS requests FROM s GROUP BY 1, 2
        ), t AS (
            SELECT *, sum(requests) OVER (PARTITION BY account_id) AS total FROM ac
        ), c AS (
            SELECT *, sum(requests) OVER (PARTITION BY account_id) AS clustered
            FROM ac WHERE campaign_id <> $noise
        )
        SELECT t.account_id,
               count(DISTINCT c.campaign_id) AS campaigns_touched,
               coalesce(exp(-sum(c.requests * 1.0 / c.clustered
                                 * ln(c.requests * 1.0 / c.clustered))), 0) AS topic_breadth,
               coalesce(sum(CASE WHEN t.campaign_id = $noise THEN t.requests END), 0) * 1.0
                 / any_value(t.total) AS noise_share
        FROM t LEFT JOIN c ON c.account_id = t.account_id AND c.campaign_id = t.campaign_id
        GROUP BY t.account_id""",
        {"noise": NOISE},
    ).df()


def sample_embeddings(
    con: duckdb.DuckDBPyConnection, backend: str, max_rank: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return (account_ids (n,), float32 vectors (n, d)) for sampled requests of rank at most
    max_rank whose prompt has a cached embedding from backend, ordered by account."""
    tbl = con.sql(
        """SELECT s.account_id, e.vec
        FROM account_sample AS s
        JOIN prompt_embeddings AS e ON e.prompt_hash = s.prompt_hash AND e.backend = ?
        WHERE s.rn <= ?
        ORDER BY s.account_id""",
        params=[backend, max_rank],
    ).to_arrow_table()
    ids = tbl.column("account_id").to_numpy(zero_copy_only=False)
    vec = tbl.column("vec").combine_chunks()
    if len(vec) == 0:
        return ids, np.zeros((0, 0), np.float32)
    flat = vec.flatten().to_numpy(zero_copy_only=False)
    return ids, flat.astype(np.float32).reshape(len(vec), -1)


def write_scores(
    con: duckdb.DuckDBPyConnection,
    accounts: pd.DataFrame,
    networks: pd.DataFrame,
    edges: pd.DataFrame,
    params: dict,
    seconds: float,
    not_signals: tuple[str, ...] = ("first_seen", "last_seen"),
) -> int:
    """Replace the stored scores, networks, edges and signals in one transaction; record
    the run; return its run_id. Columns in not_signals are left out of account_signals."""
    skip = ("risk_score", "risk_level", "own_score", "reasons", "network_id", *not_signals)
    signal_cols = [c for c in accounts.columns if c not in skip]
    with store.transaction(con):
        run_id = con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM score_runs").fetchall()[0][0]
        con.execute(
            "INSERT INTO score_runs VALUES (?, now(), ?, ?, ?, ?)",
            [run_id, len(accounts), len(networks), seconds, json.dumps(params, default=float)],
        )
        for table in ("account_scores", "networks", "network_edges"):
            con.execute(f"DELETE FROM {table}")
        with store.registered(con, "_acc", accounts):
            con.execute(
                """INSERT INTO account_scores
                SELECT account_id, risk_score, risk_level, own_score,
                       CAST(reasons AS VARCHAR[]), CAST(network_id AS VARCHAR), ? FROM _acc""",
                [run_id],
            )
        with store.registered(con, "_sig", accounts[signal_cols]):
            con.execute("CREATE OR REPLACE TABLE account_signals AS SELECT * FROM _sig")
        if len(networks):
            with store.registered(con, "_net", networks):
                con.execute(
                    """INSERT INTO networks
                    SELECT network_id, accounts, requests, risk_score, risk_level,
                           CAST(edge_types AS VARCHAR[]), CAST(reasons AS VARCHAR[]), ?
                    FROM _net""",
                    [run_id],
                )
        if len(edges):
            with store.registered(con, "_edges", edges):
                con.execute(
                    """INSERT INTO network_edges
                    SELECT account_a, account_b, CAST(edge_types AS VARCHAR[]),
                           CAST(evidence AS VARCHAR[]), network_id, ? FROM _edges""",
                    [run_id],
                )
    return int(run_id)


def account_scores(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return the latest scores joined with every signal: account_id, risk_score,
    risk_level, reasons, network_id, own_score, then the signal columns; riskiest first."""
    return con.execute(
        """SELECT s.account_id, s.risk_score, s.risk_level, s.reasons, s.network_id,
                  s.own_score, g.* EXCLUDE (account_id)
        FROM account_scores AS s LEFT JOIN account_signals AS g USING (account_id)
        ORDER BY s.risk_score DESC, s.account_id"""
    ).df()
