"""Campaign discovery: unique prompts -> embeddings (cached) -> UMAP -> HDBSCAN -> campaigns.

Each stage is a small function with a plain interface (arrays in, arrays out) so that any
one can be swapped; `run_campaigns` reads as the list of steps and persists the results.
A campaign is a cluster of unique normalised prompts; noise is -1.
"""

from __future__ import annotations

import json
import pickle
import time
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from analysis import config, queries
from analysis.embed import Embedder, load_backend

Log = Callable[[str], None]
NOISE = -1


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


# ---------------------------------------------------------------------------
# stages
# ---------------------------------------------------------------------------


def embed_cached(
    con: duckdb.DuckDBPyConnection,
    embedder: Embedder,
    hashes: pd.Series,
    texts: pd.Series,
    log: Log = print,
    batch: int = 20_000,
) -> tuple[np.ndarray, int]:
    """Return (float32 (n, d) vectors in the order of hashes, how many were embedded now).

    Vectors come from the cache when it has them; the rest are embedded in batches,
    stored in the cache as each batch finishes (an interrupted run keeps its work).
    """
    cached = queries.cached_embeddings(con, embedder.backend_id, hashes)
    vec_of = dict(zip(cached["prompt_hash"], cached["vec"], strict=True))
    todo = [i for i, h in enumerate(hashes) if h not in vec_of]
    started = time.perf_counter()
    for lo in range(0, len(todo), batch):
        idx = todo[lo : lo + batch]
        vecs = embedder([texts.iloc[i] for i in idx])
        table = pa.table(
            {
                "backend": [embedder.backend_id] * len(idx),
                "prompt_hash": [hashes.iloc[i] for i in idx],
                "vec": pa.FixedSizeListArray.from_arrays(
                    pa.array(np.ascontiguousarray(vecs, np.float32).ravel()), vecs.shape[1]
                ).cast(pa.list_(pa.float32())),
            }
        )
        queries.insert_embeddings(con, table)
        for i, v in zip(idx, vecs, strict=True):
            vec_of[hashes.iloc[i]] = v
        done = lo + len(idx)
        rate = done / max(time.perf_counter() - started, 1e-9)
        log(f"  embedded {done:,}/{len(todo):,} new prompts ({rate:,.0f}/s)")
    X = np.vstack([np.asarray(vec_of[h], np.float32) for h in hashes]) if len(hashes) else None
    if X is None:
        X = np.zeros((0, embedder.dim), np.float32)
    return X, len(todo)


def sample_indices(n: int, size: int, seed: int) -> np.ndarray:
    """Sorted indices of a random sample of size (all of 0..n-1 when n <= size)."""
    if n <= size:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=size, replace=False))


def _fit_quietly(model, X: np.ndarray) -> np.ndarray:
    """UMAP's fit_transform as float32, without its warnings: the spectral start falls back
    from ARPACK to LOBPCG on some inputs and says so at length; the result is used either way."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=(RuntimeWarning, UserWarning))
        return model.fit_transform(X).astype(np.float32)


def reduce(X: np.ndarray, dims: int = config.UMAP_CLUSTER_DIMS, seed: int = config.CAMPAIGN_SEED):
    """UMAP (cosine) of embeddings to a few dimensions for clustering: (n, dims)."""
    import umap

    n_neighbors = min(config.UMAP_NEIGHBORS, len(X) - 1)
    model = umap.UMAP(
        n_components=dims,
        metric="cosine",
        n_neighbors=n_neighbors,
        min_dist=0.0,
        random_state=seed,
        low_memory=True,
        n_jobs=1,  # a fixed seed runs single-threaded anyway; saying so silences a warning
    )
    return _fit_quietly(model, X)


def map_2d(U: np.ndarray, seed: int = config.CAMPAIGN_SEED) -> np.ndarray:
    """UMAP of the clustering space to 2-D for the map: (n, 2)."""
    import umap

    n_neighbors = min(config.UMAP_NEIGHBORS, len(U) - 1)
    model = umap.UMAP(
        n_components=2,
        n_neighbors=n_neighbors,
        min_dist=config.UMAP_MAP_MIN_DIST,
        random_state=seed,
        low_memory=True,
        n_jobs=1,  # a fixed seed runs single-threaded anyway; saying so silences a warning
    )
    return _fit_quietly(model, U)


def min_cluster_size(n: int) -> int:
    """HDBSCAN's min_cluster_size for a sample of n prompts (smaller samples, smaller)."""
    return int(max(10, min(config.HDBSCAN_MIN_CLUSTER_SIZE, n // 200)))


def cluster(U: np.ndarray) -> np.ndarray:
    """HDBSCAN labels (noise = -1) of points in the clustering space."""
    import hdbscan

    model = hdbscan.HDBSCAN(
        min_cluster_size=min_cluster_size(len(U)),
        min_samples=min(config.HDBSCAN_MIN_SAMPLES, max(1, len(U) - 1)),
        core_dist_n_jobs=1,
    )
    return model.fit_predict(U).astype(np.int64)


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
    rows = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchall()
    if not rows or not rows[0][0]:
        return None
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in backend_id)
    return Path(rows[0][0] + ".index") / f"{safe}-run{run_id}.pkl"


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
    w = np.clip(sim, 1e-6, None)
    xy = (ref_xy[ind] * w[..., None]).sum(axis=1) / w.sum(axis=1, keepdims=True)
    neighbour_labels = ref_labels[ind]
    labels = np.empty(len(X), np.int64)
    for i in range(len(X)):
        votes: dict[int, float] = defaultdict(float)
        for lab, weight in zip(neighbour_labels[i], w[i], strict=True):
            votes[int(lab)] += float(weight)
        labels[i] = max(votes.items(), key=lambda kv: (kv[1], -kv[0]))[0]
    return xy.astype(np.float32), labels


def class_tfidf_keywords(texts: pd.Series, labels: np.ndarray, top: int) -> dict[int, list[str]]:
    """Top words per cluster by class-based TF-IDF (as BERTopic): tf of the word in the
    cluster's documents joined, times log(1 + mean words per cluster / word frequency)."""
    from sklearn.feature_extraction.text import CountVectorizer

    rng = np.random.default_rng(config.CAMPAIGN_SEED)
    docs, ids = [], []
    for lab in sorted(set(labels.tolist()) - {NOISE}):
        members = np.flatnonzero(labels == lab)
        if len(members) > config.CAMPAIGN_KEYWORD_DOCS:
            members = rng.choice(members, config.CAMPAIGN_KEYWORD_DOCS, replace=False)
        docs.append(" ".join(texts.iloc[m][:1000] for m in members))
        ids.append(lab)
    if not docs:
        return {}
    try:
        vectorizer = CountVectorizer(stop_words="english", token_pattern=r"(?u)\b[^\W\d_]{3,}\b")
        counts = vectorizer.fit_transform(docs).astype(np.float64).toarray()
    except ValueError:  # no word at all
        return {lab: [] for lab in ids}
    tf = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    idf = np.log(1 + counts.sum(axis=1).mean() / np.maximum(counts.sum(axis=0), 1))
    scores = tf * idf
    words = vectorizer.get_feature_names_out()
    return {
        lab: [words[j] for j in np.argsort(-scores[i])[:top] if scores[i, j] > 0]
        for i, lab in enumerate(ids)
    }


def profiles(
    X: np.ndarray, labels: np.ndarray, texts: pd.Series
) -> dict[int, tuple[np.ndarray, list[str]]]:
    """Per cluster: (unit centroid, texts of the prompts nearest to it)."""
    out = {}
    for lab in sorted(set(labels.tolist()) - {NOISE}):
        members = np.flatnonzero(labels == lab)
        c = X[members].mean(axis=0)
        c = c / max(float(np.linalg.norm(c)), 1e-12)
        best = members[np.argsort(-(X[members] @ c))[: config.CAMPAIGN_REPRESENTATIVES]]
        out[lab] = (c.astype(np.float32), [texts.iloc[b] for b in best])
    return out


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


# ---------------------------------------------------------------------------
# the run
# ---------------------------------------------------------------------------


def run_campaigns(
    con: duckdb.DuckDBPyConnection,
    backend: str | None = None,
    sample: int | None = None,
    refit: bool = False,
    log: Log = print,
    embedder: Embedder | None = None,
) -> RunResult:
    """Map and cluster every unique prompt of the database and store the campaigns.

    With a stored map for the same backend and few new prompts, the new ones are placed on
    that map (mode "extend"); otherwise (or with refit) UMAP and HDBSCAN are fitted again on
    a sample of at most `sample` prompts and campaign ids carried over by overlap ("fit").
    """
    started = time.perf_counter()
    embedder = embedder or load_backend(backend or config.EMBED_BACKEND)
    sample = sample or config.CAMPAIGN_FIT_SAMPLE
    run_id = queries.next_run_id(con)
    log("reading unique prompts ...")
    prompts = queries.unique_prompts(con)
    log(f"  {len(prompts):,} unique prompts")
    previous = queries.latest_campaign_run(con)
    old_map = queries.prompt_map(con)
    new_mask = ~prompts["prompt_hash"].isin(old_map["prompt_hash"])
    extendable = not refit and _can_extend(con, embedder.backend_id, previous, old_map, new_mask)
    todo = prompts[new_mask] if extendable else prompts
    log(f"embedding with {embedder.backend_id} ...")
    # The cache is committed batch by batch before the run's transaction, so a run that
    # fails later keeps the embeddings it paid for.
    X, embedded = embed_cached(con, embedder, todo["prompt_hash"], todo["text"], log)
    con.execute("BEGIN TRANSACTION")
    try:
        if extendable:
            mode = "extend"
            new_prompts = _extend_run(con, embedder, todo, X, run_id, log)
        else:
            mode = "fit"
            new_prompts = _fit_run(con, embedder, prompts, X, old_map, sample, run_id, log)
        log("aggregating campaigns by account ...")
        queries.refresh_campaign_aggregates(con, run_id)
        mapped, n_campaigns, noise = queries.map_counts(con)
        noise_share = noise / mapped if mapped else 0.0
        res = RunResult(
            run_id=run_id,
            mode=mode,
            prompts=mapped,
            new_prompts=new_prompts,
            embedded=embedded,
            campaigns=n_campaigns,
            noise_share=noise_share,
            seconds=time.perf_counter() - started,
        )
        params = {
            "sample": sample,
            "umap_neighbors": config.UMAP_NEIGHBORS,
            "umap_dims": config.UMAP_CLUSTER_DIMS,
            "min_samples": config.HDBSCAN_MIN_SAMPLES,
            "extend_neighbors": config.EXTEND_NEIGHBORS,
            "seed": config.CAMPAIGN_SEED,
        }
        row = asdict(res) | {"backend": embedder.backend_id, "params": json.dumps(params)}
        queries.insert_campaign_run(con, row)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return res


def _can_extend(con, backend_id, previous, old_map, new_mask) -> bool:
    """True when new prompts can be placed on the stored map instead of refitting it: the
    map was fitted with this backend, found campaigns, and the prompts added since that
    fit (earlier extends included) stay within CAMPAIGN_REFIT_SHARE of what it fitted."""
    if previous is None or previous["backend"] != backend_id or old_map.empty:
        return False
    fit_run = queries.latest_fit_run(con, backend_id)
    if fit_run is None or (old_map["campaign_id"] < 0).all():
        return False
    at_fit = int((old_map["run_id"] <= fit_run).sum())
    since_fit = int((old_map["run_id"] > fit_run).sum()) + int(new_mask.sum())
    return since_fit <= config.CAMPAIGN_REFIT_SHARE * at_fit


def _fit_run(con, embedder, prompts, X, old_map, sample, run_id, log) -> int:
    """Fit UMAP and HDBSCAN on a sample, place the rest, carry ids over; return prompts placed."""
    hashes, texts = prompts["prompt_hash"], prompts["text"]
    idx = sample_indices(len(prompts), sample, config.CAMPAIGN_SEED)
    in_sample = np.zeros(len(prompts), bool)
    in_sample[idx] = True
    xy = np.zeros((len(prompts), 2), np.float32)
    labels = np.full(len(prompts), NOISE, np.int64)
    if len(idx) >= config.HDBSCAN_MIN_SAMPLES * 2:
        log(f"UMAP to {config.UMAP_CLUSTER_DIMS}-D on {len(idx):,} prompts ...")
        U = reduce(X[idx])
        log("HDBSCAN ...")
        labels[idx] = cluster(U)
        log("UMAP to 2-D for the map ...")
        xy[idx] = map_2d(U)
        rest = np.flatnonzero(~in_sample)
        index = NeighbourIndex(X[idx])
        if len(rest):
            log(f"placing {len(rest):,} prompts outside the sample by their nearest neighbours ...")
            xy[rest], labels[rest] = extend(index, xy[idx], labels[idx], X[rest])
        save_index(index_path(con, embedder.backend_id, run_id), index)
    old = old_map.set_index("prompt_hash")["campaign_id"]
    mapping, lineage = match_ids(old, labels, hashes, queries.next_campaign_id(con), run_id)
    ids = np.array([mapping.get(int(lab), NOISE) for lab in labels], np.int64)
    log("keywords and representatives ...")
    created = queries.campaign_created_runs(con)
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
    queries.write_campaign_profiles(con, pd.DataFrame(rows, columns=columns))
    queries.write_lineage(con, lineage)
    queries.write_prompt_map(con, _map_rows(hashes, xy, ids, in_sample, run_id), replace=True)
    return len(prompts)


def _extend_run(con, embedder, new, X, run_id, log) -> int:
    """Place new prompts on the stored map; campaigns and their profiles stay."""
    log(f"placing {len(new):,} new prompts on the stored map ...")
    ref = queries.reference_set(con, embedder.backend_id)
    ref_X = np.vstack(ref["vec"].map(lambda v: np.asarray(v, np.float32)).to_list())
    fit_run = queries.latest_fit_run(con, embedder.backend_id)
    index = load_index(index_path(con, embedder.backend_id, fit_run), ref_X)
    xy, labels = extend(
        index, ref[["x", "y"]].to_numpy(np.float32), ref["campaign_id"].to_numpy(np.int64), X
    )
    in_sample = np.zeros(len(new), bool)
    queries.write_prompt_map(
        con, _map_rows(new["prompt_hash"], xy, labels, in_sample, run_id), replace=False
    )
    return len(new)


def _map_rows(hashes, xy, labels, in_sample, run_id) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "prompt_hash": hashes.to_numpy(),
            "x": xy[:, 0],
            "y": xy[:, 1],
            "campaign_id": labels,
            "in_sample": in_sample,
            "run_id": run_id,
        }
    )
