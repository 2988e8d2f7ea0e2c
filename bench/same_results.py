"""Compare what two databases built from the same log hold: campaigns (ids, map, profiles,
lineage), account scores (score, level, reasons, network) and networks, and the signals.

For refactors that must change no behaviour: build the sample database before and after
(`DW_DATA_DIR=/tmp/before python -m analysis build-sample` on each checkout), then
`python -m bench.same_results /tmp/before/sample.duckdb /tmp/after/sample.duckdb`.
Floating-point values are compared to a relative 1e-9: DuckDB sums doubles in parallel,
so the same query on the same data differs in the last bits from run to run (measured:
mean_temperature of ~170 of 1,500 accounts differs by up to 5e-14 between two runs of
one build). Exits 1 when anything differs beyond that.
"""

from __future__ import annotations

import sys

import duckdb

TOLERANCE = 1e-9
# table -> (key columns, exact columns, float columns)
TABLES = {
    "prompt_map": (["prompt_hash"], ["campaign_id", "in_sample"], ["x", "y"]),
    "campaigns": (
        ["campaign_id"],
        ["prompts", "requests", "accounts", "keywords", "representatives"],
        ["top_account_share", "hhi"],
    ),
    "account_campaigns": (["account_id", "campaign_id"], ["requests"], ["share"]),
    "campaign_lineage": (["campaign_id", "relation"], ["parent_id"], ["overlap"]),
    "account_scores": (
        ["account_id"],
        ["risk_level", "reasons", "network_id"],
        ["risk_score", "own_score"],
    ),
    "networks": (
        ["network_id"],
        ["accounts", "requests", "risk_level", "edge_types", "reasons"],
        ["risk_score"],
    ),
    "network_edges": (["account_a", "account_b"], ["edge_types", "evidence", "network_id"], []),
    "reasoning_scores": (["detector", "prompt_hash"], [], ["score"]),
}


def differences(con: duckdb.DuckDBPyConnection, table: str) -> tuple[int, int]:
    """(rows in the first database, rows that differ or exist in one only)."""
    keys, exact, floats = TABLES[table]
    on = " AND ".join(f"a.{k} IS NOT DISTINCT FROM b.{k}" for k in keys)
    same = [f"a.{c} IS NOT DISTINCT FROM b.{c}" for c in exact] + [
        f"(a.{c} IS NULL AND b.{c} IS NULL) OR abs(a.{c} - b.{c}) "
        f"<= {TOLERANCE} * greatest(abs(a.{c}), abs(b.{c}), 1e-300)"
        for c in floats
    ]
    cond = " AND ".join(f"({s})" for s in same) or "true"
    n = con.execute(f"SELECT count(*) FROM a.{table}").fetchone()[0]
    bad = con.execute(
        f"SELECT count(*) FROM a.{table} AS a FULL JOIN b.{table} AS b ON {on} "
        f"WHERE a.{keys[0]} IS NULL OR b.{keys[0]} IS NULL OR NOT ({cond})"
    ).fetchone()[0]
    return int(n), int(bad)


def signal_differences(con: duckdb.DuckDBPyConnection) -> tuple[int, int, set]:
    """(accounts, accounts with a signal that differs, columns in one database only)."""
    cols_a = {r[0] for r in con.execute("DESCRIBE a.account_signals").fetchall()}
    cols_b = {r[0] for r in con.execute("DESCRIBE b.account_signals").fetchall()}
    cond = " OR ".join(
        f'NOT ((a."{c}" IS NULL AND b."{c}" IS NULL) OR abs(CAST(a."{c}" AS DOUBLE) - '
        f'CAST(b."{c}" AS DOUBLE)) <= {TOLERANCE} * greatest(abs(CAST(a."{c}" AS DOUBLE)), 1e-300))'
        for c in sorted(cols_a & cols_b - {"account_id"})
    )
    n = con.execute("SELECT count(*) FROM a.account_signals").fetchone()[0]
    bad = con.execute(
        "SELECT count(*) FROM a.account_signals AS a FULL JOIN b.account_signals AS b "
        f"USING (account_id) WHERE a.account_id IS NULL OR b.account_id IS NULL OR {cond}"
    ).fetchone()[0]
    return int(n), int(bad), cols_a ^ cols_b


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m bench.same_results BEFORE.duckdb AFTER.duckdb", file=sys.stderr)
        return 2
    con = duckdb.connect()
    con.execute("ATTACH ? AS a (READ_ONLY)", [argv[0]])
    con.execute("ATTACH ? AS b (READ_ONLY)", [argv[1]])
    same = True
    for table in TABLES:
        n, bad = differences(con, table)
        same &= bad == 0
        print(f"{table:18} {n:>8,} rows  {bad:>6,} differ")
    n, bad, extra = signal_differences(con)
    same &= bad == 0 and not extra
    print(f"{'account_signals':18} {n:>8,} rows  {bad:>6,} differ  columns in one only: {extra}")
    print("same results" if same else "DIFFERENT results")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
