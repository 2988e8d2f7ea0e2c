"""The stages that compute account signals: behaviour (one SQL query whose columns come
from the signal table), reasoning elicitation, topics, and the distance of an account's
prompts from the population's.

``account_signals`` returns one row per account; every column is a signal of
detection/signals.py. Each stage takes the Inputs of a DetectionRun (the connection with
the run's temp tables on it), so it cannot run before they exist.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from analysis import config
from analysis.campaigns import sql as campaign_sql
from analysis.detection import signals, sql
from analysis.detection.inputs import Inputs
from analysis.detection.request_types import (
    STEP_MARKER,
    TYPES,
    WORKED_CALCULATION,
    RequestTypeClassifier,
    update_scores,
)

Log = Callable[[str], None]


def behaviour(inputs: Inputs) -> pd.DataFrame:
    """account_id and every behaviour signal of the signal table (volume, pace, automation,
    tokens, sampling, infrastructure, templates, releases), per account."""
    columns = [(s.name, s.sql) for s in signals.behaviour()]
    return sql.account_features(inputs.con, columns)


# the share columns of the request types (request_types.TYPES)
TYPE_COLUMNS = {"reasoning": "reasoning_share", "judging": "judging_share", "tool": "tool_share"}
ANY_WANTED = "reasoning_or_judging_share"  # a sampled prompt of either type
TRACE = "trace_share"  # a sampled response that is a worked trace (request_types)


def reasoning(inputs: Inputs, classifier: RequestTypeClassifier, log: Log = print) -> pd.DataFrame:
    """account_id, sampled_prompts and the share of each request type (reasoning_share,
    judging_share, tool_share, and reasoning_or_judging_share of either; trace_share of
    worked-trace responses): scores the sampled prompts and system prompts not scored by
    this classifier yet, then reads them."""
    update_scores(inputs.con, classifier, log)
    detectors = {TYPE_COLUMNS[k]: classifier.detector_id(k) for k in TYPES}
    return sql.account_request_types(
        inputs.con, detectors, config.REQUEST_TYPE_THRESHOLD,
        config.REQUEST_TYPE_SYSTEM_THRESHOLD, think_column=TYPE_COLUMNS["reasoning"],
        any_of=(ANY_WANTED, (TYPE_COLUMNS["reasoning"], TYPE_COLUMNS["judging"])),
        trace=(TRACE, WORKED_CALCULATION, STEP_MARKER),
    )  # fmt: skip


def topics(inputs: Inputs) -> pd.DataFrame:
    """account_id, campaigns_touched, topic_breadth, noise_share (empty without campaigns)."""
    return sql.account_topics(inputs.con)


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


def distance(inputs: Inputs) -> pd.DataFrame:
    """account_id, prompt_distance from the embeddings cached by the latest campaign run;
    empty when campaigns have not been run."""
    run = campaign_sql.latest_campaign_run(inputs.con)
    if run is None:
        return pd.DataFrame({"account_id": [], "prompt_distance": []})
    ids, X = sql.sample_embeddings(inputs.con, run["backend"], config.MMD_PER_ACCOUNT)
    return prompt_distance(ids, X)


def account_signals(
    inputs: Inputs, detector: RequestTypeClassifier, log: Log = print
) -> pd.DataFrame:
    """Return one row per account with every signal of the signal table: behaviour, then
    the content stages in the order reasoning, topics, distance."""
    out = behaviour(inputs)
    for part in (reasoning(inputs, detector, log), topics(inputs), distance(inputs)):
        out = out.merge(part, on="account_id", how="left")
    return out
