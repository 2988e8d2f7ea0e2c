"""The stages after ingest, in order: campaigns, then scores and networks."""

from __future__ import annotations

import time
from collections.abc import Callable

import duckdb

from analysis import campaigns, config, embed, ingest, reasoning, scoring

Log = Callable[[str], None]
Progress = Callable[[float, str], None]


def detector() -> reasoning.ReasoningDetector:
    """The reasoning detector of the configuration (MiniLM behind the fast prefilter)."""
    return reasoning.ReasoningDetector(
        embed.load_backend("minilm"), embed.load_backend(config.REASONING_PREFILTER_BACKEND)
    )


def analyse(
    con: duckdb.DuckDBPyConnection,
    log: Log = print,
    campaign_sample: int | None = None,
    progress: Progress | None = None,
) -> scoring.ScoreResult:
    """Run campaigns and scoring on an ingested database; return the scores."""
    progress = progress or (lambda _f, _m: None)
    started = time.perf_counter()
    log("campaigns (embedding, map, clusters) ...")
    progress(0.05, "campaigns: embedding, map, clusters")
    r = campaigns.run_campaigns(con, sample=campaign_sample, log=lambda m: log("  " + m))
    log(f"  {r.campaigns} campaigns in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    log("scores and networks ...")
    progress(0.6, "scores: signals, reasoning, networks")
    res = scoring.run_scoring(con, detector(), log=lambda m: log("  " + m))
    flagged = int(res.accounts["risk_level"].isin(["high", "critical"]).sum())
    log(
        f"  {flagged:,} accounts high or critical, {len(res.networks):,} networks "
        f"in {time.perf_counter() - started:.0f} s"
    )
    progress(1.0, "done")
    return res


def ingest_and_analyse(
    con: duckdb.DuckDBPyConnection,
    paths: list[str],
    log: Log = print,
    progress: Progress | None = None,
) -> tuple[list[ingest.FileResult], scoring.ScoreResult]:
    """Ingest paths (files, folders, globs), then run campaigns and scoring."""
    progress = progress or (lambda _f, _m: None)
    progress(0.0, "ingest")
    results = []
    for r in ingest.iter_ingest(con, paths):
        log(f"{r.path}: {r.stored:,} stored, {r.duplicates:,} duplicates, "
            f"{r.quarantined:,} quarantined")  # fmt: skip
        results.append(r)
    return results, analyse(con, log, progress=progress)
