"""Fixtures of the dashboard tests: a fresh copy of the scored database (tests/conftest.py)
per test, and a copy with recipes whose campaigns were refitted with them (named campaigns)."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture
def db(scored_db, tmp_path):
    """A fresh copy of the scored database per test, so writes do not leak between tests."""
    target = tmp_path / "db.duckdb"
    shutil.copyfile(scored_db, target)
    return target


@pytest.fixture(scope="module")
def recipe_db(scored_db, tmp_path_factory):
    """A copy of the scored database with recipes and its campaigns refitted with them (so
    campaigns carry recipe names), shared by a module's tests: copy it before writing."""
    from helpers import CountingEmbedder, FirstDims, PcaReducer, quiet

    from analysis import store
    from analysis.campaigns import HdbscanClusterer, run_campaigns
    from analysis.recipes import run_recipes

    target = tmp_path_factory.mktemp("recipes") / "db.duckdb"
    shutil.copyfile(scored_db, target)
    con = store.connect(target)
    try:
        run_recipes(con, log=quiet)
        run_campaigns(con, CountingEmbedder(), PcaReducer(10), HdbscanClusterer(), FirstDims(),
                      refit=True, log=quiet)  # fmt: skip
    finally:
        con.close()
    return target
