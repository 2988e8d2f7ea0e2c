"""Risk scores: each account's scored signals (detection/signals.py) against the
population, combined on two axes (collecting at scale, harvesting valuable output), with
reasons in plain words (cohorts.py scores networks and passes their evidence on).

``RiskScorer`` follows the estimator shape: ``fit`` learns the population's medians and
spreads from a table of account signals; ``score`` scores any table with the same columns
(accounts, or cohorts against random cohorts) against that population.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import config
from analysis.detection import signals as signal_table


def level(risk: float) -> str:
    """Return the level name of a 0-1 risk (config.RISK_LEVELS)."""
    for name, lo in config.RISK_LEVELS:
        if risk >= lo:
            return name
    return config.RISK_LEVELS[-1][0]


def combine_axes(scale: np.ndarray, harvest: np.ndarray) -> np.ndarray:
    """The 0-1 risk of the two axes: a geometric mean, shifted by config.SCORE_AXIS_EPSILON
    so that evidence on one axis alone still ranks above none (the plain geometric mean is
    0 whenever one axis is), while both axes are still needed to rise."""
    eps = config.SCORE_AXIS_EPSILON
    risk = np.sqrt((np.asarray(scale) + eps) * (np.asarray(harvest) + eps)) - eps
    return np.clip(risk, 0.0, 1.0)


class RiskScorer:
    """Scores signal tables against the population it was fitted on."""

    def __init__(self, signals: dict[str, signal_table.Signal] | None = None):
        self.signals = dict(signals or signal_table.SCORED)

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
            if sig.peers and sig.min_requests > 0:
                table_ = table[self._enough(table, sig.min_requests)]
                peers = table_ if len(table_) else table
            else:
                peers = table
            t = self._transform(name, peers[column])
            t = t[np.isfinite(t)]
            raw = pd.to_numeric(peers[column], errors="coerce").dropna()
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
        weighted = ev * pd.Series({n: self.signals[n].weight for n in ev}, dtype=np.float64)
        weighted = self._strongest_of_groups(weighted)
        for axis in ("scale", "harvest"):
            keep = np.ones(len(table))
            for name in weighted:
                if self.signals[name].axis == axis:
                    keep = keep * (1.0 - weighted[name].to_numpy())
            axes[axis] = 1.0 - keep
        risk = combine_axes(axes["scale"], axes["harvest"])
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

    def _strongest_of_groups(self, weighted: pd.DataFrame) -> pd.DataFrame:
        """Weighted evidence with every group member but the strongest (the first of equals,
        in table order) set to 0 per row: a group counts once (Signal.group)."""
        out = weighted.copy()
        groups: dict[str, list[str]] = {}
        for name in weighted:
            if self.signals[name].group:
                groups.setdefault(self.signals[name].group, []).append(name)
        for names in groups.values():
            values = weighted[names].to_numpy()
            best = values.argmax(axis=1)
            keep = np.zeros_like(values)
            keep[np.arange(len(values)), best] = values[np.arange(len(values)), best]
            out[names] = keep
        return out

    def _reasons(self, row: pd.Series, ev: pd.Series, weighted: pd.Series) -> list[str]:
        out = []
        for name in weighted.sort_values(ascending=False).index:
            if weighted[name] <= 0 or ev[name] < config.REASON_MIN_EVIDENCE:
                break  # (a group member that is not its group's strongest weighs 0)
            if len(out) >= config.REASONS_MAX:
                break
            sig = self.signals[name]
            out.append(
                sig.reason.format(v=sig.fmt(float(row[name])), m=sig.fmt(self.median_[name]))
            )
        return out

    def params(self) -> dict:
        """The fitted population (medians and spreads) and weights, for provenance."""
        return {
            "signals": {k: v.scoring() for k, v in self.signals.items()},
            "center": self.center_,
            "spread": self.spread_,
            "levels": [list(x) for x in config.RISK_LEVELS],
        }
