"""Loading: each file is staged batch by batch and stored in one transaction, all of it
or none of it; bad records go to quarantine, new request ids to requests."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from analysis import config, store
from analysis.ingest import sql
from analysis.ingest.readers import (
    READERS,
    FileResult,
    IngestError,
    Progress,
    is_gzip,
    records_at,
    resolve_inputs,
)
from analysis.store import CONTRACT_NAMES


def _stage_and_store(
    con: duckdb.DuckDBPyConnection, source: str, file_id: int, path: Path
) -> tuple[int, int, int, int]:
    """Stage records from a source, store them; return (rows, stored, quarantined, unparsed)."""
    sql.stage(con, source)
    good, bad, unparsed = sql.staged_counts(con)
    if bad and source == "fast":  # DuckDB's reader keeps no line text: fetch the bad lines
        sql.set_staged_lines(con, records_at(path, sql.bad_staged_rows(con)))
    if bad:  # a bad record seen by an earlier run is counted, not stored twice
        sql.insert_quarantine(con, file_id, str(path))
    stored = 0
    if good:
        stored = sql.insert_new_requests(con, file_id, sql.staged_repeats_ids(con))
    return good + bad, stored, bad, unparsed


def _slow_parts(
    con: duckdb.DuckDBPyConnection, path: Path, fmt: str, file_id: int, progress: Progress | None
) -> Iterator[tuple[int, int, int, int]]:
    """Read a file batch by batch with the format's reader, staging and storing each."""
    reader, source = READERS[fmt]
    for batch in reader(path, progress):
        with store.registered(con, "batch", batch):
            yield _stage_and_store(con, source, file_id, path)


def _fast_jsonl_ready(
    con: duckdb.DuckDBPyConnection, path: Path, progress: Progress | None
) -> bool:
    """Try DuckDB's own JSON reader on a JSON Lines file, filling `fast_rows`.

    It reads every line or fails on the first bad one (bad JSON, not UTF-8, a line over
    FAST_PATH_MAX_LINE_BYTES); then False sends the file to the line-by-line path, which
    quarantines what is bad. Keys outside the contract are those DuckDB finds in the first
    FAST_PATH_KEY_SAMPLE records.
    """
    if not config.FAST_PATH or path.stat().st_size == 0:
        return False
    gz = is_gzip(path)
    try:
        keys = sql.sample_json_keys(con, str(path), gz)
        extras = [k for k in keys if k not in CONTRACT_NAMES]
        sql.fast_read(con, str(path), extras, gz)
    except duckdb.Error:
        sql.drop_staging(con)
        return False
    if progress:
        progress(path.stat().st_size)
    return True


def ingest_file(
    con: duckdb.DuckDBPyConnection, path: Path, fmt: str, progress: Progress | None = None
) -> FileResult:
    """Ingest one file in one transaction: all of it or, on failure, none of it."""
    started = time.perf_counter()
    result = FileResult(path=str(path), format=fmt)
    fast = fmt == "jsonl" and _fast_jsonl_ready(con, path, progress)
    try:
        with store.transaction(con):
            file_id = sql.next_file_id(con)
            if fast:
                parts = iter([_stage_and_store(con, "fast", file_id, path)])
            else:
                parts = _slow_parts(con, path, fmt, file_id, progress)
            unparsed = 0
            for rows, stored, quarantined, bad_records in parts:
                result.rows_read += rows
                result.stored += stored
                result.quarantined += quarantined
                unparsed += bad_records
            if result.rows_read and unparsed == result.rows_read:
                raise IngestError(
                    f"{path}: not a {fmt} request log: none of its {result.rows_read} records "
                    "could be read as one (nothing of this file was kept)"
                )
            result.duplicates = result.rows_read - result.stored - result.quarantined
            result.seconds = time.perf_counter() - started
            sql.insert_ingest_file(
                con,
                {
                    "file_id": file_id,
                    "path": str(path),
                    "format": fmt,
                    "bytes": path.stat().st_size,
                    "rows_read": result.rows_read,
                    "rows_stored": result.stored,
                    "duplicates": result.duplicates,
                    "quarantined": result.quarantined,
                    "seconds": result.seconds,
                },
            )
    finally:
        sql.drop_staging(con)
    return result


def iter_ingest(
    con: duckdb.DuckDBPyConnection,
    paths: list[str],
    progress_factory: Callable[[Path], Progress | None] | None = None,
) -> Iterator[FileResult]:
    """Ingest every file the paths name, each atomically, yielding a result as each ends.

    All paths are resolved first, so a missing path fails before anything is written.
    A file that fails raises IngestError; files yielded before it are kept.
    """
    for path, fmt in resolve_inputs(paths):
        progress = progress_factory(path) if progress_factory else None
        try:
            yield ingest_file(con, path, fmt, progress)
        except IngestError:
            raise
        except Exception as exc:  # DuckDB or reader failure: the file was rolled back
            raise IngestError(
                f"{path}: ingestion failed and nothing of this file was kept ({exc})"
            ) from exc


def ingest_paths(con: duckdb.DuckDBPyConnection, paths: list[str]) -> list[FileResult]:
    """Ingest every file the paths name; return one result per file."""
    return list(iter_ingest(con, paths))
