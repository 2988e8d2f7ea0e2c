"""Opening a database (migrated to the current schema) and the one way to write in a
transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb

from analysis.store.schema import MIGRATIONS


class StoreError(Exception):
    """The database cannot be opened or used; the message says what to do."""


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the database at path, migrated to the current schema."""
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"database {path} does not exist")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreError(
                f"database {path} is open for writing in another process (DuckDB allows one "
                "writing process); close it or wait for it to finish, then try again"
            ) from exc
        raise StoreError(f"cannot open database {path}: {exc}") from exc
    except duckdb.Error as exc:
        raise StoreError(f"{path} is not a DuckDB database this tool can open: {exc}") from exc
    # Timestamps without a zone are UTC by contract; the session zone makes casts agree.
    con.execute("SET TimeZone = 'UTC'")
    # Commands print their own progress; DuckDB's bar would interleave with it.
    con.execute("SET enable_progress_bar = false")
    if not read_only:
        migrate(con)
    return con


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Run the block in one transaction: committed when it ends, rolled back (and the
    error raised again) when anything in it fails or it is interrupted."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def checkpoint(con: duckdb.DuckDBPyConnection) -> None:
    """Write the write-ahead log into the database file (before it is moved or copied)."""
    con.execute("CHECKPOINT")


def database_path(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The file of the connection's database (None for an in-memory one)."""
    rows = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchall()
    return Path(rows[0][0]) if rows and rows[0][0] else None


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """Return the number of migrations applied (0 for a new database)."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = con.execute("SELECT max(version) FROM schema_version").fetchall()[0]
    return int(row[0] or 0)


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply pending migrations, each in one transaction; return the schema version."""
    current = schema_version(con)
    for version, statements in enumerate(MIGRATIONS, start=1):
        if version <= current:
            continue
        with transaction(con):
            for sql in statements:
                con.execute(sql)
            con.execute("INSERT INTO schema_version VALUES (?)", [version])
        current = version
    return current


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, obj) -> Iterator[str]:
    """Make a DataFrame or Arrow table queryable as `name` for the block, then remove it."""
    con.register(name, obj)
    try:
        yield name
    finally:
        # a closed connection has nothing left to remove
        with suppress(duckdb.Error):
            con.unregister(name)
