"""Builds the sample database from sample_data/: ingest, campaigns, scores."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from analysis import config, ingest, pipeline, store

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
        pipeline.analyse(con, log, campaign_sample=config.SAMPLE_CAMPAIGN_FIT)
        con.execute("CHECKPOINT")
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
