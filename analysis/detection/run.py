"""The scoring run: ``run_scoring`` reads as its list of steps, inside a DetectionRun
(inputs.py): signals -> population -> own scores -> links -> network scores -> stored
tables."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import pandas as pd

from analysis.detection import features, linkage, signals, sql
from analysis.detection.inputs import DetectionRun, Inputs, entities
from analysis.detection.reasoning import ReasoningDetector
from analysis.detection.scoring import RiskScorer, combine

Log = Callable[[str], None]


@dataclass
class ScoreResult:
    """What a scoring run produced (also written to the database)."""

    accounts: pd.DataFrame  # account_id, risk_score, risk_level, own_score, reasons,
    #                         network_id, scale, harvest, then every signal
    networks: pd.DataFrame  # network_id, accounts, requests, risk_score, risk_level,
    #                         edge_types, reasons
    edges: pd.DataFrame  # account_a, account_b, edge_types, evidence, network_id
    run_id: int
    seconds: float


SCORE_COLUMNS = ["account_id", "risk_score", "risk_level", "reasons", "network_id"]


def scores_csv(accounts: pd.DataFrame) -> pd.DataFrame:
    """Return the table written by `score --out`: SCORE_COLUMNS (reasons joined by ' | ')
    then own_score, scale, harvest and every signal."""
    out = accounts.copy()
    out["reasons"] = out["reasons"].map(" | ".join)
    rest = [c for c in out.columns if c not in SCORE_COLUMNS]
    return out[SCORE_COLUMNS + rest]


def network_signals(inputs: Inputs, members: pd.DataFrame, detector_id: str) -> pd.DataFrame:
    """Return one row per network with the signals of all its members' traffic together
    (prompt distance is per account only)."""
    if members.empty:
        return pd.DataFrame({"account_id": []})
    with entities(inputs, members):
        out = features.behaviour(inputs, grouped=True)
        for part in (
            features.reasoning_shares(inputs, detector_id, grouped=True),
            features.topics(inputs, grouped=True),
        ):
            out = out.merge(part, on="account_id", how="left")
    return out


def run_scoring(
    con: duckdb.DuckDBPyConnection, detector: ReasoningDetector, log: Log = print
) -> ScoreResult:
    """Compute every account's signals, link accounts, score accounts and networks, and
    replace the stored scores in one transaction; return what was stored."""
    started = time.perf_counter()
    if not sql.request_count(con):
        raise ValueError("the database holds no requests: ingest logs first")
    with DetectionRun(con) as inputs:
        log("signals ...")
        table = features.account_signals(inputs, detector, log)
        log(f"  {len(table):,} accounts in {time.perf_counter() - started:.1f} s")
        scorer = RiskScorer().fit(table)
        own = pd.concat([table[["account_id"]], scorer.score(table)], axis=1)
        own["own_reasons"] = own["reasons"]
        log("links ...")
        links = linkage.link(inputs)
        net_sig = network_signals(inputs, links.members, detector.detector_id)
    nets = pd.DataFrame(columns=["network_id", "risk_score", "risk_level", "reasons"])
    if not net_sig.empty:
        nets = pd.concat([net_sig[["account_id"]], scorer.score(net_sig)], axis=1)
        nets = nets.rename(columns={"account_id": "network_id"})
        nets["requests"] = net_sig["requests"].to_numpy()
        counts = links.members["network_id"].value_counts()
        nets["accounts"] = nets["network_id"].map(counts).astype("int64")
        types = links.edges.explode("edge_types").groupby("network_id")["edge_types"]
        nets["edge_types"] = nets["network_id"].map(types.unique().map(sorted)).map(list)
    log(f"  {len(nets):,} networks, {len(links.edges):,} links")
    accounts = combine(own, nets, links.members).drop(columns=["own_reasons"])
    accounts = accounts.merge(table, on="account_id", how="left")
    accounts = accounts.sort_values(
        ["risk_score", "account_id"], ascending=[False, True], ignore_index=True
    )
    params = {"scorer": scorer.params(), "detector": detector.detector_id}
    seconds = time.perf_counter() - started
    run_id = sql.write_scores(
        con, accounts, nets, links.edges, params, seconds, signals.NOT_SIGNALS
    )
    log(f"scored {len(accounts):,} accounts in {seconds:.1f} s (run {run_id})")
    return ScoreResult(accounts, nets, links.edges, run_id, seconds)
