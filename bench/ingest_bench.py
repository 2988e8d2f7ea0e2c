"""Ingest throughput on a 500k-row JSON Lines file against DuckDB's raw read_json_auto.

Raw is what a bare load costs: CREATE TABLE AS SELECT * FROM read_json_auto(file) into a
new database file, checkpointed, so both sides read the file and write a database.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from analysis import config, ingest, store
from analysis.synth import generate_dataset

ROWS = 500_000
WORK = config.DATA_DIR / "bench"


def bench_file(rows: int = ROWS) -> Path:
    """A generated JSON Lines file of exactly `rows` requests (made once, then reused)."""
    out = WORK / f"requests-{rows}.jsonl"
    if out.exists():
        return out
    src = WORK / "gen"
    # The sample mix gives about 70 requests per account over 14 days.
    generate_dataset(src, accounts=rows // 60, days=14, seed=11, fmt="jsonl")
    with open(src / "requests.jsonl", "rb") as fh, open(out, "wb") as dst:
        for i, line in enumerate(fh):
            if i == rows:
                break
            dst.write(line)
        else:
            raise SystemExit(f"the generator wrote fewer than {rows} rows; raise accounts")
    return out


def _fresh(path: Path) -> Path:
    for p in (path, Path(str(path) + ".wal")):
        p.unlink(missing_ok=True)
    return path


def raw_seconds(path: Path) -> float:
    """Seconds for DuckDB's own read_json_auto into a new database file."""
    db = _fresh(WORK / "raw.duckdb")
    con = duckdb.connect(str(db))
    started = time.perf_counter()
    con.execute("CREATE TABLE t AS SELECT * FROM read_json_auto(?)", [str(path)])
    con.execute("CHECKPOINT")
    seconds = time.perf_counter() - started
    con.close()
    return seconds


def ingest_seconds(path: Path, fast: bool) -> tuple[float, int]:
    """Seconds and rows stored for our ingest of the file into a new database."""
    config.FAST_PATH = fast
    db = _fresh(WORK / "ingest.duckdb")
    con = store.connect(db)
    started = time.perf_counter()
    [result] = ingest.ingest_paths(con, [str(path)])
    con.execute("CHECKPOINT")
    seconds = time.perf_counter() - started
    con.close()
    config.FAST_PATH = True
    return seconds, result.stored


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    path = bench_file()
    size_mb = path.stat().st_size / 1e6
    print(f"file: {path} ({ROWS:,} rows, {size_mb:,.0f} MB)")
    raw = min(raw_seconds(path) for _ in range(2))
    fast, stored = min(ingest_seconds(path, fast=True) for _ in range(2))
    slow, _ = ingest_seconds(path, fast=False)
    assert stored == ROWS, stored
    print(f"raw read_json_auto:     {raw:6.2f} s  {ROWS / raw:>10,.0f} rows/s")
    print(f"ingest (default path):  {fast:6.2f} s  {ROWS / fast:>10,.0f} rows/s")
    print(f"ingest (line by line):  {slow:6.2f} s  {ROWS / slow:>10,.0f} rows/s")
    ratio = raw / fast
    verdict = "meets" if ratio >= 0.5 else "MISSES"
    print(f"ingest / raw throughput: {ratio:.2f} ({verdict} the 0.5 target)")
