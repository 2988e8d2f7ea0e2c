"""Command line: python -m analysis {ingest,generate,recipes,campaigns,score,evaluate,...} ..."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from analysis import config
from analysis.terms import LEVELS


def _connect(path: str, read_only: bool = False):
    """Open an existing database, or print why not and return None (only `ingest` and
    `build-sample` create one: a mistyped path must not become a new empty database)."""
    from analysis import store

    if not Path(path).exists():
        print(
            f"error: no database at {path}; create one with "
            f"`python -m analysis ingest PATH --db {path}`",
            file=sys.stderr,
        )
        return None
    try:
        return store.connect(path, read_only=read_only)
    except store.StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def _progress_factory(enabled: bool):
    """Return a function making a byte-progress callback per file (tqdm on stderr)."""
    if not enabled:
        return None
    from tqdm import tqdm

    def make(path: Path):
        bar = tqdm(
            total=path.stat().st_size,
            unit="B",
            unit_scale=True,
            desc=path.name,
            leave=False,
            file=sys.stderr,
            mininterval=0.5,
        )

        def update(done: int) -> None:
            bar.update(max(0, done - bar.n))
            if done >= bar.total:
                bar.close()

        return update

    return make


def cmd_ingest(args: argparse.Namespace) -> int:
    from analysis import ingest, store

    if not args.paths and not args.releases:
        print("error: give at least one PATH or --releases FILE", file=sys.stderr)
        return 2
    try:
        # Resolve every path before opening the database, so a typo writes nothing.
        ingest.resolve_inputs(args.paths)
        con = store.connect(args.db)
    except (ingest.IngestError, store.StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    totals = dict(rows=0, stored=0, duplicates=0, quarantined=0)
    try:
        if args.releases:
            n = ingest.load_releases(con, Path(args.releases))
            print(f"releases: {n} model release(s) stored from {args.releases}")
        progress = _progress_factory(not args.quiet and sys.stderr.isatty())
        for r in ingest.iter_ingest(con, args.paths, progress):
            if r.rows_read == 0:
                print(f"{r.path}: empty, nothing to ingest")
                continue
            print(
                f"{r.path}: {r.rows_read:,} records, {r.stored:,} stored, {r.duplicates:,} "
                f"duplicates, {r.quarantined:,} quarantined, {r.seconds:.1f} s "
                f"({r.rows_per_second:,.0f} rows/s)"
            )
            totals["rows"] += r.rows_read
            totals["stored"] += r.stored
            totals["duplicates"] += r.duplicates
            totals["quarantined"] += r.quarantined
    except ingest.IngestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("files listed above this error were ingested and are kept", file=sys.stderr)
        return 1
    finally:
        con.close()
    seconds = time.perf_counter() - started
    rate = totals["rows"] / seconds if seconds > 0 else 0
    print(
        f"total: {totals['stored']:,} rows stored, {totals['duplicates']:,} duplicates, "
        f"{totals['quarantined']:,} quarantined, {seconds:.1f} s, {rate:,.0f} rows/s"
    )
    if totals["quarantined"]:
        print("quarantined records keep their file, line and reason: table `quarantine`")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    from analysis.synth import generate_dataset

    if not 0.0 <= args.evasion <= 1.0:  # also rejects nan
        print(f"error: --evasion must be between 0.0 and 1.0 (got {args.evasion})", file=sys.stderr)
        return 2
    out = Path(args.out)
    started = time.perf_counter()
    counts = generate_dataset(
        out,
        accounts=args.accounts,
        days=args.days,
        seed=args.seed,
        start=args.start,
        fmt=args.format,
        progress=not args.quiet,
        evasion=args.evasion,
    )
    seconds = time.perf_counter() - started
    print(
        f"wrote {counts['requests']:,} requests from {counts['accounts']:,} accounts to {out} "
        f"in {seconds:.1f} s"
    )
    return 0


def cmd_campaigns(args: argparse.Namespace) -> int:
    from analysis.campaigns import ModelUnavailable, run_campaigns

    con = _connect(args.db)
    if con is None:
        return 2
    try:
        r = run_campaigns(
            con,
            backend=args.backend,
            sample=args.sample,
            refit=args.refit,
            log=(lambda _m: None) if args.quiet else print,
        )
    except ModelUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        con.close()
    print(
        f"run {r.run_id} ({r.mode}): {r.prompts:,} unique prompts mapped, {r.new_prompts:,} "
        f"placed now, {r.embedded:,} embedded (rest from the cache), {r.campaigns:,} "
        f"campaigns, {r.noise_share:.1%} noise, {r.seconds:.1f} s"
    )
    return 0


def cmd_recipes(args: argparse.Namespace) -> int:
    from analysis.recipes import run_recipes

    con = _connect(args.db)
    if con is None:
        return 2
    log = (lambda _m: None) if args.quiet else print
    try:
        r = run_recipes(con, log=log)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        con.close()
    if args.quiet:
        print(f"run {r.run_id}: {len(r.recipes):,} recipes, {r.framed_requests:,} framed requests")
    return 0


def cmd_campaign_quality(args: argparse.Namespace) -> int:
    import pandas as pd

    from analysis import store
    from analysis.campaigns import sql as campaign_sql
    from analysis.evaluation.campaigns import print_report, quality_report

    try:
        con = store.connect(args.db, read_only=True)
        truth = pd.read_csv(args.truth, dtype=str, keep_default_na=False)
    except (store.StoreError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    missing = {"account_id", "campaign_id"} - set(truth.columns)
    if missing:
        print(
            f"error: {args.truth} lacks the column(s) {', '.join(sorted(missing))}", file=sys.stderr
        )
        return 2
    labels = campaign_sql.request_campaign_labels(con)
    if labels.empty:
        print(
            f"error: {args.db} has no campaigns yet; run `python -m analysis campaigns`",
            file=sys.stderr,
        )
        return 2
    print_report(quality_report(labels, truth))
    return 0


def _detector():
    from analysis import pipeline

    return pipeline.detector()


def cmd_score(args: argparse.Namespace) -> int:
    from analysis.campaigns import ModelUnavailable
    from analysis.detection import run_scoring, scores_csv

    out = Path(args.out) if args.out else None
    if out is not None and not out.parent.is_dir():
        print(f"error: folder {out.parent} does not exist", file=sys.stderr)
        return 2
    con = _connect(args.db)
    if con is None:
        return 2
    log = (lambda _m: None) if args.quiet else print
    try:
        result = run_scoring(con, _detector(), log=log)
    except (ModelUnavailable, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        con.close()
    if out is not None:
        scores_csv(result.accounts).to_csv(out, index=False)
        print(f"wrote {len(result.accounts):,} account scores to {out}")
    levels = result.accounts["risk_level"].value_counts()
    print(
        "levels: "
        + ", ".join(f"{name} {int(levels.get(name, 0)):,}" for name in LEVELS)
        + f"; {len(result.networks):,} networks"
    )
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from analysis import store
    from analysis.detection import sql as detection_sql
    from analysis.evaluation import scores as evaluate

    try:
        con = store.connect(args.db, read_only=True)
        truth = evaluate.read_truth(args.truth)
    except (store.StoreError, evaluate.TruthError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        scores = detection_sql.account_scores(con)
    finally:
        con.close()
    if scores.empty:
        print(
            f"error: {args.db} has no scores yet; run `python -m analysis score`", file=sys.stderr
        )
        return 2
    evaluate.print_report(evaluate.evaluate(scores, truth))
    return 0


def cmd_import_labels(args: argparse.Namespace) -> int:
    from analysis import labels

    con = _connect(args.db)
    if con is None:
        return 2
    try:
        n = labels.import_events(con, Path(args.path))
    except labels.LabelError as exc:
        print(f"error: {exc}; nothing was imported", file=sys.stderr)
        return 2
    finally:
        con.close()
    print(f"imported {n:,} label event(s) from {args.path} (events already present skipped)")
    return 0


def cmd_build_sample(args: argparse.Namespace) -> int:
    from analysis import pipeline

    try:
        pipeline.build_sample_db(Path(args.db), force=args.force, log=print)
    except Exception as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_prepare(args: argparse.Namespace) -> int:
    from analysis import pipeline

    try:
        pipeline.prepare(log=print)
    except Exception as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from analysis import dashboard

    con = _connect(args.db, read_only=True)
    if con is None:
        return 2
    s = dashboard.dataset_summary(con)
    for k, v in s.items():
        print(f"{k}: {v}")
    print(dashboard.models_summary(con).to_string(index=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the command line."""
    p = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    i = sub.add_parser(
        "ingest", help="ingest request logs (JSONL, CSV, Parquet; files, folders, globs)"
    )
    i.add_argument("paths", nargs="*", metavar="PATH")
    i.add_argument("--db", required=True, help="DuckDB database file (created if missing)")
    i.add_argument("--releases", help="CSV model,released_at of model releases")
    i.add_argument("--quiet", action="store_true", help="no progress bar")
    i.set_defaults(func=cmd_ingest)

    g = sub.add_parser("generate", help="write a synthetic request log with planted campaigns")
    g.add_argument("--out", required=True)
    g.add_argument("--accounts", type=int, default=config.SAMPLE_ACCOUNTS)
    g.add_argument("--days", type=int, default=config.SAMPLE_DAYS)
    g.add_argument("--seed", type=int, default=config.SAMPLE_SEED)
    g.add_argument("--start", default="2026-10-01", help="first day (UTC), YYYY-MM-DD")
    g.add_argument("--format", choices=["jsonl.gz", "jsonl"], default="jsonl.gz")
    g.add_argument("--quiet", action="store_true")
    g.add_argument(
        "--evasion",
        type=float,
        default=0.0,
        help="adversary strength 0.0-1.0: extraction campaigns evade (0 = plain generator)",
    )
    g.set_defaults(func=cmd_generate)

    rc = sub.add_parser("recipes", help="mine instruction frames across the log into recipes")
    rc.add_argument("--db", required=True)
    rc.add_argument("--quiet", action="store_true")
    rc.set_defaults(func=cmd_recipes)

    c = sub.add_parser("campaigns", help="embed and cluster prompts into campaigns")
    c.add_argument("--db", required=True)
    c.add_argument(
        "--backend",
        choices=["fast", "minilm"],
        default=None,
        help=f"embedding backend (default {config.EMBED_BACKEND})",
    )
    c.add_argument(
        "--sample",
        type=int,
        default=None,
        help=f"fit UMAP/HDBSCAN on at most N prompts (default {config.CAMPAIGN_FIT_SAMPLE:,})",
    )
    c.add_argument("--refit", action="store_true", help="refit even if few prompts are new")
    c.add_argument("--quiet", action="store_true")
    c.set_defaults(func=cmd_campaigns)

    q = sub.add_parser("campaign-quality", help="compare found campaigns with a truth file")
    q.add_argument("--db", required=True)
    q.add_argument("--truth", required=True, help="CSV account_id,role,campaign_id,network_id")
    q.set_defaults(func=cmd_campaign_quality)

    sc = sub.add_parser("score", help="score accounts, link networks, store (and write CSV)")
    sc.add_argument("--db", required=True)
    sc.add_argument("--out", help="CSV to write: account_id, risk_score, risk_level, ...")
    sc.add_argument("--quiet", action="store_true")
    sc.set_defaults(func=cmd_score)

    ev = sub.add_parser("evaluate", help="compare stored scores and networks with a truth file")
    ev.add_argument("--db", required=True)
    ev.add_argument("--truth", required=True, help="CSV account_id,role,campaign_id,network_id")
    ev.set_defaults(func=cmd_evaluate)

    il = sub.add_parser("import-labels", help="append the events of a label export file")
    il.add_argument("path", help="a CSV, Parquet or JSON Lines file written by the Labels page")
    il.add_argument("--db", required=True)
    il.set_defaults(func=cmd_import_labels)

    b = sub.add_parser("build-sample", help="build the sample database from sample_data/")
    b.add_argument("--db", default=str(config.SAMPLE_DB))
    b.add_argument("--force", action="store_true", help="rebuild even if it exists")
    b.set_defaults(func=cmd_build_sample)

    pr = sub.add_parser(
        "prepare", help="one-off: build the fast embedding model and cache compiled code"
    )
    pr.set_defaults(func=cmd_prepare)

    s = sub.add_parser("summary", help="print what a database holds")
    s.add_argument("--db", required=True)
    s.set_defaults(func=cmd_summary)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
