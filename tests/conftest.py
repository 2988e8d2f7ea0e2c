"""Shared fixtures: the two embedding backends (loaded once per session, the distilled one
cached across sessions), the reliability figures, and a small scored database.

At import (before any test imports umap or numba): numba's compiled code is cached in a
folder of the project that git ignores (pyproject's `pythonpath` puts tests/ on sys.path,
so every test folder can `import helpers`).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
os.environ.setdefault("NUMBA_CACHE_DIR", str(ROOT / "data" / "numba-cache"))  # git-ignored

import pytest  # noqa: E402
from helpers import (  # noqa: E402
    HOSTILE_STRINGS,
    CountingEmbedder,
    FirstDims,
    PcaReducer,
    cache_numba_functions,
    cached_fast_model,
    quiet,
)

from analysis import ingest, store, synth  # noqa: E402
from analysis.campaigns import HdbscanClusterer, embed, run_campaigns  # noqa: E402
from analysis.detection import RequestTypeClassifier, run_scoring  # noqa: E402


def pytest_configure(config):
    # numba_cache turns caching on for every umap/pynndescent function; the few that
    # numba cannot cache say so once per process, which is no news.
    config.addinivalue_line(
        "filterwarnings", "ignore:Cannot cache compiled function:numba.core.errors.NumbaWarning"
    )


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
def numba_cache() -> int:
    """For tests that fit the real UMAP (or build a pynndescent index): every numba function
    of umap and pynndescent compiled once and kept in NUMBA_CACHE_DIR across sessions."""
    return cache_numba_functions("umap", "pynndescent")


@pytest.fixture(scope="session")
def fast_model():
    """The static model, distilled once and kept under data/test-cache/ across sessions."""
    return cached_fast_model()


@pytest.fixture(scope="session")
def minilm_model():
    """MiniLM from the files of its PyPI package (offline)."""
    return embed.MiniLMEmbedder()


def hostile_log(path: Path) -> Path:
    """One account whose every text field is attacker-controlled, and a broken line."""
    rows = [
        {
            "request_id": f"h{i}",
            "timestamp": f"2026-10-02T{i:02d}:00:00Z",
            "account_id": "acct_<i>hostile</i>",
            "prompt": HOSTILE_STRINGS[i % len(HOSTILE_STRINGS)],
            "response": HOSTILE_STRINGS[(i + 1) % len(HOSTILE_STRINGS)],
            "user_agent": "<img src=http://198.51.100.7/x>",
        }
        for i in range(len(HOSTILE_STRINGS))
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + '{"request_id": "broken"\n')
    return path


@pytest.fixture(scope="session")
def request_types() -> RequestTypeClassifier:
    """The request-type classifier, trained once per test session."""
    return RequestTypeClassifier().fit()


@pytest.fixture(scope="session")
def scored_db(tmp_path_factory, request_types) -> Path:
    """A generated log (60 accounts, 4 days) plus one account with hostile text, ingested,
    mapped into campaigns and scored. Campaigns use the counting embedder and cheap stages
    (PCA, HDBSCAN, the first two PCA dimensions as the map): the dashboard tests need
    campaigns and a map, not UMAP. Do not write to it: use a copy (the `db` fixture of
    tests/app) for that."""
    folder = tmp_path_factory.mktemp("scored")
    synth.generate_dataset(folder / "gen", accounts=60, days=4, seed=3)
    db = folder / "db.duckdb"
    con = store.connect(db)
    try:
        ingest.load_releases(con, folder / "gen" / "releases.csv")
        log = [str(folder / "gen" / "requests.jsonl.gz"), str(hostile_log(folder / "h.jsonl"))]
        ingest.ingest_paths(con, log)
        run_campaigns(con, CountingEmbedder(), PcaReducer(10), HdbscanClusterer(), FirstDims(),
                      log=quiet)  # fmt: skip
        run_scoring(con, request_types, log=quiet)
    finally:
        con.close()
    return db
