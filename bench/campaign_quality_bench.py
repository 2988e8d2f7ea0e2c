"""How well campaign discovery recovers planted campaigns: the sample dataset, then a mix of
real public text (benign) and generated extraction campaigns.

Targets (from the issue), printed as PASS/MISS and never asserted: every planted campaign
has at least 90% of its requests in clusters where it is the majority (in_majority), and
at most 5% of benign requests sit in clusters that a campaign dominates (the benign row's
in_campaign_clusters). In the sample, "(benign)" is every account outside a campaign
(everyday users, students, office workers, power users, researchers).

The real-text mix is built like this (`mix_log`), all of it seeded:

1. A generated dataset: ``generate_dataset(accounts=1500, days=14, seed=8,
   start="2026-10-01")``, made once under DATA_DIR/bench/quality/gen. From its truth.csv
   take the extraction accounts of C-cot, C-sweep, C-rubric, C-plain and C-hydra and copy
   every request of theirs verbatim (all fields, ids and timestamps as generated).
   C-reseller is left out (its account mixes genuine customer traffic with harvesting, so
   it is no pure campaign) and so is every other generated account.
2. Benign traffic from 300 accounts (``acct_real_000`` .. ``acct_real_299``) sending the
   real prompts of the corpora in ../shared/corpora, one conversation at a time:
   each AlpacaEval ``instruction`` (805) and each GSM8K ``question`` (1,319) is a one-turn
   conversation; each HH harmless-base test conversation (2,312, field ``chosen``) is one
   conversation whose requests are its Human turns in order (the text after
   "\\n\\nHuman:" up to the next "\\n\\nAssistant:", stripped; 5,756 turns). Each
   conversation goes to an account drawn uniformly at random, starts at a uniformly random
   moment of the generated dataset's 14 days and its turns follow 20-240 s apart. Then
   10% of the one-turn conversations, drawn at random, are sent again by the same account
   at another random moment (a new request and conversation: the same prompt repeated).
   Benign rows carry request_id (``req_real_`` + a for AlpacaEval, g for GSM8K, h for HH +
   seven digits), timestamp, account_id, prompt and conversation_id; the other contract
   fields are absent (null).
3. Both parts, sorted by timestamp, are written as JSON Lines into a temporary folder,
   ingested into a temporary database there (so no corpus text is kept anywhere in the
   project), and campaigns are run with the fast backend. The truth is the generated
   truth.csv rows of the kept extraction accounts plus one row (role benign, no campaign)
   per real-text account.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import resource
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import campaigns, config, ingest, store
from analysis.evaluation.campaigns import (
    BENIGN,
    cluster_majority,
    label_requests,
    print_report,
    quality_report,
)
from analysis.pipeline import build_sample_db
from analysis.synth import generate_dataset
from analysis.terms import NOISE

WORK = config.DATA_DIR / "bench" / "quality"
CORPORA = Path(os.environ.get("DW_CORPORA", config.ROOT.parent / "shared" / "corpora"))
CORPUS_FILES = (
    "alpaca_eval_llama3_8b_outputs.json",
    "gsm8k_test.jsonl",
    "hh_harmless_base_test.jsonl.gz",
)
GEN = {"accounts": 1500, "days": 14, "seed": 8, "start": "2026-10-01"}
MIX_CAMPAIGNS = ("C-cot", "C-sweep", "C-rubric", "C-plain", "C-hydra")
BENIGN_ACCOUNTS = 300
REPEAT_SHARE = 0.10  # of the one-turn conversations, sent again by the same account
TURN_GAP_S = (20, 240)
MIX_SEED = 13
# The letter after req_real_ in a benign request id names its corpus.
SOURCE_NAMES = {"a": "AlpacaEval", "g": "GSM8K", "h": "HH"}
_HH_TURN = re.compile(r"\n\n(Human|Assistant):")


# ---------------------------------------------------------------------------
# running and reporting
# ---------------------------------------------------------------------------


def quiet(_message: str) -> None:
    """A log that drops run_campaigns' progress lines."""


def run_and_report(
    db: Path, truth: pd.DataFrame, by_source: bool = False, backend: str = "fast"
) -> None:
    """Run campaigns (with the backend) on db and print the quality report with PASS/MISS
    against the targets of analysis.campaign_quality; by_source adds where the real-text
    requests went, per corpus (the letter after req_real_ in their request ids)."""
    con = store.connect(db)
    try:
        started = time.perf_counter()
        res = campaigns.run_campaigns(con, backend=backend, log=quiet)
        seconds = time.perf_counter() - started
        labels = con.execute(
            f"""SELECT r.request_id, r.account_id, m.campaign_id
                FROM requests AS r JOIN prompt_map AS m
                  ON m.prompt_hash = {store.PROMPT_HASH_SQL}"""
        ).df()
    finally:
        con.close()
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(
        f"  {len(labels):,} requests, {res.prompts:,} unique prompts -> {res.campaigns} "
        f"campaigns, noise {res.noise_share:.1%} ({res.mode}, {seconds:.1f} s; peak memory "
        f"of this process so far {peak_gb:.1f} GB)"
    )
    print_report(quality_report(labels, truth), out=lambda line: print("  " + line))
    if by_source:
        print_sources(labels, truth)


def print_sources(labels: pd.DataFrame, truth: pd.DataFrame) -> None:
    """Per corpus: the share of its requests in noise and in campaign-majority clusters,
    and the campaigns whose clusters took them."""
    labelled = label_requests(labels, truth)
    labelled = labelled.assign(majority=labelled["campaign_id"].map(cluster_majority(labelled)))
    real = labelled[labelled["request_id"].str.startswith("req_real_")]
    real = real.assign(source=real["request_id"].str[len("req_real_")].map(SOURCE_NAMES))
    for source, g in real.groupby("source"):
        taken = g[g["majority"].notna() & (g["majority"] != BENIGN)]
        top = ", ".join(f"{c} {n:,}" for c, n in taken["majority"].value_counts().items())
        print(
            f"  real text, {source:10s} {len(g):>6,} requests: noise "
            f"{(g['campaign_id'] == NOISE).mean():5.1%}, in campaign clusters "
            f"{len(taken) / len(g):5.1%}" + (f" ({top})" if top else "")
        )


def read_truth(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def fresh_copy(src: Path, dst: Path) -> Path:
    for p in (dst, Path(str(dst) + ".wal")):
        p.unlink(missing_ok=True)
    shutil.copyfile(src, dst)
    return dst


# ---------------------------------------------------------------------------
# the sample dataset
# ---------------------------------------------------------------------------


def sample_quality() -> None:
    source = config.SAMPLE_DIR / "requests.jsonl.gz"
    base = WORK / "sample-base.duckdb"
    stale = base.exists() and base.stat().st_mtime < source.stat().st_mtime
    build_sample_db(base, force=stale, log=quiet)
    print(f"sample dataset ({source.relative_to(config.ROOT)}), campaigns on a fresh copy:")
    run_and_report(
        fresh_copy(base, WORK / "sample-run.duckdb"), read_truth(config.SAMPLE_DIR / "truth.csv")
    )


# ---------------------------------------------------------------------------
# the real-text mix
# ---------------------------------------------------------------------------


def generated() -> Path:
    """The generated dataset the campaigns are taken from (made once)."""
    out = WORK / "gen"
    marker = out / "bench-params.json"
    if marker.exists() and json.loads(marker.read_text()) == GEN:
        return out
    marker.unlink(missing_ok=True)
    generate_dataset(out, fmt="jsonl.gz", **GEN)
    marker.write_text(json.dumps(GEN))
    return out


def real_conversations(folder: Path) -> tuple[list[tuple[str, list[str]]], dict[str, int]]:
    """Conversations (source letter, prompts in order) from the three corpora, and counts."""
    alpaca = json.loads((folder / CORPUS_FILES[0]).read_text(encoding="utf-8"))
    with open(folder / CORPUS_FILES[1], encoding="utf-8") as fh:
        gsm8k = [json.loads(line) for line in fh if line.strip()]
    with gzip.open(folder / CORPUS_FILES[2], "rt", encoding="utf-8") as fh:
        hh = [json.loads(line) for line in fh if line.strip()]
    convs = [("a", [a["instruction"].strip()]) for a in alpaca]
    convs += [("g", [g["question"].strip()]) for g in gsm8k]
    for c in hh:
        parts = _HH_TURN.split(c["chosen"])
        turns = [parts[i + 1].strip() for i in range(1, len(parts) - 1, 2) if parts[i] == "Human"]
        convs.append(("h", [t for t in turns if t]))
    convs = [(src, turns) for src, turns in convs if turns and all(turns)]
    counts = {
        name: sum(len(turns) for src, turns in convs if src == letter)
        for letter, name in SOURCE_NAMES.items()
    }
    return convs, counts


def _iso(seconds: float) -> str:
    dt = datetime.fromtimestamp(seconds, tz=UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{int(seconds * 1000) % 1000:03d}Z"


def benign_rows(
    convs: list[tuple[str, list[str]]], start_s: float, days: int
) -> list[tuple[str, str]]:
    """(timestamp, JSON line) of the real-text accounts' requests (see the module doc)."""
    rng = np.random.default_rng(MIX_SEED)
    span = days * 86_400.0
    owner = rng.integers(0, BENIGN_ACCOUNTS, size=len(convs))
    single = [i for i, (_, turns) in enumerate(convs) if len(turns) == 1]
    repeats = rng.choice(single, size=round(REPEAT_SHARE * len(single)), replace=False)
    sends = [(i, f"conv_real_{i:05d}") for i in range(len(convs))]
    sends += [(int(i), f"conv_real_r{int(i):05d}") for i in sorted(repeats)]
    rows = []
    for n_conv, (i, conv_id) in enumerate(sends):
        t = start_s + float(rng.uniform(0, span - 3600))
        source, turns = convs[i]
        for turn, prompt in enumerate(turns):
            if turn:
                t += float(rng.uniform(*TURN_GAP_S))
            ts = _iso(t)
            record = {
                "request_id": f"req_real_{source}{n_conv:05d}{turn:02d}",
                "timestamp": ts,
                "account_id": f"acct_real_{owner[i]:03d}",
                "prompt": prompt,
                "conversation_id": conv_id,
            }
            rows.append((ts, json.dumps(record, ensure_ascii=False)))
    return rows


def mix_log(folder: Path, out: Path) -> tuple[pd.DataFrame, dict]:
    """Write the mix to out (JSON Lines); return its truth and counts."""
    gen = generated()
    truth = read_truth(gen / "truth.csv")
    kept = truth[truth["campaign_id"].isin(MIX_CAMPAIGNS)]
    keep = set(kept["account_id"])
    rows = []
    with gzip.open(gen / "requests.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["account_id"] in keep:
                rows.append((rec["timestamp"], line.rstrip("\n")))
    n_campaign = len(rows)
    convs, counts = real_conversations(folder)
    start_s = datetime.fromisoformat(GEN["start"]).replace(tzinfo=UTC).timestamp()
    rows += benign_rows(convs, start_s, GEN["days"])
    rows.sort(key=lambda r: r[0])
    with open(out, "w", encoding="utf-8") as fh:
        fh.writelines(line + "\n" for _, line in rows)
    benign = pd.DataFrame(
        {
            "account_id": [f"acct_real_{i:03d}" for i in range(BENIGN_ACCOUNTS)],
            "role": "benign",
            "campaign_id": "",
            "network_id": "",
        }
    )
    counts |= {
        "campaign_requests": n_campaign,
        "campaign_accounts": len(keep),
        "benign_requests": len(rows) - n_campaign,
    }
    return pd.concat([kept, benign], ignore_index=True), counts


def mix_quality(backends: tuple[str, ...] = ("fast", "minilm")) -> None:
    missing = [f for f in CORPUS_FILES if not (CORPORA / f).exists()]
    if missing:
        print(f"real-text mix: skipped ({CORPORA} lacks {', '.join(missing)})")
        return
    with tempfile.TemporaryDirectory(prefix="dw-quality-") as tmp:
        log = Path(tmp) / "mix.jsonl"
        truth, c = mix_log(CORPORA, log)
        print(
            f"real-text mix: {c['benign_requests']:,} benign requests from {BENIGN_ACCOUNTS} "
            f"accounts ({c['AlpacaEval']} AlpacaEval, {c['GSM8K']:,} GSM8K, {c['HH']:,} HH "
            f"Human turns, {REPEAT_SHARE:.0%} of one-turn prompts repeated) + "
            f"{c['campaign_requests']:,} generated requests of {c['campaign_accounts']} "
            f"extraction accounts ({', '.join(MIX_CAMPAIGNS)})"
        )
        db = Path(tmp) / "mix.duckdb"
        con = store.connect(db)
        try:
            [result] = ingest.ingest_paths(con, [str(log)])
            con.execute("CHECKPOINT")
        finally:
            con.close()
        if result.quarantined or result.duplicates:
            print(f"  ingest: {result.quarantined:,} quarantined, {result.duplicates:,} duplicates")
        for backend in backends:
            print(f" backend {backend}:")
            run_and_report(
                fresh_copy(db, Path(tmp) / f"mix-{backend}.duckdb"), truth, True, backend
            )


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    sample_quality()
    mix_quality()
