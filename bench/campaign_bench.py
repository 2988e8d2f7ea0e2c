"""Campaign discovery speed: embedding backends, UMAP and HDBSCAN by size, and the whole
pipeline on a database of a million requests (a first fit, then a re-run after ~10% more).

Work files live under DATA_DIR/bench/campaigns. The generated logs, the ingested database
and the 200k embedded points are made once and reused; campaigns always run on a fresh
copy of the ingested database, so the first run embeds, fits and places everything.
UMAP and HDBSCAN run in a child process so that a step over STEP_LIMIT_S can be abandoned.
Each campaign run is capped in memory (memory_guard) so that a runaway allocation fails
here, reported, rather than starving the machine.
"""

from __future__ import annotations

import json
import math
import multiprocessing
import os
import resource
import shutil
import time
import traceback
from contextlib import contextmanager
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from analysis import campaigns, config, ingest, store
from analysis.campaigns import sql as campaign_sql
from analysis.campaigns.embed import ModelUnavailable, load_backend
from analysis.campaigns.stages import HdbscanClusterer, UmapReducer
from analysis.evaluation.campaigns import BENIGN, quality_report
from analysis.synth import generate_dataset
from analysis.terms import NOISE

WORK = config.DATA_DIR / "bench" / "campaigns"
EMBED_PROMPTS = 2_000  # the same prompts for both backends (MiniLM does ~200-400/s)
SIZES = (10_000, 50_000, 200_000)
# Above UMAP's 4,096-point switch from exact to approximate (NN-descent) neighbours, so the
# warm-up compiles the code paths that the measured sizes use.
WARMUP_POINTS = 5_000
STEP_LIMIT_S = 360.0  # a UMAP or HDBSCAN step taking longer is abandoned and reported
BIG = {"accounts": 15_500, "days": 14, "seed": 21, "start": "2026-10-01"}
MIN_REQUESTS = 1_000_000
# About 10% more requests from other accounts, in the two weeks after the first window.
EXTRA = {"accounts": 1_550, "days": 14, "seed": 22, "start": "2026-10-15"}
EXTRA_ID_PREFIX = "req_x"  # replaces "req_" in the extra file's ids if any id collides
# Address space a campaign run may add to the process (see memory_guard).
GUARD_HEADROOM_BYTES = 12 << 30
GUARD_SPARE_BYTES = 4 << 30
FIT_TARGET_S = 300.0
RERUN_TARGET_S = 30.0


# ---------------------------------------------------------------------------
# work files (made once)
# ---------------------------------------------------------------------------


def _read_meta(path: Path) -> dict | None:
    return json.loads(path.read_text()) if path.exists() else None


def _write_meta(path: Path, meta: dict) -> None:
    path.write_text(json.dumps(meta, indent=1))


def _unlink_db(path: Path) -> None:
    for p in (path, Path(str(path) + ".wal")):
        p.unlink(missing_ok=True)


def big_dataset() -> dict:
    """The generated million-request log (JSON Lines); accounts are raised until it has
    at least MIN_REQUESTS rows. Returns its meta (path, requests, accounts, seconds)."""
    out = WORK / "big"
    meta_path = out / "bench-meta.json"
    meta = _read_meta(meta_path)
    same = meta and all(meta["params"][k] == BIG[k] for k in ("days", "seed", "start"))
    if same and meta["requests"] >= MIN_REQUESTS:
        return meta | {"cached": True}
    meta_path.unlink(missing_ok=True)
    params = dict(BIG)
    while True:
        started = time.perf_counter()
        info = generate_dataset(out, fmt="jsonl", **params)
        seconds = time.perf_counter() - started
        if info["requests"] >= MIN_REQUESTS:
            break
        print(f"  {params['accounts']:,} accounts gave {info['requests']:,} requests; more ...")
        params["accounts"] = math.ceil(params["accounts"] * MIN_REQUESTS / info["requests"] * 1.01)
    meta = {
        "params": params,
        "path": str(out / "requests.jsonl"),
        "requests": info["requests"],
        "accounts": info["accounts"],
        "seconds": seconds,
        "bytes": (out / "requests.jsonl").stat().st_size,
    }
    _write_meta(meta_path, meta)
    return meta | {"cached": False}


def base_db(big: dict) -> dict:
    """The big log ingested into WORK/base.duckdb (built under a temporary name)."""
    db = WORK / "base.duckdb"
    meta_path = WORK / "base-meta.json"
    meta = _read_meta(meta_path)
    if db.exists() and meta and meta["source"] == big["path"] and meta["rows"] == big["requests"]:
        return meta | {"cached": True}
    meta_path.unlink(missing_ok=True)
    partial = WORK / "base.duckdb.building"
    _unlink_db(partial)
    con = store.connect(partial)
    try:
        ingest.load_releases(con, Path(big["path"]).parent / "releases.csv")
        started = time.perf_counter()
        [result] = ingest.ingest_paths(con, [big["path"]])
        con.execute("CHECKPOINT")
        seconds = time.perf_counter() - started
    finally:
        con.close()
    os.replace(partial, db)
    meta = {
        "path": str(db),
        "source": big["path"],
        "rows": big["requests"],
        "stored": result.stored,
        "duplicates": result.duplicates,
        "quarantined": result.quarantined,
        "seconds": seconds,
    }
    _write_meta(meta_path, meta)
    return meta | {"cached": False}


def extra_log(base: dict) -> dict:
    """The ~10% extra log, its request ids checked against the base database and
    rewritten with EXTRA_ID_PREFIX when any collides."""
    out = WORK / "extra"
    final = WORK / "extra-requests.jsonl"
    meta_path = WORK / "extra-meta.json"
    meta = _read_meta(meta_path)
    if final.exists() and meta and meta["params"] == EXTRA and meta["base"] == base["path"]:
        return meta | {"cached": True}
    meta_path.unlink(missing_ok=True)
    started = time.perf_counter()
    info = generate_dataset(out, fmt="jsonl", **EXTRA)
    seconds = time.perf_counter() - started
    raw = out / "requests.jsonl"
    id_hits, account_hits = _collisions(Path(base["path"]), raw)
    if id_hits:
        with open(raw, encoding="utf-8") as src, open(final, "w", encoding="utf-8") as dst:
            for line in src:
                dst.write(line.replace('"request_id":"req_', f'"request_id":"{EXTRA_ID_PREFIX}', 1))
        after, _ = _collisions(Path(base["path"]), final)
        if after:
            raise SystemExit(f"{after} extra request ids still collide after the rewrite")
    else:
        shutil.copyfile(raw, final)
    meta = {
        "params": EXTRA,
        "base": base["path"],
        "path": str(final),
        "truth": str(out / "truth.csv"),
        "requests": info["requests"],
        "seconds": seconds,
        "id_collisions": id_hits,
        "account_collisions": account_hits,
        "rewritten": bool(id_hits),
    }
    _write_meta(meta_path, meta)
    return meta | {"cached": False}


def _collisions(db: Path, log: Path) -> tuple[int, int]:
    """(request ids, account ids) of the log that the database already holds."""
    con = store.connect(db, read_only=True)
    try:
        con.execute(
            "CREATE TEMP TABLE extra_ids AS SELECT request_id, account_id FROM read_json(?, "
            "format='newline_delimited', columns={request_id: 'VARCHAR', account_id: 'VARCHAR'})",
            [str(log)],
        )
        ids = con.execute(
            "SELECT count(*) FROM extra_ids WHERE request_id IN (SELECT request_id FROM requests)"
        ).fetchall()[0][0]
        accounts = con.execute(
            "SELECT count(DISTINCT account_id) FROM extra_ids"
            " WHERE account_id IN (SELECT account_id FROM requests)"
        ).fetchall()[0][0]
    finally:
        con.close()
    return int(ids), int(accounts)


def fresh_copy(src: Path, dst: Path) -> Path:
    """A fresh copy of a database file (any older copy and its WAL removed first)."""
    _unlink_db(dst)
    shutil.copyfile(src, dst)
    return dst


def points(base: dict, n: int = max(SIZES)) -> tuple[Path, int]:
    """Fast embeddings (float32, shuffled) of up to n unique prompts of the base database,
    saved as .npy; returns (path, rows). Any prefix of the rows is a random sample."""
    path = WORK / f"points-{n}.npy"
    meta_path = WORK / f"points-{n}-meta.json"
    meta = _read_meta(meta_path)
    if path.exists() and meta and meta["base"] == base["path"]:
        return path, meta["rows"]
    con = store.connect(Path(base["path"]), read_only=True)
    try:
        prompts = campaign_sql.unique_prompts(con)
    finally:
        con.close()
    rng = np.random.default_rng(5)
    pick = rng.permutation(len(prompts))[:n]
    texts = prompts["text"].iloc[pick].tolist()
    embedder = load_backend("fast")
    X = np.vstack([embedder(texts[lo : lo + 20_000]) for lo in range(0, len(texts), 20_000)])
    partial = WORK / f"points-{n}.partial.npy"
    np.save(partial, X.astype(np.float32))
    os.replace(partial, path)
    _write_meta(meta_path, {"base": base["path"], "rows": len(X), "unique": len(prompts)})
    return path, len(X)


# ---------------------------------------------------------------------------
# embedding throughput
# ---------------------------------------------------------------------------


def sample_prompts(n: int) -> list[str]:
    """n distinct prompts drawn at random from the generated sample log."""
    log = config.SAMPLE_DIR / "requests.jsonl.gz"
    con = duckdb.connect()
    try:
        rows = con.execute(
            "SELECT DISTINCT prompt FROM read_json(?, format='newline_delimited', "
            "columns={prompt: 'VARCHAR'}) ORDER BY prompt",
            [str(log)],
        ).fetchall()
    finally:
        con.close()
    pick = np.random.default_rng(3).choice(len(rows), size=min(n, len(rows)), replace=False)
    return [rows[i][0] for i in sorted(pick)]


def embed_throughput() -> None:
    texts = sample_prompts(EMBED_PROMPTS)
    chars = np.mean([len(t) for t in texts])
    print(f"embedding: {len(texts):,} distinct generated prompts (mean {chars:,.0f} characters)")
    rates: dict[str, float] = {}
    for name in ("fast", "minilm"):
        started = time.perf_counter()
        try:
            embedder = load_backend(name)
        except ModelUnavailable as exc:
            print(f"  {name:6s}  skipped: {exc}")
            continue
        load = time.perf_counter() - started
        embedder(texts[:32])  # warm-up: first-call allocations are not billed
        reps = 3 if name == "fast" else 1
        best = math.inf
        for _ in range(reps):
            t0 = time.perf_counter()
            embedder(texts)
            best = min(best, time.perf_counter() - t0)
        rates[name] = len(texts) / best
        print(
            f"  {name:6s}  {embedder.backend_id:26s} {embedder.dim:4d}-d  load {load:5.1f} s  "
            f"{best:6.2f} s  {rates[name]:>9,.0f} prompts/s"
            + (f"  (best of {reps})" if reps > 1 else "")
        )
        del embedder
    if len(rates) == 2:
        print(f"  fast / minilm throughput: {rates['fast'] / rates['minilm']:,.0f}x")


# ---------------------------------------------------------------------------
# UMAP and HDBSCAN by size
# ---------------------------------------------------------------------------


def _reduce_worker(path: str, warmup: int, sizes: tuple[int, ...], conn) -> None:
    """Child process: warm-up, then UMAP and HDBSCAN at each size; one message per step."""
    X = np.load(path)
    t0 = time.perf_counter()
    HdbscanClusterer().fit_predict(UmapReducer().fit_transform(X[:warmup]))
    conn.send(("warm-up", warmup, time.perf_counter() - t0, ""))
    for n in sizes:
        t0 = time.perf_counter()
        U = UmapReducer().fit_transform(X[:n])
        conn.send(("UMAP", n, time.perf_counter() - t0, ""))
        t0 = time.perf_counter()
        labels = HdbscanClusterer().fit_predict(U)
        seconds = time.perf_counter() - t0
        found = len(set(labels.tolist()) - {NOISE})
        note = f"{found} clusters, noise {float((labels == NOISE).mean()):.1%}"
        conn.send(("HDBSCAN", n, seconds, note))
    conn.close()


def reduce_and_cluster(path: Path, rows: int) -> None:
    sizes = tuple(min(n, rows) for n in SIZES)
    print(
        f"UMAP ({config.UMAP_CLUSTER_DIMS}-D cosine) and HDBSCAN on fast embeddings "
        f"(a random sample of {rows:,} unique prompts of the 1M-request log; "
        f"a step over {STEP_LIMIT_S:.0f} s is abandoned)"
    )
    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    args = (str(path), WARMUP_POINTS, sizes, sender)
    proc = ctx.Process(target=_reduce_worker, args=args, daemon=True)
    proc.start()
    sender.close()
    steps = [("warm-up", WARMUP_POINTS)] + [(s, n) for n in sizes for s in ("UMAP", "HDBSCAN")]
    try:
        for i, (stage, n) in enumerate(steps):
            started = time.perf_counter()
            if not receiver.poll(STEP_LIMIT_S):
                waited = time.perf_counter() - started
                print(f"  {stage:8s} {n:>8,} points  SKIPPED: still running after {waited:.0f} s")
                for later_stage, later_n in steps[i + 1 :]:
                    print(f"  {later_stage:8s} {later_n:>8,} points  SKIPPED: {stage} did not end")
                break
            try:
                got_stage, got_n, seconds, note = receiver.recv()
            except EOFError:
                print(f"  {stage:8s} {n:>8,} points  FAILED: the worker exited ({proc.exitcode})")
                break
            label = "warm-up (JIT compile, UMAP+HDBSCAN)" if got_stage == "warm-up" else got_stage
            extra = f"  {note}" if note else ""
            print(f"  {label:8s} {got_n:>8,} points  {seconds:7.1f} s{extra}")
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()


# ---------------------------------------------------------------------------
# the whole pipeline
# ---------------------------------------------------------------------------


class StageLog:
    """Prints run_campaigns' log lines with the seconds since the run started (the
    embedding progress lines collapse to the last one)."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.pending: str | None = None

    def __call__(self, message: str) -> None:
        line = f"      {time.perf_counter() - self.started:6.1f} s  {message.strip()}"
        if message.strip().startswith("embedded "):
            self.pending = line
            return
        self.flush()
        print(line)

    def flush(self) -> None:
        if self.pending:
            print(self.pending)
            self.pending = None


def _verdict(seconds: float, target: float) -> str:
    return f"target <= {target:.0f} s: {'meets' if seconds <= target else 'MISSES'}"


def quality_summary(con: duckdb.DuckDBPyConnection, truth_csv: Path) -> str:
    truth = pd.read_csv(truth_csv, dtype=str, keep_default_na=False)
    report = quality_report(campaign_sql.request_campaign_labels(con), truth)
    planted = report[report["label"] != BENIGN]
    benign = report[report["label"] == BENIGN]
    parts = [f"{r.label} {r.in_majority:.0%}" for r in planted.itertuples()]
    benign_share = float(benign["in_campaign_clusters"].iloc[0]) if len(benign) else 0.0
    return (
        "in_majority " + ", ".join(parts) + f"; non-campaign requests in campaign clusters "
        f"{benign_share:.1%}"
    )


def _proc_kb(field: str) -> int:
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(field + ":"))


def _available_bytes() -> int:
    with open("/proc/meminfo") as fh:
        return next(int(line.split()[1]) * 1024 for line in fh if line.startswith("MemAvailable:"))


@contextmanager
def memory_guard(max_headroom: float = GUARD_HEADROOM_BYTES):
    """Cap this process's address space at its current size plus headroom (at most what
    the machine has free, less GUARD_SPARE_BYTES), so that a runaway allocation raises
    MemoryError here instead of making the kernel kill a process on a shared machine."""
    old = resource.getrlimit(resource.RLIMIT_AS)
    headroom = min(max_headroom, _available_bytes() - GUARD_SPARE_BYTES)
    limit = _proc_kb("VmSize") * 1024 + max(headroom, 1 << 30)
    if old[1] != resource.RLIM_INFINITY:
        limit = min(limit, old[1])
    resource.setrlimit(resource.RLIMIT_AS, (limit, old[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, old)


def timed_run(con: duckdb.DuckDBPyConnection) -> tuple[campaigns.RunResult | None, float, str]:
    """(result or None, seconds, failure) of run_campaigns(backend="fast") under a memory
    guard; the stage log is printed as it goes."""
    log = StageLog()
    started = time.perf_counter()
    failure = ""
    result = None
    try:
        with memory_guard():
            result = campaigns.run_campaigns(con, backend="fast", log=log)
    except MemoryError as exc:
        tb = traceback.extract_tb(exc.__traceback__)
        where = next((f for f in reversed(tb) if "/analysis/" in f.filename), tb[-1])
        failure = (
            f"MemoryError in {Path(where.filename).name}:{where.lineno} {where.name}() "
            f"({str(exc)[:80]})"
        )
    seconds = time.perf_counter() - started
    log.flush()
    return result, seconds, failure


def pipeline(big: dict, base: dict, extra: dict) -> None:
    run_db = fresh_copy(Path(base["path"]), WORK / "run.duckdb")
    con = store.connect(run_db)
    try:
        n = con.execute("SELECT count(*) FROM requests").fetchall()[0][0]
        print(f"campaigns on a fresh copy of the database ({n:,} requests), backend fast:")
        first, fit_s, failure = timed_run(con)
        if first is None:
            print(f"  first run: FAILED after {fit_s:.1f} s: {failure}")
            return
        print(
            f"  first run: {fit_s:6.1f} s  mode {first.mode}, {first.prompts:,} unique prompts, "
            f"{first.embedded:,} embedded, {first.campaigns} campaigns, "
            f"noise {first.noise_share:.1%}  ({_verdict(fit_s, FIT_TARGET_S)})"
        )
        print(f"  quality vs truth: {quality_summary(con, Path(big['path']).parent / 'truth.csv')}")

        started = time.perf_counter()
        [added] = ingest.ingest_paths(con, [extra["path"]])
        con.execute("CHECKPOINT")
        add_s = time.perf_counter() - started
        print(
            f"  ingest the extra log: {add_s:6.1f} s  {added.stored:,} requests stored "
            f"(+{added.stored / n:.1%}), {added.duplicates:,} duplicates, "
            f"{added.quarantined:,} quarantined"
        )
        second, rerun_s, failure = timed_run(con)
        label = "re-run"
        if second is None:
            print(f"  re-run: FAILED after {rerun_s:.1f} s (rolled back): {failure}")
            return
        print(
            f"  {label}: {rerun_s:6.1f} s  mode {second.mode}, {second.prompts:,} unique "
            f"prompts ({second.prompts - first.prompts:,} new, "
            f"+{(second.prompts - first.prompts) / max(first.prompts, 1):.1%}), "
            f"{second.embedded:,} embedded, {second.campaigns} campaigns, noise "
            f"{second.noise_share:.1%}  ({_verdict(rerun_s, RERUN_TARGET_S)})"
        )
    finally:
        con.close()


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    embed_throughput()

    big = big_dataset()
    how = "cached, generated in" if big["cached"] else "generated in"
    print(
        f"1M log: {big['requests']:,} requests from {big['accounts']:,} accounts, "
        f"{big['bytes'] / 1e6:,.0f} MB JSON Lines ({how} {big['seconds']:.1f} s)"
    )
    base = base_db(big)
    how = "cached, ingested in" if base["cached"] else "ingested in"
    print(
        f"  database: {base['stored']:,} stored, {base['duplicates']:,} duplicates, "
        f"{base['quarantined']:,} quarantined ({how} {base['seconds']:.1f} s, "
        f"{base['stored'] / base['seconds']:,.0f} rows/s)"
    )
    extra = extra_log(base)
    how = "cached, generated in" if extra["cached"] else "generated in"
    ids = (
        f"{extra['id_collisions']:,} request ids collided and all were rewritten to "
        f"{EXTRA_ID_PREFIX}..."
        if extra["rewritten"]
        else "no request id collides with the base log"
    )
    print(
        f"  extra log: {extra['requests']:,} requests, {EXTRA['accounts']:,} accounts from "
        f"{EXTRA['start']} ({how} {extra['seconds']:.1f} s); {ids}; "
        f"{extra['account_collisions']} account ids shared"
    )

    path, rows = points(base)
    reduce_and_cluster(path, rows)
    pipeline(big, base, extra)
