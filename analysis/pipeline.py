"""The stages in order: ingest -> recipes -> campaigns -> detection (scores and networks), and the
sample build that runs them all on sample_data/ for `make run`."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from analysis import config, ingest, store
from analysis.campaigns import embed, run_campaigns
from analysis.detection import RequestTypeClassifier, ScoreResult, run_scoring
from analysis.ingest import IngestError, resolve_inputs
from analysis.recipes import run_recipes
from analysis.terms import FLAGGED_LEVELS

__all__ = [
    "IngestError",
    "analyse",
    "build_sample_db",
    "ingest_and_analyse",
    "prepare",
    "resolve_inputs",
]

Log = Callable[[str], None]
Progress = Callable[[float, str], None]


def detector() -> RequestTypeClassifier:
    """The request-type classifier (reasoning, judging, tool use), trained on the set that
    ships with the package."""
    return RequestTypeClassifier().fit()


def prepare(log: Log = print) -> None:
    """One-off work of a new installation, so the first analysis does not pay for it: the
    fast embedding model is distilled (when missing) and numba compiles the code of UMAP and
    pynndescent into its on-disk cache (config.NUMBA_CACHE_DIR); HDBSCAN is compiled
    already (Cython) and runs once here only as part of a real fit's sequence."""
    import numpy as np

    from analysis.campaigns.neighbours import NeighbourIndex, extend
    from analysis.campaigns.stages import HdbscanClusterer, UmapMapper, UmapReducer

    started = time.perf_counter()
    embed.load_backend("fast")
    log(f"fast embedding model ready ({time.perf_counter() - started:.0f} s)")
    started = time.perf_counter()
    # The shapes of a real fit (unit float32 vectors of the fast model's size; a sample
    # above 4,096 points, where UMAP finds neighbours with pynndescent), so numba compiles
    # the same specialisations a first analysis needs.
    rng = np.random.default_rng(0)
    X = rng.normal(size=(8_000, config.FAST_PCA_DIMS)).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    ref, rest = X[:6_000], X[6_000:]
    U = UmapReducer().fit_transform(ref)
    labels = HdbscanClusterer().fit_predict(U)
    xy = UmapMapper().fit_transform(U)
    index = NeighbourIndex(ref)
    index.EXACT_PAIRS = 0  # this instance only: take the approximate (pynndescent) path
    extend(index, xy, labels, rest)
    log(f"compiled code cached in {config.NUMBA_CACHE_DIR} ({time.perf_counter() - started:.0f} s)")
    started = time.perf_counter()
    detector()
    log(f"request-type classifier trained ({time.perf_counter() - started:.0f} s)")


def analyse(
    con: duckdb.DuckDBPyConnection,
    log: Log = print,
    campaign_sample: int | None = None,
    progress: Progress | None = None,
) -> ScoreResult:
    """Run recipes, campaigns and scoring on an ingested database; return the scores."""
    progress = progress or (lambda _f, _m: None)
    started = time.perf_counter()
    log("recipes (frames mined across the log) ...")
    progress(0.02, "recipes: frames and families")
    run_recipes(con, log=lambda m: log("  " + m))
    started = time.perf_counter()
    log("campaigns (embedding, map, clusters) ...")
    progress(0.05, "campaigns: embedding, map, clusters")
    r = run_campaigns(con, sample=campaign_sample, log=lambda m: log("  " + m))
    log(f"  {r.campaigns} campaigns in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    log("scores and networks ...")
    progress(0.6, "scores: signals, reasoning, networks")
    res = run_scoring(con, detector(), log=lambda m: log("  " + m))
    flagged = int(res.accounts["risk_level"].isin(FLAGGED_LEVELS).sum())
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
) -> tuple[list[ingest.FileResult], ScoreResult]:
    """Ingest paths (files, folders, globs), then run campaigns and scoring."""
    progress = progress or (lambda _f, _m: None)
    progress(0.0, "ingest")
    results = []
    for r in ingest.iter_ingest(con, paths):
        log(f"{r.path}: {r.stored:,} stored, {r.duplicates:,} duplicates, "
            f"{r.quarantined:,} quarantined")  # fmt: skip
        results.append(r)
    return results, analyse(con, log, progress=progress)


SAMPLE_LOG = "requests.jsonl.gz"
SAMPLE_RELEASES = "releases.csv"


def build_sample_db(
    db: Path, force: bool = False, log: Callable[[str], None] = print, source: Path | None = None
) -> bool:
    """Build db from the sample folder unless it exists; return True when it was built.

    The database is written under a temporary name and renamed when complete, so an
    interrupted build never leaves a half-built database behind.
    """
    source = source or config.SAMPLE_DIR
    if db.exists() and not force:
        log(f"sample database {db} exists; using it")
        return False
    log_file = source / SAMPLE_LOG
    if not log_file.exists():
        raise FileNotFoundError(
            f"{log_file} is missing; rebuild it with: python -m analysis generate --out {source}"
        )
    partial = db.with_name(db.name + ".building")
    for leftover in (partial, Path(str(partial) + ".wal")):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(Path(str(partial) + ".index"), ignore_errors=True)
    started = time.perf_counter()
    log(f"building sample database {db} from {source} ...")
    con = store.connect(partial)
    try:
        n = ingest.load_releases(con, source / SAMPLE_RELEASES)
        log(f"  {n} model releases")
        for r in ingest.iter_ingest(con, [str(log_file)]):
            log(
                f"  {r.path}: {r.stored:,} requests stored, {r.quarantined:,} quarantined "
                f"({r.seconds:.1f} s)"
            )
        analyse(con, log, campaign_sample=config.SAMPLE_CAMPAIGN_FIT)
        store.checkpoint(con)
    finally:
        con.close()
    os.replace(partial, db)
    index = Path(str(partial) + ".index")  # the kept neighbour index moves with it
    if index.exists():
        target = Path(str(db) + ".index")
        shutil.rmtree(target, ignore_errors=True)
        os.replace(index, target)
    log(f"sample database ready in {time.perf_counter() - started:.1f} s")
    return True
