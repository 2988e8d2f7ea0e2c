"""Labels survive faults: a writer killed with SIGKILL loses no acknowledged event and
duplicates none; two analysts writing at once lose nothing; a stale view is a conflict;
a second process gets a clear message; export then import round-trips."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis import dashboard, ingest, labels, store

ROOT = Path(__file__).resolve().parents[2]  # the repository
KILL_RUNS = 5
EVENTS_PER_RUN = 1000

WRITER = """
import sys
from analysis import labels, store
db, n, tag = sys.argv[1], int(sys.argv[2]), sys.argv[3]
con = store.connect(db)
accounts = ["a", "b", "c", "d"]
for i in range(n):
    [event] = labels.add_labels(con, [accounts[i % 4]], "needs_review", f"{tag}-{i}", "writer")
    print(event, flush=True)  # acknowledged: the transaction has committed
"""


@pytest.fixture
def db(tmp_path):
    log = tmp_path / "log.jsonl"
    log.write_text(
        "".join(
            json.dumps({"request_id": f"r{i}", "timestamp": "2026-10-01T00:00:00Z",
                        "account_id": a, "prompt": "hi"}) + "\n"
            for i, a in enumerate("abcd")
        )
    )  # fmt: skip
    path = tmp_path / "labels.duckdb"
    con = store.connect(path)
    ingest.ingest_paths(con, [str(log)])
    con.close()
    return path


@pytest.mark.slow
def test_killed_writers_lose_no_acknowledged_event(db, reliability_figures):
    rng = random.Random(11)
    acked: list[int] = []
    per_run: list[int] = []
    for run in range(KILL_RUNS):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(EVENTS_PER_RUN), f"run{run}"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        first = proc.stdout.readline()  # writing has started
        assert first.strip().isdigit(), proc.stderr.read()
        time.sleep(rng.uniform(0.05, 1.5))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        this_run = [int(x) for x in [first, *out.splitlines()] if x.strip()]
        per_run.append(len(this_run))
        acked += this_run
        con = store.connect(db)  # opens, replaying its write-ahead log
        try:
            ids = [r[0] for r in con.execute("SELECT event_id FROM label_events").fetchall()]
        finally:
            con.close()
        counts = pd.Series(ids).value_counts()
        assert (counts == 1).all(), "an event id was written twice"
        missing = set(acked) - set(ids)
        reliability_figures["events_lost"] += len(missing)
        assert not missing, f"run {run}: acknowledged events lost: {sorted(missing)[:5]}"
        reliability_figures["kill_runs_survived"] += 1
    # the writers wrote before they were killed, and were killed before they finished
    assert min(per_run) >= 1 and max(per_run) < EVENTS_PER_RUN, per_run


def test_two_analysts_at_once_lose_nothing(db):
    con = store.connect(db)
    errors: list[Exception] = []

    def analyst(name: str) -> None:
        try:
            for i in range(100):
                labels.add_labels(con, ["abcd"[i % 4]], "suspicious", f"{name}-{i}", name)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=analyst, args=(n,)) for n in ("ana", "bob")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    history = dashboard.label_history(con)
    con.close()
    assert not errors
    assert len(history) == 200 and history["event_id"].is_unique
    assert set(history["reason"]) == {f"{n}-{i}" for n in ("ana", "bob") for i in range(100)}


def test_a_stale_view_is_a_conflict_and_writes_nothing(db, reliability_figures):
    con = store.connect(db)
    seen = labels.current_label_events(con, ["a", "b"])  # nothing yet
    labels.add_labels(con, ["a"], "benign", "", "bob")  # bob labels a meanwhile
    with pytest.raises(labels.LabelConflict, match="changed since you loaded it"):
        labels.add_labels(
            con, ["a", "b"], "extraction", "harvest", "ana",
            expected={a: seen.get(a, (None,))[0] for a in ("a", "b")},
        )  # fmt: skip
    reliability_figures["conflicts_detected"] += 1
    history = dashboard.label_history(con)
    con.close()
    assert list(history["label"]) == ["benign"]  # neither of ana's two events was written


def test_a_second_writer_process_gets_a_clear_message(db, tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from analysis import store; c = store.connect(sys.argv[1]); "
         "print('open', flush=True); time.sleep(60)", str(db)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "open"
        log = tmp_path / "more.jsonl"
        log.write_text('{"request_id": "x", "timestamp": 0, "account_id": "a", "prompt": "p"}\n')
        res = subprocess.run(
            [sys.executable, "-m", "analysis", "ingest", str(log), "--db", str(db)],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert res.returncode == 2
        assert "open for writing in another process" in res.stderr
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    con = store.connect(db)
    assert con.execute("SELECT count(*) FROM requests").fetchall()[0][0] == 4  # unchanged
    con.close()


@pytest.mark.parametrize("fmt", labels.EXPORT_FORMATS)
def test_export_then_import_round_trips(db, tmp_path, fmt):
    con = store.connect(db)
    labels.add_labels(con, ["a"], "extraction", "=HYPERLINK(\"x\") and 'quotes'", "ana")
    labels.add_labels(con, ["b"], "benign", "'already quoted", "bob")
    labels.add_labels(con, ["a"], "needs_review", "-5 points, \u202eodd\u202c, 日本", "ana")
    exported = labels.export_table(con, history=True)
    path = labels.write_export(exported, tmp_path / f"labels.{fmt}", fmt)
    con.close()
    other = tmp_path / "other.duckdb"
    shutil_copy(db, other, drop_labels=True)
    con = store.connect(other)
    assert labels.import_events(con, path) == 3
    assert labels.import_events(con, path) == 0  # importing again adds nothing
    again = labels.export_table(con, history=True)
    con.close()
    cols = [c for c in exported.columns if c != "event_id"]
    pd.testing.assert_frame_equal(
        exported[cols].reset_index(drop=True), again[cols].reset_index(drop=True),
        check_dtype=False,
    )  # fmt: skip


def shutil_copy(src: Path, dst: Path, drop_labels: bool) -> None:
    import shutil

    shutil.copyfile(src, dst)
    if drop_labels:
        con = store.connect(dst)
        con.execute("DELETE FROM label_events")
        con.close()


def test_import_rejects_a_file_that_is_not_an_export(db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("account,label\na,benign\n")
    con = store.connect(db)
    with pytest.raises(labels.LabelError, match="not a label export"):
        labels.import_events(con, bad)
    assert dashboard.label_history(con).empty
    con.close()


def test_import_command(db, tmp_path, capsys):
    import analysis.__main__ as cli

    con = store.connect(db)
    labels.add_labels(con, ["c"], "legitimate_research", "benchmark runs", "ana")
    path = labels.write_export(labels.export_table(con, True), tmp_path / "l.jsonl", "jsonl")
    con.execute("DELETE FROM label_events")
    con.close()
    assert cli.main(["import-labels", str(path), "--db", str(db)]) == 0
    assert "imported 1 label event" in capsys.readouterr().out
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"not parquet")
    assert cli.main(["import-labels", str(bad), "--db", str(db)]) == 2
    assert "nothing was imported" in capsys.readouterr().err
    con = store.connect(db)
    assert len(dashboard.label_history(con)) == 1
    con.close()
