"""Cohorts: a network of linked accounts scored as one entity against cohorts of the same
size drawn at random from the population, and its evidence passed to its members.

Summing a network's traffic and comparing it with single accounts makes any group look
big; a cohort of 300 accounts is compared with COHORT_NULL_SAMPLES random groups of 300
of the other accounts instead. The cohort signals (signals.COHORT_SIGNALS)
are pooled from the members' own signals, so the same function computes them for a real
cohort and for a random one.

Members inherit the cohort's risk scaled by their link strength (linkage.link_strength);
a member without evidence of its own (not one reason of its own: no signal at least
REASON_MIN_EVIDENCE above the population) never rises above medium on inheritance alone.
Reasons say which come from the cohort.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from analysis import config
from analysis.detection import signals as signal_table
from analysis.detection.linkage import NO_PARAMETERS
from analysis.detection.scoring import RiskScorer, combine_axes, level

# member columns the cohort signals are pooled from
MEMBER_COLUMNS = (
    "requests", "typical_day_requests", "typical_day_output_tokens", "first_seen",
    "age_at_first_days", "sampled_prompts", "reasoning_share", "judging_share", "tool_share",
    "single_turn_share",
)  # fmt: skip


def _share(part: float, whole: float) -> float:
    return float(part / whole) if whole else 0.0


class Pool:
    """The members' signals as arrays, and their requests per recipe (sparse), so that any
    group of row indices can be pooled quickly."""

    def __init__(
        self, table: pd.DataFrame, recipe_counts: pd.DataFrame, shapes: pd.DataFrame | None = None
    ):
        self.accounts = table["account_id"].to_numpy()
        self.index = {a: i for i, a in enumerate(self.accounts)}

        def col(name: str) -> np.ndarray:
            if name not in table:
                return np.zeros(len(table))
            return pd.to_numeric(table[name], errors="coerce").to_numpy(np.float64)

        self.requests = np.nan_to_num(col("requests"))
        self.day_requests = np.nan_to_num(col("typical_day_requests"))
        self.day_tokens = np.nan_to_num(col("typical_day_output_tokens"))
        first = pd.to_datetime(table.get("first_seen"), utc=True, errors="coerce")
        first_days = (first.astype("int64") / 86_400e9).to_numpy(np.float64, copy=True)
        first_days[first.isna().to_numpy()] = np.nan
        self.age = col("age_at_first_days")
        self.created = first_days - self.age  # NaN without a creation time
        self.sampled = np.nan_to_num(col("sampled_prompts"))
        self.reasoning = np.nan_to_num(col("reasoning_share")) * self.sampled
        self.judging = np.nan_to_num(col("judging_share")) * self.sampled
        self.tool = np.nan_to_num(col("tool_share")) * self.sampled
        self.single = np.nan_to_num(col("single_turn_share")) * self.requests
        # each account's request shape as a code; accounts that send no parameters (and
        # accounts without a shape) get codes of their own: no evidence of sameness
        shape = table["account_id"].map(
            shapes.set_index("account_id")["shape"] if shapes is not None else {}
        )
        missing = shape.isna() | shape.astype(str).str.startswith(NO_PARAMETERS)
        codes, _ = pd.factorize(shape.where(~missing, table["account_id"] + "\x00own"))
        self.shape = codes
        rows = recipe_counts["account_id"].map(self.index)
        ok = rows.notna().to_numpy()
        codes, _ = pd.factorize(recipe_counts["recipe_id"])
        self.recipes = sparse.csr_matrix(
            (recipe_counts["requests"].to_numpy(np.float64)[ok],
             (rows.to_numpy()[ok].astype(np.int64), codes[ok])),
            shape=(len(table), max(int(codes.max()) + 1 if len(codes) else 1, 1)),
        )  # fmt: skip

    def signals(self, rows: np.ndarray) -> dict[str, float]:
        """The cohort signals of the members at these row indices."""
        req = self.requests[rows].sum()
        sampled = self.sampled[rows].sum()
        created = self.created[rows]
        created = created[np.isfinite(created)]
        age = self.age[rows]
        age = age[np.isfinite(age)]
        top = self.recipes[rows].sum(axis=0).max() if self.recipes.nnz else 0.0
        return {
            "cohort_day_requests": float(self.day_requests[rows].sum()),
            "cohort_shape_share": float(np.bincount(self.shape[rows]).max() / len(rows))
            if len(rows)
            else 0.0,
            "cohort_day_output_tokens": float(self.day_tokens[rows].sum()),
            "cohort_created_spread_days": float(np.std(created)) if len(created) > 1 else np.nan,
            "cohort_age_days": float(np.median(age)) if len(age) else np.nan,
            "cohort_reasoning_share": _share(self.reasoning[rows].sum(), sampled),
            "cohort_judging_share": _share(self.judging[rows].sum(), sampled),
            "cohort_tool_share": _share(self.tool[rows].sum(), sampled),
            "cohort_recipe_share": _share(top, req),
            "cohort_single_turn_share": _share(self.single[rows].sum(), req),
        }


def null_cohorts(
    pool: Pool, size: int, k: int, rng: np.random.Generator, exclude: np.ndarray | None = None
) -> pd.DataFrame:
    """k random cohorts of `size` accounts (without replacement within one) drawn from the
    accounts not in `exclude` (a cohort is not compared with groups of itself), pooled."""
    candidates = np.setdiff1d(np.arange(len(pool.accounts)), exclude if exclude is not None else [])
    size = min(size, len(candidates))
    return pd.DataFrame(
        [pool.signals(rng.choice(candidates, size, replace=False)) for _ in range(k)]
    )


def score_cohorts(
    pool: Pool, members: pd.DataFrame, rng: np.random.Generator | None = None
) -> tuple[pd.DataFrame, dict]:
    """Score each network of members (account_id, network_id) as a cohort against random
    cohorts of its size drawn from the other accounts; return (network_id, accounts, scale,
    harvest, risk_score, risk_level, reasons and the cohort signals; each null's medians)."""
    rng = rng or np.random.default_rng(config.CAMPAIGN_SEED)
    cols = ["network_id", "accounts", "scale", "harvest", "risk_score", "risk_level", "reasons"]
    if members.empty:
        return pd.DataFrame(columns=cols), {}
    out, params = [], {}
    for net, group in members.groupby("network_id", sort=True):
        idx = np.array([pool.index[a] for a in group["account_id"] if a in pool.index])
        row = pd.DataFrame([{"network_id": net, "accounts": len(idx), **pool.signals(idx)}])
        null = null_cohorts(pool, len(idx), config.COHORT_NULL_SAMPLES, rng, exclude=idx)
        scorer = RiskScorer(signal_table.COHORT_SCORED).fit(null)
        params[str(net)] = {k: round(v, 4) for k, v in scorer.median_.items()}
        out.append(pd.concat([row, scorer.score(row)], axis=1))
    return pd.concat(out, ignore_index=True), params


def own_content_evidence(table: pd.DataFrame, members: pd.DataFrame) -> dict[str, list[str]]:
    """Per network member, sentences for the request types (signals.COUNTED_SHARES:
    reasoning, judging) that its own sample holds more often than an ordinary account's
    could by chance: a one-sided binomial test at COHORT_OWN_EVIDENCE_P against the pooled
    rate of the accounts outside every network.

    A thin member (30 requests, 25 sampled) rarely moves a population z-score, yet 6 of 25
    prompts asking for reasoning where ordinary accounts ask in 3% of theirs is evidence of
    its own: this is what lets such a member rise above medium with its cohort."""
    from scipy.stats import binom

    if members.empty or "sampled_prompts" not in table:
        return {}
    in_net = table["account_id"].isin(set(members["account_id"]))
    n = pd.to_numeric(table["sampled_prompts"], errors="coerce").fillna(0).round()
    out: dict[str, list[str]] = {}
    for column, what in signal_table.COUNTED_SHARES.items():
        if column not in table:
            continue
        k = (pd.to_numeric(table[column], errors="coerce").fillna(0) * n).round()
        outside = n[~in_net].sum()
        rate = (k[~in_net].sum() + 1.0) / (outside + 2.0)  # never exactly 0 or 1
        p = pd.Series(binom.sf(k - 1, n, rate), index=table.index)
        hit = in_net & (k > 0) & (p < config.COHORT_OWN_EVIDENCE_P)
        for i in np.flatnonzero(hit.to_numpy()):
            out.setdefault(table["account_id"].iat[i], []).append(
                f"{int(k.iat[i])} of its {int(n.iat[i])} sampled prompts {what}; at the rate "
                f"of accounts outside any network ({rate:.1%}) that many comes by chance "
                f"with p = {p.iat[i]:.1g}"
            )
    return out


def inherit(
    own: pd.DataFrame,
    cohorts: pd.DataFrame,
    members: pd.DataFrame,
    table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return own (account_id, scale, harvest, risk_score, risk_level, reasons) with
    network_id, link_strength, own_score, and each member's evidence blended with its
    cohort's where that scores higher: on each axis the larger of the member's own evidence
    and the cohort's times the member's link strength (a thin member brings its reasoning,
    the cohort the scale that one account of a hydra never shows; not a sum, as the cohort's
    evidence is pooled from the members' own). A member without
    evidence of its own (no reason of its own, nor a request type more frequent than
    chance: own_content_evidence on the signals `table`) stays at most medium."""
    out = own.merge(members, on="account_id", how="left")
    out["own_score"] = out["risk_score"]
    if cohorts.empty:
        return out
    by_net = cohorts.set_index("network_id")
    counted = own_content_evidence(table, members) if table is not None else {}
    cap = config.COHORT_NO_EVIDENCE_MAX
    for i in out.index[out["network_id"].notna()]:
        net = by_net.loc[out.at[i, "network_id"]]
        strength = float(out.at[i, "link_strength"])
        if "scale" in net and "harvest" in net:
            inherited = float(
                combine_axes(
                    np.array([max(out.at[i, "scale"], strength * float(net["scale"]))]),
                    np.array([max(out.at[i, "harvest"], strength * float(net["harvest"]))]),
                )[0]
            )
        else:
            inherited = float(net["risk_score"]) * strength
        mine = list(out.at[i, "reasons"])
        mine += [r for r in counted.get(out.at[i, "account_id"], []) if r not in mine]
        own_evidence = len(mine) > 0
        if not own_evidence:
            inherited = min(inherited, cap)
        if inherited <= out.at[i, "risk_score"]:
            continue
        out.at[i, "risk_score"] = inherited
        out.at[i, "risk_level"] = level(inherited)
        head = (
            f"one of {int(net['accounts'])} linked accounts of cohort {out.at[i, 'network_id']} "
            f"(link strength {strength:.2f}"
            + ("" if own_evidence else "; little evidence of its own, so at most medium")
            + "); together they:"
        )
        own_reasons = [f"this account alone: {r}" for r in mine]
        out.at[i, "reasons"] = [head, *net["reasons"], *own_reasons]
    return out
