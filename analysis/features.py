"""Per-account signals: behaviour from SQL, reasoning elicitation, topics, and the distance
of an account's prompts from the population's.

``account_signals`` returns one row per account; every column is a signal that scoring
can compare with the population. Each stage is a small function over the open database.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import numpy as np
import pandas as pd

from analysis import config, queries
from analysis.reasoning import ReasoningDetector, update_scores

Log = Callable[[str], None]


def behaviour(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Volume, pace, automation, tokens, sampling, infrastructure, templates, releases."""
    return queries.account_features(con)


def reasoning(
    con: duckdb.DuckDBPyConnection, detector: ReasoningDetector, log: Log = print
) -> pd.DataFrame:
    """account_id, sampled_prompts, reasoning_share (needs queries.make_account_sample)."""
    update_scores(con, detector, log)
    return queries.account_reasoning(con, detector.detector_id, config.REASONING_THRESHOLD)


def topics(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """account_id, campaigns_touched, topic_breadth, noise_share (empty without campaigns)."""
    return queries.account_topics(con)


def _features(X: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Random Fourier features [cos, sin] / sqrt(D) of an RBF kernel: |phi(x)| = 1."""
    Z = X @ W
    return np.hstack([np.cos(Z), np.sin(Z)]) / np.sqrt(W.shape[1])


def prompt_distance(
    account_ids: np.ndarray, X: np.ndarray, seed: int = config.MMD_SEED
) -> pd.DataFrame:
    """Return account_id, prompt_distance: the unbiased maximum mean discrepancy (squared,
    RBF kernel) between each account's prompt embeddings and the population's.

    account_ids (n,) must be grouped (sorted); X (n, d) holds one embedding per sampled
    request. The population is every account's first MMD_REFERENCE_PER_ACCOUNT rows, so no
    account weighs more than another. The kernel width is the median distance between
    population prompts; random Fourier features make it linear in n.
    """
    if len(account_ids) == 0:
        return pd.DataFrame({"account_id": [], "prompt_distance": []})
    rng = np.random.default_rng(seed)
    starts = np.flatnonzero(np.r_[True, account_ids[1:] != account_ids[:-1]])
    counts = np.diff(np.r_[starts, len(account_ids)])
    rank = np.arange(len(account_ids)) - np.repeat(starts, counts)
    ref = X[rank < config.MMD_REFERENCE_PER_ACCOUNT]
    if len(ref) > config.MMD_REFERENCE_MAX:
        ref = ref[rng.choice(len(ref), config.MMD_REFERENCE_MAX, replace=False)]
    probe = ref[rng.choice(len(ref), min(len(ref), 2000), replace=False)]
    d2 = np.maximum(
        (probe**2).sum(1)[:, None] + (probe**2).sum(1)[None, :] - 2 * probe @ probe.T, 0
    )
    sigma = float(np.sqrt(np.median(d2[np.triu_indices(len(probe), 1)]))) or 1.0
    W = rng.normal(0.0, 1.0 / sigma, (X.shape[1], config.MMD_FEATURES)).astype(np.float32)
    phi_ref = _features(ref, W)
    m_ref = len(phi_ref)
    s_ref = phi_ref.sum(0)
    ref_self = (s_ref @ s_ref - m_ref) / max(m_ref * (m_ref - 1), 1)
    mu_ref = s_ref / m_ref
    sums = np.zeros((len(starts), phi_ref.shape[1]), np.float64)
    for lo in range(0, len(X), 200_000):  # bounded memory
        part = _features(X[lo : lo + 200_000], W)
        np.add.at(sums, np.searchsorted(starts, np.arange(lo, lo + len(part)), "right") - 1, part)
    m = counts.astype(np.float64)
    own = ((sums**2).sum(1) - m) / np.maximum(m * (m - 1), 1)
    mmd = own - 2 * (sums @ mu_ref) / m + ref_self
    mmd = np.where(m >= config.MMD_MIN_PROMPTS, mmd, np.nan)
    return pd.DataFrame({"account_id": account_ids[starts], "prompt_distance": mmd})


def distance(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """account_id, prompt_distance from the embeddings cached by the latest campaign run
    (needs make_account_sample); empty when campaigns have not been run."""
    run = queries.latest_campaign_run(con)
    if run is None:
        return pd.DataFrame({"account_id": [], "prompt_distance": []})
    ids, X = queries.sample_embeddings(con, run["backend"], config.MMD_PER_ACCOUNT)
    return prompt_distance(ids, X)


def account_signals(
    con: duckdb.DuckDBPyConnection,
    detector: ReasoningDetector,
    log: Log = print,
) -> pd.DataFrame:
    """Return one row per account with every signal (see the README's signal table)."""
    # both temporary tables are rebuilt: the connection may have seen earlier data
    queries.make_account_sample(con, config.SIGNAL_SAMPLE_PER_ACCOUNT)
    queries.make_account_skeletons(con)
    out = behaviour(con)
    for part in (reasoning(con, detector, log), topics(con), distance(con)):
        out = out.merge(part, on="account_id", how="left")
    return out
