"""Analyst labels and claims: append-only event logs, the current state derived from them,
and exports that carry the evidence and versions behind each decision.

Nothing is overwritten or deleted: a new label is a new event, and the current label of
an account is its latest event. A label written against a stale view (the account's label
changed since the analyst loaded it) is refused with LabelConflict instead of silently
winning. Each event keeps a snapshot of the account's risk score, level, reasons and
network at decision time, and the runs (scores, campaigns) and detector that produced them.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from analysis import store, terms
from analysis.labels import sql

LABELS = terms.LABELS
REASON_REQUIRED = terms.REASON_REQUIRED


class LabelError(ValueError):
    """A label cannot be written; the message says why (nothing was written)."""


class LabelConflict(LabelError):
    """Some accounts' labels changed since they were read; nothing was written."""

    def __init__(self, accounts: dict[str, str | None]):
        self.accounts = accounts
        shown = ", ".join(f"{a} (now {v or 'unlabelled'})" for a, v in list(accounts.items())[:5])
        more = f" and {len(accounts) - 5} more" if len(accounts) > 5 else ""
        super().__init__(
            f"the label of {shown}{more} changed since you loaded it; reload and decide again"
        )


def validate(label: str, reason: str, analyst: str, accounts: list[str]) -> str:
    """Return the stripped reason, or raise LabelError naming what is wrong."""
    if label not in LABELS:
        raise LabelError(f"unknown label {label!r}; labels are {', '.join(LABELS)}")
    reason = (reason or "").strip()
    if label in REASON_REQUIRED and not reason:
        raise LabelError(f"a reason is required for {label}")
    if not (analyst or "").strip():
        raise LabelError("an analyst name is required")
    if not accounts:
        raise LabelError("no account selected")
    return reason


def add_labels(
    con: duckdb.DuckDBPyConnection,
    accounts: Iterable[str],
    label: str,
    reason: str,
    analyst: str,
    expected: dict[str, int | None] | None = None,
    source: str = "dashboard",
) -> list[int]:
    """Append one label event per account in one transaction; return their event ids.

    expected maps an account to the event id of the label the analyst saw (None: none);
    if any differs from the current one, LabelConflict is raised and nothing is written.
    """
    accounts = list(dict.fromkeys(accounts))
    reason = validate(label, reason, analyst, accounts)
    cur = con.cursor()
    unknown = sql.unknown_accounts(cur, accounts)
    if unknown:
        cur.close()
        raise LabelError(f"no such account: {', '.join(unknown[:5])}")
    try:
        with store.transaction(cur):
            if expected:
                now = sql.current_label_events(cur, list(expected))
                changed = {
                    a: now.get(a, (None, None))[1]
                    for a, seen in expected.items()
                    if now.get(a, (None, None))[0] != seen
                }
                if changed:
                    raise LabelConflict(changed)
            ids = sql.insert_label_events(cur, accounts, label, reason, analyst.strip(), source)
    finally:
        cur.close()
    return ids


def claim(con: duckdb.DuckDBPyConnection, accounts: Iterable[str], analyst: str) -> list[str]:
    """Claim accounts for analyst; return those already claimed by someone else (those are
    not taken over: release first)."""
    if not (analyst or "").strip():
        raise LabelError("an analyst name is required")
    accounts = list(dict.fromkeys(accounts))
    cur = con.cursor()
    try:
        with store.transaction(cur):
            held = sql.current_claims(cur, accounts)
            taken = [a for a in accounts if held.get(a) not in (None, analyst.strip())]
            free = [a for a in accounts if a not in taken and held.get(a) is None]
            sql.insert_claim_events(cur, free, analyst.strip(), "claim")
    finally:
        cur.close()
    return taken


def release(con: duckdb.DuckDBPyConnection, accounts: Iterable[str], analyst: str) -> int:
    """Release the analyst's claims on accounts; return how many were released."""
    accounts = list(dict.fromkeys(accounts))
    cur = con.cursor()
    try:
        held = sql.current_claims(cur, accounts)
        mine = [a for a in accounts if held.get(a) == (analyst or "").strip()]
        sql.insert_claim_events(cur, mine, analyst.strip(), "release")
    finally:
        cur.close()
    return len(mine)
