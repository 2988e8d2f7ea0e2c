"""Model releases: a CSV of model,released_at stored in model_releases."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from analysis import store
from analysis.ingest import sql
from analysis.ingest.readers import IngestError


def load_releases(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Store model releases from a CSV `model,released_at`; all rows or none. Return count."""
    if not path.exists():
        raise IngestError(f"{path}: no such releases file")
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise IngestError(f"{path}: not a readable CSV file ({exc})") from exc
    if not rows or not {"model", "released_at"} <= set(rows[0]):
        raise IngestError(f"{path}: expected a CSV with the columns model,released_at")
    parsed = []
    for i, row in enumerate(rows, start=2):
        model = (row.get("model") or "").strip()
        when = (row.get("released_at") or "").strip()
        ts = sql.parse_timestamp(con, when) if when else None
        if not model or ts is None:
            raise IngestError(f"{path}: line {i}: needs a model name and a readable released_at")
        parsed.append((model, ts))
    with store.transaction(con):
        for model, ts in parsed:
            sql.upsert_release(con, model, ts.isoformat(), str(path))
    return len(parsed)
