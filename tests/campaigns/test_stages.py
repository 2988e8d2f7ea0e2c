"""The map's UMAP fitted on a sample: every point gets a position, the sampled ones from
the fit and the others from their nearest fitted neighbours; the parameters say so."""

from __future__ import annotations

import numpy as np
import pytest

from analysis import config
from analysis.campaigns.stages import (
    UmapMapper,
    UmapProjection,
    UmapReducer,
    place_by_neighbours,
    sample_indices,
)


class FirstTwo(UmapProjection):
    """The subsampling of UmapProjection around a fit that keeps the first two columns and
    records the points it was given."""

    def __init__(self, fit_sample):
        super().__init__(2, "euclidean", 0.1, 15, 42, fit_sample)
        self.fitted = []

    def _fit(self, X):
        self.fitted.append(len(X))
        return X[:, :2].astype(np.float32) * 10


def test_place_by_neighbours_takes_the_weighted_mean_of_the_nearest():
    ref = np.array([[0, 0], [1, 0], [10, 10]], np.float32)
    out = np.array([[0, 0], [100, 0], [50, 50]], np.float32)
    X = np.array([[0, 0], [0.25, 0], [10, 10]], np.float32)
    placed = place_by_neighbours(ref, out, X, k=2)
    assert np.allclose(placed[0], [0, 0], atol=1e-3)  # on top of a fitted point: its position
    assert np.allclose(placed[1], [25, 0])  # distances 0.25 and 0.75: weights 3 to 1
    assert np.allclose(placed[2], [50, 50], atol=1e-3)
    assert place_by_neighbours(ref, out, X, k=10).shape == (3, 2)  # k capped by the rows


def test_the_mapper_sample_places_every_point():
    rng = np.random.default_rng(0)
    centres = rng.normal(0, 20, (4, 5))
    group = rng.integers(0, 4, 1000)
    U = (centres[group] + rng.normal(0, 0.5, (1000, 5))).astype(np.float32)
    mapper = FirstTwo(fit_sample=300)
    xy = mapper.fit_transform(U)
    assert mapper.fitted == [300] and xy.shape == (1000, 2) and np.isfinite(xy).all()
    fit = sample_indices(1000, 300, 42)
    assert np.array_equal(xy[fit], U[fit, :2] * 10)  # fitted points keep the fit's position
    # every other point lands among its own group, far from the others
    for g in range(4):
        assert np.linalg.norm(xy[group == g] - centres[g, :2] * 10, axis=1).max() < 50
    small = FirstTwo(fit_sample=300)
    assert np.array_equal(small.fit_transform(U[:200]), U[:200, :2] * 10)  # all fitted
    assert small.fitted == [200]


def test_the_run_records_the_map_sample_the_start_and_the_epochs():
    mapper, reducer = UmapMapper().params(), UmapReducer().params()
    assert mapper["fit_sample"] == config.UMAP_MAP_FIT_SAMPLE and "fit_sample" not in reducer
    assert reducer.get("init", "spectral") == config.UMAP_CLUSTER_INIT
    assert reducer.get("n_epochs") == config.UMAP_CLUSTER_EPOCHS
    assert reducer.get("epochs_from", 0) == config.UMAP_CLUSTER_EPOCHS_FROM
    assert UmapProjection(2, "euclidean", 0.1, 15, 42).params() == {
        "kind": "umap", "dims": 2, "metric": "euclidean", "min_dist": 0.1, "n_neighbors": 15,
        "seed": 42,
    }  # UMAP's own defaults are not recorded  # fmt: skip


def test_epochs_are_set_only_for_large_fits(monkeypatch):
    import umap

    seen = []

    class Recorder:
        def __init__(self, **kwargs):
            seen.append(kwargs["n_epochs"])

        def fit_transform(self, X):
            return np.zeros((len(X), 2))

    monkeypatch.setattr(umap, "UMAP", Recorder)
    projection = UmapProjection(2, "euclidean", 0.1, 15, 42, n_epochs=50, epochs_from=100)
    projection.fit_transform(np.zeros((99, 3), np.float32))
    projection.fit_transform(np.zeros((100, 3), np.float32))
    assert seen == [None, 50]


def test_a_cache_that_cannot_save_or_load_does_not_fail_the_compile():
    from analysis.campaigns.stages import tolerant_cache

    class Broken:
        def save_overload(self, sig, data):
            raise ReferenceError("underlying object has vanished")

        def load_overload(self, sig, target_context):
            raise EOFError("truncated cache file")

    cache = Broken()
    tolerant_cache(cache)
    with pytest.warns(RuntimeWarning, match="could not cache"):
        cache.save_overload(("float32",), object())
    assert cache.load_overload(("float32",), None) is None
