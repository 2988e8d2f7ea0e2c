"""Stable campaign ids across refits, and the lineage of each campaign (kept, new, split,
merge, gone)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from analysis import config
from analysis.terms import NOISE


def match_ids(
    old: pd.Series, new_labels: np.ndarray, hashes: pd.Series, next_id: int, run_id: int
) -> tuple[dict[int, int], list[tuple]]:
    """Map new cluster labels to stable campaign ids; return (label -> id, lineage rows).

    `old` is prompt_hash -> campaign id of the previous map. A new cluster keeps the id of
    the old campaign with which it shares the most prompts when that is at least
    CAMPAIGN_MATCH_OVERLAP of the smaller of the two, and each old id goes to one new
    cluster at most (greedy, largest overlap first). Lineage rows (run_id, campaign_id,
    parent_id, relation, overlap) record kept, new, split, merge and gone campaigns.
    """
    prev = hashes.map(old).fillna(NOISE).astype(np.int64).to_numpy()
    new_sizes = Counter(new_labels.tolist())
    old_sizes = Counter(int(v) for v in old.to_numpy())
    pairs = Counter(
        (int(n), int(o)) for n, o in zip(new_labels, prev, strict=True) if n != NOISE and o != NOISE
    )
    mapping: dict[int, int] = {}
    taken: set[int] = set()
    ranked = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
    for (n, o), shared in ranked:
        if n in mapping or o in taken:
            continue
        if shared / min(new_sizes[n], old_sizes[o]) >= config.CAMPAIGN_MATCH_OVERLAP:
            mapping[n] = o
            taken.add(o)
    lineage: list[tuple] = []
    for n in sorted(set(new_labels.tolist()) - {NOISE}):
        if n in mapping:
            lineage.append(
                (run_id, mapping[n], mapping[n], "kept", _share(pairs, n, mapping[n], new_sizes))
            )
        else:
            mapping[n] = next_id
            next_id += 1
            lineage.append((run_id, mapping[n], None, "new", None))
    share = config.CAMPAIGN_LINEAGE_SHARE
    for (n, o), shared in sorted(pairs.items()):
        if mapping[n] == o:
            continue
        if shared / old_sizes[o] >= share:  # part of an old campaign went to another one
            rel = "split" if o in taken else "merge"
            lineage.append((run_id, mapping[n], o, rel, round(shared / old_sizes[o], 4)))
    for o in sorted(set(old_sizes) - taken - {NOISE}):
        lineage.append((run_id, o, None, "gone", None))
    return mapping, lineage


def _share(pairs: Counter, n: int, o: int, sizes: Counter) -> float:
    return round(pairs[(n, o)] / sizes[n], 4)
