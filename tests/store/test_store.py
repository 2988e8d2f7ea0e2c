"""The store on its own: migrations applied once and in order (and an old database brought
up to date), transactions that commit or leave nothing, registered frames that never
linger, and clear errors for a database that cannot be opened."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from analysis import store
from analysis.store import MIGRATIONS

ROOT = Path(__file__).resolve().parents[2]  # the repository
N = len(MIGRATIONS)


class Recorder:
    """A connection that records the SQL it is given (migrate only calls execute)."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.statements: list[str] = []

    def execute(self, sql, *args):
        self.statements.append(sql)
        return self.con.execute(sql, *args)


def versions(con) -> list[int]:
    return [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()]


def catalog(con) -> list[tuple]:
    """Every table and view of the database, with its SQL."""
    return con.execute(
        """SELECT 'table', table_name, sql FROM duckdb_tables() WHERE NOT temporary
        UNION ALL
        SELECT 'view', view_name, sql FROM duckdb_views() WHERE NOT internal
        ORDER BY 1, 2"""
    ).fetchall()


def test_a_new_database_gets_every_migration_once(tmp_path):
    con = duckdb.connect(str(tmp_path / "new.duckdb"))
    assert store.schema_version(con) == 0
    rec = Recorder(con)
    assert store.migrate(rec) == N
    applied = [sql for sql in rec.statements if any(sql in m for m in MIGRATIONS)]
    assert applied == [sql for m in MIGRATIONS for sql in m]  # each once, in order
    assert versions(con) == list(range(1, N + 1))
    assert store.schema_version(con) == N
    con.close()


def test_migrating_again_changes_nothing(tmp_path):
    con = store.connect(tmp_path / "db.duckdb")  # connect migrates
    before = catalog(con)
    rec = Recorder(con)
    assert store.migrate(rec) == N
    assert not [sql for sql in rec.statements if any(sql in m for m in MIGRATIONS)]
    assert versions(con) == list(range(1, N + 1)) and catalog(con) == before
    con.close()
    con = store.connect(tmp_path / "db.duckdb")  # and so does opening it again
    assert versions(con) == list(range(1, N + 1)) and catalog(con) == before
    con.close()


def test_a_version_4_database_migrates_and_keeps_its_events(tmp_path):
    path = tmp_path / "v4.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for version, statements in enumerate(MIGRATIONS[:4], start=1):
        for sql in statements:
            con.execute(sql)
        con.execute("INSERT INTO schema_version VALUES (?)", [version])
    label = "INSERT INTO label_events (event_id, account_id, label, reason, analyst, created_at, "
    label += "source) VALUES (nextval('label_event_seq'), ?, ?, '', 'ana', now(), 'test')"
    for account, value in [("a", "suspicious"), ("b", "benign"), ("a", "extraction")]:
        con.execute(label, [account, value])
    claim = "INSERT INTO claim_events VALUES (nextval('claim_event_seq'), ?, ?, ?, now())"
    for account, analyst, action in [("a", "ana", "claim"), ("b", "bob", "claim"),
                                     ("b", "bob", "release"), ("c", "ana", "claim"),
                                     ("c", "ana", "release"), ("c", "bob", "claim")]:  # fmt: skip
        con.execute(claim, [account, analyst, action])
    con.close()

    con = store.connect(path)
    assert versions(con) == list(range(1, N + 1)) and N >= 5
    labels = con.execute("SELECT account_id, label FROM current_labels ORDER BY 1").fetchall()
    assert labels == [("a", "extraction"), ("b", "benign")]  # the latest event of each
    claims = con.execute("SELECT account_id, analyst FROM current_claims ORDER BY 1").fetchall()
    assert claims == [("a", "ana"), ("c", "bob")]  # b's release leaves no claim
    assert con.execute("SELECT count(*) FROM label_events").fetchall() == [(3,)]  # all kept
    con.close()


@pytest.fixture
def con(tmp_path):
    c = store.connect(tmp_path / "t.duckdb")
    c.execute("CREATE TABLE t (x INTEGER)")
    c.execute("INSERT INTO t VALUES (1)")
    yield c
    c.close()


def rows(con) -> list[int]:
    return [r[0] for r in con.execute("SELECT x FROM t ORDER BY x").fetchall()]


def test_a_transaction_commits_when_the_block_ends(con):
    with store.transaction(con):
        con.execute("INSERT INTO t VALUES (2)")
        con.execute("DELETE FROM t WHERE x = 1")
    assert rows(con) == [2]


@pytest.mark.parametrize("error", [RuntimeError("disk went away"), KeyboardInterrupt()])
def test_a_transaction_rolls_back_on_an_error_or_an_interrupt(con, error):
    with pytest.raises(type(error)), store.transaction(con):
        con.execute("INSERT INTO t VALUES (2)")
        con.execute("DELETE FROM t WHERE x = 1")
        raise error
    assert rows(con) == [1]
    with store.transaction(con):  # the connection is usable: no transaction left open
        con.execute("INSERT INTO t VALUES (3)")
    assert rows(con) == [1, 3]


def test_registered_frames_are_removed_even_on_error(con):
    frame = pd.DataFrame({"y": [1, 2, 3]})
    with store.registered(con, "_frame", frame) as name:
        assert con.execute(f"SELECT sum(y) FROM {name}").fetchall() == [(6,)]
    with pytest.raises(duckdb.CatalogException):
        con.execute("SELECT * FROM _frame")
    with pytest.raises(ValueError, match="boom"), store.registered(con, "_frame", frame):
        raise ValueError("boom")
    with pytest.raises(duckdb.CatalogException):
        con.execute("SELECT * FROM _frame")


def test_a_locked_database_is_a_clear_error(tmp_path):
    path = tmp_path / "locked.duckdb"
    store.connect(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from analysis import store; c = store.connect(sys.argv[1]); "
         "print('open', flush=True); time.sleep(60)", str(path)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(store.StoreError, match="open for writing in another process") as exc:
            store.connect(path)
        assert str(path) in str(exc.value) and "try again" in str(exc.value)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_bytes(b"these are my notes, not a database\n" * 200)
    with pytest.raises(store.StoreError, match=r"not a (valid )?DuckDB database") as exc:
        store.connect(path)
    assert str(path) in str(exc.value)
    assert path.read_bytes().startswith(b"these are my notes")  # left as it was
    with pytest.raises(store.StoreError, match="does not exist"):
        store.connect(tmp_path / "absent.duckdb", read_only=True)
    assert not (tmp_path / "absent.duckdb").exists()
