"""Fixtures of the dashboard tests: a fresh copy of the scored database (tests/conftest.py)
per test."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture
def db(scored_db, tmp_path):
    """A fresh copy of the scored database per test, so writes do not leak between tests."""
    target = tmp_path / "db.duckdb"
    shutil.copyfile(scored_db, target)
    return target
