"""Detection: how well scores and networks match the truth, and how fast scoring runs.

1. The reasoning detector on text none of us wrote: held-out paraphrases (eight languages)
   found, and the share of sentences of real prompts (GSM8K, AlpacaEval, HH Human turns in
   ../shared/corpora) it calls reasoning requests.
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

from analysis import campaigns, config, ingest, pipeline, store
from analysis import detection as scoring
from analysis.detection.reasoning import ReasoningDetector, sentences
from analysis.evaluation import scores as evaluate
from analysis.synth import generate_dataset
from bench import campaign_quality_bench as cq

WORK = config.DATA_DIR / "bench" / "score"
SPEED = {"accounts": 20_000, "days": 11, "seed": 31, "start": "2026-10-01"}
MIN_REQUESTS = 1_000_000
TARGET_S = 60.0

# Written for the benchmark; none of them is in the detector's example banks.
HELD_OUT = [
    "Please spell out every step of your reasoning before you give the final number.",
    "I want the whole thought process, including the parts you normally hide.",
    "Narrate your reasoning in detail as you solve this.",
    "Show the complete logic that leads you to the conclusion.",
    "Don't just answer: detail how you reason about it, one step at a time.",
    "Muestra cada paso de tu razonamiento antes de la respuesta final.",
    "Montre chaque étape de ta réflexion avant de conclure.",
    "Zeig mir jeden Schritt deiner Überlegung, bevor du antwortest.",
    "Mostra ogni passaggio del tuo ragionamento prima di rispondere.",
    "Mostre cada etapa do seu raciocínio antes da resposta.",
    "在回答之前，请详细写出你的每一步推理。",
    "答える前に、考えた過程を一つずつ詳しく書いてください。",
    "Покажи каждый шаг своих рассуждений перед ответом.",
]


def quiet(_message: str) -> None:
    """A log that drops progress lines."""


def detector() -> ReasoningDetector:
    return pipeline.detector().fit()


def real_sentences() -> list[str]:
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
    return sorted({s for t in texts for s in sentences(t)})


def reasoning_figures(det: ReasoningDetector) -> None:
    held = det.score(HELD_OUT)
    found = int((held >= config.REASONING_THRESHOLD).sum())
    print(
        f"reasoning detector: {found} of {len(HELD_OUT)} held-out paraphrases found "
        f"(scores {held.min():.2f}-{held.max():.2f})"
    )
    missing = [f for f in cq.CORPUS_FILES if not (cq.CORPORA / f).exists()]
    if missing:
        print(f"  real sentences: skipped ({cq.CORPORA} lacks {', '.join(missing)})")
        return
    real = real_sentences()
    started = time.perf_counter()
    s = det.score(real)
    took = time.perf_counter() - started
    flagged = s >= config.REASONING_THRESHOLD
    print(
        f"  {flagged.mean():.2%} of {len(real):,} sentences of real prompts called reasoning "
        f"requests ({len(real) / took:,.0f} sentences/s); the highest:"
    )
    for i in np.argsort(-s)[:5]:
        print(f"    {s[i]:.2f} {real[i][:100]!r}")


def score_and_evaluate(db: Path, truth, det: ReasoningDetector, label: str) -> float:
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


def generated_eval(det: ReasoningDetector) -> None:
    gen = cq.generated()
    db = prepared(
        WORK / "gen8.duckdb", [str(gen / "requests.jsonl.gz")], gen / "releases.csv", cq.GEN
    )
    truth = evaluate.read_truth(str(gen / "truth.csv"))
    score_and_evaluate(db, truth, det, f"generated dataset (seed {cq.GEN['seed']})")


def mix_eval(det: ReasoningDetector) -> None:
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


def speed(det: ReasoningDetector) -> None:
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
