"""Linked accounts: a graph of typed, corroborated edges and its communities (networks).

Each edge type is one kind of shared evidence between two accounts:

- ``payment``: they pay with one instrument (not counting accounts of one declared org);
- ``infrastructure``: one network prefix (/24 or /64) with the same user agent, created
  within LINK_CREATION_HOURS of each other;
- ``timing``: their hourly activity moves together (shifts, outages, turn-taking);
- ``content``: their mixes of prompt campaigns are alike (weighted by how rare each
  campaign is), or they share rare prompt templates. Both read the prompts, so they count
  as one kind of evidence.

A link needs LINK_MIN_TYPES different types: any one alone (a shared office IP, a family
card, a popular campaign) is common among unrelated people. Networks are the connected
groups of linked accounts; ``network_id`` is named after the group's first account, so it
stays the same while the group does.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from analysis import config
from analysis.campaigns import sql as campaign_sql
from analysis.detection import sql
from analysis.detection.inputs import Inputs

EDGE_TYPES = ("payment", "infrastructure", "timing", "content")
# candidate kinds and the edge type each one is evidence of
_KIND_TYPE = {
    "payment": "payment",
    "infrastructure": "infrastructure",
    "timing": "timing",
    "campaigns": "content",
    "templates": "content",
}


@dataclass
class Links:
    """Result of linking: kept edges (with evidence) and each linked account's network."""

    edges: pd.DataFrame  # account_a, account_b, edge_types (list), evidence (list), network_id
    members: pd.DataFrame  # account_id, network_id


def _evidence(kind: str, row: pd.Series) -> str:
    if kind == "payment":
        return f"same payment instrument {row['fingerprint']}"
    if kind == "infrastructure":
        gap = row["created_gap_hours"]
        when = "" if pd.isna(gap) else f", accounts created {gap:.0f} h apart"
        prefix = row["prefix"]
        block = f"{prefix}::/64" if ":" in prefix else f"{prefix}.0/24"
        return f"same network {block} and user agent {row['user_agent']!r}{when}"
    if kind == "campaigns":
        sim, shared = row["similarity"], row["shared"]
        return f"alike campaign mix (similarity {sim:.2f} over {shared} campaigns)"
    if kind == "templates":
        return f"share {row['shared']} rare prompt templates"
    corr = row["correlation"]
    return (
        f"hourly activity moves together beyond the daily rhythm "
        f"(correlation {corr:.2f} over {row['hours']} hours)"
    )


def candidate_pairs(inputs: Inputs) -> dict[str, pd.DataFrame]:
    """Return the pairs of each content and infrastructure type (account_a < account_b)."""
    con = inputs.con
    out = {
        "payment": sql.payment_pairs(con, config.LINK_MAX_GROUP),
        "infrastructure": sql.infrastructure_pairs(
            con, config.LINK_MAX_GROUP, config.LINK_CREATION_HOURS
        ),
        "templates": sql.template_pairs(
            con, config.LINK_TEMPLATE_MAX_ACCOUNTS, config.LINK_TEMPLATE_MIN_SHARED
        ),
    }
    has_campaigns = campaign_sql.has_account_campaigns(con)
    out["campaigns"] = (
        sql.campaign_pairs(
            con,
            config.LINK_CAMPAIGN_MAX_ACCOUNTS,
            config.LINK_CAMPAIGN_MIN_REQUESTS,
            config.LINK_CAMPAIGN_SIMILARITY,
        )
        if has_campaigns
        else pd.DataFrame(columns=["account_a", "account_b", "similarity", "shared"])
    )
    return out


def timing_pairs(inputs: Inputs, pairs: pd.DataFrame) -> pd.DataFrame:
    """Return account_a, account_b, correlation, hours for the given pairs whose hourly
    request counts correlate at least LINK_TIMING_CORRELATION (both need
    LINK_TIMING_MIN_HOURS active hours)."""
    cols = ["account_a", "account_b", "correlation", "hours"]
    if pairs.empty:
        return pd.DataFrame(columns=cols)
    accounts = sorted(set(pairs["account_a"]) | set(pairs["account_b"]))
    act = sql.hourly_activity(inputs.con, accounts)
    index = {a: i for i, a in enumerate(accounts)}
    hours = int(act["hour_index"].max()) + 1
    M = np.zeros((len(accounts), hours), np.float32)
    M[act["account_id"].map(index).to_numpy(), act["hour_index"].to_numpy()] = act["requests"]
    active = (M > 0).sum(1)
    # Remove each account's own hour-of-day rhythm (its mean for each hour of the day), so
    # two people awake at the same hours do not correlate; shared shifts that move from day
    # to day, shared outages and turn-taking remain.
    phase = np.arange(hours) % 24
    for h in range(24):
        cols = phase == h
        M[:, cols] -= M[:, cols].mean(1, keepdims=True)
    Z = M - M.mean(1, keepdims=True)
    Z /= np.maximum(np.linalg.norm(Z, axis=1, keepdims=True), 1e-9)
    ia = pairs["account_a"].map(index).to_numpy()
    ib = pairs["account_b"].map(index).to_numpy()
    corr = np.einsum("ij,ij->i", Z[ia], Z[ib])
    ok = (
        (corr >= config.LINK_TIMING_CORRELATION)
        & (active[ia] >= config.LINK_TIMING_MIN_HOURS)
        & (active[ib] >= config.LINK_TIMING_MIN_HOURS)
    )
    out = pairs.loc[ok, ["account_a", "account_b"]].copy()
    out["correlation"] = corr[ok]
    out["hours"] = hours
    return out.reset_index(drop=True)


def network_name(members: list[str]) -> str:
    """A network's id: 'net_' and a short hash of its first member (stable while it lasts)."""
    return "net_" + hashlib.md5(min(members).encode()).hexdigest()[:8]


def link(inputs: Inputs) -> Links:
    """Find corroborated links between accounts and group them into networks."""
    by_type = candidate_pairs(inputs)
    frames = [df.assign(kind=k) for k, df in by_type.items() if not df.empty]
    if frames:
        cand = pd.concat([f[["account_a", "account_b"]] for f in frames]).drop_duplicates()
        by_type["timing"] = timing_pairs(inputs, cand.reset_index(drop=True))
        if not by_type["timing"].empty:
            frames.append(by_type["timing"].assign(kind="timing"))
    rows: dict[tuple[str, str], dict[str, str]] = {}
    for frame in frames:
        kind = frame["kind"].iat[0]
        etype = _KIND_TYPE[kind]
        for row in frame.to_dict("records"):
            ev = rows.setdefault((row["account_a"], row["account_b"]), {})
            text = _evidence(kind, row)
            ev[etype] = f"{ev[etype]}; {text}" if etype in ev else text
    kept = [(a, b, ev) for (a, b), ev in rows.items() if len(ev) >= config.LINK_MIN_TYPES]
    graph = nx.Graph()
    graph.add_edges_from((a, b) for a, b, _ in kept)
    network_of: dict[str, str] = {}
    for comp in nx.connected_components(graph):
        name = network_name(list(comp))
        for account in comp:
            network_of[account] = name
    edges = pd.DataFrame(
        {
            "account_a": [a for a, _, _ in kept],
            "account_b": [b for _, b, _ in kept],
            "edge_types": [[k for k in EDGE_TYPES if k in ev] for _, _, ev in kept],
            "evidence": [[ev[k] for k in EDGE_TYPES if k in ev] for _, _, ev in kept],
            "network_id": [network_of[a] for a, _, _ in kept],
        }
    )
    members = pd.DataFrame(
        {"account_id": list(network_of), "network_id": list(network_of.values())}
    ).sort_values("account_id", ignore_index=True)
    return Links(edges=edges, members=members)
