"""SQL of linkage: the candidate pairs of each kind of shared evidence (payment,
infrastructure, creation, campaigns, templates, recipes), request shapes and hourly
activity. Parameters only; the rest of detection's SQL is in sql.py."""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis import store
from analysis.terms import NOISE

# The network prefix of an address: the /24 of IPv4, the first four groups (/64) of IPv6.
_PREFIX_SQL = (
    "CASE WHEN ip LIKE '%:%' THEN array_to_string(string_split(ip, ':')[1:4], ':') "
    "ELSE array_to_string(string_split(ip, '.')[1:3], '.') END"
)


def payment_pairs(con: duckdb.DuckDBPyConnection, max_group: int) -> pd.DataFrame:
    """Return account_a, account_b, fingerprint: pairs paying with one instrument, leaving out
    pairs that share a declared org_id (one organisation's billing) and instruments used by
    more than max_group accounts (a platform, not an actor)."""
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
    """Return account_id, created_hours (hours since the epoch) of every account with a
    creation time (accounts without one are left out: no evidence)."""
    return con.execute(
        """SELECT account_id, epoch(min(account_created_at)) / 3600.0 AS created_hours
        FROM requests WHERE account_created_at IS NOT NULL
        GROUP BY account_id ORDER BY account_id"""
    ).df()


def creation_pairs(
    con: duckdb.DuckDBPyConnection, window_hours: float, neighbours: int
) -> pd.DataFrame:
    """Return account_a, account_b, created_gap_hours: accounts created at most window_hours
    apart. Blocking: accounts fall in windows of that length (twice, the second grid offset
    by half a window) and within a window each is paired with the next `neighbours` in a
    fixed order (a hash of the id), so a batch of g accounts gives about 2 * g * neighbours
    pairs that hold it together as one block, not g^2 / 2."""
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


def template_pairs(
    con: duckdb.DuckDBPyConnection, max_accounts: int, min_shared: int
) -> pd.DataFrame:
    """Return account_a, account_b, shared: pairs using at least min_shared prompt skeletons
    that at most max_accounts accounts use (rare templates; needs account_skeletons)."""
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


def has_recipes(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether any request has a recipe (the recipe stage has run and found frames)."""
    return bool(con.execute("SELECT count(*) FROM request_recipes").fetchall()[0][0])


def account_shapes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return account_id, shape (the account's most used max_tokens/temperature/top_p/n
    tuple and whether its answers are mostly JSON, as one string) and hour0..hour23 (the
    share of its requests in each UTC hour of the day)."""
    return con.execute(
        """WITH t AS (
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
                   avg(CASE WHEN regexp_matches(ltrim(coalesce(response, '')), '^([{\\[]|```json)')
                            THEN 1.0 ELSE 0.0 END) >= 0.5 AS json_answers
            FROM requests GROUP BY account_id
        ), h AS (
            SELECT account_id, hour("timestamp") AS hr, count(*) AS c
            FROM requests GROUP BY 1, 2
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
