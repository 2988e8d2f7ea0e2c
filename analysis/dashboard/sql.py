"""Read models of the dashboard: one read-only query per function, values always passed
as parameters. Nothing here writes (a test runs every function on a read-only database).

A campaign is shown as its id and short name ("109 · solve the following problem step by
…"): the name comes from log text (a recipe's frame or the campaign's keywords), so pages
show it as plain text only (table cells, escaped plot labels, widget options)."""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis.store import PROMPT_HASH_SQL
from analysis.terms import FLAGGED_LEVELS, LEVELS, NOISE, UNLABELLED

NOISE_NAME = "noise"  # how prompts in no campaign are shown
NO_RECIPE = "(no recipe)"


def _campaign_label(c: str, ids: str | None = None) -> str:
    """SQL of a campaign's display name from the campaigns row aliased `c` (ids: the alias
    holding campaign_id, `c` by default): '<id> · <name>' (its keywords when the database
    predates names), 'noise' for -1."""
    ids = ids or c
    return f"""CASE WHEN {ids}.campaign_id = {NOISE} THEN '{NOISE_NAME}'
        ELSE CAST({ids}.campaign_id AS VARCHAR) || coalesce(' · ' || coalesce({c}.name,
             nullif(array_to_string({c}.keywords[1:4], ', '), '')), '') END"""


def dataset_summary(con: duckdb.DuckDBPyConnection) -> dict:
    """Return requests, accounts, first, last, quarantined and files of the database."""
    row = con.execute(
        """SELECT (SELECT count(*) FROM requests),
                  (SELECT count(DISTINCT account_id) FROM requests),
                  (SELECT min("timestamp") FROM requests),
                  (SELECT max("timestamp") FROM requests),
                  (SELECT count(*) FROM quarantine),
                  (SELECT count(*) FROM ingest_files)"""
    ).fetchall()[0]
    keys = ("requests", "accounts", "first", "last", "quarantined", "files")
    return dict(zip(keys, row, strict=True))


def models_summary(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return model, requests, accounts, first_seen, last_seen, released_at per model."""
    return con.execute(
        """SELECT coalesce(r.model, '(none)') AS model, count(*) AS requests,
                  count(DISTINCT r.account_id) AS accounts,
                  min(r."timestamp") AS first_seen, max(r."timestamp") AS last_seen,
                  any_value(m.released_at) AS released_at
           FROM requests AS r LEFT JOIN model_releases AS m ON m.model = r.model
           GROUP BY 1 ORDER BY requests DESC"""
    ).df()


def daily_requests(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return day, requests, accounts per UTC day."""
    return con.execute(
        """SELECT CAST(date_trunc('day', "timestamp") AS DATE) AS day, count(*) AS requests,
                  count(DISTINCT account_id) AS accounts
           FROM requests GROUP BY 1 ORDER BY 1"""
    ).df()


def quarantine_rows(con: duckdb.DuckDBPyConnection, limit: int = 200) -> pd.DataFrame:
    """Return source_file, line_no, row_no, reason and a raw excerpt of quarantined rows."""
    return con.execute(
        """SELECT source_file, line_no, row_no, reason, left(raw, 300) AS raw_excerpt,
                  length(raw) AS raw_chars
           FROM quarantine ORDER BY quarantined_at, source_file, row_no LIMIT ?""",
        [limit],
    ).df()


def ingest_files(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return the ingested files with their counts, newest first."""
    return con.execute(
        """SELECT path, format, rows_read, rows_stored, duplicates, quarantined, seconds,
                  ingested_at FROM ingest_files ORDER BY file_id DESC"""
    ).df()


def releases(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return model, released_at of the stored releases."""
    return con.execute("SELECT model, released_at FROM model_releases ORDER BY released_at").df()


def data_version(con: duckdb.DuckDBPyConnection) -> tuple:
    """A cheap fingerprint of what the dashboard shows: changes after ingest, campaigns,
    scoring, labels, claims or recipes (cached page data is keyed on it)."""
    return tuple(
        con.execute(
            """SELECT (SELECT count(*) FROM ingest_files),
                      (SELECT coalesce(max(run_id), 0) FROM campaign_runs),
                      (SELECT coalesce(max(run_id), 0) FROM score_runs),
                      (SELECT coalesce(max(event_id), 0) FROM label_events),
                      (SELECT coalesce(max(event_id), 0) FROM claim_events),
                      (SELECT coalesce(max(run_id), 0) FROM recipe_runs)"""
        ).fetchall()[0]
    )


def overview_counts(con: duckdb.DuckDBPyConnection) -> dict:
    """Return accounts, flagged (high or critical), critical, networks, flagged_networks,
    campaigns and labelled counts."""
    row = con.execute(
        """SELECT (SELECT count(*) FROM account_scores),
                  (SELECT count(*) FROM account_scores WHERE list_contains($flagged, risk_level)),
                  (SELECT count(*) FROM account_scores WHERE risk_level = $top),
                  (SELECT count(*) FROM networks),
                  (SELECT count(*) FROM networks WHERE list_contains($flagged, risk_level)),
                  (SELECT count(*) FROM campaigns WHERE campaign_id <> $noise),
                  (SELECT count(DISTINCT account_id) FROM label_events)""",
        {"flagged": list(FLAGGED_LEVELS), "top": LEVELS[0], "noise": NOISE},
    ).fetchall()[0]
    keys = ("accounts", "flagged", "critical", "networks", "flagged_networks", "campaigns",
            "labelled")  # fmt: skip
    return dict(zip(keys, row, strict=True))


def daily_requests_by_level(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return day, risk_level, requests: daily requests split by the account's level."""
    return con.execute(
        """SELECT date_trunc('day', r."timestamp") AS day,
                  coalesce(s.risk_level, 'unscored') AS risk_level, count(*) AS requests
        FROM requests AS r LEFT JOIN account_scores AS s USING (account_id)
        GROUP BY 1, 2 ORDER BY 1, 2"""
    ).df()


def top_networks(con: duckdb.DuckDBPyConnection, limit: int = 20) -> pd.DataFrame:
    """Return the riskiest networks: network_id, risk_level, risk_score, accounts, requests,
    edge_types, top reason."""
    return con.execute(
        """SELECT network_id, risk_level, risk_score, accounts, requests,
                  array_to_string(edge_types, ', ') AS edge_types,
                  coalesce(reasons[1], '') AS top_reason
        FROM networks ORDER BY risk_score DESC, accounts DESC LIMIT ?""",
        [limit],
    ).df()


def top_campaigns(con: duckdb.DuckDBPyConnection, limit: int = 20) -> pd.DataFrame:
    """Return campaigns by requests from high/critical accounts: campaign_id, campaign (id and
    name), keywords, requests, accounts, flagged_accounts, flagged_share (of its requests),
    top_account_share."""
    return con.execute(
        f"""WITH f AS (
            SELECT ac.campaign_id, count(*) AS flagged_accounts,
                   sum(ac.requests) AS flagged_requests
            FROM account_campaigns AS ac JOIN account_scores AS s USING (account_id)
            WHERE list_contains($flagged, s.risk_level) GROUP BY ac.campaign_id
        )
        SELECT c.campaign_id, {_campaign_label("c")} AS campaign,
               array_to_string(c.keywords[1:5], ', ') AS keywords, c.requests,
               c.accounts, coalesce(f.flagged_accounts, 0) AS flagged_accounts,
               coalesce(f.flagged_requests, 0) * 1.0 / c.requests AS flagged_share,
               c.top_account_share
        FROM campaigns AS c LEFT JOIN f USING (campaign_id)
        WHERE c.campaign_id <> $noise
        ORDER BY flagged_share DESC, c.requests DESC LIMIT $limit""",
        {"flagged": list(FLAGGED_LEVELS), "noise": NOISE, "limit": limit},
    ).df()


def account_tiers(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Return the account tiers present (for a filter)."""
    rows = con.execute(
        "SELECT DISTINCT account_tier FROM requests WHERE account_tier IS NOT NULL ORDER BY 1"
    ).fetchall()
    return [r[0] for r in rows]


def triage_queue(
    con: duckdb.DuckDBPyConnection,
    levels: list[str] | None = None,
    tiers: list[str] | None = None,
    network: str | None = None,
    campaign: int | None = None,
    label_status: list[str] | None = None,
    since=None,
    until=None,
    search: str | None = None,
    limit: int = 500,
) -> pd.DataFrame:
    """Return the triage queue, riskiest first: account_id, risk_level, risk_score,
    top_reasons, network_id, campaigns (its three largest, with names; the filtered campaign
    first when filtering by one, however small its share), label, claimed_by,
    tier, requests, first_seen, last_seen. Every filter is optional; all values are passed
    as parameters."""
    return con.execute(
        f"""WITH camp AS (
            SELECT ac.account_id, list(ac.campaign_id ORDER BY ac.requests DESC) AS campaigns,
                   list({_campaign_label("c", "ac")}
                        ORDER BY coalesce(ac.campaign_id = $campaign, false) DESC,
                                 ac.requests DESC) AS names
            FROM account_campaigns AS ac LEFT JOIN campaigns AS c USING (campaign_id)
            WHERE ac.campaign_id <> $noise GROUP BY ac.account_id
        ), acc AS (
            SELECT account_id, any_value(account_tier) AS tier, count(*) AS requests,
                   min("timestamp") AS first_seen, max("timestamp") AS last_seen
            FROM requests GROUP BY account_id
        )
        SELECT s.account_id, s.risk_level, s.risk_score,
               array_to_string(s.reasons[1:2], ' | ') AS top_reasons, s.network_id,
               array_to_string(camp.names[1:3], ' | ') AS campaigns,
               coalesce(lab.label, $unlabelled) AS label, cl.analyst AS claimed_by,
               acc.tier, acc.requests, acc.first_seen, acc.last_seen
        FROM account_scores AS s
        JOIN acc USING (account_id)
        LEFT JOIN current_labels AS lab USING (account_id)
        LEFT JOIN current_claims AS cl USING (account_id)
        LEFT JOIN camp USING (account_id)
        WHERE ($levels IS NULL OR list_contains($levels, s.risk_level))
          AND ($tiers IS NULL OR list_contains($tiers, acc.tier))
          AND ($network IS NULL OR s.network_id = $network)
          AND ($campaign IS NULL OR list_contains(camp.campaigns, $campaign))
          AND ($labels IS NULL OR list_contains($labels, coalesce(lab.label, $unlabelled)))
          AND ($since IS NULL OR acc.last_seen >= $since)
          AND ($until IS NULL OR acc.first_seen < $until)
          AND ($search IS NULL OR contains(lower(s.account_id), lower($search)))
        ORDER BY s.risk_score DESC, s.account_id
        LIMIT $limit""",
        {
            "levels": levels or None,
            "tiers": tiers or None,
            "network": network or None,
            "campaign": campaign,
            "labels": label_status or None,
            "since": since,
            "until": until,
            "search": search or None,
            "limit": limit,
            "noise": NOISE,
            "unlabelled": UNLABELLED,
        },
    ).df()


def account_summary(con: duckdb.DuckDBPyConnection, account: str) -> dict | None:
    """Return the account's score row (risk, level, reasons, network, own score) and
    request facts (requests, first/last seen, tier, org, country), or None if unknown."""
    df = con.execute(
        """SELECT r.account_id, count(*) AS requests, min(r."timestamp") AS first_seen,
                  max(r."timestamp") AS last_seen, any_value(r.account_tier) AS tier,
                  any_value(r.org_id) AS org_id, any_value(r.country) AS country,
                  min(r.account_created_at) AS created_at,
                  any_value(s.risk_score) AS risk_score, any_value(s.risk_level) AS risk_level,
                  any_value(s.own_score) AS own_score, any_value(s.reasons) AS reasons,
                  any_value(s.network_id) AS network_id
        FROM requests AS r LEFT JOIN account_scores AS s USING (account_id)
        WHERE r.account_id = ? GROUP BY r.account_id""",
        [account],
    ).df()
    return None if df.empty else df.iloc[0].to_dict()


def account_daily(con: duckdb.DuckDBPyConnection, account: str) -> pd.DataFrame:
    """Return day, model, requests of one account."""
    return con.execute(
        """SELECT date_trunc('day', "timestamp") AS day, coalesce(model, '(none)') AS model,
                  count(*) AS requests
        FROM requests WHERE account_id = ? GROUP BY 1, 2 ORDER BY 1, 2""",
        [account],
    ).df()


def account_heatmap(con: duckdb.DuckDBPyConnection, account: str) -> pd.DataFrame:
    """Return weekday (0 = Monday), hour (UTC), requests of one account."""
    return con.execute(
        """SELECT isodow("timestamp") - 1 AS weekday, hour("timestamp") AS hour,
                  count(*) AS requests
        FROM requests WHERE account_id = ? GROUP BY 1, 2""",
        [account],
    ).df()


def account_links(con: duckdb.DuckDBPyConnection, account: str) -> pd.DataFrame:
    """Return the account's links: linked_account, edge_types, evidence, network_id and
    the linked account's risk level."""
    return con.execute(
        """SELECT CASE WHEN e.account_a = ? THEN e.account_b ELSE e.account_a END
                    AS linked_account,
                  s.risk_level, array_to_string(e.edge_types, ', ') AS edge_types,
                  array_to_string(e.evidence, ' | ') AS evidence, e.network_id
        FROM network_edges AS e
        LEFT JOIN account_scores AS s
          ON s.account_id = CASE WHEN e.account_a = ? THEN e.account_b ELSE e.account_a END
        WHERE e.account_a = ? OR e.account_b = ?
        ORDER BY linked_account""",
        [account, account, account, account],
    ).df()


def account_campaign_mix(con: duckdb.DuckDBPyConnection, account: str) -> pd.DataFrame:
    """Return campaign (id and name; 'noise' for prompts in none), keywords, requests, share
    of one account's requests, largest first."""
    return con.execute(
        f"""SELECT {_campaign_label("c", "ac")} AS campaign,
                  array_to_string(c.keywords[1:5], ', ') AS keywords, ac.requests, ac.share
        FROM account_campaigns AS ac LEFT JOIN campaigns AS c USING (campaign_id)
        WHERE ac.account_id = ? ORDER BY ac.requests DESC""",
        [account],
    ).df()


def account_requests(
    con: duckdb.DuckDBPyConnection,
    account: str,
    search: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[pd.DataFrame, int]:
    """Return (one page of the account's requests: timestamp, model, prompt, response,
    prompt_tokens, completion_tokens, request_id; newest first, and the total matching)."""
    where = """account_id = $account AND ($search IS NULL
               OR contains(lower(prompt), lower($search))
               OR contains(lower(coalesce(response, '')), lower($search)))"""
    params = {"account": account, "search": search or None}
    total = con.execute(f"SELECT count(*) FROM requests WHERE {where}", params).fetchall()[0][0]
    page = con.execute(
        f"""SELECT "timestamp", model, prompt, response, prompt_tokens, completion_tokens,
                   request_id
        FROM requests WHERE {where}
        ORDER BY "timestamp" DESC, request_id LIMIT $limit OFFSET $offset""",
        params | {"limit": limit, "offset": offset},
    ).df()
    return page, int(total)


def signal_values(con: duckdb.DuckDBPyConnection, signal: str) -> pd.Series:
    """Return every account's value of one signal (a column of account_signals; the name
    must be one of its columns)."""
    cols = {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'account_signals'"
        ).fetchall()
    }
    if signal not in cols or signal == "account_id":
        raise ValueError(f"unknown signal {signal!r}")
    return con.execute(f'SELECT "{signal}" FROM account_signals').df()[signal]


def account_signal_row(con: duckdb.DuckDBPyConnection, account: str) -> dict:
    """Return the account's row of account_signals as a dict (empty if none)."""
    df = con.execute("SELECT * FROM account_signals WHERE account_id = ?", [account]).df()
    return {} if df.empty else df.iloc[0].to_dict()


def map_points(con: duckdb.DuckDBPyConnection, limit: int | None, seed: int = 0) -> pd.DataFrame:
    """Return map points (one per unique prompt): x, y, campaign_id, campaign (id and name),
    recipe (its recipe's label, or '(no recipe)'), topic (number and keywords of the topic of
    its text), excerpt (first 120 characters), account_id (the account that sent it most),
    risk_level, label, requests; a repeatable random sample of `limit` points when given."""
    return con.execute(
        f"""WITH pts AS (
            SELECT m.prompt_hash, m.x, m.y, m.campaign_id, m.recipe_id, m.topic
            FROM prompt_map AS m
            {"ORDER BY md5(m.prompt_hash || CAST($seed AS VARCHAR)) LIMIT $limit" if limit else ""}
        ), req AS (
            SELECT {PROMPT_HASH_SQL} AS prompt_hash, account_id, prompt FROM requests
        ), owner AS (
            SELECT req.prompt_hash, mode(req.account_id) AS account_id,
                   left(any_value(req.prompt), 120) AS excerpt, count(*) AS requests
            FROM req WHERE req.prompt_hash IN (SELECT prompt_hash FROM pts)
            GROUP BY req.prompt_hash
        )
        SELECT pts.x, pts.y, pts.campaign_id, {_campaign_label("c", "pts")} AS campaign,
               coalesce(r.label, $no_recipe) AS recipe,
               CASE WHEN pts.topic IS NULL THEN NULL
                    ELSE CAST(pts.topic AS VARCHAR) || coalesce(' · ' || nullif(t.name, ''), '')
               END AS topic,
               owner.excerpt, owner.account_id,
               coalesce(s.risk_level, 'unscored') AS risk_level,
               coalesce(lab.label, $unlabelled) AS label, owner.requests
        FROM pts JOIN owner USING (prompt_hash)
        LEFT JOIN campaigns AS c ON c.campaign_id = pts.campaign_id
        LEFT JOIN recipes AS r ON r.recipe_id = pts.recipe_id
        LEFT JOIN prompt_topics AS t ON t.topic = pts.topic
        LEFT JOIN account_scores AS s USING (account_id)
        LEFT JOIN current_labels AS lab USING (account_id)""",
        {"unlabelled": UNLABELLED, "no_recipe": NO_RECIPE}
        | ({"limit": limit, "seed": seed} if limit else {}),
    ).df()


def network_members(con: duckdb.DuckDBPyConnection, network: str) -> pd.DataFrame:
    """Return the network's accounts: account_id, risk_level, risk_score, own_score, label."""
    return con.execute(
        """        SELECT s.account_id, s.risk_level, s.risk_score, s.own_score,
               coalesce(lab.label, ?) AS label
        FROM account_scores AS s LEFT JOIN current_labels AS lab USING (account_id)
        WHERE s.network_id = ? ORDER BY s.own_score DESC, s.account_id""",
        [UNLABELLED, network],
    ).df()


def network_edge_rows(con: duckdb.DuckDBPyConnection, network: str) -> pd.DataFrame:
    """Return the network's edges: account_a, account_b, edge_types (list), evidence."""
    return con.execute(
        """SELECT account_a, account_b, edge_types, array_to_string(evidence, ' | ') AS evidence
        FROM network_edges WHERE network_id = ? ORDER BY account_a, account_b""",
        [network],
    ).df()


def network_row(con: duckdb.DuckDBPyConnection, network: str) -> dict | None:
    """Return the network's stored row (risk, level, accounts, requests, types, reasons)."""
    df = con.execute("SELECT * FROM networks WHERE network_id = ?", [network]).df()
    return None if df.empty else df.iloc[0].to_dict()


def network_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Return every network id, riskiest first."""
    rows = con.execute("SELECT network_id FROM networks ORDER BY risk_score DESC").fetchall()
    return [r[0] for r in rows]


def campaign_ids(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Return every campaign id (noise excluded), by requests."""
    rows = con.execute(
        "SELECT campaign_id FROM campaigns WHERE campaign_id <> ? ORDER BY requests DESC", [NOISE]
    ).fetchall()
    return [r[0] for r in rows]


def campaign_names(con: duckdb.DuckDBPyConnection) -> dict[int, str]:
    """Return campaign id -> its display name ('<id> · <name>') of every campaign."""
    rows = con.execute(
        f"SELECT campaign_id, {_campaign_label('c')} FROM campaigns AS c WHERE campaign_id <> ?",
        [NOISE],
    ).fetchall()
    return dict(rows)


def network_campaigns(con: duckdb.DuckDBPyConnection, network: str) -> pd.DataFrame:
    """Return the campaigns of a network's accounts: campaign (id and name; 'noise' for
    prompts in none), accounts (of the network in it), requests, share (of the network's
    requests), largest first."""
    return con.execute(
        f"""SELECT {_campaign_label("c", "ac")} AS campaign,
                  count(DISTINCT ac.account_id) AS accounts, sum(ac.requests) AS requests,
                  sum(ac.requests) / sum(sum(ac.requests)) OVER () AS share
        FROM account_campaigns AS ac JOIN account_scores AS s USING (account_id)
        LEFT JOIN campaigns AS c ON c.campaign_id = ac.campaign_id
        WHERE s.network_id = ?
        GROUP BY ALL ORDER BY requests DESC, campaign""",
        [network],
    ).df()


def recipe_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return the recipes, most requests first: label, requests, accounts, single_turn_share,
    json_share, median_max_tokens, keywords, frames (its most used frames, ' | ' between),
    campaigns (those it names, with names), recipe_id. Labels, keywords and frames are log
    text."""
    return con.execute(
        f"""WITH named AS (
            SELECT recipe_id, string_agg({_campaign_label("c")}, ' | '
                                         ORDER BY c.requests DESC) AS campaigns
            FROM campaigns AS c WHERE recipe_id IS NOT NULL GROUP BY recipe_id
        )
        SELECT r.label, r.requests, r.accounts, r.single_turn_share, r.json_share,
               r.median_max_tokens,
               array_to_string(from_json(r.keywords, '["VARCHAR"]'), ', ') AS keywords,
               array_to_string(from_json(r.variants, '["VARCHAR"]'), ' | ') AS frames,
               coalesce(n.campaigns, '') AS campaigns, r.recipe_id
        FROM recipes AS r LEFT JOIN named AS n USING (recipe_id)
        ORDER BY r.requests DESC, r.recipe_id"""
    ).df()


def account_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Return every account id that has a request."""
    return [r[0] for r in con.execute("SELECT DISTINCT account_id FROM requests").fetchall()]


def map_counts(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int]:
    """Return (mapped prompts, campaigns, noise prompts) of the prompt map."""
    row = con.execute(
        "SELECT count(*), count(DISTINCT campaign_id) FILTER (WHERE campaign_id <> ?),"
        " count(*) FILTER (WHERE campaign_id = ?) FROM prompt_map",
        [NOISE, NOISE],
    ).fetchall()[0]
    return int(row[0]), int(row[1]), int(row[2])


def label_history(con: duckdb.DuckDBPyConnection, account: str | None = None) -> pd.DataFrame:
    """Return every label event (of one account when given), newest first."""
    return con.execute(
        """SELECT event_id, account_id, label, reason, analyst, created_at, source,
                  risk_score, risk_level, network_id
        FROM label_events WHERE ? IS NULL OR account_id = ?
        ORDER BY event_id DESC""",
        [account, account],
    ).df()
