"""Frames: the instruction text that repeats across requests, separated from the payload.

A frame is mined across the whole log, not per account. Each distinct (system prompt,
prompt) text is read in up to three token windows (the system prompt's head, the prompt's
head and its tail; recipes/sql.py cuts them: words, each CJK character a token, digit runs
as "0"). A token trigram that occurs in at least ``min_prompts`` distinct texts is
frequent. A *segment* is a run of at least ``min_run`` tokens every one of which lies in a
frequent trigram: a repeated instruction ("solve the following problem step by step and
show your reasoning") is one; a common phrase of ordinary questions ("what is the") is too
short to be one. Only a text's most repeated part (tokens at least ``core_ratio`` as
frequent as the text's most frequent trigram) is frame: the instruction goes with every
payload, a templated phrase of the payload with a few. A segment used by at least
``boilerplate_share`` of all accounts (a default system prompt everyone sends) says nothing
about anyone and is dropped. A text's frame is its segments in order, joined by " … "; a
text with no segment has no frame (free-form).

Frames that differ only by noise (casing, punctuation, a filler word, a reordered clause)
fall into one *family*: MinHash signatures of their token trigrams, grouped by locality-
sensitive hashing (datasketch) at Jaccard similarity ``family_jaccard`` and joined
transitively. Everything here is deterministic for a given input and vectorised (numpy,
Arrow) apart from writing out the segments' text.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

SEP = " … "
WINDOW_COLUMNS = ("s", "h", "t")  # system prompt head, prompt head, prompt tail


@dataclass
class FrameMining:
    """Result: each text's frame ("" for free-form), each frame's family (its canonical
    frame) and the number of distinct texts per frame."""

    frames: list[str]  # per input text, in input order
    family: dict[str, str]
    prompts: Counter


def _flatten(table: pa.Table) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Return (doc, window, code) per token, in order, and the vocabulary."""
    docs, wins, values = [], [], []
    n = table.num_rows
    for w, col in enumerate(WINDOW_COLUMNS):
        arr = table.column(col).combine_chunks()
        lengths = pc.fill_null(pc.list_value_length(arr), 0).to_numpy(zero_copy_only=False)
        docs.append(np.repeat(np.arange(n, dtype=np.int64), lengths))
        wins.append(np.repeat(np.arange(n, dtype=np.int64) * 3 + w, lengths))
        values.append(pc.list_flatten(arr))
    flat = pa.chunked_array([v for v in values if len(v)], type=pa.string())
    order = np.lexsort((np.concatenate(wins), np.concatenate(docs))) if len(flat) else None
    if order is None:
        return (np.zeros(0, np.int64),) * 3 + ([],)
    encoded = pc.dictionary_encode(flat).combine_chunks()
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    vocab = encoded.dictionary.to_pylist()
    doc = np.concatenate(docs)[order]
    win = np.concatenate(wins)[order]
    return doc, win, codes[order], vocab


def _starts(mask: np.ndarray, win: np.ndarray) -> np.ndarray:
    """Where a run of True values begins (a new window starts a new run)."""
    prev = np.r_[False, mask[:-1]] & np.r_[False, win[1:] == win[:-1]]
    return mask & ~prev


def _trigram_keys(codes: np.ndarray) -> np.ndarray:
    # wraps around on overflow: a hash of the three codes, collisions negligible in 64 bits
    with np.errstate(over="ignore"):
        return (
            codes[:-2] * np.int64(1_000_003) * np.int64(999_983)
            + codes[1:-1] * np.int64(1_000_003)
            + codes[2:]
        )


def mine(
    table: pa.Table,
    *,
    min_prompts: int,
    min_run: int,
    family_jaccard: float,
    text_accounts: pd.DataFrame | None = None,
    boilerplate_share: float = 1.0,
    core_ratio: float = 0.0,
    sample: int | None = None,
    seed: int = 0,
    num_perm: int = 64,
) -> FrameMining:
    """Mine frames from a table of token windows (columns s, h, t: lists of tokens; one row
    per distinct text). `text_accounts` (text, account: row number and any account key)
    lets segments used by boilerplate_share of all accounts be dropped. Trigram frequencies
    are counted on at most `sample` texts (a seeded random subset, threshold scaled)."""
    n = table.num_rows
    doc, win, codes, vocab = _flatten(table)
    frames = [""] * n
    if len(codes) < 3:
        return FrameMining(frames, {}, Counter())
    keys = _trigram_keys(codes)
    valid = win[:-2] == win[2:]
    counted = valid.copy()
    threshold = float(min_prompts)
    if sample and n > sample:
        chosen = np.zeros(n, bool)
        chosen[np.random.default_rng(seed).choice(n, sample, replace=False)] = True
        counted &= chosen[doc[:-2]]
        threshold = max(3.0, min_prompts * sample / n)
    pairs = pd.DataFrame({"d": doc[:-2][counted], "k": keys[counted]}).drop_duplicates()
    df = pairs["k"].value_counts()
    del pairs
    frequent = df[df.to_numpy() >= threshold]
    # each trigram position's frequency (0 when rare or across windows), then each token's:
    # the highest of the trigrams that cover it
    tri_df = np.where(valid, keys, 0)
    tri_df = pd.Series(tri_df).map(frequent).fillna(0).to_numpy(np.float64) * valid
    token_df = np.zeros(len(codes))
    for shift in range(3):
        seg = token_df[shift : len(codes) - 2 + shift]
        np.maximum(seg, tri_df, out=seg)
    covered = token_df > 0
    # A text's frame is its most repeated part: a fixed instruction goes with every
    # payload, a templated phrase of the payload with a few of them; tokens under
    # core_ratio of the frequency of the text's most repeated trigram are payload.
    textmax = np.zeros(n)
    np.maximum.at(textmax, doc[covered], token_df[covered])
    core = covered & (token_df >= core_ratio * textmax[doc])
    start = _starts(core, win)
    run = np.cumsum(start) - 1
    if not core.any():
        return FrameMining(frames, {}, Counter())
    lengths = np.bincount(run[core])
    firsts = np.flatnonzero(start)
    keep = np.flatnonzero(lengths >= min_run)
    seg_doc = doc[firsts[keep]]
    seg_text = [" ".join(vocab[c] for c in codes[firsts[r] : firsts[r] + lengths[r]]) for r in keep]
    segs = pd.DataFrame({"doc": seg_doc, "seg": seg_text})
    if text_accounts is not None and boilerplate_share < 1.0 and len(segs):
        users = segs.drop_duplicates().merge(text_accounts, left_on="doc", right_on="text")
        per_seg = users.drop_duplicates(["seg", "account"]).groupby("seg").size()
        total = text_accounts["account"].nunique()
        boiler = set(per_seg.index[per_seg.to_numpy() >= boilerplate_share * total])
        segs = segs[~segs["seg"].isin(boiler)]
    parts: dict[int, list[str]] = {}
    for d, text in zip(segs["doc"].tolist(), segs["seg"].tolist(), strict=True):
        parts.setdefault(d, []).append(text)
    for d, texts in parts.items():
        frames[d] = SEP.join(dict.fromkeys(texts))
    prompts = Counter(f for f in frames if f)
    return FrameMining(frames, families(prompts, family_jaccard, num_perm), prompts)


def _trigrams(toks: list[str]) -> set[tuple[str, str, str]]:
    return set(zip(toks, toks[1:], toks[2:], strict=False))


def families(prompts: Counter, jaccard: float, num_perm: int = 64) -> dict[str, str]:
    """Group frames whose token-trigram sets are alike; return frame -> its family's
    canonical frame.

    Leader clustering, so families never chain: frames are taken by the texts using them,
    most first; each joins the first family whose canonical frame it resembles (MinHash
    locality-sensitive hashing for candidates, the estimated Jaccard similarity at least
    `jaccard` to accept), or becomes the canonical frame of a new one."""
    from datasketch import MinHash, MinHashLSH

    order = sorted(prompts, key=lambda f: (-prompts[f], f))
    grams = [
        sorted({" ".join(g).encode() for g in _trigrams(f.replace(SEP, " ").split())})
        or [f.encode()]
        for f in order
    ]
    sigs = MinHash.bulk(grams, num_perm=num_perm, seed=1)
    lsh = MinHashLSH(threshold=jaccard, num_perm=num_perm)
    leader: dict[str, int] = {}
    out: dict[str, str] = {}
    for i, frame in enumerate(order):
        best = None
        for cand in lsh.query(sigs[i]):
            j = leader[cand]
            if sigs[i].jaccard(sigs[j]) >= jaccard and (best is None or j < best):
                best = j
        if best is None:
            leader[frame] = i
            lsh.insert(frame, sigs[i])
            out[frame] = frame
        else:
            out[frame] = order[best]
    return out


def frame_id(frame: str) -> str:
    """A frame's id: a short hash of its text."""
    return hashlib.md5(frame.encode()).hexdigest()[:16]
