"""Label exports (CSV with formula cells neutralised, Parquet, JSON Lines) that carry the
evidence and versions behind each decision, and importing them back."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from analysis.labels import sql
from analysis.labels.events import LabelError
from analysis.terms import LABELS

EXPORT_FORMATS = ("csv", "parquet", "jsonl")
# Cells a spreadsheet would run as a formula start with one of these; exported CSV cells
# that do (or that start with the quote itself) are prefixed with a quote so they stay
# text; importing removes exactly that one quote, so a round trip changes nothing.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_QUOTED = (*FORMULA_PREFIXES, "'")


def _neutralise(value):
    if isinstance(value, str) and value.startswith(_QUOTED):
        return "'" + value
    return value


def _restore(value):
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(_QUOTED):
        return value[1:]
    return value


EXPORT_COLUMNS = (
    "event_id", "account_id", "label", "reason", "analyst", "labelled_at", "source",
    "risk_score_at_decision", "risk_level_at_decision", "reasons_at_decision",
    "network_id_at_decision", "score_run_id", "versions",
)  # fmt: skip


def read_export(path: Path) -> pd.DataFrame:
    """Read a file written by write_export (format from its suffix), checked."""
    path = Path(path)
    fmt = path.suffix.lstrip(".").lower()
    try:
        if fmt == "csv":
            df = pd.read_csv(path, dtype=str, keep_default_na=False).map(_restore)
        elif fmt == "parquet":
            df = pd.read_parquet(path)
        elif fmt == "jsonl":
            df = pd.read_json(path, lines=True, dtype=False)
        else:
            raise LabelError(f"{path}: not a label export (csv, parquet or jsonl)")
    except (OSError, ValueError) as exc:
        raise LabelError(f"cannot read {path}: {exc}") from exc
    missing = set(EXPORT_COLUMNS) - set(df.columns)
    if missing:
        raise LabelError(f"{path} is not a label export: no {', '.join(sorted(missing))}")
    bad = sorted(set(df["label"]) - set(LABELS))
    if bad:
        raise LabelError(f"{path}: unknown label(s) {', '.join(map(repr, bad[:5]))}")
    return df


def import_events(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Append the events of an export file that this database does not hold yet (same
    account, label, reason, analyst and time); return how many were added. Events keep
    their analyst, time, evidence snapshot and versions; all or nothing."""
    df = read_export(path)
    rows = pd.DataFrame(
        {
            "account_id": df["account_id"].astype(str),
            "label": df["label"].astype(str),
            "reason": df["reason"].fillna("").astype(str),
            "analyst": df["analyst"].astype(str),
            "created_at": pd.to_datetime(df["labelled_at"]),
            "source": df["source"].fillna("").astype(str),
            "risk_score": pd.to_numeric(df["risk_score_at_decision"], errors="coerce"),
            "risk_level": df["risk_level_at_decision"].replace("", None),
            "reasons": df["reasons_at_decision"].map(
                lambda r: [x for x in str(r).split(" | ") if x] if isinstance(r, str) else []
            ),
            "network_id": df["network_id_at_decision"].replace("", None),
            "score_run_id": pd.to_numeric(df["score_run_id"], errors="coerce").astype("Int64"),
            "versions": df["versions"].map(lambda v: v if isinstance(v, str) else json.dumps(v)),
        }
    )
    return sql.import_label_events(con, rows)


def export_table(con: duckdb.DuckDBPyConnection, history: bool = False) -> pd.DataFrame:
    """Return the label events to export (current labels, or every event with history):
    account, label, reason, analyst, time, the risk snapshot and the versions."""
    df = sql.label_export(con, history)
    df["reasons_at_decision"] = df["reasons_at_decision"].map(
        lambda r: " | ".join(r) if isinstance(r, list | tuple | np.ndarray) else ""
    )
    return df


def write_export(df: pd.DataFrame, path: Path, fmt: str) -> Path:
    """Write df as csv (formula cells neutralised), parquet or jsonl to path."""
    if fmt not in EXPORT_FORMATS:
        raise LabelError(f"unknown export format {fmt!r}; formats are {', '.join(EXPORT_FORMATS)}")
    if fmt == "csv":
        df.map(_neutralise).to_csv(path, index=False)
    elif fmt == "parquet":
        df.to_parquet(path, index=False)
    else:
        with open(path, "w", encoding="utf-8") as fh:
            for rec in df.to_dict("records"):
                fh.write(json.dumps(rec, default=str, ensure_ascii=False) + "\n")
    return path


def export_bytes(df: pd.DataFrame, fmt: str) -> bytes:
    """Return the export file's bytes (for a download button)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = write_export(df, Path(tmp) / f"labels.{fmt}", fmt)
        return path.read_bytes()
