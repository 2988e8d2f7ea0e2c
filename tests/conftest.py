"""Shared fixtures: the two embedding backends, loaded once per test session."""

from __future__ import annotations

import pytest

from analysis import embed


@pytest.fixture(scope="session")
def fast_model(tmp_path_factory):
    """The static model, distilled once per test session into a temporary folder."""
    return embed.FastEmbedder(model_dir=tmp_path_factory.mktemp("models") / "m2v", log=print)


@pytest.fixture(scope="session")
def minilm_model():
    """MiniLM from the files of its PyPI package (offline)."""
    return embed.MiniLMEmbedder()
