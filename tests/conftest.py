"""Shared fixtures: the two embedding backends, loaded once per test session."""

from __future__ import annotations

import json
import os
from collections import Counter

import pytest

from analysis import embed


@pytest.fixture(scope="session")
def reliability_figures():
    """Counts the reliability tests add to (kill runs, events lost, conflicts, hostile
    strings, fuzz records, crashes); written to $DW_RELIABILITY_OUT at the end of the
    session for `make check-reliability`."""
    figures: Counter = Counter()
    yield figures
    out = os.environ.get("DW_RELIABILITY_OUT")
    if out:
        with open(out, "w") as fh:
            json.dump(dict(figures), fh)


@pytest.fixture(scope="session")
def fast_model(tmp_path_factory):
    """The static model, distilled once per test session into a temporary folder."""
    return embed.FastEmbedder(model_dir=tmp_path_factory.mktemp("models") / "m2v", log=print)


@pytest.fixture(scope="session")
def minilm_model():
    """MiniLM from the files of its PyPI package (offline)."""
    return embed.MiniLMEmbedder()
