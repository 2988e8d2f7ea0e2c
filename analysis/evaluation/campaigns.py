"""How well campaigns recover planted ones: purity figures against a ground-truth file."""

from __future__ import annotations

import pandas as pd

from analysis.terms import NOISE

BENIGN = "(benign)"


def label_requests(requests: pd.DataFrame, truth: pd.DataFrame) -> pd.DataFrame:
    """Requests (account_id, campaign_id) with their true label: the account's planted
    campaign id, or BENIGN for accounts outside any campaign."""
    t = truth.assign(campaign_id=truth["campaign_id"].fillna("").astype(str))
    true = dict(
        zip(t["account_id"], t["campaign_id"].where(t["campaign_id"] != "", BENIGN), strict=True)
    )
    return requests.assign(truth=requests["account_id"].map(true).fillna(BENIGN))


def cluster_majority(labelled: pd.DataFrame) -> pd.Series:
    """The true label holding most requests in each found cluster (noise excluded)."""
    found = labelled[labelled["campaign_id"] != NOISE]
    counts = found.groupby(["campaign_id", "truth"]).size().rename("n").reset_index()
    counts = counts.sort_values(["campaign_id", "n", "truth"], ascending=[True, False, True])
    return counts.drop_duplicates("campaign_id").set_index("campaign_id")["truth"]


def quality_report(requests: pd.DataFrame, truth: pd.DataFrame) -> pd.DataFrame:
    """One row per planted campaign plus one for benign traffic: requests, in_majority
    (share of its requests in clusters where that label is the majority), in_noise, and
    for benign traffic in_campaign_clusters (share in clusters a campaign dominates)."""
    labelled = label_requests(requests, truth)
    majority = cluster_majority(labelled)
    labelled = labelled.assign(majority=labelled["campaign_id"].map(majority))
    rows = []
    for label, g in labelled.groupby("truth"):
        rows.append(
            {
                "label": label,
                "requests": len(g),
                "in_majority": float((g["majority"] == label).mean()),
                "in_noise": float((g["campaign_id"] == NOISE).mean()),
                "in_campaign_clusters": float(
                    (g["majority"].notna() & (g["majority"] != BENIGN)).mean()
                ),
            }
        )
    return pd.DataFrame(rows).sort_values("label").reset_index(drop=True)


# The targets: each planted campaign mostly in clusters it dominates, benign
# traffic rarely in clusters a campaign dominates.
CAMPAIGN_TARGET = 0.90
BENIGN_TARGET = 0.05


def print_report(report: pd.DataFrame, out=print) -> None:
    """Print the report with PASS or MISS against the targets per row."""
    out(
        f"{'label':<14}{'requests':>10}{'in majority':>13}{'in noise':>10}"
        f"{'in campaign':>13}  target"
    )
    for r in report.itertuples():
        if r.label == BENIGN:
            ok, target = (
                r.in_campaign_clusters <= BENIGN_TARGET,
                f"in campaign <= {BENIGN_TARGET:.0%}",
            )
        else:
            ok, target = r.in_majority >= CAMPAIGN_TARGET, f"in majority >= {CAMPAIGN_TARGET:.0%}"
        out(
            f"{r.label:<14}{r.requests:>10,}{r.in_majority:>13.1%}{r.in_noise:>10.1%}"
            f"{r.in_campaign_clusters:>13.1%}  {'PASS' if ok else 'MISS'} ({target})"
        )
