"""SQL of recipes: distinct texts to mine, each text's frame onto its requests, the
recipe table, each request's recipe, the runs, and what other stages read of them (each
account's requests per recipe, candidate pairs of accounts sharing a recipe)."""

from __future__ import annotations

import json

import duckdb
import pandas as pd

from analysis import store
from analysis.store import CONVERSATION_TURNS_SQL, json_answer_sql


def text_key_sql(q: str = "") -> str:
    """One distinct text: the system prompt and the prompt together (a frame can live in
    either); `q` is the table alias with its dot."""
    return f"md5(coalesce({q}system_prompt, '') || chr(31) || {q}prompt)"


# A token: one CJK ideograph, kana or Hangul syllable (no spaces to split on), a run of
# letters, or a run of digits (written as "0" before tokenising: numbers are payload).
TOKEN_PATTERN = r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]|[\p{L}\p{M}]+|\p{N}+"


def _windows_sql(source: str) -> str:
    tok = "regexp_extract_all(regexp_replace(lower({}), '\\p{{N}}+', '0', 'g'), $pat)"
    return f"""
        WITH tk AS (
            SELECT text_key, {tok.format("coalesce(system_prompt, '')")} AS st,
                   {tok.format("coalesce(prompt, '')")} AS pt
            FROM {source})
        SELECT text_key, st[1:$w] AS s,
               CASE WHEN len(pt) <= 2 * $w THEN pt ELSE pt[1:$w] END AS h,
               CASE WHEN len(pt) > 2 * $w THEN pt[-$w:] ELSE [] END AS t
        FROM tk ORDER BY text_key"""


def token_windows(con: duckdb.DuckDBPyConnection, window: int, texts: pd.DataFrame | None = None):
    """Return an Arrow table text_key, s, t, h: the first `window` tokens of the system
    prompt, and of the prompt its first and last `window` (all of it in h when it has at
    most 2 * window tokens), one row per distinct text of the requests (or of `texts`:
    text_key, system_prompt, prompt), ordered by text_key."""
    params = {"pat": TOKEN_PATTERN, "w": window}
    if texts is not None:
        with store.registered(con, "texts_to_mine", texts):
            return con.sql(_windows_sql("texts_to_mine"), params=params).to_arrow_table()
    source = f"""(SELECT {text_key_sql()} AS text_key, any_value(system_prompt) AS system_prompt,
                        any_value(prompt) AS prompt FROM requests GROUP BY 1) AS d"""
    return con.sql(_windows_sql(source), params=params).to_arrow_table()


def text_accounts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return text_key, account_id: which accounts sent each distinct text."""
    return con.execute(
        f"SELECT DISTINCT {text_key_sql()} AS text_key, account_id FROM requests"
    ).df()


def family_stats(con: duckdb.DuckDBPyConnection, text_families: pd.DataFrame) -> pd.DataFrame:
    """Per family (text_families: text_key, family): requests, prompts, accounts, shape
    (single-turn share, JSON-answer share, median max_tokens, mean temperature), first and
    last seen. A request is single-turn when it has no conversation id or is the only
    request of its conversation."""
    with store.registered(con, "text_families", text_families):
        return con.execute(
            f"""WITH conv AS ({CONVERSATION_TURNS_SQL}),
                r AS (
                    SELECT tf.family, q.account_id, q.timestamp, q.max_tokens, q.temperature,
                           tf.text_key,
                           CASE WHEN coalesce(c.turns, 1) = 1 THEN 1.0 ELSE 0.0 END AS single,
                           {json_answer_sql("q.")} AS json_answer
                    FROM requests AS q
                    JOIN text_families AS tf ON tf.text_key = {text_key_sql("q.")}
                    LEFT JOIN conv AS c ON c.conversation_id = q.conversation_id)
                SELECT family, count(*) AS requests, count(DISTINCT text_key) AS prompts,
                       count(DISTINCT account_id) AS accounts,
                       avg(single) AS single_turn_share, avg(json_answer) AS json_share,
                       median(max_tokens) AS median_max_tokens,
                       avg(temperature) AS mean_temperature,
                       min(timestamp) AS first_seen, max(timestamp) AS last_seen
                FROM r GROUP BY family ORDER BY family"""
        ).df()


def old_recipe_frames(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return frame, recipe_id, prompts of the stored recipes (for stable ids)."""
    return con.execute("SELECT frame, recipe_id, prompts FROM recipe_frames").df()


def request_count(con: duckdb.DuckDBPyConnection) -> int:
    """Return the number of stored requests."""
    return int(con.execute("SELECT count(*) FROM requests").fetchall()[0][0])


def next_run_id(con: duckdb.DuckDBPyConnection) -> int:
    """Return the next recipe run id."""
    return int(con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM recipe_runs").fetchall()[0][0])


def write_recipes(
    con: duckdb.DuckDBPyConnection,
    run: dict,
    recipes: pd.DataFrame,
    frames: pd.DataFrame,
    text_recipes: pd.DataFrame,
) -> int:
    """Replace the recipe tables in one transaction: recipes (one row per recipe),
    frames (frame_id, recipe_id, frame, prompts), each framed request's recipe (from
    text_recipes: text_key, recipe_id) and a run row. Return the number of framed requests."""
    rows = recipes.copy()
    for col in ("variants", "keywords"):
        rows[col] = rows[col].map(json.dumps)
    with (
        store.transaction(con),
        store.registered(con, "recipe_rows", rows),
        store.registered(con, "frame_rows", frames),
        store.registered(con, "text_recipes", text_recipes),
    ):
        con.execute("DELETE FROM recipes")
        con.execute("DELETE FROM recipe_frames")
        con.execute("DELETE FROM request_recipes")
        con.execute(
            """INSERT INTO recipes SELECT recipe_id, ? AS run_id, label, frame,
                   CAST(variants AS JSON), CAST(keywords AS JSON), requests, prompts, accounts,
                   single_turn_share, json_share, median_max_tokens, mean_temperature,
                   first_seen, last_seen
               FROM recipe_rows""",
            [run["run_id"]],
        )
        con.execute(
            "INSERT INTO recipe_frames SELECT frame_id, recipe_id, frame, prompts FROM frame_rows"
        )
        con.execute(
            f"""INSERT INTO request_recipes
                SELECT q.request_id, t.recipe_id FROM requests AS q
                JOIN text_recipes AS t ON t.text_key = {text_key_sql("q.")}"""
        )
        framed = int(con.execute("SELECT count(*) FROM request_recipes").fetchall()[0][0])
        con.execute(
            "INSERT INTO recipe_runs VALUES (?, current_timestamp, ?, ?, ?, ?, ?, ?, ?)",
            [
                run["run_id"],
                run["seconds"],
                run["texts"],
                run["framed_texts"],
                run["requests"],
                framed,
                len(recipes),
                json.dumps(run["params"]),
            ],
        )
    return framed


def recipes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return the stored recipes, most requests first."""
    return con.execute("SELECT * FROM recipes ORDER BY requests DESC, recipe_id").df()


def has_recipes(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether a recipe run has been stored."""
    return bool(con.execute("SELECT count(*) FROM recipe_runs").fetchall()[0][0])


def recipe_candidates(
    con: duckdb.DuckDBPyConnection, accounts: list[str], min_share: float, neighbours: int
) -> pd.DataFrame:
    """Return account_a, account_b: candidate pairs of the given accounts that both send at
    least min_share of their requests with one recipe. Within a recipe's group each account
    is paired with the next `neighbours` in a fixed order (a hash of the id), so a group of
    g accounts gives about g * neighbours pairs, not g^2 / 2 (blocking)."""
    if not accounts:
        return pd.DataFrame(columns=["account_a", "account_b"])
    with store.registered(con, "_harvest_accounts", pd.DataFrame({"account_id": accounts})):
        return con.execute(
            """WITH tot AS (
                SELECT account_id, count(*) AS n FROM requests
                WHERE account_id IN (SELECT account_id FROM _harvest_accounts)
                GROUP BY account_id
            ), ar AS (
                SELECT q.account_id, rr.recipe_id, count(*) AS c
                FROM requests AS q JOIN request_recipes AS rr USING (request_id)
                WHERE q.account_id IN (SELECT account_id FROM _harvest_accounts)
                GROUP BY q.account_id, rr.recipe_id
            ), g AS (
                SELECT ar.account_id, ar.recipe_id,
                       row_number() OVER (PARTITION BY ar.recipe_id ORDER BY md5(ar.account_id))
                         AS pos,
                       count(*) OVER (PARTITION BY ar.recipe_id) AS size
                FROM ar JOIN tot USING (account_id)
                WHERE ar.c * 1.0 / tot.n >= ?
            )
            SELECT DISTINCT least(a.account_id, b.account_id) AS account_a,
                   greatest(a.account_id, b.account_id) AS account_b
            FROM g AS a JOIN g AS b
              ON a.recipe_id = b.recipe_id AND b.pos <> a.pos
             AND (b.pos - a.pos + a.size) % a.size BETWEEN 1 AND ?""",
            [min_share, neighbours],
        ).df()


def account_recipe_counts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return account_id, recipe_id, requests, total: each account's framed requests per
    recipe and all its requests."""
    return con.execute(
        """WITH tot AS (SELECT account_id, count(*) AS total FROM requests GROUP BY 1)
        SELECT q.account_id, rr.recipe_id, count(*) AS requests, any_value(tot.total) AS total
        FROM requests AS q JOIN request_recipes AS rr USING (request_id)
        JOIN tot USING (account_id)
        GROUP BY 1, 2 ORDER BY 1, 2"""
    ).df()
