"""SQL of labels and claims: the append-only event logs (label_events, claim_events), the
current state through the views current_labels and current_claims, exports and imports."""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis import store

_VERSIONS_SQL = """json_object(
    'score_run', (SELECT max(run_id) FROM score_runs),
    'detector', (SELECT json_extract_string(params, '$.detector') FROM score_runs
                 ORDER BY run_id DESC LIMIT 1),
    'campaign_run', (SELECT max(run_id) FROM campaign_runs),
    'campaign_backend', (SELECT backend FROM campaign_runs ORDER BY run_id DESC LIMIT 1))"""


def insert_label_events(
    con: duckdb.DuckDBPyConnection,
    accounts: list[str],
    label: str,
    reason: str,
    analyst: str,
    source: str,
) -> list[int]:
    """Append one label event per account with its current score snapshot; return ids."""
    rows = con.execute(
        f"""INSERT INTO label_events
        SELECT nextval('label_event_seq'), a.account_id, ?, ?, ?, now(), ?,
               s.risk_score, s.risk_level, s.reasons, s.network_id, s.run_id, {_VERSIONS_SQL}
        FROM (SELECT unnest(?) AS account_id) AS a
        LEFT JOIN account_scores AS s USING (account_id)
        RETURNING event_id""",
        [label, reason, analyst, source, accounts],
    ).fetchall()
    return [r[0] for r in rows]


def current_label_events(
    con: duckdb.DuckDBPyConnection, accounts: list[str]
) -> dict[str, tuple[int, str]]:
    """Return {account: (event_id, label)} of the latest label event of each account."""
    rows = con.execute(
        """SELECT account_id, event_id, label FROM current_labels
        WHERE account_id IN (SELECT unnest(?))""",
        [accounts],
    ).fetchall()
    return {a: (e, lab) for a, e, lab in rows}


def current_labels(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return the current label of every labelled account: account_id, label, reason,
    analyst, labelled_at, event_id; newest first."""
    return con.execute(
        """SELECT account_id, label, reason, analyst, created_at AS labelled_at, event_id
        FROM current_labels ORDER BY event_id DESC"""
    ).df()


def label_export(con: duckdb.DuckDBPyConnection, history: bool) -> pd.DataFrame:
    """Return label events for export (every event, or the latest per account) with the
    provenance columns."""
    return con.execute(
        """SELECT event_id, account_id, label, reason, analyst, created_at AS labelled_at,
                  source, risk_score AS risk_score_at_decision,
                  risk_level AS risk_level_at_decision, reasons AS reasons_at_decision,
                  network_id AS network_id_at_decision, score_run_id,
                  CAST(versions AS VARCHAR) AS versions
        FROM label_events
        WHERE ? OR event_id IN (SELECT event_id FROM current_labels)
        ORDER BY event_id""",
        [history],
    ).df()


def insert_claim_events(
    con: duckdb.DuckDBPyConnection, accounts: list[str], analyst: str, action: str
) -> None:
    """Append one claim or release event per account."""
    if accounts:
        con.execute(
            """INSERT INTO claim_events
            SELECT nextval('claim_event_seq'), a, ?, ?, now() FROM (SELECT unnest(?) AS a)""",
            [analyst, action, accounts],
        )


def current_claims(con: duckdb.DuckDBPyConnection, accounts: list[str] | None = None) -> dict:
    """Return {account: analyst} of accounts currently claimed (of the given ones)."""
    rows = con.execute(
        """SELECT account_id, analyst FROM current_claims
        WHERE ? IS NULL OR account_id IN (SELECT unnest(?))""",
        [accounts, accounts],
    ).fetchall()
    return dict(rows)


def unknown_accounts(con: duckdb.DuckDBPyConnection, accounts: list[str]) -> list[str]:
    """Return the given accounts that have no request in the database."""
    rows = con.execute(
        """SELECT a FROM (SELECT unnest(?) AS a) AS x
        WHERE NOT EXISTS (SELECT 1 FROM requests AS r WHERE r.account_id = x.a) ORDER BY a""",
        [accounts],
    ).fetchall()
    return [r[0] for r in rows]


def import_label_events(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame) -> int:
    """Append imported label events not already present (same account, label, reason,
    analyst, time), in one transaction; return how many were added."""
    cur = con.cursor()
    try:
        with store.registered(cur, "_import", rows), store.transaction(cur):
            added = cur.execute(
                """INSERT INTO label_events
            SELECT nextval('label_event_seq'), i.account_id, i.label, i.reason, i.analyst,
                   CAST(i.created_at AS TIMESTAMP), i.source, i.risk_score, i.risk_level,
                   CAST(i.reasons AS VARCHAR[]), i.network_id, i.score_run_id,
                   CAST(i.versions AS JSON)
            FROM _import AS i
            WHERE NOT EXISTS (
                SELECT 1 FROM label_events AS e
                WHERE e.account_id = i.account_id AND e.label = i.label
                  AND e.reason = i.reason AND e.analyst = i.analyst
                  AND e.created_at = CAST(i.created_at AS TIMESTAMP))
            ORDER BY i.created_at
            RETURNING event_id"""
            ).fetchall()
    finally:
        cur.close()
    return len(added)
