"""Risk scores: each account's signals against the population, combined on two axes
(collecting at scale, harvesting valuable output), with reasons in plain words.

``RiskScorer`` follows the estimator shape: ``fit`` learns the population's medians and
spreads from a table of account signals; ``score`` scores any table with the same columns
(accounts, or networks treated as one account) against that population.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from analysis import config, features, linkage, queries
from analysis.reasoning import ReasoningDetector

Log = Callable[[str], None]


def _pct(v: float) -> str:
    return f"{v:.0%}"


def _num(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 10 else f"{v:,.1f}"


# signal -> (value formatter, sentence with {v} and {m} for the account and the median)
REASON_TEXT: dict[str, tuple[Callable[[float], str], str]] = {
    "typical_day_requests": (
        _num,
        "{v} requests on a typical day, busy on most days (population median {m})",
    ),
    "quiet_share": (
        _pct,
        "round the clock: {v} of requests in its quietest six hours of the day "
        "(population median {m}; a person asleep sends almost none)",
    ),
    "typical_day_output_tokens": (
        _num,
        "takes {v} output tokens on a typical day (population median {m})",
    ),
    "peak_hour_requests": (_num, "up to {v} requests in one hour (population median {m})"),
    "template_share": (_pct, "{v} of requests reuse a prompt template (population median {m})"),
    "age_at_first_days": (
        _num,
        "first request {v} days after the account was created (population median {m})",
    ),
    "out_in_ratio": (
        lambda v: f"{v:,.1f}x",
        "answers are {v} as long as the prompts (population median {m})",
    ),
    "reasoning_share": (
        _pct,
        "{v} of sampled prompts ask for step-by-step or hidden reasoning (population median {m})",
    ),
    "topic_breadth": (_num, "prompts spread over {v} topics (population median {m})"),
    "mean_max_tokens": (_num, "asks for {v} output tokens on average (population median {m})"),
    "near_max_share": (_pct, "{v} of answers hit the max_tokens cap (population median {m})"),
    "release_48h_share": (
        _pct,
        "{v} of traffic within 48 h of a model release (population median {m})",
    ),
    "logprobs_share": (_pct, "{v} of requests ask for logprobs (population median {m})"),
    "n_gt1_share": (_pct, "{v} of requests ask for several completions (population median {m})"),
    "prompt_distance": (
        lambda v: f"{v:.3f}",
        "prompts unlike the population's (distance {v}, population median {m})",
    ),
}


def level(risk: float) -> str:
    """Return the level name of a 0-1 risk (config.RISK_LEVELS)."""
    for name, lo in config.RISK_LEVELS:
        if risk >= lo:
            return name
    return config.RISK_LEVELS[-1][0]


class RiskScorer:
    """Scores signal tables against the population it was fitted on."""

    def __init__(self, signals: dict | None = None):
        self.signals = dict(signals or config.SCORE_SIGNALS)

    def _transform(self, name: str, values: pd.Series) -> np.ndarray:
        x = pd.to_numeric(values, errors="coerce").to_numpy(np.float64)
        return np.log1p(np.maximum(x, 0)) if self.signals[name].scale == "log" else x

    @staticmethod
    def _enough(table: pd.DataFrame, min_requests: int) -> np.ndarray:
        if min_requests <= 0 or "requests" not in table:
            return np.ones(len(table), bool)
        requests = pd.to_numeric(table["requests"], errors="coerce").fillna(0).to_numpy()
        return requests >= min_requests

    def fit(self, table: pd.DataFrame) -> RiskScorer:
        """Learn each signal's population median (raw and transformed) and robust spread."""
        self.median_, self.center_, self.spread_ = {}, {}, {}
        for name, sig in self.signals.items():
            if name not in table:
                continue
            column = sig.reference if sig.reference in table else name
            t = self._transform(name, table[column])
            t = t[np.isfinite(t)]
            raw = pd.to_numeric(table[column], errors="coerce").dropna()
            self.median_[name] = float(raw.median()) if len(raw) else float("nan")
            center = float(np.median(t)) if len(t) else 0.0
            mad = float(np.median(np.abs(t - center))) if len(t) else 0.0
            self.center_[name] = center
            self.spread_[name] = max(1.4826 * mad, sig.floor)
        return self

    def evidence(self, table: pd.DataFrame) -> pd.DataFrame:
        """Return (n, signals) evidence in 0-1 (0 where a value is missing)."""
        out = {}
        span = config.SCORE_Z_FULL - config.SCORE_Z_START
        for name in self.center_:
            if name not in table:
                continue
            direction = self.signals[name].direction
            z = (self._transform(name, table[name]) - self.center_[name]) / self.spread_[name]
            z = -z if direction == "lower" else z
            e = np.clip((z - config.SCORE_Z_START) / span, 0.0, 1.0)
            e = np.where(self._enough(table, self.signals[name].min_requests), e, 0.0)
            out[name] = np.nan_to_num(e, nan=0.0)
        return pd.DataFrame(out, index=table.index)

    def score(self, table: pd.DataFrame) -> pd.DataFrame:
        """Return scale, harvest, risk_score, risk_level and reasons (list) per row."""
        ev = self.evidence(table)
        axes = {}
        for axis in ("scale", "harvest"):
            keep = 1.0
            for name in ev:
                if self.signals[name].axis == axis:
                    keep = keep * (1.0 - self.signals[name].weight * ev[name].to_numpy())
            axes[axis] = 1.0 - np.asarray(keep, np.float64) * np.ones(len(table))
        risk = np.sqrt(axes["scale"] * axes["harvest"])
        weighted = ev * pd.Series({n: self.signals[n].weight for n in ev})
        reasons = [self._reasons(table.loc[i], ev.loc[i], weighted.loc[i]) for i in table.index]
        return pd.DataFrame(
            {
                "scale": axes["scale"],
                "harvest": axes["harvest"],
                "risk_score": risk,
                "risk_level": [level(r) for r in risk],
                "reasons": reasons,
            },
            index=table.index,
        )

    def _reasons(self, row: pd.Series, ev: pd.Series, weighted: pd.Series) -> list[str]:
        out = []
        for name in weighted.sort_values(ascending=False).index:
            if ev[name] < config.REASON_MIN_EVIDENCE or len(out) >= config.REASONS_MAX:
                break
            fmt, text = REASON_TEXT[name]
            out.append(text.format(v=fmt(float(row[name])), m=fmt(self.median_[name])))
        return out

    def params(self) -> dict:
        """The fitted population (medians and spreads) and weights, for provenance."""
        return {
            "signals": {k: v._asdict() for k, v in self.signals.items()},
            "center": self.center_,
            "spread": self.spread_,
            "levels": [list(x) for x in config.RISK_LEVELS],
        }


# ---------------------------------------------------------------------------
# the scoring run: signals -> links -> scores -> tables
# ---------------------------------------------------------------------------


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


def network_signals(
    con: duckdb.DuckDBPyConnection, members: pd.DataFrame, detector_id: str
) -> pd.DataFrame:
    """Return one row per network with the signals of all its members' traffic together
    (prompt distance is per account only)."""
    if members.empty:
        return pd.DataFrame({"account_id": []})
    queries.set_entity_map(con, members.rename(columns={"network_id": "entity_id"}))
    out = queries.account_features(con, grouped=True)
    parts = (
        queries.account_reasoning(con, detector_id, config.REASONING_THRESHOLD, grouped=True),
        queries.account_topics(con, grouped=True),
    )
    for part in parts:
        out = out.merge(part, on="account_id", how="left")
    return out


def _member_reasons(net: pd.Series, size: int) -> list[str]:
    head = f"one of {size} linked accounts of network {net['network_id']}; together they:"
    return [head, *net["reasons"]]


def combine(own: pd.DataFrame, nets: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Return own with risk_score/risk_level/reasons raised to the network's where a member's
    network scores higher (own_score keeps the account's own); adds network_id."""
    out = own.copy()
    out["own_score"] = out["risk_score"]
    out = out.merge(members, on="account_id", how="left")
    if nets.empty:
        return out
    size = members["network_id"].value_counts()
    by_net = nets.set_index("network_id")
    for i in out.index[out["network_id"].notna()]:
        net = by_net.loc[out.at[i, "network_id"]]
        if net["risk_score"] > out.at[i, "risk_score"]:
            out.at[i, "risk_score"] = net["risk_score"]
            out.at[i, "risk_level"] = net["risk_level"]
            row = net.copy()
            row["network_id"] = out.at[i, "network_id"]
            own_reasons = [f"this account alone: {r}" for r in out.at[i, "own_reasons"]]
            out.at[i, "reasons"] = _member_reasons(row, int(size[row["network_id"]])) + own_reasons
    return out


def run_scoring(
    con: duckdb.DuckDBPyConnection, detector: ReasoningDetector, log: Log = print
) -> ScoreResult:
    """Compute every account's signals, link accounts, score accounts and networks, and
    replace the stored scores in one transaction; return what was stored."""
    started = time.perf_counter()
    if not queries.dataset_summary(con)["requests"]:
        raise ValueError("the database holds no requests: ingest logs first")
    log("signals ...")
    signals = features.account_signals(con, detector, log)
    log(f"  {len(signals):,} accounts in {time.perf_counter() - started:.1f} s")
    scorer = RiskScorer().fit(signals)
    own = pd.concat([signals[["account_id"]], scorer.score(signals)], axis=1)
    own["own_reasons"] = own["reasons"]
    log("links ...")
    links = linkage.link(con)
    net_sig = network_signals(con, links.members, detector.detector_id)
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
    accounts = accounts.merge(signals, on="account_id", how="left")
    accounts = accounts.sort_values(
        ["risk_score", "account_id"], ascending=[False, True], ignore_index=True
    )
    params = {"scorer": scorer.params(), "detector": detector.detector_id}
    seconds = time.perf_counter() - started
    run_id = queries.write_scores(con, accounts, nets, links.edges, params, seconds)
    log(f"scored {len(accounts):,} accounts in {seconds:.1f} s (run {run_id})")
    return ScoreResult(accounts, nets, links.edges, run_id, seconds)
