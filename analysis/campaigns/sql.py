"""SQL of campaign discovery: unique prompts and their recipes, the embedding cache, the
prompt map, campaign profiles, topics, lineage, runs and the per-campaign and per-account
aggregates (with each campaign's name), and pairs of accounts whose campaign mixes are
alike (for linkage)."""

from __future__ import annotations

import json

import duckdb
import numpy as np
import pandas as pd

from analysis import store
from analysis.store import PROMPT_HASH_SQL
from analysis.terms import NOISE


def unique_prompts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return prompt_hash, text (one original spelling), requests and recipe_id (the recipe
    of most of its requests, a recipe winning a tie with none; None when most carry none or
    no recipes are stored) per unique prompt, ordered by prompt_hash."""
    return con.execute(
        f"""WITH c AS (
                SELECT {PROMPT_HASH_SQL} AS prompt_hash, rr.recipe_id, min(prompt) AS text,
                       count(*) AS n
                FROM requests AS r LEFT JOIN request_recipes AS rr USING (request_id)
                GROUP BY ALL)
            SELECT prompt_hash, min(text) AS text, sum(n) AS requests,
                   first(recipe_id ORDER BY n DESC, recipe_id NULLS LAST) AS recipe_id
            FROM c GROUP BY 1 ORDER BY 1"""
    ).df()


def recipe_frames(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return recipe_id, frame_hash, frame (the canonical frame, segments joined by spaces)
    of every stored recipe."""
    return con.execute(
        """SELECT recipe_id, md5(replace(frame, ' … ', ' ')) AS frame_hash,
                  replace(frame, ' … ', ' ') AS frame
           FROM recipes ORDER BY recipe_id"""
    ).df()


def cached_embeddings(
    con: duckdb.DuckDBPyConnection, backend: str, hashes: pd.Series, dim: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return (prompt hashes (m,), float32 vectors (m, dim)) of the hashes that the cache
    holds for a backend (read as Arrow: a list column through pandas costs seconds)."""
    with store.registered(con, "wanted_hashes", pd.DataFrame({"prompt_hash": hashes})):
        found = con.sql(
            """SELECT e.prompt_hash, e.vec FROM prompt_embeddings AS e
               JOIN wanted_hashes AS w ON w.prompt_hash = e.prompt_hash
               WHERE e.backend = ?""",
            params=[backend],
        ).to_arrow_table()
    vecs = found.column("vec").combine_chunks().flatten().to_numpy(zero_copy_only=False)
    return (
        found.column("prompt_hash").to_numpy(zero_copy_only=False),
        np.asarray(vecs, np.float32).reshape(-1, dim),
    )


def insert_embeddings(con: duckdb.DuckDBPyConnection, table) -> None:
    """Add (backend, prompt_hash, vec) rows of an Arrow table not yet in the cache."""
    with store.registered(con, "new_embeddings", table):
        con.execute(
            """INSERT INTO prompt_embeddings (backend, prompt_hash, vec)
               SELECT n.backend, n.prompt_hash, n.vec FROM new_embeddings AS n
               WHERE NOT EXISTS (SELECT 1 FROM prompt_embeddings AS e
                                 WHERE e.backend = n.backend AND e.prompt_hash = n.prompt_hash)"""
        )


def latest_campaign_run(con: duckdb.DuckDBPyConnection) -> dict | None:
    """Return the newest campaign run as a dict, or None."""
    df = con.execute("SELECT * FROM campaign_runs ORDER BY run_id DESC LIMIT 1").df()
    return None if df.empty else df.iloc[0].to_dict()


def run_params(con: duckdb.DuckDBPyConnection, run_id: int | None) -> dict:
    """Return the parameters a campaign run recorded ({} for none)."""
    rows = con.execute("SELECT params FROM campaign_runs WHERE run_id = ?", [run_id]).fetchall()
    return json.loads(rows[0][0]) if rows and rows[0][0] else {}


def latest_fit_run(con: duckdb.DuckDBPyConnection, backend: str) -> int | None:
    """Return the newest run that fitted the map with this backend, or None."""
    rows = con.execute(
        "SELECT max(run_id) FROM campaign_runs WHERE mode = 'fit' AND backend = ?", [backend]
    ).fetchall()
    return rows[0][0]


def next_run_id(con: duckdb.DuckDBPyConnection) -> int:
    """Return the next campaign run id."""
    return int(
        con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM campaign_runs").fetchall()[0][0]
    )


def next_campaign_id(con: duckdb.DuckDBPyConnection) -> int:
    """Return the next never-used campaign id (ids are never reused)."""
    row = con.execute(
        """SELECT greatest(coalesce((SELECT max(campaign_id) FROM campaign_profiles), -1),
                          coalesce((SELECT max(campaign_id) FROM campaign_lineage), -1)) + 1"""
    ).fetchall()[0]
    return int(row[0])


def prompt_map(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return prompt_hash, x, y, campaign_id, in_sample, run_id, recipe_id, topic of every
    mapped prompt."""
    return con.execute(
        "SELECT prompt_hash, x, y, campaign_id, in_sample, run_id, recipe_id, topic"
        " FROM prompt_map ORDER BY prompt_hash"
    ).df()


def map_counts(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int]:
    """Return (mapped prompts, campaigns, noise prompts) of the prompt map."""
    row = con.execute(
        "SELECT count(*), count(DISTINCT campaign_id) FILTER (WHERE campaign_id <> $noise),"
        " count(*) FILTER (WHERE campaign_id = $noise) FROM prompt_map",
        {"noise": NOISE},
    ).fetchall()[0]
    return int(row[0]), int(row[1]), int(row[2])


def reference_set(con: duckdb.DuckDBPyConnection, backend: str) -> pd.DataFrame:
    """Return prompt_hash, x, y, campaign_id, topic, vec (the prompt's own embedding) of the
    fitted sample (the reference set)."""
    return con.execute(
        """SELECT m.prompt_hash, m.x, m.y, m.campaign_id, m.topic, e.vec
           FROM prompt_map AS m JOIN prompt_embeddings AS e
             ON e.prompt_hash = m.prompt_hash AND e.backend = ?
           WHERE m.in_sample ORDER BY m.prompt_hash""",
        [backend],
    ).df()


def write_prompt_map(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame, replace: bool) -> None:
    """Store map rows (prompt_hash, x, y, campaign_id, in_sample, run_id, recipe_id, topic);
    replace=True drops the previous map first."""
    if replace:
        con.execute("DELETE FROM prompt_map")
    with store.registered(con, "map_rows", rows):
        con.execute(
            """INSERT INTO prompt_map (prompt_hash, x, y, campaign_id, in_sample, run_id,
                                       recipe_id, topic)
               SELECT prompt_hash, x, y, campaign_id, in_sample, run_id, recipe_id, topic
               FROM map_rows"""
        )


def write_topics(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame) -> None:
    """Replace the topics (topic, name, keywords, run_id) with rows."""
    con.execute("DELETE FROM prompt_topics")
    with store.registered(con, "topic_rows", rows):
        con.execute(
            "INSERT INTO prompt_topics SELECT topic, name, keywords, run_id FROM topic_rows"
        )


def write_campaign_profiles(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame) -> None:
    """Replace the profiles (campaign_id, keywords, representatives, centroid, created_run,
    fitted_run) with rows."""
    con.execute("DELETE FROM campaign_profiles")
    with store.registered(con, "profile_rows", rows):
        con.execute(
            """INSERT INTO campaign_profiles
               SELECT campaign_id, keywords, representatives, centroid, created_run, fitted_run
               FROM profile_rows"""
        )


def campaign_created_runs(con: duckdb.DuckDBPyConnection) -> dict[int, int]:
    """Return campaign_id -> the run that first created it."""
    return dict(con.execute("SELECT campaign_id, created_run FROM campaign_profiles").fetchall())


def write_lineage(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
    """Append lineage rows (run_id, campaign_id, parent_id, relation, overlap)."""
    if rows:
        con.executemany(
            "INSERT INTO campaign_lineage (run_id, campaign_id, parent_id, relation, overlap)"
            " VALUES (?, ?, ?, ?, ?)",
            rows,
        )


def refresh_campaign_aggregates(
    con: duckdb.DuckDBPyConnection, run_id: int, name_keywords: int
) -> None:
    """Recompute account_campaigns and campaigns from requests and the prompt map. A
    campaign's name is the label of the recipe holding most of its requests (more than
    half), else its first `name_keywords` keywords."""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE request_campaigns AS
            SELECT r.request_id, r.account_id, r."timestamp", m.prompt_hash, m.campaign_id
            FROM requests AS r JOIN prompt_map AS m ON m.prompt_hash = {PROMPT_HASH_SQL}"""
    )
    con.execute("DELETE FROM account_campaigns")
    con.execute(
        """INSERT INTO account_campaigns (account_id, campaign_id, requests, share)
           SELECT account_id, campaign_id, n,
                  n / sum(n) OVER (PARTITION BY account_id)
           FROM (SELECT account_id, campaign_id, count(*) AS n
                 FROM request_campaigns GROUP BY account_id, campaign_id) AS a"""
    )
    con.execute("DELETE FROM campaigns")
    con.execute(
        """INSERT INTO campaigns (campaign_id, prompts, requests, accounts, first_seen,
               last_seen, top_account_share, hhi, keywords, representatives, run_id, name,
               recipe_id, recipe_share)
           WITH agg AS (
               SELECT campaign_id, count(DISTINCT prompt_hash) AS prompts, count(*) AS requests,
                      count(DISTINCT account_id) AS accounts,
                      min("timestamp") AS first_seen, max("timestamp") AS last_seen
               FROM request_campaigns WHERE campaign_id <> $noise GROUP BY campaign_id
           ), conc AS (
               SELECT campaign_id, max(requests) / sum(requests) AS top_account_share,
                      sum(requests * requests) / (sum(requests) * sum(requests)) AS hhi
               FROM account_campaigns WHERE campaign_id <> $noise GROUP BY campaign_id
           ), rec AS (
               SELECT q.campaign_id, rr.recipe_id, count(*) AS n
               FROM request_campaigns AS q JOIN request_recipes AS rr USING (request_id)
               WHERE q.campaign_id <> $noise GROUP BY q.campaign_id, rr.recipe_id
               QUALIFY row_number() OVER (PARTITION BY q.campaign_id
                                          ORDER BY count(*) DESC, rr.recipe_id) = 1
           )
           SELECT a.campaign_id, a.prompts, a.requests, a.accounts, a.first_seen, a.last_seen,
                  c.top_account_share, c.hhi, p.keywords, p.representatives, $run_id,
                  CASE WHEN 2 * r.n > a.requests THEN x.label
                       ELSE nullif(array_to_string(p.keywords[1:$words], ', '), '') END,
                  CASE WHEN 2 * r.n > a.requests THEN r.recipe_id END,
                  coalesce(r.n, 0) / a.requests
           FROM agg AS a JOIN conc AS c USING (campaign_id)
           LEFT JOIN campaign_profiles AS p USING (campaign_id)
           LEFT JOIN rec AS r USING (campaign_id)
           LEFT JOIN recipes AS x ON x.recipe_id = r.recipe_id""",
        {"noise": NOISE, "run_id": run_id, "words": name_keywords},
    )
    con.execute("DROP TABLE request_campaigns")


def insert_campaign_run(con: duckdb.DuckDBPyConnection, row: dict) -> None:
    """Record a campaign run (keys: the campaign_runs columns but started_at)."""
    con.execute(
        """INSERT INTO campaign_runs (run_id, started_at, backend, mode, prompts, new_prompts,
               embedded, campaigns, noise_share, seconds, params)
           VALUES ($run_id, now()::TIMESTAMP, $backend, $mode, $prompts, $new_prompts,
               $embedded, $campaigns, $noise_share, $seconds, $params)""",
        row,
    )


def has_account_campaigns(con: duckdb.DuckDBPyConnection) -> bool:
    """True when a campaign run has filled account_campaigns."""
    return bool(con.execute("SELECT count(*) FROM account_campaigns").fetchall()[0][0])


def campaigns_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return the campaigns, largest first (the campaigns table's columns)."""
    return con.execute("SELECT * FROM campaigns ORDER BY requests DESC").df()


def request_campaign_labels(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return account_id, prompt_hash, campaign_id for every request."""
    return con.execute(
        f"""SELECT r.account_id, m.prompt_hash, m.campaign_id
            FROM requests AS r JOIN prompt_map AS m ON m.prompt_hash = {PROMPT_HASH_SQL}"""
    ).df()


def campaign_pairs(
    con: duckdb.DuckDBPyConnection, max_accounts: int, min_requests: int, min_similarity: float
) -> pd.DataFrame:
    """Return account_a, account_b, similarity, shared: pairs whose mixes of campaigns are
    alike (cosine of campaign shares weighted by rarity, idf), counted over campaigns of at
    most max_accounts accounts; both accounts need min_requests clustered requests."""
    return con.execute(
        """WITH ac AS (
            SELECT account_id, campaign_id, requests FROM account_campaigns WHERE campaign_id <> ?
        ), n AS (
            SELECT count(DISTINCT account_id) AS accounts FROM ac
        ), cc AS (
            SELECT campaign_id, count(*) AS accounts FROM ac GROUP BY campaign_id
        ), tot AS (
            SELECT account_id, sum(requests) AS total FROM ac GROUP BY account_id
        ), w AS (
            SELECT ac.account_id, ac.campaign_id, cc.accounts AS campaign_accounts,
                   ac.requests * 1.0 / tot.total * ln((SELECT accounts FROM n) * 1.0 / cc.accounts)
                     AS v
            FROM ac JOIN cc USING (campaign_id) JOIN tot USING (account_id)
            WHERE tot.total >= ?
        ), norms AS (
            SELECT account_id, sqrt(sum(v * v)) AS norm FROM w GROUP BY account_id
        ), dots AS (
            SELECT a.account_id AS account_a, b.account_id AS account_b,
                   sum(a.v * b.v) AS dot, count(*) AS shared
            FROM w AS a JOIN w AS b
              ON a.campaign_id = b.campaign_id AND a.account_id < b.account_id
            WHERE a.campaign_accounts <= ?
            GROUP BY a.account_id, b.account_id
        )
        SELECT account_a, account_b, dot / (na.norm * nb.norm) AS similarity, shared
        FROM dots
        JOIN norms AS na ON na.account_id = dots.account_a
        JOIN norms AS nb ON nb.account_id = dots.account_b
        WHERE na.norm > 0 AND nb.norm > 0 AND dot / (na.norm * nb.norm) >= ?""",
        [NOISE, min_requests, max_accounts, min_similarity],
    ).df()
