"""Detection: how well scores and networks match the truth, and how fast scoring runs.

1. The request-type classifier on text it was not trained on: recall and false positives
   per language on the held-out split (tests/data/request_types_heldout.jsonl) and in
   languages with no training text (request_types_unseen_languages.jsonl), and the
   share of real prompts (GSM8K, AlpacaEval, HH Human turns in ../shared/corpora) it calls
   each type.
2. `evaluate` on a generated dataset other than the sample (seed 8, the campaign-quality
   bench's), after ingest, campaigns (fast backend) and scoring.
3. `evaluate` on the real-text mix of campaign_quality_bench (real benign accounts that
   carry only prompts and times, plus five generated campaigns).
4. Speed: a generated log of at least 1M requests from 20,000 accounts, ingested and with
   campaigns run once (embeddings cached); scoring runs once to fill the reasoning cache,
   then again timed: the figure is that second run (target 60 s).

Work files live under DATA_DIR/bench/score and are reused when their inputs are unchanged.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import campaigns, config, ingest, pipeline, store
from analysis import detection as scoring
from analysis.detection.request_types import TYPES, RequestTypeClassifier, read_examples
from analysis.evaluation import scores as evaluate
from analysis.synth import generate_dataset
from bench import campaign_quality_bench as cq

WORK = config.DATA_DIR / "bench" / "score"
SPEED = {"accounts": 20_000, "days": 11, "seed": 31, "start": "2026-10-01"}
MIN_REQUESTS = 1_000_000
TARGET_S = 60.0

# The held-out split of the request-type set: written apart from the training split.
HELD_OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "request_types_heldout.jsonl"
# texts in languages the training set has none of (a transfer check, never trained on)
UNSEEN = HELD_OUT.with_name("request_types_unseen_languages.jsonl")


def quiet(_message: str) -> None:
    """A log that drops progress lines."""


def detector() -> RequestTypeClassifier:
    return pipeline.detector()


def real_prompts() -> list[str]:
    with open(cq.CORPORA / "gsm8k_test.jsonl") as fh:
        texts = [json.loads(line)["question"] for line in fh]
    with open(cq.CORPORA / "alpaca_eval_llama3_8b_outputs.json") as fh:
        texts += [r["instruction"] for r in json.load(fh)]
    with gzip.open(cq.CORPORA / "hh_harmless_base_test.jsonl.gz", "rt") as fh:
        for line in fh:
            chosen = json.loads(line)["chosen"]
            texts += [
                t.strip() for t in re.findall(r"\n\nHuman:(.*?)(?=\n\nAssistant:|$)", chosen, re.S)
            ]
    return sorted(set(texts))


def per_language(held: pd.DataFrame) -> pd.DataFrame:
    """Recall and false-positive rate of each type per language of the held-out split."""
    rows = []
    for lang, g in held.groupby("lang"):
        row = {"lang": lang}
        for kind in TYPES:
            hit = g[kind]
            row[f"{kind} recall"] = hit[g["label"] == kind].mean()
            row[f"{kind} fpr"] = hit[g["label"] != kind].mean()
        rows.append(row)
    return pd.DataFrame(rows).set_index("lang")


def typed(det: RequestTypeClassifier, path: Path) -> pd.DataFrame:
    """The labelled examples of `path` with one column per type: called that type or not."""
    examples = pd.DataFrame(read_examples(path))
    scores = det.score(examples["text"].tolist())
    for i, kind in enumerate(TYPES):
        examples[kind] = scores[:, i] >= config.REQUEST_TYPE_THRESHOLD
    return examples


def reasoning_figures(det: RequestTypeClassifier) -> None:
    """Per language on the held-out split (targets: recall >= 90%, false positives <= 5%),
    and the share of real prompts (GSM8K, AlpacaEval, HH Human turns) called each type."""
    started = time.perf_counter()
    held = typed(det, HELD_OUT)
    took = time.perf_counter() - started
    table = per_language(held)
    print(
        f"request types on the held-out split ({len(held):,} texts, {held['lang'].nunique()} "
        f"languages, {len(held) / took:,.0f} texts/s):"
    )
    print(table.to_string(float_format=lambda v: f"{v:.0%}"))
    for kind in TYPES:
        rec, fpr = table[f"{kind} recall"], table[f"{kind} fpr"]
        ok = "PASS" if rec.min() >= 0.9 and fpr.max() <= 0.05 else "MISS"
        print(
            f"  {kind}: recall mean {rec.mean():.0%} (lowest {rec.min():.0%}, {rec.idxmin()}), "
            f"false positives mean {fpr.mean():.1%} (highest {fpr.max():.0%}, {fpr.idxmax()}) "
            f"{ok} (targets: recall >= 90%, false positives <= 5% in every language)"
        )
    unseen = typed(det, UNSEEN)
    print(
        f"  languages with no training text ({len(unseen):,} texts: "
        f"{', '.join(sorted(unseen['lang'].unique()))}):"
    )
    print(per_language(unseen).to_string(float_format=lambda v: f"{v:.0%}"))
    for kind in TYPES:
        pos, neg = unseen[unseen["label"] == kind], unseen[unseen["label"] != kind]
        print(
            f"  {kind}: recall {pos[kind].mean():.0%}, false positives {neg[kind].mean():.1%} "
            "(pooled over these languages)"
        )
    missing = [f for f in cq.CORPUS_FILES if not (cq.CORPORA / f).exists()]
    if missing:
        print(f"  real prompts: skipped ({cq.CORPORA} lacks {', '.join(missing)})")
        return
    real = real_prompts()
    started = time.perf_counter()
    s = det.score(real)
    took = time.perf_counter() - started
    shares = ", ".join(
        f"{kind} {(s[:, i] >= config.REQUEST_TYPE_THRESHOLD).mean():.1%}"
        for i, kind in enumerate(TYPES)
    )
    print(f"  {len(real):,} real prompts ({len(real) / took:,.0f} prompts/s): {shares}")
    k = TYPES.index("reasoning")
    for i in np.argsort(-s[:, k])[:5]:
        print(f"    reasoning {s[i, k]:.2f} {real[i][:100]!r}")


# ordinary products and users in many languages (the generator's multilingual populations)
PRODUCTS = ("support_bot", "tutoring_product", "translation_product", "multilingual_everyday")


def products_by_language(db: Path, accounts: pd.DataFrame, populations: Path) -> None:
    """Each ordinary product's (and the multilingual users') request-type shares and risk, by
    the country it writes from: none of them may reach high (issue target)."""
    if not populations.exists():
        return
    pops = pd.read_csv(populations)
    pops = pops[pops["population"].isin(PRODUCTS)]
    con = store.connect(db, read_only=True)
    try:
        country = con.execute(
            "SELECT account_id, mode(country) AS country FROM requests GROUP BY account_id"
        ).df()
    finally:
        con.close()
    cols = ["account_id", "risk_level", "risk_score", "reasoning_share", "judging_share",
            "tool_share", "requests"]  # fmt: skip
    table = pops.merge(country, on="account_id").merge(accounts[cols], on="account_id")
    if table.empty:
        return
    flagged = table["risk_level"].isin(["high", "critical"])
    print(
        f"  ordinary products and users in many languages: {int(flagged.sum())} of "
        f"{len(table)} flagged high or critical {'PASS' if not flagged.any() else 'MISS'}"
    )
    for (pop, ctry), g in table.groupby(["population", "country"]):
        top = {k: g[f"{k}_share"].max() for k in ("reasoning", "judging", "tool")}
        print(
            f"    {pop:<22} {ctry:<3} accounts {len(g):>2}  requests {int(g['requests'].sum()):>6,}"
            + "".join(f"  {k} {v:>4.0%}" for k, v in top.items())
            + f"  highest risk {g['risk_score'].max():.2f}"
        )


def score_and_evaluate(
    db: Path, truth, det: RequestTypeClassifier, label: str, populations: Path | None = None
) -> float:
    con = store.connect(db)
    try:
        started = time.perf_counter()
        result = scoring.run_scoring(con, det, log=quiet)
        seconds = time.perf_counter() - started
    finally:
        con.close()
    print(f"{label}: scored {len(result.accounts):,} accounts in {seconds:.1f} s")
    evaluate.print_report(
        evaluate.evaluate(result.accounts, truth), out=lambda line: print("  " + line)
    )
    if populations is not None:
        products_by_language(db, result.accounts, populations)
    return seconds


def prepared(db: Path, logs: list[str], releases: Path | None, marker: dict) -> Path:
    """db ingested from logs with campaigns run (fast backend); rebuilt when marker changes."""
    meta = Path(str(db) + ".json")
    if db.exists() and meta.exists() and json.loads(meta.read_text()) == marker:
        return db
    for p in (db, Path(str(db) + ".wal"), meta):
        p.unlink(missing_ok=True)
    shutil.rmtree(Path(str(db) + ".index"), ignore_errors=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    con = store.connect(db)
    try:
        if releases is not None:
            ingest.load_releases(con, releases)
        ingest.ingest_paths(con, logs)
        campaigns.run_campaigns(con, backend="fast", log=quiet)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    meta.write_text(json.dumps(marker))
    return db


def generated_eval(det: RequestTypeClassifier) -> None:
    gen = cq.generated()
    db = prepared(
        WORK / "gen8.duckdb", [str(gen / "requests.jsonl.gz")], gen / "releases.csv", cq.GEN
    )
    truth = evaluate.read_truth(str(gen / "truth.csv"))
    score_and_evaluate(
        db, truth, det, f"generated dataset (seed {cq.GEN['seed']})", gen / "populations.csv"
    )


def mix_eval(det: RequestTypeClassifier) -> None:
    missing = [f for f in cq.CORPUS_FILES if not (cq.CORPORA / f).exists()]
    if missing:
        print(f"real-text mix: skipped ({cq.CORPORA} lacks {', '.join(missing)})")
        return
    with tempfile.TemporaryDirectory(prefix="dw-score-") as tmp:
        log = Path(tmp) / "mix.jsonl"
        truth, counts = cq.mix_log(cq.CORPORA, log)
        gen = cq.generated()
        db = prepared(Path(tmp) / "mix.duckdb", [str(log)], gen / "releases.csv", {})
        score_and_evaluate(
            db, truth, det,
            f"real-text mix ({counts['benign_requests']:,} real benign requests from "
            f"{cq.BENIGN_ACCOUNTS} accounts + {counts['campaign_requests']:,} requests of "
            f"{counts['campaign_accounts']} extraction accounts)",
        )  # fmt: skip


def speed(det: RequestTypeClassifier) -> None:
    out = WORK / "speed"
    marker_path = out / "bench-params.json"
    params = dict(SPEED)
    if not (marker_path.exists() and json.loads(marker_path.read_text())["asked"] == SPEED):
        while True:
            info = generate_dataset(out, fmt="jsonl", **params)
            if info["requests"] >= MIN_REQUESTS:
                break
            params["days"] += 1
        marker_path.write_text(json.dumps({"asked": SPEED, "used": params, **info}))
    meta = json.loads(marker_path.read_text())
    db = prepared(WORK / "speed.duckdb", [str(out / "requests.jsonl")], out / "releases.csv", meta)
    con = store.connect(db)
    try:
        started = time.perf_counter()
        scoring.run_scoring(con, det, log=quiet)  # fills the reasoning cache if needed
        first = time.perf_counter() - started
        started = time.perf_counter()
        result = scoring.run_scoring(con, det, log=quiet)
        seconds = time.perf_counter() - started
    finally:
        con.close()
    verdict = "PASS" if seconds <= TARGET_S else "MISS"
    print(
        f"speed: {meta['requests']:,} requests from {meta['accounts']:,} accounts "
        f"({meta['used']['days']} days): first scoring {first:.1f} s (reasoning cache filled), "
        f"scoring and linking with caches {seconds:.1f} s {verdict} (target {TARGET_S:.0f} s); "
        f"{len(result.networks):,} networks"
    )
    truth = evaluate.read_truth(str(out / "truth.csv"))
    evaluate.print_report(
        evaluate.evaluate(result.accounts, truth), out=lambda line: print("  " + line)
    )


def main() -> None:
    det = detector()
    reasoning_figures(det)
    generated_eval(det)
    mix_eval(det)
    speed(det)


if __name__ == "__main__":
    main()
