"""Analyst labels and claims: append-only event logs, the current state derived from them
(views current_labels, current_claims), and exports that carry the evidence and versions
behind each decision."""

from analysis.labels.events import (
    LABELS,
    REASON_REQUIRED,
    LabelConflict,
    LabelError,
    add_labels,
    claim,
    release,
    validate,
)
from analysis.labels.export import (
    EXPORT_COLUMNS,
    EXPORT_FORMATS,
    FORMULA_PREFIXES,
    export_bytes,
    export_table,
    import_events,
    read_export,
    write_export,
)
from analysis.labels.sql import current_claims, current_label_events, current_labels

__all__ = [
    "EXPORT_COLUMNS",
    "EXPORT_FORMATS",
    "FORMULA_PREFIXES",
    "LABELS",
    "REASON_REQUIRED",
    "LabelConflict",
    "LabelError",
    "add_labels",
    "claim",
    "current_claims",
    "current_label_events",
    "current_labels",
    "export_bytes",
    "export_table",
    "import_events",
    "read_export",
    "release",
    "validate",
    "write_export",
]
