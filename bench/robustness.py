"""Robustness curve: how the detector holds as the planted campaigns evade, measured end to end.

``python -m bench robustness [--levels 0,0.25,0.5,0.75,1] [--seeds 8,9,10] [--accounts 1500]
[--days 14] [--sample 12000] [--corpus] [--workdir DIR] [--keep] [--out FILE]``

For every evasion level and seed it runs the command line as a user would, each stage in
its own process with the project's python (.venv/bin/python when present):

1. ``python -m analysis generate --out LOG --accounts A --days D --seed S --evasion X``
2. ``python -m analysis ingest LOG/requests.jsonl.gz --db DB --releases LOG/releases.csv``
3. ``python -m analysis campaigns --db DB --sample 12000``
4. ``python -m analysis score --db DB --out scores.csv``

and then computes the figures itself from scores.csv, LOG/truth.csv and LOG/populations.csv
with analysis/evaluation/scores.py (``read_truth``, ``evaluate``: average precision, recall
at 1% false-positive rate, network pair F1): per campaign the share of its accounts flagged
(risk level high or critical) and the share at or above the score threshold that gives 1%
false positives among the non-extraction accounts; per population (benign ones included)
the same two shares. ``--corpus`` adds, per seed, the same stages on the independent
real-text log of bench/corpus_log.py (``python -m bench corpus-log --out LOG --seed S``
instead of ``generate``), with the figures also per language of the attack frame.
``--levels ''`` runs no generated setting (with ``--corpus``: the real-text log only).

Seed 8 is the tuning seed (the one the detector's numbers were tuned against); the curve
shows the mean over the other seeds (the reported ones) with the tuning seed in brackets.
A stage that fails prints its stderr and the run moves on to the next setting. Everything,
including each stage's wall time, is written as JSON to --out (default
bench-results/robustness.json) after every setting. Work folders (logs, databases) go to a
temporary folder, or --workdir, and are deleted after each setting unless --keep.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import roc_curve

from analysis.evaluation import scores as ev

ROOT = Path(__file__).resolve().parents[1]
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON if VENV_PYTHON.exists() else Path(sys.executable))
LEVELS = (0.0, 0.25, 0.5, 0.75, 1.0)
TUNING_SEED = 8
SEEDS = (TUNING_SEED, 9, 10)
STAGES = ("generate", "corpus-log", "ingest", "recipes", "campaigns", "score")
STDERR_CHARS = 6000  # of a failed stage's stderr, printed (the JSON keeps the same tail)


@dataclass(frozen=True)
class Setting:
    """One run of the pipeline: a generated log at an evasion level, or the real-text log."""

    seed: int
    level: float | None  # None: the real-text log of bench/corpus_log.py

    @property
    def corpus(self) -> bool:
        return self.level is None

    @property
    def name(self) -> str:
        tag = " (tuning seed)" if self.seed == TUNING_SEED else ""
        if self.corpus:
            return f"real-text log, seed {self.seed}{tag}"
        return f"evasion {self.level:.2f}, seed {self.seed}{tag}"

    @property
    def slug(self) -> str:
        return f"corpus-s{self.seed}" if self.corpus else f"e{self.level:.2f}-s{self.seed}"


# ---------------------------------------------------------------------------
# running the command line
# ---------------------------------------------------------------------------


def run_stage(name: str, args: list[str]) -> dict:
    """Run `python -m ARGS` in the project folder; return its record (seconds, exit code)."""
    started = time.perf_counter()
    proc = subprocess.run(
        [PYTHON, "-m", *map(str, args)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    rec = {
        "stage": name,
        "command": "python -m " + " ".join(map(str, args)),
        "seconds": round(seconds, 2),
        "returncode": proc.returncode,
        "summary": lines[-1] if lines else "",
        "stdout": proc.stdout[-STDERR_CHARS:],
    }
    if proc.returncode != 0:
        rec["stderr"] = proc.stderr[-STDERR_CHARS:]
    status = "ok" if proc.returncode == 0 else f"FAILED (exit {proc.returncode})"
    print(f"  {name:<10} {seconds:7.1f} s  {status}  {rec['summary'][:110]}", flush=True)
    if proc.returncode != 0:
        print(f"  stderr of {name}:\n{rec['stderr']}", flush=True)
    return rec


def run_pipeline(setting: Setting, folder: Path, accounts: int, days: int, sample: int) -> dict:
    """Run the stages of one setting in folder; return stages, files and an error if any."""
    log, db, scores = folder / "log", folder / "dw.duckdb", folder / "scores.csv"
    if setting.corpus:
        first = ("corpus-log", ["bench", "corpus-log", "--out", log, "--seed", setting.seed])
    else:
        first = (
            "generate",
            [
                "analysis",
                "generate",
                "--out",
                log,
                "--accounts",
                accounts,
                "--days",
                days,
                "--seed",
                setting.seed,
                "--evasion",
                setting.level,
                "--quiet",
            ],
        )
    out: dict = {"stages": [], "log": str(log), "scores": str(scores)}

    def stage(name: str, args: list) -> bool:
        rec = run_stage(name, args)
        out["stages"].append(rec)
        if rec["returncode"] != 0:
            out["error"] = f"{name} failed (exit {rec['returncode']})"
            return False
        return True

    if not stage(*first):
        return out
    requests = sorted(log.glob("requests.*"))
    if not requests:
        out["error"] = f"no requests file in {log}: {out['stages'][-1]['summary']}"
        print(f"  skipped: {out['error']}", flush=True)
        return out
    ingest = ["analysis", "ingest", *requests, "--db", db, "--quiet"]
    if (log / "releases.csv").exists():
        ingest += ["--releases", log / "releases.csv"]
    ok = (
        stage("ingest", ingest)
        and stage("recipes", ["analysis", "recipes", "--db", db, "--quiet"])
        and stage("campaigns", ["analysis", "campaigns", "--db", db, "--sample", sample])
        and stage("score", ["analysis", "score", "--db", db, "--out", scores])
    )
    if ok:
        m = re.search(r"([\d,]+) quarantined", out["stages"][1]["summary"])
        out["quarantined"] = int(m.group(1).replace(",", "")) if m else None
    return out


# ---------------------------------------------------------------------------
# figures
# ---------------------------------------------------------------------------


def threshold_at_fpr(y: np.ndarray, s: np.ndarray, fpr_max: float) -> float:
    """Return the lowest score threshold (flag s >= it) with false-positive rate <= fpr_max."""
    if y.sum() == 0 or (1 - y).sum() == 0:
        return float("nan")
    fpr, tpr, thr = roc_curve(y, s, drop_intermediate=False)
    ok = np.flatnonzero(fpr <= fpr_max)
    return float(thr[ok[np.argmax(tpr[ok])]])


def _groups(df: pd.DataFrame, by: str, kind: str) -> list[dict]:
    rows = []
    for name, g in df[df[by] != ""].groupby(by, sort=True):
        roles = g["role"].value_counts()
        rows.append(
            {
                "kind": kind,
                "group": str(name),
                "role": str(roles.index[0]),
                "accounts": len(g),
                "flagged": int(g["flagged"].sum()),
                "share_flagged": float(g["flagged"].mean()),
                "at_threshold": int(g["at_threshold"].sum()),
                "share_at_threshold": float(g["at_threshold"].mean()),
            }
        )
    return rows


def figures(scores_csv: Path, truth_csv: Path, populations_csv: Path | None) -> dict:
    """Return the figures of one setting from its scores CSV, truth and populations."""
    truth = ev.read_truth(str(truth_csv))
    scores = pd.read_csv(
        scores_csv, dtype={"account_id": str, "risk_level": str, "network_id": str}
    )
    report = ev.evaluate(scores, truth)
    merged = truth.merge(
        scores[["account_id", "risk_score", "risk_level"]], on="account_id", how="left"
    )
    merged["risk_score"] = merged["risk_score"].fillna(0.0)  # as evaluate: unscored is 0
    merged["risk_level"] = merged["risk_level"].fillna("unscored")
    if populations_csv is not None and populations_csv.exists():
        pops = pd.read_csv(populations_csv, dtype=str, keep_default_na=False)
        merged = merged.merge(pops, on="account_id", how="left")
    for col in ("population", "language"):
        merged[col] = merged[col].fillna("") if col in merged else ""
    y = (merged["role"] == "extraction").to_numpy(int)
    s = merged["risk_score"].to_numpy(float)
    thr = threshold_at_fpr(y, s, ev.TARGET_FPR)
    merged["flagged"] = merged["risk_level"].isin(ev.FLAGGED)
    merged["at_threshold"] = s >= thr if not math.isnan(thr) else False
    others = merged[merged["role"] != "extraction"]
    precision, recall, f1 = report.network
    return {
        "accounts": report.accounts,
        "extraction_accounts": int(y.sum()),
        "unscored_accounts": report.missing,
        "average_precision": report.average_precision,
        "recall_at_1pct_fpr": report.recall_at_fpr,
        "threshold_at_1pct_fpr": thr,
        "non_extraction_flagged": int(others["flagged"].sum()),
        "non_extraction_accounts": len(others),
        "network": {"precision": precision, "recall": recall, "f1": f1},
        "by_role": _groups(merged, "role", "role"),
        "by_campaign": _groups(merged, "campaign_id", "campaign"),
        "by_population": _groups(merged, "population", "population"),
        "by_language": _groups(merged[merged["role"] == "extraction"], "language", "language"),
    }


# ---------------------------------------------------------------------------
# printing
# ---------------------------------------------------------------------------


def _f(v: float | None, spec: str = ".3f") -> str:
    return "n/a" if v is None or (isinstance(v, float) and math.isnan(v)) else format(v, spec)


def print_setting(res: dict) -> None:
    """Print one setting's stage times and figures table."""
    times = " | ".join(f"{r['stage']} {r['seconds']:.1f} s" for r in res["stages"])
    total = sum(r["seconds"] for r in res["stages"])
    print(f"  wall time per stage: {times} (total {total:.0f} s)")
    fig = res.get("figures")
    if not fig:
        print(f"  no figures: {res.get('error', 'unknown error')}")
        return
    net = fig["network"]
    print(
        f"  accounts {fig['accounts']:,} ({fig['extraction_accounts']:,} extraction, "
        f"{fig['unscored_accounts']:,} unscored); AP {_f(fig['average_precision'])}; recall at "
        f"1% FPR {_f(fig['recall_at_1pct_fpr'])} (score threshold "
        f"{_f(fig['threshold_at_1pct_fpr'])}); network pair F1 {_f(net['f1'])} (precision "
        f"{_f(net['precision'])}, recall {_f(net['recall'])}); non-extraction flagged "
        f"{fig['non_extraction_flagged']:,} of {fig['non_extraction_accounts']:,}"
    )
    print(
        f"  {'':<11}{'group':<22}{'role':<12}{'accounts':>9}{'flagged':>9}{'share':>8}"
        f"{'at 1%-FPR thr':>15}"
    )
    for key in ("by_campaign", "by_population", "by_language"):
        for g in fig[key]:
            print(
                f"  {g['kind']:<11}{g['group']:<22}{g['role']:<12}{g['accounts']:>9,}"
                f"{g['flagged']:>9,}{g['share_flagged']:>8.1%}{g['share_at_threshold']:>15.1%}"
            )


def _cell(reported: list[float], tuning: float | None) -> str:
    mean = f"{np.mean(reported):.2f}" if reported else "-"
    return f"{mean} [{_f(tuning, '.2f') if tuning is not None else '-'}]"


def curve(results: list[dict]) -> dict:
    """Return {row: {level: {"reported": {seed: v}, "tuning": v, "reported_mean": v}}}."""
    rows: dict[str, dict[str, dict]] = {}

    def put(row: str, level: float, seed: int, value: float) -> None:
        cell = rows.setdefault(row, {}).setdefault(
            f"{level:.2f}", {"reported": {}, "tuning": None, "reported_mean": None}
        )
        if seed == TUNING_SEED:
            cell["tuning"] = value
        else:
            cell["reported"][str(seed)] = value
            cell["reported_mean"] = float(np.mean(list(cell["reported"].values())))

    for res in results:
        fig = res.get("figures")
        if res["level"] is None or not fig:
            continue
        lvl, seed = res["level"], res["seed"]
        for g in fig["by_campaign"]:
            put(g["group"], lvl, seed, g["share_flagged"])
        put("AP", lvl, seed, fig["average_precision"])
        put("recall@1%FPR", lvl, seed, fig["recall_at_1pct_fpr"])
        put("network F1", lvl, seed, fig["network"]["f1"])
        n = max(fig["non_extraction_accounts"], 1)
        put("non-extr. flagged", lvl, seed, fig["non_extraction_flagged"] / n)
    return rows


def print_curve(rows: dict, levels: list[float], seeds: list[int]) -> None:
    reported = [s for s in seeds if s != TUNING_SEED]
    print(
        "\n== robustness curve: share of each campaign's accounts flagged high or critical, "
        f"mean over reported seeds {', '.join(map(str, reported)) or '(none)'} "
        f"[tuning seed {TUNING_SEED}]"
    )
    cols = [f"{lv:.2f}" for lv in levels]
    print(f"  {'evasion':<18}" + "".join(f"{c:>15}" for c in cols))
    summary = ("AP", "recall@1%FPR", "network F1", "non-extr. flagged")
    names = [r for r in rows if r not in summary] + [r for r in summary if r in rows]
    for name in names:
        cells = []
        for c in cols:
            cell = rows[name].get(c)
            if cell is None:
                cells.append("n/a")
                continue
            vals = [v for v in cell["reported"].values() if not math.isnan(v)]
            cells.append(_cell(vals, cell["tuning"]))
        print(f"  {name:<18}" + "".join(f"{x:>15}" for x in cells))


def print_corpus(results: list[dict]) -> None:
    runs = [r for r in results if r["level"] is None and r.get("figures")]
    if len(runs) < 2:
        return
    print("\n== real-text log: share flagged high or critical per seed")
    print(f"  {'group':<26}" + "".join(f"{'seed ' + str(r['seed']):>10}" for r in runs))
    keys = {}
    for r in runs:
        for kind in ("by_campaign", "by_population", "by_language"):
            for g in r["figures"][kind]:
                keys.setdefault((g["kind"], g["group"]), {})[r["seed"]] = g["share_flagged"]
    for (kind, group), by_seed in keys.items():
        cells = "".join(f"{_f(by_seed.get(r['seed']), '.2f'):>10}" for r in runs)
        print(f"  {kind + ' ' + group:<26}{cells}")


def timing_summary(results: list[dict]) -> dict:
    """Return per stage: runs, mean, max and total seconds (successful and failed runs)."""
    out = {}
    for name in STAGES:
        secs = [s["seconds"] for r in results for s in r["stages"] if s["stage"] == name]
        if secs:
            out[name] = {
                "runs": len(secs),
                "mean_s": round(float(np.mean(secs)), 1),
                "max_s": round(max(secs), 1),
                "total_s": round(sum(secs), 1),
            }
    return out


def print_timings(summary: dict) -> None:
    print("\n== wall time per stage (each a subprocess)")
    print(f"  {'stage':<12}{'runs':>6}{'mean s':>10}{'max s':>10}{'total s':>10}")
    for name, t in summary.items():
        print(
            f"  {name:<12}{t['runs']:>6}{t['mean_s']:>10.1f}{t['max_s']:>10.1f}"
            f"{t['total_s']:>10.1f}"
        )


# ---------------------------------------------------------------------------
# entry point
# ---------------------------------------------------------------------------


def _json_safe(v):
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, dict):
        return {k: _json_safe(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_json_safe(x) for x in v]
    if isinstance(v, np.generic):
        return _json_safe(v.item())
    return v


def _numbers(text: str, kind: type) -> list:
    return [kind(x) for x in re.split(r"[,\s]+", text.strip()) if x]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m bench robustness", description=__doc__.split("\n")[0]
    )
    p.add_argument(
        "--levels",
        default=",".join(map(str, LEVELS)),
        help="evasion strengths, comma-separated ('' for none)",
    )
    p.add_argument(
        "--seeds",
        default=",".join(map(str, SEEDS)),
        help=f"seeds, comma-separated ({TUNING_SEED} is the tuning seed)",
    )
    p.add_argument("--accounts", type=int, default=1500)
    p.add_argument("--days", type=int, default=14)
    p.add_argument("--sample", type=int, default=12_000, help="campaigns --sample")
    p.add_argument(
        "--corpus",
        action="store_true",
        help="also run the real-text log of bench/corpus_log.py, once per seed",
    )
    p.add_argument("--workdir", help="folder for the logs and databases (default: a temp folder)")
    p.add_argument("--keep", action="store_true", help="keep each setting's log and database")
    p.add_argument("--out", default="bench-results/robustness.json", help="JSON to write")
    args = p.parse_args(argv)
    try:
        args.levels = _numbers(args.levels, float)
        args.seeds = _numbers(args.seeds, int)
    except ValueError as exc:
        p.error(str(exc))
    if any(not 0.0 <= lv <= 1.0 for lv in args.levels):
        p.error("--levels must lie between 0 and 1")
    if not args.seeds:
        p.error("give at least one seed")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run every setting; print the tables, the curve and the timings; write the JSON."""
    args = parse_args(argv)
    settings = [Setting(seed, lv) for lv in args.levels for seed in args.seeds]
    if args.corpus:
        settings += [Setting(seed, None) for seed in args.seeds]
    if not settings:
        print("nothing to run: no --levels and no --corpus")
        return 2
    out_path = Path(args.out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="dw-robustness-"))
    workdir.mkdir(parents=True, exist_ok=True)
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()
    doc = {
        "command": "python -m bench robustness " + " ".join(sys.argv[2:] if argv is None else argv),
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "git_head": head + " (the working tree may differ)",
        "python": PYTHON,
        "params": {
            "levels": args.levels,
            "seeds": args.seeds,
            "tuning_seed": TUNING_SEED,
            "accounts": args.accounts,
            "days": args.days,
            "sample": args.sample,
            "corpus": args.corpus,
            "workdir": str(workdir),
            "keep": args.keep,
        },
        "settings": [],
    }
    print(f"{len(settings)} setting(s); work folder {workdir}; python {PYTHON}", flush=True)
    for setting in settings:
        print(f"\n== {setting.name}", flush=True)
        folder = workdir / setting.slug
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        res = {"name": setting.name, "seed": setting.seed, "level": setting.level}
        res |= run_pipeline(setting, folder, args.accounts, args.days, args.sample)
        if "error" not in res:
            log = Path(res["log"])
            try:
                res["figures"] = figures(
                    Path(res["scores"]), log / "truth.csv", log / "populations.csv"
                )
            except (OSError, ValueError, KeyError, ev.TruthError) as exc:
                res["error"] = f"figures: {exc}"
        print_setting(res)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
        doc["settings"].append(res)
        doc["curve"] = curve(doc["settings"])
        doc["timings"] = timing_summary(doc["settings"])
        out_path.write_text(json.dumps(_json_safe(doc), indent=1) + "\n")
    if args.levels:
        print_curve(doc["curve"], sorted(set(args.levels)), args.seeds)
    print_corpus(doc["settings"])
    print_timings(doc["timings"])
    if not args.keep and not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    failed = [r["name"] for r in doc["settings"] if "error" in r]
    print(f"\nwrote {out_path}" + (f"; failed: {'; '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
