"""The campaign run: unique prompts -> embeddings (cached) -> framed by their recipes ->
reduce -> cluster -> map -> stable ids -> stored campaigns with names, and topics.
``run_campaigns`` reads as the list of steps; the stages are injected (defaults from
config) and the run records the parameters of those used. A campaign is a cluster of
unique normalised prompts; noise is -1.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from analysis import config, store
from analysis.campaigns import sql
from analysis.campaigns.embed import Embedder, load_backend
from analysis.campaigns.framing import (
    FrameEmbedder,
    assign_topics,
    fit_topics,
    frame_weighted,
    topic_centres,
)
from analysis.campaigns.ids import match_ids
from analysis.campaigns.neighbours import NeighbourIndex, extend, index_path, load_index, save_index
from analysis.campaigns.profiles import class_tfidf_keywords, profiles
from analysis.campaigns.stages import (
    Clusterer,
    HdbscanClusterer,
    Mapper,
    Reducer,
    default_stages,
    sample_indices,
    stage_params,
)
from analysis.terms import NOISE

Log = Callable[[str], None]


@dataclass
class RunResult:
    """What one campaign run did."""

    run_id: int
    mode: str  # fit: UMAP and HDBSCAN fitted; extend: new prompts placed on the stored map
    prompts: int
    new_prompts: int
    embedded: int
    campaigns: int
    noise_share: float
    seconds: float


def embed_cached(
    con: duckdb.DuckDBPyConnection,
    embedder: Embedder,
    hashes: pd.Series,
    texts: pd.Series,
    log: Log = print,
    batch: int = config.EMBED_CACHE_BATCH,
    noun: str = "prompts",
) -> tuple[np.ndarray, int]:
    """Return (float32 (n, d) vectors in the order of hashes, how many were embedded now).

    Vectors come from the cache when it has them; the rest are embedded in batches,
    stored in the cache as each batch finishes (an interrupted run keeps its work).
    """
    hash_of = hashes.to_numpy(object)
    X = np.zeros((len(hash_of), embedder.dim), np.float32)
    found, vecs = sql.cached_embeddings(con, embedder.backend_id, hashes, embedder.dim)
    row = pd.Series(np.arange(len(found)), index=found)
    row = row[~row.index.duplicated()].reindex(hash_of).to_numpy()
    cached = ~np.isnan(row)
    X[cached] = vecs[row[cached].astype(np.int64)]
    todo = np.flatnonzero(~cached)
    text_of = texts.to_numpy(object)
    started = time.perf_counter()
    # Each batch is written (on a cursor of its own) while the next one is embedded: DuckDB
    # lets go of the GIL. A failed write surfaces at the next result().
    with con.cursor() as cursor, ThreadPoolExecutor(max_workers=1) as writer:
        written = None
        for lo in range(0, len(todo), batch):
            idx = todo[lo : lo + batch]
            X[idx] = embedder(text_of[idx].tolist())
            table = pa.table(
                {
                    "backend": pa.repeat(embedder.backend_id, len(idx)),
                    "prompt_hash": pa.array(hash_of[idx], pa.string()),
                    "vec": pa.FixedSizeListArray.from_arrays(X[idx].ravel(), embedder.dim).cast(
                        pa.list_(pa.float32())
                    ),
                }
            )
            if written is not None:
                written.result()
            written = writer.submit(sql.insert_embeddings, cursor, table)
            done = lo + len(idx)
            rate = done / max(time.perf_counter() - started, 1e-9)
            log(f"  embedded {done:,}/{len(todo):,} new {noun} ({rate:,.0f}/s)")
        if written is not None:
            written.result()
    return X, len(todo)


@dataclass
class Framing:
    """Each framed unique prompt's recipe (recipes: index prompt_hash; recipe_id,
    frame_hash), the vector of each frame text and the frame's weight; weight None when no
    recipes are stored (or CAMPAIGN_FRAME_WEIGHT is 0): prompts then embed alone (their
    recipes are still recorded on the map)."""

    recipes: pd.DataFrame
    vectors: dict[str, np.ndarray]
    weight: float | None

    @classmethod
    def read(
        cls, con: duckdb.DuckDBPyConnection, embedder: Embedder, prompts: pd.DataFrame, log: Log
    ) -> Framing:
        """The recipes of the prompts (unique_prompts), their frames embedded (cached under
        the embedder's ':frame' backend id, committed before the run like prompt vectors)."""
        weight = config.CAMPAIGN_FRAME_WEIGHT
        framed = prompts.loc[prompts["recipe_id"].notna(), ["prompt_hash", "recipe_id"]]
        found = framed.merge(sql.recipe_frames(con), on="recipe_id")
        recipes = found.set_index("prompt_hash")[["recipe_id", "frame_hash"]]
        if found.empty or weight <= 0:
            return cls(recipes, {}, None)
        frames = found.drop_duplicates("frame_hash")
        log(f"framing {len(found):,} prompts by their recipe ({len(frames):,} frames, "
            f"weight {weight}) ...")  # fmt: skip
        F, _ = embed_cached(con, FrameEmbedder(embedder), frames["frame_hash"], frames["frame"],
                            log, noun="frames")  # fmt: skip
        return cls(recipes, dict(zip(frames["frame_hash"], F, strict=True)), weight)

    def recipe_ids(self, hashes: pd.Series) -> np.ndarray:
        """The recipe of each prompt (None without one)."""
        ids = self.recipes["recipe_id"].reindex(hashes.to_numpy())
        return ids.astype(object).where(ids.notna(), None).to_numpy()

    def apply(self, hashes: pd.Series, X: np.ndarray) -> np.ndarray:
        """X (prompt vectors in the order of hashes) with the rows of framed prompts
        frame-weighted; X itself without recipes."""
        if self.weight is None or not len(X):
            return X
        frame_hash = self.recipes["frame_hash"].reindex(hashes.to_numpy())
        framed = frame_hash.notna().to_numpy()
        if not framed.any():
            return X
        hashes_of_frames = pd.Index(list(self.vectors))
        table = np.vstack(list(self.vectors.values()))
        F = table[hashes_of_frames.get_indexer(frame_hash[framed].to_numpy())]
        return frame_weighted(X, F, framed, self.weight)


def run_campaigns(
    con: duckdb.DuckDBPyConnection,
    embedder: Embedder | None = None,
    reducer: Reducer | None = None,
    clusterer: Clusterer | None = None,
    mapper: Mapper | None = None,
    *,
    backend: str | None = None,
    sample: int | None = None,
    refit: bool = False,
    log: Log = print,
) -> RunResult:
    """Map and cluster every unique prompt of the database and store the campaigns.

    With a stored map for the same backend and few new prompts, the new ones are placed on
    that map (mode "extend"); otherwise (or with refit) the reducer, clusterer and mapper
    are fitted again on a sample of at most `sample` prompts and campaign ids carried over
    by overlap ("fit"). Stages left out are the defaults of config (UMAP, HDBSCAN, UMAP);
    the embedder defaults to `backend` (else config.EMBED_BACKEND). When the recipe stage
    has stored recipes, a prompt carrying a frame is clustered by its frame-weighted vector
    (see Framing); without recipes every prompt embeds alone. Each campaign is named (its
    majority recipe's label, else its keywords) and each prompt gets a topic of its own text.
    """
    started = time.perf_counter()
    embedder = embedder or load_backend(backend or config.EMBED_BACKEND)
    sample = sample or config.CAMPAIGN_FIT_SAMPLE
    run_id = sql.next_run_id(con)
    log("reading unique prompts ...")
    prompts = sql.unique_prompts(con)
    log(f"  {len(prompts):,} unique prompts")
    previous = sql.latest_campaign_run(con)
    old_map = sql.prompt_map(con)
    new_mask = ~prompts["prompt_hash"].isin(old_map["prompt_hash"])
    framing = Framing.read(con, embedder, prompts, log)
    if clusterer is None and framing.weight is not None:  # framed: finer clusters (config)
        clusterer = HdbscanClusterer(max_min_cluster_size=config.HDBSCAN_FRAMED_MIN_CLUSTER_SIZE)
    stages = default_stages(reducer, clusterer, mapper)
    extendable = not refit and _can_extend(
        con, embedder.backend_id, framing.weight, previous, old_map, new_mask
    )
    todo = prompts[new_mask] if extendable else prompts
    log(f"embedding with {embedder.backend_id} ...")
    # The cache is committed batch by batch before the run's transaction, so a run that
    # fails later keeps the embeddings it paid for.
    X, embedded = embed_cached(con, embedder, todo["prompt_hash"], todo["text"], log)
    with store.transaction(con):
        if extendable:
            mode = "extend"
            new_prompts = _extend_run(con, embedder, framing, todo, X, run_id, log)
        else:
            mode = "fit"
            new_prompts = _fit_run(
                con, embedder, stages, framing, prompts, X, old_map, sample, run_id, log
            )
        log("aggregating campaigns by account ...")
        sql.refresh_campaign_aggregates(con, run_id, config.CAMPAIGN_NAME_KEYWORDS)
        mapped, n_campaigns, noise = sql.map_counts(con)
        res = RunResult(
            run_id=run_id,
            mode=mode,
            prompts=mapped,
            new_prompts=new_prompts,
            embedded=embedded,
            campaigns=n_campaigns,
            noise_share=noise / mapped if mapped else 0.0,
            seconds=time.perf_counter() - started,
        )
        params = {
            "sample": sample,
            "reducer": stage_params(stages[0]),
            "clusterer": stage_params(stages[1]),
            "mapper": stage_params(stages[2]),
            "extend_neighbors": config.EXTEND_NEIGHBORS,
            "seed": config.CAMPAIGN_SEED,
            "frame_weight": framing.weight,
            "topics": config.CAMPAIGN_TOPICS,
        }
        row = asdict(res) | {"backend": embedder.backend_id, "params": json.dumps(params)}
        sql.insert_campaign_run(con, row)
    return res


def _can_extend(con, backend_id, frame_weight, previous, old_map, new_mask) -> bool:
    """True when new prompts can be placed on the stored map instead of refitting it: the
    map was fitted with this backend and the same framing (recipes or none, one weight),
    found campaigns, and the prompts added since that fit (earlier extends included) stay
    within CAMPAIGN_REFIT_SHARE of what it fitted."""
    if previous is None or previous["backend"] != backend_id or old_map.empty:
        return False
    fit_run = sql.latest_fit_run(con, backend_id)
    if fit_run is None or (old_map["campaign_id"] < 0).all():
        return False
    if sql.run_params(con, fit_run).get("frame_weight") != frame_weight:
        return False
    at_fit = int((old_map["run_id"] <= fit_run).sum())
    since_fit = int((old_map["run_id"] > fit_run).sum()) + int(new_mask.sum())
    return since_fit <= config.CAMPAIGN_REFIT_SHARE * at_fit


def _timed(log: Log, done: str, fn, *args):
    """Run fn(*args), then log what was done and how long it took; return its result."""
    started = time.perf_counter()
    out = fn(*args)
    log(f"{done} ({time.perf_counter() - started:.1f} s)")
    return out


def _fit_run(con, embedder, stages, framing, prompts, X, old_map, sample, run_id, log) -> int:
    """Fit the stages on a sample, place the rest, carry ids over, fit the topics; return
    prompts placed."""
    hashes, texts = prompts["prompt_hash"], prompts["text"]
    idx = sample_indices(len(prompts), sample, config.CAMPAIGN_SEED)
    topics = _timed(log, f"topics of the prompt text ({config.CAMPAIGN_TOPICS})",
                    _fit_topics, X, idx)  # fmt: skip
    X = framing.apply(hashes, X)
    in_sample = np.zeros(len(prompts), bool)
    in_sample[idx] = True
    xy = np.zeros((len(prompts), 2), np.float32)
    labels = np.full(len(prompts), NOISE, np.int64)
    reducer, clusterer, mapper = stages
    if len(idx) >= config.HDBSCAN_MIN_SAMPLES * 2:
        U = _timed(log, f"reduced {len(idx):,} prompts ({type(reducer).__name__})",
                   reducer.fit_transform, X[idx])  # fmt: skip
        labels[idx] = _timed(log, f"clustered ({type(clusterer).__name__})",
                             clusterer.fit_predict, U)  # fmt: skip
        xy[idx] = _timed(log, f"2-D map ({type(mapper).__name__})", mapper.fit_transform, U)
        rest = np.flatnonzero(~in_sample)
        index = NeighbourIndex(X[idx])
        if len(rest):
            xy[rest], labels[rest] = _timed(
                log, f"placed {len(rest):,} prompts outside the sample by their nearest neighbours",
                extend, index, xy[idx], labels[idx], X[rest],
            )  # fmt: skip
        save_index(index_path(con, embedder.backend_id, run_id), index)
    old = old_map.set_index("prompt_hash")["campaign_id"]
    mapping, lineage = match_ids(old, labels, hashes, sql.next_campaign_id(con), run_id)
    ids = np.array([mapping.get(int(lab), NOISE) for lab in labels], np.int64)
    log("keywords and representatives ...")
    created = sql.campaign_created_runs(con)
    words = class_tfidf_keywords(texts, ids, config.CAMPAIGN_KEYWORDS)
    columns = [
        "campaign_id",
        "keywords",
        "representatives",
        "centroid",
        "created_run",
        "fitted_run",
    ]
    rows = [
        (cid, words.get(cid, []), reps, centroid.tolist(), created.get(cid, run_id), run_id)
        for cid, (centroid, reps) in profiles(X, ids, texts).items()
    ]
    sql.write_campaign_profiles(con, pd.DataFrame(rows, columns=columns))
    sql.write_lineage(con, lineage)
    topic_words = class_tfidf_keywords(texts, topics, config.CAMPAIGN_KEYWORDS)
    sql.write_topics(
        con,
        pd.DataFrame(
            [(t, ", ".join(w[: config.CAMPAIGN_NAME_KEYWORDS]), w, run_id)
             for t, w in sorted(topic_words.items())],
            columns=["topic", "name", "keywords", "run_id"],
        ),
    )  # fmt: skip
    rows = _map_rows(hashes, xy, ids, in_sample, run_id, framing.recipe_ids(hashes), topics)
    sql.write_prompt_map(con, rows, replace=True)
    return len(prompts)


def _fit_topics(X: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Each prompt's topic: MiniBatchKMeans of the prompt-only embeddings of the sample."""
    centres = fit_topics(X[idx], config.CAMPAIGN_TOPICS, config.CAMPAIGN_SEED)
    return assign_topics(X, centres)


def _extend_run(con, embedder, framing, new, X, run_id, log) -> int:
    """Place new prompts on the stored map; campaigns and their profiles stay. The reference
    set is framed by the recipes as they are now; each new prompt's topic is the nearest
    mean of the reference set's topics."""
    log(f"placing {len(new):,} new prompts on the stored map ...")
    ref = sql.reference_set(con, embedder.backend_id)
    ref_P = np.vstack(ref["vec"].map(lambda v: np.asarray(v, np.float32)).to_list())
    ref_X = framing.apply(ref["prompt_hash"], ref_P)
    fit_run = sql.latest_fit_run(con, embedder.backend_id)
    index = load_index(index_path(con, embedder.backend_id, fit_run), ref_X)
    xy, labels = extend(
        index, ref[["x", "y"]].to_numpy(np.float32), ref["campaign_id"].to_numpy(np.int64),
        framing.apply(new["prompt_hash"], X),
    )  # fmt: skip
    ids, centres = topic_centres(ref_P, ref["topic"])
    topics = ids[assign_topics(X, centres)] if len(ids) else [None] * len(new)
    in_sample = np.zeros(len(new), bool)
    hashes = new["prompt_hash"]
    rows = _map_rows(hashes, xy, labels, in_sample, run_id, framing.recipe_ids(hashes), topics)
    sql.write_prompt_map(con, rows, replace=False)
    return len(new)


def _map_rows(hashes, xy, labels, in_sample, run_id, recipe_ids, topics) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "prompt_hash": hashes.to_numpy(),
            "x": xy[:, 0],
            "y": xy[:, 1],
            "campaign_id": labels,
            "in_sample": in_sample,
            "run_id": run_id,
            "recipe_id": pd.Series(recipe_ids, dtype=object),
            "topic": pd.array(topics, dtype="Int64"),
        }
    )
