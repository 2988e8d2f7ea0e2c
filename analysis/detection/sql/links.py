"""SQL of linkage: candidate pairs of accounts (shared payment, network prefix and client,
creation time, rare templates), template degrees, and the shapes and hourly activity that
cohort links compare."""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis import store
from analysis.store import json_answer_sql

# The network prefix of an address: the /24 of IPv4, the first four groups (/64) of IPv6.
_PREFIX_SQL = (
    "CASE WHEN ip LIKE '%:%' THEN array_to_string(string_split(ip, ':')[1:4], ':') "
    "ELSE array_to_string(string_split(ip, '.')[1:3], '.') END"
)


def payment_pairs(con: duckdb.DuckDBPyConnection, max_group: int) -> pd.DataFrame:
    """Return account_a, account_b, fingerprint: pairs paying with one instrument, except
    pairs of one declared org_id and instruments of over max_group accounts (a platform)."""
    return con.execute(
        """WITH p AS (
            SELECT DISTINCT account_id, payment_fingerprint AS fp FROM requests
            WHERE payment_fingerprint IS NOT NULL AND payment_fingerprint <> ''
        ), big AS (
            SELECT fp FROM p GROUP BY fp HAVING count(*) > ?
        ), o AS (
            SELECT DISTINCT account_id, org_id FROM requests
            WHERE org_id IS NOT NULL AND org_id <> ''
        )
        SELECT a.account_id AS account_a, b.account_id AS account_b, min(a.fp) AS fingerprint
        FROM p AS a JOIN p AS b ON a.fp = b.fp AND a.account_id < b.account_id
        WHERE a.fp NOT IN (SELECT fp FROM big)
          AND NOT EXISTS (SELECT 1 FROM o AS oa JOIN o AS ob ON oa.org_id = ob.org_id
                          WHERE oa.account_id = a.account_id AND ob.account_id = b.account_id)
        GROUP BY a.account_id, b.account_id""",
        [max_group],
    ).df()


def infrastructure_pairs(con: duckdb.DuckDBPyConnection, max_group: int) -> pd.DataFrame:
    """Return account_a, account_b, prefix, user_agent: pairs that used one network prefix
    (/24 or /64) with the same user agent; prefix/agent groups above max_group are left out."""
    return con.execute(
        f"""WITH p AS (
            SELECT DISTINCT account_id, {_PREFIX_SQL} AS prefix, user_agent
            FROM requests
            WHERE ip IS NOT NULL AND ip <> '' AND user_agent IS NOT NULL AND user_agent <> ''
        ), big AS (
            SELECT prefix, user_agent FROM p GROUP BY prefix, user_agent HAVING count(*) > ?
        )
        SELECT a.account_id AS account_a, b.account_id AS account_b,
               min(a.prefix) AS prefix, min(a.user_agent) AS user_agent
        FROM p AS a JOIN p AS b
          ON a.prefix = b.prefix AND a.user_agent = b.user_agent
         AND a.account_id < b.account_id
        WHERE NOT EXISTS (SELECT 1 FROM big
                          WHERE big.prefix = a.prefix AND big.user_agent = a.user_agent)
        GROUP BY a.account_id, b.account_id""",
        [max_group],
    ).df()


def account_created(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return account_id, created_hours (since the epoch) of accounts with a creation time."""
    return con.execute(
        """SELECT account_id, epoch(min(account_created_at)) / 3600.0 AS created_hours
        FROM requests WHERE account_created_at IS NOT NULL
        GROUP BY account_id ORDER BY account_id"""
    ).df()


def creation_pairs(
    con: duckdb.DuckDBPyConnection, window_hours: float, neighbours: int
) -> pd.DataFrame:
    """Return account_a, account_b, created_gap_hours: accounts created at most window_hours
    apart. Blocking: in windows of that length (two grids offset by half a window) each is
    paired with its next `neighbours` by id hash: ~2 * g * neighbours pairs per batch of g."""
    return con.execute(
        """WITH c AS (
            SELECT account_id, epoch(min(account_created_at)) / 3600.0 AS h
            FROM requests WHERE account_created_at IS NOT NULL GROUP BY account_id
        ), b AS (
            SELECT account_id, h, grid, CAST(floor((h + grid * $w / 2) / $w) AS BIGINT) AS bin
            FROM c CROSS JOIN (SELECT unnest([0, 1]) AS grid) AS g
        ), r AS (
            SELECT account_id, h, grid, bin,
                   row_number() OVER (PARTITION BY grid, bin ORDER BY md5(account_id)) AS pos,
                   count(*) OVER (PARTITION BY grid, bin) AS size
            FROM b
        )
        SELECT least(x.account_id, y.account_id) AS account_a,
               greatest(x.account_id, y.account_id) AS account_b,
               min(abs(x.h - y.h)) AS created_gap_hours
        FROM r AS x JOIN r AS y
          ON x.grid = y.grid AND x.bin = y.bin AND x.pos <> y.pos
         AND (y.pos - x.pos + x.size) % x.size BETWEEN 1 AND $k
        WHERE abs(x.h - y.h) <= $w
        GROUP BY 1, 2""",
        {"w": window_hours, "k": neighbours},
    ).df()


def template_pairs(
    con: duckdb.DuckDBPyConnection, max_accounts: int, min_shared: int
) -> pd.DataFrame:
    """Return account_a, account_b, shared: pairs sharing >= min_shared rare skeletons."""
    return con.execute(
        """WITH rare AS (
            SELECT skeleton_hash FROM account_skeletons
            GROUP BY skeleton_hash HAVING count(*) BETWEEN 2 AND ?
        ), s AS (
            SELECT account_id, skeleton_hash FROM account_skeletons
            WHERE skeleton_hash IN (SELECT skeleton_hash FROM rare)
        )
        SELECT a.account_id AS account_a, b.account_id AS account_b, count(*) AS shared
        FROM s AS a JOIN s AS b
          ON a.skeleton_hash = b.skeleton_hash AND a.account_id < b.account_id
        GROUP BY a.account_id, b.account_id
        HAVING count(*) >= ?""",
        [max_accounts, min_shared],
    ).df()


def template_degrees(
    con: duckdb.DuckDBPyConnection, max_accounts: int
) -> tuple[pd.DataFrame, float]:
    """Return (account_id, rare skeletons used; c = sum(u^2) / (sum u)^2, u = their users):
    unrelated accounts share about da * db * c."""
    rare = """WITH rare AS (
            SELECT skeleton_hash, count(*) AS u FROM account_skeletons
            GROUP BY skeleton_hash HAVING count(*) BETWEEN 2 AND $max
        )"""
    degrees = con.execute(
        f"""{rare}
        SELECT s.account_id, count(*) AS rare
        FROM account_skeletons AS s JOIN rare AS r ON r.skeleton_hash = s.skeleton_hash
        GROUP BY s.account_id""",
        {"max": max_accounts},
    ).df()
    c = con.execute(
        f"{rare} SELECT sum(u * u) * 1.0 / nullif(sum(u) * sum(u), 0) FROM rare",
        {"max": max_accounts},
    ).fetchall()[0][0]
    return degrees, float(c or 0.0)


def account_shapes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return account_id, shape (the account's most used max_tokens/temperature/top_p/n
    tuple and whether its answers are mostly JSON, as one string), hrs and cs (the UTC hours
    of the day it was active in and its requests in each)."""
    return con.execute(
        f"""WITH t AS (
            SELECT account_id,
                   concat_ws('|', coalesce(CAST(max_tokens AS VARCHAR), '-'),
                             coalesce(CAST(temperature AS VARCHAR), '-'),
                             coalesce(CAST(top_p AS VARCHAR), '-'),
                             coalesce(CAST(n AS VARCHAR), '-')) AS tuple,
                   count(*) AS c
            FROM requests GROUP BY 1, 2
        ), top AS (
            SELECT account_id, arg_max(tuple, c) AS tuple FROM t GROUP BY account_id
        ), fmt AS (
            SELECT account_id,
                   avg(coalesce({json_answer_sql()}, 0.0)) >= 0.5 AS json_answers
            FROM requests GROUP BY account_id
        ), h AS (
            SELECT account_id, hour("timestamp") AS hr, count(*) AS c FROM requests GROUP BY 1, 2
        ), hp AS (
            SELECT account_id, list(hr ORDER BY hr) AS hrs, list(c ORDER BY hr) AS cs
            FROM h GROUP BY account_id
        )
        SELECT top.account_id, top.tuple || '|' || CAST(fmt.json_answers AS VARCHAR) AS shape,
               hp.hrs, hp.cs
        FROM top JOIN fmt USING (account_id) JOIN hp USING (account_id)
        ORDER BY top.account_id"""
    ).df()


def hourly_activity(con: duckdb.DuckDBPyConnection, accounts: list[str]) -> pd.DataFrame:
    """Return account_id, hour_index (hours since the first request of the data), requests:
    the hourly request counts of the given accounts."""
    with store.registered(con, "_accounts", pd.DataFrame({"account_id": accounts})):
        return con.execute(
            """WITH t0 AS (SELECT min("timestamp") AS t0 FROM requests)
            SELECT r.account_id,
                   CAST(floor((epoch(r."timestamp") - epoch((SELECT t0 FROM t0))) / 3600) AS BIGINT)
                     AS hour_index,
                   count(*) AS requests
            FROM requests AS r
            WHERE r.account_id IN (SELECT account_id FROM _accounts)
            GROUP BY 1, 2"""
        ).df()
