"""How well scores and networks match a truth file (synthetic or labelled data).

Figures: average precision of risk_score for role == extraction; recall at 1%
false-positive rate; accounts flagged high or critical per role; accounts caught (high or
critical) per campaign; pairwise F1 of network_id against the true networks. Targets from
the detection issue are printed as PASS/MISS next to each figure, never asserted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from math import comb

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, roc_curve

from analysis.terms import FLAGGED_LEVELS

ROLES = ("benign", "power_user", "researcher", "extraction")
FLAGGED = FLAGGED_LEVELS
TARGET_AP = 0.95
TARGET_RECALL = 0.90
TARGET_FPR = 0.01
TARGET_BENIGN_FLAGGED = 0.02  # share of power users, researchers, benign flagged
TARGET_CAMPAIGN_CAUGHT = 0.80
TARGET_NETWORK_F1 = 0.90


class TruthError(ValueError):
    """The truth file cannot be used; the message says why."""


def read_truth(path: str) -> pd.DataFrame:
    """Read a truth CSV (account_id, role, campaign_id, network_id), checked."""
    try:
        truth = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise TruthError(f"cannot read truth file {path}: {exc}") from exc
    missing = {"account_id", "role"} - set(truth.columns)
    if missing:
        raise TruthError(f"{path} lacks the column(s) {', '.join(sorted(missing))}")
    for col in ("campaign_id", "network_id"):
        if col not in truth:
            truth[col] = ""
    bad = sorted(set(truth["role"]) - set(ROLES))
    if bad:
        shown = ", ".join(map(repr, bad[:5]))
        raise TruthError(f"{path}: unknown role(s) {shown}; roles are {', '.join(ROLES)}")
    dup = truth["account_id"].duplicated()
    if dup.any():
        raise TruthError(f"{path}: account {truth.loc[dup, 'account_id'].iat[0]!r} appears twice")
    return truth


def pair_f1(predicted: pd.Series, true: pd.Series) -> tuple[float, float, float]:
    """Return (precision, recall, F1) over pairs of accounts put in one group; empty or
    missing labels are singletons. NaN where a ratio has no pairs to count."""
    p = predicted.fillna("").astype(str).to_numpy()
    t = true.fillna("").astype(str).to_numpy()
    idx = np.arange(len(p))
    p = np.where(p == "", np.char.add("_single_", idx.astype(str)), p)
    t = np.where(t == "", np.char.add("_single_", idx.astype(str)), t)
    joint = pd.crosstab(p, t).to_numpy() if len(p) else np.zeros((0, 0))
    tp = sum(comb(int(n), 2) for n in joint.ravel())
    pred_pairs = sum(comb(int(n), 2) for n in pd.Series(p).value_counts())
    true_pairs = sum(comb(int(n), 2) for n in pd.Series(t).value_counts())
    precision = tp / pred_pairs if pred_pairs else float("nan")
    recall = tp / true_pairs if true_pairs else float("nan")
    f1 = (
        2 * precision * recall / (precision + recall)
        if pred_pairs and true_pairs and (precision + recall) > 0
        else (0.0 if pred_pairs or true_pairs else float("nan"))
    )
    return precision, recall, f1


def recall_at_fpr(y: np.ndarray, score: np.ndarray, fpr_max: float) -> float:
    """Return the highest recall whose false-positive rate is at most fpr_max."""
    if y.sum() == 0 or (1 - y).sum() == 0:
        return float("nan")
    fpr, tpr, _ = roc_curve(y, score)
    ok = fpr <= fpr_max
    return float(tpr[ok].max()) if ok.any() else 0.0


@dataclass
class Report:
    accounts: int
    missing: int  # truth accounts without a score
    average_precision: float
    recall_at_fpr: float
    by_role: pd.DataFrame  # role, accounts, flagged, share
    by_campaign: pd.DataFrame  # campaign_id, accounts, caught, share
    network: tuple[float, float, float]  # precision, recall, F1
    notes: list[str] = field(default_factory=list)


def evaluate(scores: pd.DataFrame, truth: pd.DataFrame) -> Report:
    """Compare scores (account_id, risk_score, risk_level, network_id) with truth."""
    merged = truth.merge(
        scores[["account_id", "risk_score", "risk_level", "network_id"]].rename(
            columns={"network_id": "predicted_network"}
        ),
        on="account_id",
        how="left",
    )
    # An account the detector did not score was not caught: it counts as score 0, level
    # "unscored" (never flagged) and no network, so a pipeline that loses accounts cannot
    # look better for it.
    missing = int(merged["risk_score"].isna().sum())
    merged["risk_score"] = merged["risk_score"].fillna(0.0)
    merged["risk_level"] = merged["risk_level"].fillna("unscored")
    y = (merged["role"] == "extraction").to_numpy(int)
    s = merged["risk_score"].to_numpy(float)
    ap = float(average_precision_score(y, s)) if 0 < y.sum() < len(y) else float("nan")
    flagged = merged["risk_level"].isin(FLAGGED)
    by_role = (
        merged.assign(flagged=flagged)
        .groupby("role", sort=False)["flagged"]
        .agg(accounts="size", flagged="sum")
        .reindex([r for r in ROLES if r in set(merged["role"])])
        .reset_index()
    )
    by_role["share"] = by_role["flagged"] / by_role["accounts"]
    ext = merged[(merged["role"] == "extraction") & (merged["campaign_id"] != "")]
    by_campaign = (
        ext.assign(caught=ext["risk_level"].isin(FLAGGED))
        .groupby("campaign_id")["caught"]
        .agg(accounts="size", caught="sum")
        .reset_index()
    )
    by_campaign["share"] = by_campaign["caught"] / by_campaign["accounts"]
    notes = []
    if missing:
        notes.append(
            f"{missing:,} truth account(s) have no score (not in the database): "
            "counted as score 0, not flagged"
        )
    return Report(
        accounts=len(merged),
        missing=missing,
        average_precision=ap,
        recall_at_fpr=recall_at_fpr(y, s, TARGET_FPR),
        by_role=by_role,
        by_campaign=by_campaign,
        network=pair_f1(merged["predicted_network"], merged["network_id"]),
        notes=notes,
    )


def _mark(ok: bool | None) -> str:
    return "n/a " if ok is None else ("PASS" if ok else "MISS")


def print_report(r: Report, out=print) -> None:
    """Print the figures with PASS/MISS against the targets."""

    def f(v: float) -> str:
        return "n/a" if np.isnan(v) else f"{v:.3f}"

    def ok(v: float, cond) -> bool | None:
        return None if np.isnan(v) else bool(cond(v))

    out(f"accounts scored and in truth: {r.accounts:,}")
    for note in r.notes:
        out(f"note: {note}")
    out(
        f"{_mark(ok(r.average_precision, lambda v: v >= TARGET_AP))} average precision "
        f"(extraction): {f(r.average_precision)} (target >= {TARGET_AP})"
    )
    out(
        f"{_mark(ok(r.recall_at_fpr, lambda v: v >= TARGET_RECALL))} recall at "
        f"{TARGET_FPR:.0%} false-positive rate: {f(r.recall_at_fpr)} (target >= {TARGET_RECALL})"
    )
    out("flagged high or critical, by role:")
    for row in r.by_role.itertuples():
        if row.role == "extraction":
            mark = "    "
            target = ""
        else:
            mark = _mark(row.share <= TARGET_BENIGN_FLAGGED)
            target = f" (target <= {TARGET_BENIGN_FLAGGED:.0%})"
        counts = f"{row.flagged:>6,} of {row.accounts:>6,} ({row.share:.1%})"
        out(f"  {mark} {row.role:<12} {counts}{target}")
    out("caught (high or critical), by campaign:")
    for row in r.by_campaign.itertuples():
        mark = _mark(row.share >= TARGET_CAMPAIGN_CAUGHT)
        out(
            f"  {mark} {row.campaign_id:<14} {row.caught:>6,} of {row.accounts:>6,} "
            f"({row.share:.1%}) (target >= {TARGET_CAMPAIGN_CAUGHT:.0%})"
        )
    p, rec, f1 = r.network
    out(
        f"{_mark(ok(f1, lambda v: v >= TARGET_NETWORK_F1))} network pairwise F1: {f(f1)} "
        f"(precision {f(p)}, recall {f(rec)}; target >= {TARGET_NETWORK_F1})"
    )
