"""What the pages show: read models (one read-only query each, sql.py), figures
(plots.py), demo-mode redaction (redact.py) and the settings pages need. The dashboard
only reads; labels and claims are written through analysis.labels, analyses run through
analysis.pipeline."""

from pathlib import Path

import duckdb

from analysis import config, store
from analysis.dashboard import plots, redact
from analysis.dashboard.sql import (
    account_campaign_mix,
    account_daily,
    account_heatmap,
    account_ids,
    account_links,
    account_requests,
    account_signal_row,
    account_summary,
    account_tiers,
    campaign_ids,
    campaign_names,
    daily_requests,
    daily_requests_by_level,
    data_version,
    dataset_summary,
    ingest_files,
    label_history,
    map_counts,
    map_points,
    models_summary,
    network_campaigns,
    network_edge_rows,
    network_ids,
    network_members,
    network_row,
    overview_counts,
    quarantine_rows,
    recipe_table,
    releases,
    signal_values,
    top_campaigns,
    top_networks,
    triage_queue,
)
from analysis.detection.signals import SCORED
from analysis.terms import FLAGGED_LEVELS, LABEL_STATUSES, LABELS, LEVELS

DatabaseError = store.StoreError

# Settings the pages read (each explained in analysis/config.py).
MAP_MAX_POINTS = config.MAP_MAX_POINTS
MAP_SAMPLE_POINTS = config.MAP_SAMPLE_POINTS
ROLES = config.ROLES
LOCAL_ROLE = config.LOCAL_ROLE
DEMO_MODE = config.DEMO_MODE
DEMO_KEY = config.DEMO_KEY


def default_db() -> Path:
    """The database the dashboard opens: $DW_DB, else the sample database."""
    return config.default_db()


def open_database(path: str | Path) -> duckdb.DuckDBPyConnection:
    """Open the dashboard's connection (writable: labels are written through it); raises
    DatabaseError with a message to show when it cannot."""
    return store.connect(path)


def scored_signals() -> list[tuple[str, bool]]:
    """(signal name, drawn on a log scale) of every scored signal, in the table's order."""
    return [(name, sig.scale == "log") for name, sig in SCORED.items()]


__all__ = [
    "FLAGGED_LEVELS",
    "LABELS",
    "LABEL_STATUSES",
    "LEVELS",
    "DatabaseError",
    "account_campaign_mix",
    "account_daily",
    "account_heatmap",
    "account_ids",
    "account_links",
    "account_requests",
    "account_signal_row",
    "account_summary",
    "account_tiers",
    "campaign_ids",
    "campaign_names",
    "daily_requests",
    "daily_requests_by_level",
    "data_version",
    "dataset_summary",
    "default_db",
    "ingest_files",
    "label_history",
    "map_counts",
    "map_points",
    "models_summary",
    "network_campaigns",
    "network_edge_rows",
    "network_ids",
    "network_members",
    "network_row",
    "open_database",
    "overview_counts",
    "plots",
    "quarantine_rows",
    "recipe_table",
    "redact",
    "releases",
    "scored_signals",
    "signal_values",
    "top_campaigns",
    "top_networks",
    "triage_queue",
]
