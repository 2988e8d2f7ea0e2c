"""Ingestion: request-log files (JSON Lines, CSV, Parquet, gzip) into DuckDB, one
transaction per file, bad records to quarantine; model releases."""

from analysis.ingest.readers import FORMATS, FileResult, IngestError, detect_format, resolve_inputs
from analysis.ingest.releases import load_releases
from analysis.ingest.run import ingest_file, ingest_paths, iter_ingest

__all__ = [
    "FORMATS",
    "FileResult",
    "IngestError",
    "detect_format",
    "ingest_file",
    "ingest_paths",
    "iter_ingest",
    "load_releases",
    "resolve_inputs",
]
