"""The recipe run: distinct texts -> frames (frames.py) -> families -> recipes with their
shape, names, keywords and stable ids -> stored tables.

A recipe is a frame family with its request shape (single-turn share, JSON-answer share,
typical max_tokens and temperature, stored with it). The shape describes the recipe rather
than splitting it: one harvest's answers are not all in one format, and splitting on them
would cut one recipe into pieces.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis import config
from analysis.recipes import frames as F
from analysis.recipes import sql

Log = Callable[[str], None]


@dataclass
class RecipeResult:
    """What a recipe run stored."""

    run_id: int
    recipes: pd.DataFrame
    framed_requests: int
    requests: int
    seconds: float


def params() -> dict:
    """The tunables of a run (recorded with it)."""
    return {
        "min_prompts": config.RECIPE_MIN_PROMPTS,
        "min_run": config.RECIPE_MIN_RUN,
        "window": config.RECIPE_WINDOW,
        "sample": config.RECIPE_SAMPLE,
        "family_jaccard": config.RECIPE_FAMILY_JACCARD,
        "boilerplate_share": config.RECIPE_BOILERPLATE_SHARE,
        "core_ratio": config.RECIPE_CORE_RATIO,
    }


def label(frame: str, words: int = config.RECIPE_LABEL_WORDS) -> str:
    """A short name from a frame's first words ("solve the following problem step by …")."""
    toks = frame.replace(F.SEP, " ").split()
    return " ".join(toks[:words]) + (" …" if len(toks) > words else "")


def keywords(variants: Counter, k: int = config.RECIPE_KEYWORDS) -> list[str]:
    """The words of a family's frames, weighted by the texts that use each frame, without
    stop words and single characters of Latin script."""
    counts: Counter = Counter()
    for frame, n in variants.items():
        for tok in set(frame.replace(F.SEP, " ").split()):
            if tok in ENGLISH_STOP_WORDS or tok == "0" or (len(tok) < 3 and tok.isascii()):
                continue
            counts[tok] += n
    return [t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


def stable_ids(families: dict[str, Counter], old: pd.DataFrame) -> dict[str, str]:
    """Map each family (canonical frame -> its frames with text counts) to a recipe id.

    A family keeps the id of the old recipe whose frames it shares most texts with (each old
    id goes to one family, largest first); otherwise its id is 'r' and a short hash of its
    canonical frame."""
    old_of = dict(zip(old["frame"], old["recipe_id"], strict=True)) if len(old) else {}
    offers = []
    for canon, variants in families.items():
        shared: Counter = Counter()
        for frame, n in variants.items():
            if frame in old_of:
                shared[old_of[frame]] += n
        offers += [(n, canon, rid) for rid, n in shared.items()]
    out: dict[str, str] = {}
    taken: set[str] = set()
    for _, canon, rid in sorted(offers, key=lambda t: (-t[0], t[1], t[2])):
        if canon not in out and rid not in taken:
            out[canon] = rid
            taken.add(rid)
    used = set(old_of.values())
    for canon in sorted(families):
        if canon not in out:
            rid = "r" + hashlib.md5(canon.encode()).hexdigest()[:8]
            while rid in used or rid in taken:
                rid = "r" + hashlib.md5(rid.encode()).hexdigest()[:8]
            out[canon] = rid
            taken.add(rid)
    return out


def run_recipes(con: duckdb.DuckDBPyConnection, log: Log = print) -> RecipeResult:
    """Mine frames across the whole log, group them into recipes and store them (replacing
    the previous run's tables in one transaction)."""
    started = time.perf_counter()
    requests = sql.request_count(con)
    if not requests:
        raise ValueError("the database holds no requests: ingest logs first")
    windows = sql.token_windows(con, config.RECIPE_WINDOW)
    keys = windows.column("text_key").to_pandas()
    log(f"recipes: {len(keys):,} distinct texts from {requests:,} requests ...")
    owners = sql.text_accounts(con)
    owners = pd.DataFrame(
        {"text": owners["text_key"].map(pd.Series(range(len(keys)), index=keys)),
         "account": owners["account_id"]}
    )  # fmt: skip
    mined = F.mine(
        windows,
        min_prompts=config.RECIPE_MIN_PROMPTS,
        min_run=config.RECIPE_MIN_RUN,
        family_jaccard=config.RECIPE_FAMILY_JACCARD,
        text_accounts=owners,
        boilerplate_share=config.RECIPE_BOILERPLATE_SHARE,
        core_ratio=config.RECIPE_CORE_RATIO,
        sample=config.RECIPE_SAMPLE,
    )
    log(f"  {len(mined.prompts):,} frames in {time.perf_counter() - started:.1f} s")
    families: dict[str, Counter] = {}
    for frame, n in mined.prompts.items():
        families.setdefault(mined.family[frame], Counter())[frame] = n
    ids = stable_ids(families, sql.old_recipe_frames(con))
    text_families = pd.DataFrame({"text_key": keys, "frame": mined.frames}).query("frame != ''")
    text_families["family"] = text_families["frame"].map(mined.family)
    stats = sql.family_stats(con, text_families[["text_key", "family"]])
    recipes = stats.rename(columns={"family": "frame"})
    recipes["recipe_id"] = recipes["frame"].map(ids)
    recipes["label"] = recipes["frame"].map(label)
    recipes["variants"] = recipes["frame"].map(
        lambda c: [f for f, _ in families[c].most_common(config.CAMPAIGN_REPRESENTATIVES)]
    )
    recipes["keywords"] = recipes["frame"].map(lambda c: keywords(families[c]))
    recipes = recipes.sort_values(["requests", "recipe_id"], ascending=[False, True])
    frames = pd.DataFrame(
        [
            (F.frame_id(f), ids[canon], f, n)
            for canon, variants in families.items()
            for f, n in variants.items()
        ],
        columns=["frame_id", "recipe_id", "frame", "prompts"],
    )
    text_recipes = pd.DataFrame(
        {"text_key": text_families["text_key"], "recipe_id": text_families["family"].map(ids)}
    )
    run = {
        "run_id": sql.next_run_id(con),
        "texts": len(keys),
        "framed_texts": len(text_families),
        "requests": requests,
        "params": params(),
    }
    run["seconds"] = time.perf_counter() - started
    framed = sql.write_recipes(con, run, recipes, frames, text_recipes)
    seconds = time.perf_counter() - started
    log(
        f"recipes: {len(recipes):,} recipes; {framed:,} of {requests:,} requests framed "
        f"({framed / requests:.0%}) in {seconds:.1f} s (run {run['run_id']})"
    )
    return RecipeResult(run["run_id"], recipes.reset_index(drop=True), framed, requests, seconds)
