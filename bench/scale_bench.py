"""Scoring and linking at scale: `python -m bench scale [--accounts N] [--per-account R]`.

Builds a request log of N accounts x R requests directly in DuckDB (default 100,000 x 50 =
5M requests): ordinary accounts with their own address, client and card, created over two
years; actors of 50-500 accounts sharing a few /24s, clients and cards, registered in a
batch, sending framed prompts (their recipes stored as the recipe stage would); offices
sharing one /24 and client. Then runs the scoring run (signals, links, cohorts) in this
process with a request-type classifier that scores nothing (its cost is measured by the
score bench; here the tables, pairs and graph are), and prints the time of each part and
the peak resident memory, measured in the same run.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import numpy as np


class NoModels:
    """A request-type classifier that reads nothing (what the scoring run needs of one)."""

    name, version = "bench", "none"

    def detector_id(self, kind: str) -> str:
        return f"bench:none-{kind}"

    def score(self, texts: list[str]) -> np.ndarray:
        return np.zeros((len(texts), 3), np.float32)


def build(con, accounts: int, per_account: int) -> None:
    """Fill the requests and request_recipes tables (see the module docstring)."""
    con.execute(
        """INSERT INTO requests (request_id, "timestamp", account_id, prompt, api_key_id,
               account_created_at, ip, user_agent, payment_fingerprint, model, max_tokens,
               temperature, top_p, n, status_code, prompt_tokens, completion_tokens,
               response, file_id)
        WITH a AS (
            SELECT i, hash(i, 'role') % 100 AS r,        -- 0-1 actors, 2-3 offices
                   hash(i, 'actor') % 40 AS actor FROM range(?) AS t(i)
        )
        SELECT 'q' || a.i || '-' || k, TIMESTAMP '2026-10-01'
                 + to_seconds(CAST(hash(a.i, k) % (14 * 86400) AS BIGINT)),
               'acct' || a.i,
               CASE WHEN a.r < 2 THEN 'Explain every step of your reasoning: question '
                                      || hash(a.i, k) % 100000
                    ELSE 'how do i ' || hash(a.i, k) % 5000 || ' thing ' || k END,
               'key' || a.i,
               CASE WHEN a.r < 2
                    THEN TIMESTAMP '2026-09-01' + to_seconds(CAST(a.actor * 3600 AS BIGINT))
                    ELSE TIMESTAMP '2024-09-01'
                         + to_seconds(CAST(hash(a.i, 'c') % (730 * 86400) AS BIGINT)) END,
               CASE WHEN a.r < 2 THEN '10.' || a.actor || '.' || hash(a.i, 'b') % 3 || '.9'
                    WHEN a.r < 4 THEN '172.16.' || a.actor || '.' || k % 250
                    ELSE (hash(a.i, 'ip') % 223 + 1) || '.' || hash(a.i, 'j') % 250 || '.'
                         || hash(a.i, 'k') % 250 || '.' || k % 250 END,
               'client/' || CASE WHEN a.r < 4 THEN a.actor ELSE hash(a.i, 'u') % 5000 END,
               CASE WHEN a.r < 2 THEN 'pf_actor' || a.actor || '_' || hash(a.i, 'p') % 5
                    ELSE 'pf' || a.i END,
               'atlas-4', CASE WHEN a.r < 2 THEN 4096 ELSE 1024 * (1 + hash(a.i, 'm') % 4) END,
               CASE WHEN a.r < 2 THEN 1.0 ELSE 0.7 END, 1.0, 1,
               CASE WHEN hash(a.i, k, 's') % 50 = 0 THEN 429 ELSE 200 END,
               20, 300 + hash(a.i, k) % 500, 'answer', 1
        FROM a CROSS JOIN range(?) AS r(k)""",
        [accounts, per_account],
    )
    con.execute(
        """INSERT INTO request_recipes
        SELECT request_id, 'r_actor' || (hash(account_id) % 40) FROM requests
        WHERE prompt LIKE 'Explain every step%'"""
    )


def main(argv: list[str] | None = None) -> int:
    from analysis import store
    from analysis.detection import run_scoring

    p = argparse.ArgumentParser(prog="python -m bench scale")
    p.add_argument("--accounts", type=int, default=100_000)
    p.add_argument("--per-account", type=int, default=50)
    p.add_argument("--workdir", default=None)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        con = store.connect(Path(tmp) / "scale.duckdb")
        started = time.perf_counter()
        build(con, args.accounts, args.per_account)
        n = con.execute("SELECT count(*) FROM requests").fetchall()[0][0]
        print(f"built {n:,} requests from {args.accounts:,} accounts in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        steps: list[tuple[float, str]] = []
        t0 = time.perf_counter()

        def log(message: str) -> None:
            steps.append((time.perf_counter() - t0, message))
            print(f"  {time.perf_counter() - t0:7.1f} s  {message}")

        result = run_scoring(con, NoModels(), log=log)
        con.close()
    peak_gib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    sizes = result.networks["accounts"] if len(result.networks) else []
    print(
        f"scoring + linking: {result.seconds:.1f} s; {len(result.networks):,} networks "
        f"(largest {max(sizes, default=0):,} accounts), {len(result.edges):,} links; "
        f"peak resident memory {peak_gib:.2f} GiB (budget 16 GiB)"
    )
    return 0
