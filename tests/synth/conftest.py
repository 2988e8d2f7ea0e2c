"""Shared fixtures of the generator tests: one small log at evasion 0 and one at 1."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from analysis.synth import generate_dataset

SMALL = {"accounts": 120, "days": 4, "seed": 5, "fmt": "jsonl.gz"}


def load_log(out: Path) -> tuple[list[dict], dict[str, tuple[str, str, str]], dict[str, str]]:
    """Return (request rows, account -> (role, campaign, network), account -> population)."""
    with gzip.open(out / "requests.jsonl.gz", "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    with open(out / "truth.csv", encoding="utf-8") as fh:
        truth = {
            r["account_id"]: (r["role"], r["campaign_id"], r["network_id"])
            for r in csv.DictReader(fh)
        }
    with open(out / "populations.csv", encoding="utf-8") as fh:
        pops = {r["account_id"]: r["population"] for r in csv.DictReader(fh)}
    return rows, truth, pops


@pytest.fixture(scope="session")
def small() -> dict:
    """The settings of the small logs (120 accounts, 4 days, seed 5, gzip)."""
    return dict(SMALL)


@pytest.fixture(scope="session")
def pair(tmp_path_factory) -> dict[float, tuple]:
    """Return {0.0: (rows, truth, pops, counts), 1.0: ...} for the small settings."""
    out = {}
    for ev in (0.0, 1.0):
        d = tmp_path_factory.mktemp(f"ev{ev}")
        res = generate_dataset(d, evasion=ev, **SMALL)
        out[ev] = (*load_log(d), res)
    return out
