"""Linked accounts: a graph of typed edges weighted by how rare their evidence is, and its
communities (networks, also called cohorts when recipes link them).

Each edge type is one kind of shared evidence between two accounts:

- ``payment``: they pay with one instrument (not counting accounts of one declared org);
- ``infrastructure``: one network prefix (/24 or /64) with the same user agent;
- ``creation``: both accounts created within LINK_CREATION_HOURS of each other (a batch
  registration; a missing creation time is no evidence);
- ``timing``: their hourly activity moves together (shifts, outages, turn-taking);
- ``content``: their mixes of prompt campaigns are alike, or they share rare templates;
- ``recipe``: both carry harvest evidence of their own and their mixes of instruction
  recipes (recipes/) are alike (cosine of idf-weighted request shares);
- ``shape``: they send the same way: one parameter tuple, one answer format and a similar
  hour-of-day profile.

Each type's weight is a log-likelihood ratio, log10(P(evidence | one actor) /
P(evidence | unrelated accounts)), the second from base rates measured on this population:
how many pairs share a card, a prefix and client, a recipe, a parameter tuple; how often
random pairs correlate in time or look alike in shape. A type alone is capped at
LINK_TYPE_CAP, under LINK_MIN_WEIGHT, so a member needs two kinds of evidence (a shared office
IP, a family card, a popular recipe each happen between strangers). Networks are the
communities of the weighted graph (Leiden, modularity with a resolution parameter), so one
false edge between two groups no longer merges them; a member needs links inside its
community weighing LINK_MIN_WEIGHT with two kinds of evidence among them (one kind alone,
however often repeated, is an office or a family). Between two accounts that both carry
harvest evidence of their own the prior is counted among the harvesting accounts
(harvest_edge_threshold), so an actor spread thin over new accounts that share a card in
pairs and a registration window is still one network. ``network_id`` is named after the
community's first account.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import config
from analysis.campaigns import sql as campaign_sql
from analysis.detection import sql
from analysis.detection.inputs import Inputs
from analysis.recipes import sql as recipe_sql

EDGE_TYPES = ("payment", "infrastructure", "creation", "timing", "content", "recipe", "shape")
# candidate kinds and the edge type each one is evidence of
_KIND_TYPE = {
    "payment": "payment",
    "infrastructure": "infrastructure",
    "creation": "creation",
    "timing": "timing",
    "campaigns": "content",
    "templates": "content",
    "recipe": "recipe",
    "shape": "shape",
}


@dataclass
class Links:
    """Result of linking: kept edges (with evidence and weight) and each linked account's
    network with its link strength."""

    edges: pd.DataFrame  # account_a, account_b, edge_types, evidence, weight, network_id
    members: pd.DataFrame  # account_id, network_id, link_strength


def _evidence(kind: str, row: dict) -> str:
    if kind == "payment":
        return f"same payment instrument {row['fingerprint']}"
    if kind == "infrastructure":
        prefix = row["prefix"]
        block = f"{prefix}::/64" if ":" in prefix else f"{prefix}.0/24"
        return f"same network {block} and user agent {row['user_agent']!r}"
    if kind == "creation":
        return f"accounts created {row['created_gap_hours']:.1f} h apart"
    if kind == "campaigns":
        sim, shared = row["similarity"], row["shared"]
        return f"alike campaign mix (similarity {sim:.2f} over {shared} campaigns)"
    if kind == "templates":
        return (
            f"share {row['shared']} rare prompt templates (about {row['expected']:.1f} "
            "expected between unrelated accounts this busy)"
        )
    if kind == "recipe":
        return (
            f"alike mix of instruction recipes (similarity {row['similarity']:.2f} over "
            f"{row['shared']} shared recipes), both harvesting"
        )
    if kind == "shape":
        return (
            f"same request shape (parameters {row['shape']}) and hour-of-day profile "
            f"(similarity {row['similarity']:.2f})"
        )
    return (
        f"hourly activity moves together beyond the daily rhythm "
        f"(correlation {row['correlation']:.2f} over {row['hours']} hours)"
    )


def base_rate(hits: float, pairs: float) -> float:
    """P(evidence | unrelated) from `hits` among `pairs` observed pairs, shrunk toward the
    prior LINK_PRIOR_RATE with the weight of LINK_PRIOR_PAIRS pairs: a small log, where an
    actor's own pairs are most of all pairs, does not make its evidence look common."""
    return (hits + config.LINK_PRIOR_RATE * config.LINK_PRIOR_PAIRS) / (
        pairs + config.LINK_PRIOR_PAIRS
    )


def _random_pairs(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Every distinct pair of n items when there are at most LINK_BASE_RATE_PAIRS of them,
    else that many random pairs (of distinct items)."""
    if n * (n - 1) / 2 <= config.LINK_BASE_RATE_PAIRS:
        a, b = np.triu_indices(n, k=1)
        return a, b
    a = rng.integers(0, n, config.LINK_BASE_RATE_PAIRS)
    b = rng.integers(0, n, config.LINK_BASE_RATE_PAIRS)
    keep = a != b
    return a[keep], b[keep]


def llr(p_unrelated: float) -> float:
    """log10 likelihood ratio of evidence seen between unrelated pairs at rate p_unrelated,
    capped at LINK_TYPE_CAP and never negative."""
    p = max(p_unrelated, 1e-12)
    return float(np.clip(math.log10(config.LINK_P_SAME_ACTOR / p), 0.0, config.LINK_TYPE_CAP))


def template_evidence(
    pairs: pd.DataFrame, degrees: pd.DataFrame, c: float, base: float
) -> pd.DataFrame:
    """Template pairs with the overlap two unrelated accounts of their sizes would show
    (expected = rare_a * rare_b * c, sql.template_degrees) and p_unrelated: the Poisson
    chance of sharing that many or more by chance, never below the kind's base rate. Busy
    accounts of one popular app or prompt bank share many rare templates by chance; a
    pair that shares far more than its sizes explain is evidence."""
    from scipy.stats import poisson

    pairs = pairs.copy()
    rare = degrees.set_index("account_id")["rare"]
    da = pairs["account_a"].map(rare).fillna(0).to_numpy(np.float64)
    db = pairs["account_b"].map(rare).fillna(0).to_numpy(np.float64)
    pairs["expected"] = da * db * c
    chance = poisson.sf(pairs["shared"].to_numpy() - 1, pairs["expected"].to_numpy())
    pairs["p_unrelated"] = np.maximum(chance, base)
    return pairs


def _pairs_of(n: int) -> float:
    return max(n * (n - 1) / 2.0, 1.0)


def candidate_pairs(inputs: Inputs) -> dict[str, pd.DataFrame]:
    """Return the pairs of each kind (account_a < account_b) that do not need timing."""
    con = inputs.con
    out = {
        "payment": sql.payment_pairs(con, config.LINK_MAX_GROUP),
        "infrastructure": sql.infrastructure_pairs(con, config.LINK_MAX_GROUP),
        "creation": sql.creation_pairs(
            con, config.LINK_CREATION_HOURS, config.LINK_CREATION_NEIGHBOURS
        ),
        "templates": sql.template_pairs(
            con, config.LINK_TEMPLATE_MAX_ACCOUNTS, config.LINK_TEMPLATE_MIN_SHARED
        ),
    }
    has_campaigns = campaign_sql.has_account_campaigns(con)
    out["campaigns"] = (
        campaign_sql.campaign_pairs(
            con,
            config.LINK_CAMPAIGN_MAX_ACCOUNTS,
            config.LINK_CAMPAIGN_MIN_REQUESTS,
            config.LINK_CAMPAIGN_SIMILARITY,
        )
        if has_campaigns
        else pd.DataFrame(columns=["account_a", "account_b", "similarity", "shared"])
    )
    return out


class RecipeMixes:
    """Which recipes each harvesting account sends, as a vector of its request shares
    weighted by how rare each recipe is (idf over all n_all accounts); the base rate of two
    random harvesting accounts being alike."""

    def __init__(
        self, counts: pd.DataFrame, accounts: list[str], n_all: int, rng: np.random.Generator
    ):
        from scipy import sparse

        users = counts.groupby("recipe_id")["account_id"].nunique()
        n_all = max(n_all, int(counts["account_id"].nunique()), 1)
        mine = counts[counts["account_id"].isin(set(accounts))]
        self.index = {a: i for i, a in enumerate(sorted(set(mine["account_id"])))}
        codes, _ = pd.factorize(mine["recipe_id"])
        weight = (mine["requests"] / mine["total"]).to_numpy() * np.log(
            n_all / mine["recipe_id"].map(users).to_numpy()
        )
        V = sparse.csr_matrix(
            (weight, (mine["account_id"].map(self.index).to_numpy(), codes)),
            shape=(len(self.index), max(int(codes.max()) + 1 if len(codes) else 1, 1)),
        )
        norms = np.sqrt(np.asarray(V.multiply(V).sum(axis=1)).ravel())
        self.V = sparse.diags(1.0 / np.maximum(norms, 1e-12)) @ V
        self.nnz = (V > 0).astype(np.int32)
        a, b = _random_pairs(len(self.index), rng)
        hits = int((self._cosine(a, b) >= config.LINK_RECIPE_SIMILARITY).sum())
        self.base_rate = base_rate(hits, len(a))

    def _cosine(self, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
        return np.asarray(self.V[ia].multiply(self.V[ib]).sum(axis=1)).ravel()

    def pairs(self, pairs: pd.DataFrame) -> pd.DataFrame:
        """The given pairs (both harvesting) whose recipe mixes are alike: account_a,
        account_b, similarity, shared."""
        pairs, ia, ib = _known_pairs(pairs, self.index)
        if pairs.empty:
            return pd.DataFrame(columns=["account_a", "account_b", "similarity", "shared"])
        sim = self._cosine(ia, ib)
        ok = sim >= config.LINK_RECIPE_SIMILARITY
        out = pairs.loc[ok, ["account_a", "account_b"]].copy()
        out["similarity"] = sim[ok]
        out["shared"] = np.asarray(self.nnz[ia[ok]].multiply(self.nnz[ib[ok]]).sum(axis=1)).ravel()
        return out.reset_index(drop=True)


def _known_pairs(
    pairs: pd.DataFrame, index: dict[str, int]
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """The pairs whose two accounts are both in `index`, and their row numbers."""
    pairs = pairs[pairs["account_a"].isin(index) & pairs["account_b"].isin(index)]
    return (
        pairs,
        pairs["account_a"].map(index).to_numpy(),
        pairs["account_b"].map(index).to_numpy(),
    )


# The shape prefix of an account that sends no parameters (sql.account_shapes).
NO_PARAMETERS = "-|-|-|-|"


def _hour_profiles(shapes: pd.DataFrame) -> np.ndarray:
    H = np.zeros((len(shapes), 24))
    for i, (hrs, cs) in enumerate(zip(shapes["hrs"], shapes["cs"], strict=True)):
        H[i, np.asarray(hrs, int)] = np.asarray(cs, float)
    H /= np.maximum(np.linalg.norm(H, axis=1, keepdims=True), 1e-9)
    return H


class Shapes:
    """How each account sends: its usual parameter tuple and answer format, and its
    hour-of-day profile. Two accounts look alike when their shapes are equal and their hour
    profiles close; the chance of that between unrelated accounts is the share of accounts
    with that shape, squared, times the rate at which random pairs have close profiles (so
    a popular default tuple says little and a rare one much)."""

    def __init__(self, table: pd.DataFrame, rng: np.random.Generator):
        # an account that sends no parameters at all has no shape (no evidence either way)
        table = table[~table["shape"].str.startswith(NO_PARAMETERS)].reset_index(drop=True)
        self.index = {a: i for i, a in enumerate(table["account_id"])}
        self.shape = table["shape"].to_numpy()
        self.share = table["shape"].map(table["shape"].value_counts(normalize=True)).to_numpy()
        self.H = _hour_profiles(table)
        a, b = _random_pairs(len(table), rng)
        close = np.einsum("ij,ij->i", self.H[a], self.H[b]) >= config.LINK_SHAPE_HOUR_SIMILARITY
        self.hour_rate = base_rate(int(close.sum()), len(a))

    def pairs(self, pairs: pd.DataFrame) -> pd.DataFrame:
        """The given pairs that look alike: account_a, account_b, shape, similarity,
        p_unrelated."""
        pairs, ia, ib = _known_pairs(pairs, self.index)
        if pairs.empty:
            return pd.DataFrame(
                columns=["account_a", "account_b", "shape", "similarity", "p_unrelated"]
            )
        sim = np.einsum("ij,ij->i", self.H[ia], self.H[ib])
        ok = (self.shape[ia] == self.shape[ib]) & (sim >= config.LINK_SHAPE_HOUR_SIMILARITY)
        out = pairs.loc[ok, ["account_a", "account_b"]].copy()
        out["shape"] = self.shape[ia[ok]]
        out["similarity"] = sim[ok]
        out["p_unrelated"] = self.share[ia[ok]] ** 2 * self.hour_rate
        return out.reset_index(drop=True)


def _timing_matrix(inputs: Inputs, accounts: list[str]) -> tuple[np.ndarray, np.ndarray, int]:
    act = sql.hourly_activity(inputs.con, accounts)
    index = {a: i for i, a in enumerate(accounts)}
    hours = int(act["hour_index"].max()) + 1 if len(act) else 1
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
    return Z, active, hours


def timing_pairs(
    inputs: Inputs, pairs: pd.DataFrame, rng: np.random.Generator | None = None
) -> tuple[pd.DataFrame, float]:
    """Return (account_a, account_b, correlation, hours for the given pairs whose hourly
    request counts correlate at least LINK_TIMING_CORRELATION, both active in at least
    LINK_TIMING_MIN_HOURS hours; the rate at which random pairs of the same accounts do)."""
    cols = ["account_a", "account_b", "correlation", "hours"]
    if pairs.empty:
        return pd.DataFrame(columns=cols), base_rate(0, 0)
    accounts = sorted(set(pairs["account_a"]) | set(pairs["account_b"]))
    Z, active, hours = _timing_matrix(inputs, accounts)
    index = {a: i for i, a in enumerate(accounts)}
    ia = pairs["account_a"].map(index).to_numpy()
    ib = pairs["account_b"].map(index).to_numpy()
    corr = np.einsum("ij,ij->i", Z[ia], Z[ib])
    enough = active >= config.LINK_TIMING_MIN_HOURS
    ok = (corr >= config.LINK_TIMING_CORRELATION) & enough[ia] & enough[ib]
    out = pairs.loc[ok, ["account_a", "account_b"]].copy()
    out["correlation"] = corr[ok]
    out["hours"] = hours
    # base rate: random pairs among these accounts (those with enough active hours)
    pool = np.flatnonzero(enough)
    a, b = _random_pairs(len(pool), rng or np.random.default_rng(config.CAMPAIGN_SEED))
    hits = int(
        (np.einsum("ij,ij->i", Z[pool[a]], Z[pool[b]]) >= config.LINK_TIMING_CORRELATION).sum()
    )
    return out.reset_index(drop=True), base_rate(hits, len(a))


def creation_rate(created: pd.DataFrame, rng: np.random.Generator | None = None) -> float:
    """How often an ordinary account has another created within LINK_CREATION_HOURS of it:
    the median over accounts of the share of the others created that close (signup waves
    raise it and so weaken the evidence; one large batch, the thing to find, does not set
    the rate for everyone unless it is most of the population)."""
    h = np.sort(created["created_hours"].to_numpy(np.float64))
    if len(h) < 2:
        return base_rate(0, 0)
    w = config.LINK_CREATION_HOURS
    near = np.searchsorted(h, h + w, side="right") - np.searchsorted(h, h - w, side="left") - 1
    return base_rate(float(np.median(near)), len(h) - 1)


def network_name(members: list[str]) -> str:
    """A network's id: 'net_' and a short hash of its first member (stable while it lasts)."""
    return "net_" + hashlib.md5(min(members).encode()).hexdigest()[:8]


def _base_rates(by_kind: dict[str, pd.DataFrame], accounts: int) -> dict[str, float]:
    """P(evidence | unrelated) per kind from this population's pair counts (all pairs that
    show it, related or not: a conservative estimate)."""
    total = _pairs_of(accounts)
    return {k: base_rate(len(df), total) for k, df in by_kind.items()}


def communities(edges: pd.DataFrame) -> dict[str, str]:
    """Leiden communities (modularity, weighted) of the kept edges; account -> network id."""
    import igraph as ig
    import leidenalg

    if edges.empty:
        return {}
    names = sorted(set(edges["account_a"]) | set(edges["account_b"]))
    index = {a: i for i, a in enumerate(names)}
    g = ig.Graph(
        n=len(names),
        edges=list(zip(edges["account_a"].map(index), edges["account_b"].map(index), strict=True)),
    )
    g.es["weight"] = edges["weight"].astype(float).tolist()
    part = leidenalg.find_partition(
        g,
        leidenalg.RBConfigurationVertexPartition,
        weights="weight",
        resolution_parameter=config.LINK_RESOLUTION,
        seed=config.CAMPAIGN_SEED,
    )
    out: dict[str, str] = {}
    for group in part:
        members = [names[i] for i in group]
        if len(members) < 2:
            continue
        name = network_name(members)
        for a in members:
            out[a] = name
    return out


def link(
    inputs: Inputs,
    harvest_accounts: list[str] | None = None,
    shapes: pd.DataFrame | None = None,
    recipe_counts: pd.DataFrame | None = None,
) -> Links:
    """Find weighted links between accounts and group them into networks.

    harvest_accounts: accounts with harvest evidence of their own, the only ones that
    recipe links may join. shapes (sql.account_shapes) and recipe_counts
    (recipes/sql.account_recipe_counts) are read here unless the caller has them."""
    rng = np.random.default_rng(config.CAMPAIGN_SEED)
    con = inputs.con
    shapes = sql.account_shapes(con) if shapes is None else shapes
    harvest_accounts = sorted(harvest_accounts or [])
    by_kind = candidate_pairs(inputs)
    n_accounts = sql.account_count(con)
    rates = _base_rates(by_kind, n_accounts)
    weights_of = {k: llr(p) for k, p in rates.items()}
    weights_of["creation"] = llr(creation_rate(sql.account_created(con), rng))
    if not by_kind["templates"].empty:
        degrees, c = sql.template_degrees(con, config.LINK_TEMPLATE_MAX_ACCOUNTS)
        by_kind["templates"] = template_evidence(
            by_kind["templates"], degrees, c, rates["templates"]
        )
    cand = pd.concat(
        [df[["account_a", "account_b"]] for df in by_kind.values() if not df.empty]
        or [pd.DataFrame(columns=["account_a", "account_b"])]
    ).drop_duplicates(ignore_index=True)
    timing, timing_rate = timing_pairs(inputs, cand, rng)
    by_kind["timing"] = timing
    weights_of["timing"] = llr(timing_rate)
    by_kind["shape"] = Shapes(shapes, rng).pairs(cand)
    if recipe_sql.has_recipes(con) and harvest_accounts:
        if recipe_counts is None:
            recipe_counts = recipe_sql.account_recipe_counts(con)
        mixes = RecipeMixes(recipe_counts, harvest_accounts, n_accounts, rng)
        recipe_cand = recipe_sql.recipe_candidates(
            con, sorted(harvest_accounts), config.LINK_RECIPE_MIN_SHARE,
            config.LINK_RECIPE_NEIGHBOURS,
        )  # fmt: skip
        by_kind["recipe"] = mixes.pairs(pd.concat([cand, recipe_cand]).drop_duplicates())
        weights_of["recipe"] = llr(mixes.base_rate)
    rows: dict[tuple[str, str], dict[str, tuple[float, str]]] = {}
    for kind, frame in by_kind.items():
        if frame.empty:
            continue
        etype = _KIND_TYPE[kind]
        for row in frame.to_dict("records"):
            w = llr(row["p_unrelated"]) if "p_unrelated" in row else weights_of[kind]
            ev = rows.setdefault((row["account_a"], row["account_b"]), {})
            old_w, old_text = ev.get(etype, (0.0, ""))
            text = _evidence(kind, row)
            ev[etype] = (max(old_w, w), f"{old_text}; {text}" if old_text else text)
    edge_min, member_min = thresholds(n_accounts)
    harvest_min = harvest_edge_threshold(len(harvest_accounts), edge_min)
    harvesting = set(harvest_accounts)
    kept = [
        (a, b, ev)
        for (a, b), ev in rows.items()
        if sum(w for w, _ in ev.values())
        >= (harvest_min if a in harvesting and b in harvesting else edge_min)
    ]
    edges = pd.DataFrame(
        {
            "account_a": [a for a, _, _ in kept],
            "account_b": [b for _, b, _ in kept],
            "edge_types": [[k for k in EDGE_TYPES if k in ev] for _, _, ev in kept],
            "evidence": [[ev[k][1] for k in EDGE_TYPES if k in ev] for _, _, ev in kept],
            "weight": [round(sum(w for w, _ in ev.values()), 3) for _, _, ev in kept],
        }
    )
    network_of = members_with_evidence(
        edges, communities(edges), member_min, harvesting,
        max(config.LINK_MIN_WEIGHT, harvest_min),
    )  # fmt: skip
    edges["network_id"] = [
        network_of.get(a) if network_of.get(a) == network_of.get(b) else None
        for a, b in zip(edges["account_a"], edges["account_b"], strict=True)
    ]
    members = pd.DataFrame(
        {"account_id": list(network_of), "network_id": list(network_of.values())}
    )
    members["link_strength"] = link_strength(edges, members)
    edges = edges[edges["network_id"].notna()].reset_index(drop=True)
    return Links(edges=edges, members=members.sort_values("account_id", ignore_index=True))


def thresholds(accounts: int) -> tuple[float, float]:
    """The weight an edge needs and the weight a network member needs inside its community.

    Among N accounts a given account has about one related partner in N / 2 pairs, so a
    link is more likely than not only when its likelihood ratio beats those odds:
    log10(N / 2), never under LINK_EDGE_MIN_WEIGHT / LINK_MIN_WEIGHT (2.6 and 3.0 hold up to
    about 800 and 2,000 accounts; 100,000 accounts need 4.7)."""
    need = math.log10(max(accounts, 2) / 2.0) + config.LINK_POSTERIOR_ODDS
    edge = max(config.LINK_EDGE_MIN_WEIGHT, need)
    return edge, max(config.LINK_MIN_WEIGHT, edge)


def harvest_edge_threshold(harvesting: int, edge_min: float) -> float:
    """The weight an edge between two accounts that both harvest needs: the prior counted
    among the harvesting accounts, log10(H / 2), never under LINK_HARVEST_EDGE_MIN_WEIGHT
    nor over the threshold of any pair (edge_min)."""
    need = math.log10(max(harvesting, 2) / 2.0) + config.LINK_POSTERIOR_ODDS
    return min(edge_min, max(config.LINK_HARVEST_EDGE_MIN_WEIGHT, need))


def members_with_evidence(
    edges: pd.DataFrame,
    community: dict[str, str],
    min_weight: float = config.LINK_MIN_WEIGHT,
    harvesting: set[str] | frozenset[str] = frozenset(),
    harvest_min_weight: float | None = None,
) -> dict[str, str]:
    """Keep the members whose links inside their community weigh at least min_weight, or,
    for an account in `harvesting`, whose links to other harvesting members weigh at least
    harvest_min_weight (the prior among harvesters, as for edges), and show at least two
    kinds of evidence (one kind alone, however often repeated, is an office or a family);
    communities left with one member are dissolved."""
    weight: dict[str, float] = {}
    among_harvesters: dict[str, float] = {}
    kinds: dict[str, set] = {}
    for a, b, w, types in zip(
        edges["account_a"], edges["account_b"], edges["weight"], edges["edge_types"], strict=True
    ):
        if community.get(a) is None or community.get(a) != community.get(b):
            continue
        both = a in harvesting and b in harvesting
        for x in (a, b):
            weight[x] = weight.get(x, 0.0) + w
            if both:
                among_harvesters[x] = among_harvesters.get(x, 0.0) + w
            kinds.setdefault(x, set()).update(types)
    need_h = min_weight if harvest_min_weight is None else harvest_min_weight

    def enough(a: str) -> bool:
        return weight.get(a, 0.0) >= min_weight or among_harvesters.get(a, 0.0) >= need_h

    kept = {a: net for a, net in community.items() if enough(a) and len(kinds.get(a, ())) >= 2}
    sizes = pd.Series(list(kept.values()), dtype=object).value_counts()
    return {a: net for a, net in kept.items() if sizes[net] >= 2}


def link_strength(edges: pd.DataFrame, members: pd.DataFrame) -> np.ndarray:
    """Per member: the share of its link weight that stays inside its network, times how
    much weight that is (full at LINK_STRONG_WEIGHT)."""
    if members.empty:
        return np.zeros(0)
    net = dict(zip(members["account_id"], members["network_id"], strict=True))
    inside: dict[str, float] = {}
    total: dict[str, float] = {}
    for a, b, w in zip(edges["account_a"], edges["account_b"], edges["weight"], strict=True):
        same = net.get(a) is not None and net.get(a) == net.get(b)
        for x in (a, b):
            total[x] = total.get(x, 0.0) + w
            if same:
                inside[x] = inside.get(x, 0.0) + w
    out = []
    for a in members["account_id"]:
        w_in, w_all = inside.get(a, 0.0), total.get(a, 0.0)
        share = w_in / w_all if w_all else 0.0
        out.append(round(share * min(1.0, w_in / config.LINK_STRONG_WEIGHT), 3))
    return np.asarray(out)
