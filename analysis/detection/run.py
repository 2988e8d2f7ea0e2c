"""The scoring run: ``run_scoring`` reads as its list of steps, inside a DetectionRun
(inputs.py): signals -> population -> own scores -> weighted links and communities ->
cohort scores against same-size random cohorts -> members inherit -> stored tables."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from analysis import config
from analysis.detection import cohorts, features, linkage, signals, sql
from analysis.detection.inputs import DetectionRun
from analysis.detection.request_types import RequestTypeClassifier
from analysis.detection.scoring import RiskScorer
from analysis.recipes import sql as recipe_sql

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


def run_scoring(
    con: duckdb.DuckDBPyConnection, detector: RequestTypeClassifier, log: Log = print
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
        log("links ...")
        harvesting = own.loc[own["harvest"] >= config.LINK_RECIPE_MIN_HARVEST, "account_id"]
        shapes = sql.account_shapes(con)
        recipe_counts = recipe_sql.account_recipe_counts(con)
        links = linkage.link(inputs, harvesting.tolist(), shapes, recipe_counts)
    pool = cohorts.Pool(table, recipe_counts, shapes)
    nets, null_params = cohorts.score_cohorts(pool, links.members)
    if not nets.empty:
        requests = table.set_index("account_id")["requests"]
        nets["requests"] = (
            links.members.assign(r=links.members["account_id"].map(requests))
            .groupby("network_id")["r"]
            .sum()
            .reindex(nets["network_id"])
            .to_numpy()
        )
        types = links.edges.explode("edge_types").groupby("network_id")["edge_types"]
        nets["edge_types"] = (
            nets["network_id"]
            .map(types.unique().map(sorted))
            .map(lambda v: list(v) if isinstance(v, list | np.ndarray) else [])
        )
    log(f"  {len(nets):,} networks, {len(links.edges):,} links")
    accounts = cohorts.inherit(own, nets, links.members, table)
    accounts = accounts.merge(table, on="account_id", how="left")
    accounts = accounts.sort_values(
        ["risk_score", "account_id"], ascending=[False, True], ignore_index=True
    )
    params = {
        "scorer": scorer.params(),
        "detector": f"{detector.name}-{detector.version}",
        "cohort_nulls": null_params,
    }
    seconds = time.perf_counter() - started
    run_id = sql.write_scores(
        con, accounts, nets, links.edges, params, seconds, signals.NOT_SIGNALS
    )
    log(f"scored {len(accounts):,} accounts in {seconds:.1f} s (run {run_id})")
    return ScoreResult(accounts, nets, links.edges, run_id, seconds)
