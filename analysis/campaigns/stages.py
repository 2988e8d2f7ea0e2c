"""The swappable stages of campaign discovery, in the BERTopic manner: a reducer
(embeddings -> a few dimensions), a clusterer (labels, noise = -1) and a mapper (2-D map
positions). Each is a small object with ``fit_transform`` / ``fit_predict`` and
``params()``; the defaults (UMAP, HDBSCAN, UMAP) are built from config in one place, and
a run records the parameters of the objects it actually used."""

from __future__ import annotations

import warnings
from typing import Protocol

import numpy as np

from analysis import config


class Reducer(Protocol):
    """Embeddings (n, d) -> a clustering space (n, k)."""

    def fit_transform(self, X: np.ndarray) -> np.ndarray: ...

    def params(self) -> dict: ...


class Clusterer(Protocol):
    """Points (n, k) -> labels (n,) int64, noise = -1."""

    def fit_predict(self, U: np.ndarray) -> np.ndarray: ...

    def params(self) -> dict: ...


class Mapper(Protocol):
    """Points of the clustering space (n, k) -> map positions (n, 2)."""

    def fit_transform(self, U: np.ndarray) -> np.ndarray: ...

    def params(self) -> dict: ...


_CACHING: set[str] = set()


def tolerant_cache(cache) -> None:
    """Make a numba cache's writes and reads never fail the compile they serve: numba
    cannot serialise some specialisations (seen: "ReferenceError: underlying object has
    vanished" while saving a UMAP function compiled for a new input shape, which failed a
    campaigns run); such a function is then compiled in memory, as without the cache."""
    save, load = cache.save_overload, cache.load_overload

    def save_overload(sig, data):
        try:
            save(sig, data)
        except Exception:  # a cache write is an optimisation only
            warnings.warn("numba could not cache a compiled function", RuntimeWarning, 2)

    def load_overload(sig, target_context):
        try:
            return load(sig, target_context)
        except Exception:  # an unreadable entry is compiled again
            return None

    cache.save_overload, cache.load_overload = save_overload, load_overload


def cache_compiled_code(packages: tuple[str, ...] = ("umap", "pynndescent")) -> int:
    """Turn on numba's on-disk cache (config.NUMBA_CACHE_DIR) for every jitted function of
    the packages, once per process; return how many were turned on now. umap and
    pynndescent mark only some functions cache=True, so without this every process compiles
    the rest again before its first fit (measured: the first test fitting UMAP took 18.9 s
    with the cache folder alone, 3.6 s with every function cached). A function numba
    cannot cache (nn_descent) only warns and is compiled as before."""
    import importlib
    import pkgutil

    from numba.core.errors import NumbaWarning
    from numba.core.registry import CPUDispatcher

    # a function numba cannot cache says so once; it is compiled in memory as before
    warnings.filterwarnings("ignore", "Cannot cache compiled function", NumbaWarning)
    count = 0
    for name in packages:
        if name in _CACHING:
            continue
        _CACHING.add(name)
        package = importlib.import_module(name)
        for info in pkgutil.walk_packages(package.__path__, name + "."):
            if any(part in info.name for part in ("plot", "parametric", "aligned", "tests")):
                continue  # optional extras (matplotlib, tensorflow) and test modules
            try:
                module = importlib.import_module(info.name)
            except ImportError:
                continue
            for value in vars(module).values():
                if isinstance(value, CPUDispatcher) and type(value._cache).__name__ == "NullCache":
                    value.enable_caching()
                    tolerant_cache(value._cache)
                    count += 1
    return count


def sample_indices(n: int, size: int, seed: int) -> np.ndarray:
    """Sorted indices of a random sample of size (all of 0..n-1 when n <= size)."""
    if n <= size:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=size, replace=False))


def fit_quietly(model, X: np.ndarray) -> np.ndarray:
    """UMAP's fit_transform as float32, without its warnings: the spectral start falls back
    from ARPACK to LOBPCG on some inputs and says so at length; the result is used either way."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=(RuntimeWarning, UserWarning))
        return model.fit_transform(X).astype(np.float32)


def place_by_neighbours(
    ref: np.ndarray, ref_out: np.ndarray, X: np.ndarray, k: int = config.EXTEND_NEIGHBORS
) -> np.ndarray:
    """(n, d) float32: each row of X at the inverse-distance-weighted mean of ref_out over its
    k nearest rows of ref (Euclidean, exact: a k-d tree suits the few dimensions here)."""
    from sklearn.neighbors import NearestNeighbors

    k = min(k, len(ref))
    dist, ind = NearestNeighbors(n_neighbors=k).fit(ref).kneighbors(X)
    w = 1.0 / np.maximum(dist, 1e-6)
    out = (ref_out[ind] * w[..., None]).sum(axis=1) / w.sum(axis=1, keepdims=True)
    return out.astype(np.float32)


class UmapProjection:
    """UMAP of points to `dims` dimensions (a reducer or a mapper). With fit_sample, UMAP is
    fitted on a seeded sample of at most that many points and every other point is placed
    at the weighted mean position of its nearest fitted points (place_by_neighbours).
    n_epochs replaces UMAP's default for fits of at least epochs_from points; init is
    UMAP's ("spectral", "pca", ...)."""

    def __init__(
        self,
        dims: int,
        metric: str,
        min_dist: float,
        n_neighbors: int,
        seed: int,
        fit_sample: int | None = None,
        init: str = "spectral",
        n_epochs: int | None = None,
        epochs_from: int = 0,
    ):
        self.dims = dims
        self.metric = metric
        self.min_dist = min_dist
        self.n_neighbors = n_neighbors
        self.seed = seed
        self.fit_sample = fit_sample
        self.init = init
        self.n_epochs = n_epochs
        self.epochs_from = epochs_from

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        """(n, dims) float32."""
        if self.fit_sample is None or len(X) <= self.fit_sample:
            return self._fit(X)
        fit = sample_indices(len(X), self.fit_sample, self.seed)
        rest = np.setdiff1d(np.arange(len(X)), fit)
        out = np.empty((len(X), self.dims), np.float32)
        out[fit] = self._fit(X[fit])
        out[rest] = place_by_neighbours(X[fit], out[fit], X[rest])
        return out

    def _fit(self, X: np.ndarray) -> np.ndarray:
        import umap

        cache_compiled_code()
        model = umap.UMAP(
            n_components=self.dims,
            metric=self.metric,
            n_neighbors=min(self.n_neighbors, len(X) - 1),
            min_dist=self.min_dist,
            random_state=self.seed,
            init=self.init,
            # UMAP's default (None) is 200 epochs above 10,000 points and 500 below
            n_epochs=self.n_epochs if len(X) >= self.epochs_from else None,
            low_memory=True,
            n_jobs=1,  # a fixed seed runs single-threaded anyway; saying so silences a warning
        )
        return fit_quietly(model, X)

    def params(self) -> dict:
        out = {"kind": "umap", "dims": self.dims, "metric": self.metric,
               "min_dist": self.min_dist, "n_neighbors": self.n_neighbors,
               "seed": self.seed}  # fmt: skip
        if self.fit_sample is not None:
            out["fit_sample"] = self.fit_sample
        if self.init != "spectral":  # UMAP's default
            out["init"] = self.init
        if self.n_epochs is not None:
            out["n_epochs"] = self.n_epochs
            out["epochs_from"] = self.epochs_from
        return out


class UmapReducer(UmapProjection):
    """UMAP (cosine) of embeddings to a few dimensions for clustering; min_dist 0 packs
    clusters tight for HDBSCAN."""

    def __init__(
        self,
        dims: int = config.UMAP_CLUSTER_DIMS,
        n_neighbors: int = config.UMAP_NEIGHBORS,
        seed: int = config.CAMPAIGN_SEED,
        init: str = config.UMAP_CLUSTER_INIT,
        n_epochs: int | None = config.UMAP_CLUSTER_EPOCHS,
        epochs_from: int = config.UMAP_CLUSTER_EPOCHS_FROM,
    ):
        super().__init__(
            dims, "cosine", 0.0, n_neighbors, seed, init=init, n_epochs=n_epochs,
            epochs_from=epochs_from,
        )  # fmt: skip


class UmapMapper(UmapProjection):
    """UMAP of the clustering space to 2-D for the map (spread a little: legible), fitted on
    at most fit_sample points (the rest placed by their neighbours in the clustering space)."""

    def __init__(
        self,
        n_neighbors: int = config.UMAP_NEIGHBORS,
        min_dist: float = config.UMAP_MAP_MIN_DIST,
        seed: int = config.CAMPAIGN_SEED,
        fit_sample: int | None = config.UMAP_MAP_FIT_SAMPLE,
        init: str = config.UMAP_MAP_INIT,
        n_epochs: int | None = config.UMAP_MAP_EPOCHS,
    ):
        super().__init__(
            2, "euclidean", min_dist, n_neighbors, seed, fit_sample, init, n_epochs,
            epochs_from=fit_sample or 0,
        )  # fmt: skip


def min_cluster_size(n: int, largest: int = config.HDBSCAN_MIN_CLUSTER_SIZE) -> int:
    """HDBSCAN's min_cluster_size for a sample of n prompts (smaller samples, smaller)."""
    return int(max(10, min(largest, n // 200)))


class HdbscanClusterer:
    """HDBSCAN labels (noise = -1); min_cluster_size scales with the sample (see
    min_cluster_size), min_samples is fixed."""

    def __init__(
        self,
        max_min_cluster_size: int = config.HDBSCAN_MIN_CLUSTER_SIZE,
        min_samples: int = config.HDBSCAN_MIN_SAMPLES,
    ):
        self.max_min_cluster_size = max_min_cluster_size
        self.min_samples = min_samples

    def fit_predict(self, U: np.ndarray) -> np.ndarray:
        """(n,) int64 labels."""
        import hdbscan

        self.min_cluster_size_ = min_cluster_size(len(U), self.max_min_cluster_size)
        model = hdbscan.HDBSCAN(
            min_cluster_size=self.min_cluster_size_,
            min_samples=min(self.min_samples, max(1, len(U) - 1)),
            core_dist_n_jobs=1,
        )
        return model.fit_predict(U).astype(np.int64)

    def params(self) -> dict:
        out = {"kind": "hdbscan", "min_samples": self.min_samples,
               "max_min_cluster_size": self.max_min_cluster_size}  # fmt: skip
        if hasattr(self, "min_cluster_size_"):
            out["min_cluster_size"] = self.min_cluster_size_
        return out


def default_stages(
    reducer: Reducer | None = None,
    clusterer: Clusterer | None = None,
    mapper: Mapper | None = None,
) -> tuple[Reducer, Clusterer, Mapper]:
    """The given stages, each missing one replaced by its default from config."""
    return reducer or UmapReducer(), clusterer or HdbscanClusterer(), mapper or UmapMapper()


def stage_params(obj) -> dict:
    """A stage's parameters for the run record (its class name when it has no params())."""
    params = getattr(obj, "params", None)
    return params() if callable(params) else {"kind": type(obj).__name__}
