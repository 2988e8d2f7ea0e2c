"""Placing prompts on a fitted map: nearest rows of the fitted sample (exact, or an
approximate pynndescent index kept beside the database for re-runs) and the
similarity-weighted majority label and mean position of those neighbours."""

from __future__ import annotations

import pickle
from pathlib import Path

import duckdb
import numpy as np

from analysis import config, store
from analysis.campaigns.stages import cache_compiled_code


class NeighbourIndex:
    """Nearest rows of a reference set (unit vectors) by cosine similarity.

    Exact (chunked matrix products) for small problems; above EXACT_PAIRS an approximate
    pynndescent index, built once and reusable (it pickles, see save_index/load_index).
    """

    EXACT_PAIRS = 2e8

    def __init__(self, ref: np.ndarray, index=None):
        self.ref = ref
        self.index_ = index

    def query(self, X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Return (indices (n, k), cosine similarities (n, k)) of the nearest reference rows."""
        k = min(k, len(self.ref))
        if self.index_ is None and len(X) * len(self.ref) > self.EXACT_PAIRS:
            import pynndescent

            cache_compiled_code()
            self.index_ = pynndescent.NNDescent(
                self.ref, metric="cosine", random_state=config.CAMPAIGN_SEED, n_jobs=1
            )
        if self.index_ is not None:
            ind, dist = self.index_.query(X, k=k)
            return ind, 1.0 - dist
        inds, sims = [], []
        for lo in range(0, len(X), 2048):
            s = X[lo : lo + 2048] @ self.ref.T
            part = np.argpartition(-s, k - 1, axis=1)[:, :k].copy()  # not a view of s
            inds.append(part)
            sims.append(np.take_along_axis(s, part, axis=1))
        return np.vstack(inds), np.vstack(sims)


def index_path(con: duckdb.DuckDBPyConnection, backend_id: str, run_id: int) -> Path | None:
    """Where the neighbour index of a fit is kept: a folder beside the database file."""
    db = store.database_path(con)
    if db is None:
        return None
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in backend_id)
    return Path(str(db) + ".index") / f"{safe}-run{run_id}.pkl"


def save_index(path: Path | None, index: NeighbourIndex) -> None:
    """Keep a fitted approximate index for later re-runs (nothing to keep when exact)."""
    if path is None or index.index_ is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_bytes(pickle.dumps(index.index_))
    partial.replace(path)


def load_index(path: Path | None, ref: np.ndarray) -> NeighbourIndex:
    """The kept index of a fit for the reference set (built anew if it is missing).

    The file is written by this tool beside its own database; like the database itself
    it must come from a trusted place.
    """
    if path is not None and path.exists():
        try:
            return NeighbourIndex(ref, pickle.loads(path.read_bytes()))
        except Exception:  # an unreadable or stale index is rebuilt, never fatal
            pass
    return NeighbourIndex(ref)


def extend(
    ref_X: np.ndarray | NeighbourIndex,
    ref_xy: np.ndarray,
    ref_labels: np.ndarray,
    X: np.ndarray,
    k: int = config.EXTEND_NEIGHBORS,
) -> tuple[np.ndarray, np.ndarray]:
    """Place prompts outside the fitted sample: (xy (n, 2), labels (n,)).

    Each takes the similarity-weighted majority label of its k nearest sampled prompts
    (noise when noise wins) and their similarity-weighted mean map position.
    """
    if len(X) == 0:
        return np.zeros((0, 2), np.float32), np.zeros(0, np.int64)
    index = ref_X if isinstance(ref_X, NeighbourIndex) else NeighbourIndex(ref_X)
    ind, sim = index.query(X, k)
    w = np.clip(sim, 1e-6, None).astype(np.float64)
    xy = (ref_xy[ind] * w[..., None]).sum(axis=1) / w.sum(axis=1, keepdims=True)
    return xy.astype(np.float32), weighted_vote(ref_labels[ind], w)


def weighted_vote(labels: np.ndarray, weights: np.ndarray, chunk: int = 65_536) -> np.ndarray:
    """(n,) int64: per row of labels (n, k), the label with the largest summed weight (the
    smallest label on a tie)."""
    labels = np.asarray(labels, np.int64)
    out = np.empty(len(labels), np.int64)
    for lo in range(0, len(labels), chunk):
        L, W = labels[lo : lo + chunk], weights[lo : lo + chunk]
        # total weight of each neighbour's label: (rows, k, k) same-label mask times weights
        total = ((L[:, :, None] == L[:, None, :]) * W[:, None, :]).sum(axis=2)
        best = total >= total.max(axis=1, keepdims=True)
        out[lo : lo + chunk] = np.where(best, L, np.iinfo(np.int64).max).min(axis=1)
    return out
