"""Ingestion: formats, normalisation, quarantine, idempotence, all-or-nothing per file."""

from __future__ import annotations

import csv
import gzip
import json
from datetime import datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis import config, dashboard, ingest, store
from analysis.__main__ import main
from analysis.ingest import sql as ingest_sql


def rec(i: int, **kw) -> dict:
    """A valid request record with id r<i>."""
    base = {
        "request_id": f"r{i}",
        "timestamp": f"2026-10-01T00:00:{i % 60:02d}Z",
        "account_id": f"a{i % 3}",
        "prompt": f"question number {i}",
        "asn": 64500,
        "temperature": 0.2,
        "logprobs": False,
    }
    base.update(kw)
    return base


def write_jsonl(path: Path, lines: list) -> Path:
    """Write dicts as JSON and bytes/str as they are, one per line."""
    out = []
    for line in lines:
        if isinstance(line, dict):
            out.append(json.dumps(line).encode())
        elif isinstance(line, str):
            out.append(line.encode())
        else:
            out.append(line)
    path.write_bytes(b"\n".join(out) + b"\n")
    return path


@pytest.fixture(params=[True, False], ids=["fast", "line-by-line"])
def fast_path(request, monkeypatch):
    """Run a test on both JSON Lines paths."""
    monkeypatch.setattr(config, "FAST_PATH", request.param)
    return request.param


@pytest.fixture
def con(tmp_path):
    c = store.connect(tmp_path / "t.duckdb")
    yield c
    c.close()


def requests_df(con) -> pd.DataFrame:
    return con.execute("SELECT * FROM requests ORDER BY request_id").df()


def quarantine_df(con) -> pd.DataFrame:
    return con.execute("SELECT * FROM quarantine ORDER BY row_no").df()


def test_good_file_is_stored_with_types(con, tmp_path, fast_path):
    f = write_jsonl(tmp_path / "a.jsonl", [rec(i) for i in range(5)])
    [r] = ingest.ingest_paths(con, [str(f)])
    assert (r.rows_read, r.stored, r.duplicates, r.quarantined) == (5, 5, 0, 0)
    df = requests_df(con)
    assert list(df.request_id) == [f"r{i}" for i in range(5)]
    assert df.asn.dtype.kind == "i" and df.temperature.dtype.kind == "f"
    assert df.logprobs.tolist() == [False] * 5


def test_truncated_line_is_quarantined_rest_kept(con, tmp_path, fast_path):
    lines = [rec(1), '{"request_id": "r2", "timestamp": "2026-10-01', rec(3)]
    f = write_jsonl(tmp_path / "a.jsonl", lines)
    [r] = ingest.ingest_paths(con, [str(f)])
    assert (r.stored, r.quarantined) == (2, 1)
    q = quarantine_df(con)
    assert q.line_no.tolist() == [2]
    assert "not valid JSON" in q.reason[0]
    assert q.raw[0] == lines[1]
    assert q.source_file[0] == str(f)


def test_bytes_that_are_not_utf8(con, tmp_path, fast_path):
    bad = json.dumps(rec(2)).encode().replace(b"question", b"qu\xffestion")
    f = write_jsonl(tmp_path / "a.jsonl", [rec(1), bad, rec(3)])
    [r] = ingest.ingest_paths(con, [str(f)])
    assert (r.stored, r.quarantined) == (2, 1)
    q = quarantine_df(con)
    assert "not UTF-8" in q.reason[0]
    assert "\\xff" in q.raw[0]  # the bad byte is kept, escaped


@pytest.mark.parametrize("column", ["request_id", "account_id", "timestamp", "prompt"])
def test_required_column_missing(con, tmp_path, fast_path, column):
    missing = rec(2)
    del missing[column]
    f = write_jsonl(tmp_path / "a.jsonl", [rec(1), missing])
    [r] = ingest.ingest_paths(con, [str(f)])
    assert (r.stored, r.quarantined) == (1, 1)
    assert f"required column {column}" in quarantine_df(con).reason[0]


def test_empty_prompt_is_kept_but_empty_id_is_not(con, tmp_path, fast_path):
    f = write_jsonl(tmp_path / "a.jsonl", [rec(1, prompt=""), rec(2, request_id="  ")])
    [r] = ingest.ingest_paths(con, [str(f)])
    assert (r.stored, r.quarantined) == (1, 1)
    assert requests_df(con).prompt.tolist() == [""]


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        ("asn", "AS13335", "is not a whole number"),
        ("prompt_tokens", "twelve", "is not a whole number"),
        ("n", 2.5, "is not a whole number"),
        ("temperature", "hot", "is not a number"),
        ("logprobs", "maybe", "is not true or false"),
    ],
)
def test_value_of_wrong_type(con, tmp_path, fast_path, column, value, words):
    f = write_jsonl(tmp_path / "a.jsonl", [rec(1), rec(2, **{column: value})])
    [r] = ingest.ingest_paths(con, [str(f)])
    assert (r.stored, r.quarantined) == (1, 1)
    reason = quarantine_df(con).reason[0]
    assert reason.startswith(f"{column} '") and words in reason


def test_numbers_written_as_text_are_accepted(con, tmp_path, fast_path):
    f = write_jsonl(tmp_path / "a.jsonl", [rec(1, asn="13335", temperature="0.5", n="2")])
    ingest.ingest_paths(con, [str(f)])
    row = requests_df(con).iloc[0]
    assert (row.asn, row.temperature, row.n) == (13335, 0.5, 2)


@pytest.mark.parametrize("value", ["yesterday", "2026-13-45T00:00:00Z", "infinity", ""])
def test_unreadable_timestamp(con, tmp_path, fast_path, value):
    f = write_jsonl(tmp_path / "a.jsonl", [rec(1), rec(2, timestamp=value)])
    [r] = ingest.ingest_paths(con, [str(f)])
    assert (r.stored, r.quarantined) == (1, 1)
    assert "timestamp" in quarantine_df(con).reason[0]


def test_timestamps_are_normalised_to_utc(con, tmp_path, fast_path):
    stamps = {
        "z": "2026-10-01T12:00:00Z",
        "offset": "2026-10-01T14:00:00+02:00",
        "nozone": "2026-10-01 12:00:00",
        "epoch_ms": 1790856000000,  # 2026-10-01T12:00:00Z
        "epoch_ms_text": "1790856000000",
        "fraction": "2026-10-01T07:00:00.000-05:00",
    }
    f = write_jsonl(
        tmp_path / "a.jsonl",
        [rec(0, request_id=k, timestamp=v) for k, v in stamps.items()],
    )
    ingest.ingest_paths(con, [str(f)])
    got = dict(con.execute('SELECT request_id, "timestamp" FROM requests').fetchall())
    assert set(got) == set(stamps)
    assert set(got.values()) == {datetime(2026, 10, 1, 12, 0, 0)}


def test_five_megabyte_prompt_is_kept(con, tmp_path, fast_path):
    big = "word " * (1024 * 1024)  # 5 MiB
    f = write_jsonl(tmp_path / "a.jsonl", [rec(1, prompt=big), rec(2)])
    [r] = ingest.ingest_paths(con, [str(f)])
    assert (r.stored, r.quarantined) == (2, 0)
    assert con.execute("SELECT length(prompt) FROM requests WHERE request_id='r1'").fetchall() == [
        (len(big),)
    ]


def test_extra_columns_are_kept(con, tmp_path, fast_path):
    f = write_jsonl(
        tmp_path / "a.jsonl",
        [rec(1, region="eu-west", tool_calls=[{"name": "search"}]), rec(2, region=None), rec(3)],
    )
    ingest.ingest_paths(con, [str(f)])
    extra = dict(con.execute("SELECT request_id, CAST(extra AS VARCHAR) FROM requests").fetchall())
    assert json.loads(extra["r1"]) == {"region": "eu-west", "tool_calls": [{"name": "search"}]}
    assert extra["r2"] is None and extra["r3"] is None


def test_reingest_adds_nothing(con, tmp_path, fast_path):
    f = write_jsonl(tmp_path / "a.jsonl", [rec(1), "{broken", rec(2)])
    ingest.ingest_paths(con, [str(f)])
    before = (len(requests_df(con)), len(quarantine_df(con)))
    [r] = ingest.ingest_paths(con, [str(f)])
    # the bad record is counted as quarantined again, but stored once
    assert (r.stored, r.quarantined, r.duplicates) == (0, 1, 2)
    assert (len(requests_df(con)), len(quarantine_df(con))) == before == (2, 1)


def test_duplicates_within_and_across_files(con, tmp_path, fast_path):
    f1 = write_jsonl(tmp_path / "a.jsonl", [rec(1), rec(1, prompt="second copy"), rec(2)])
    f2 = write_jsonl(tmp_path / "b.jsonl", [rec(2, prompt="again"), rec(3)])
    r1, r2 = ingest.ingest_paths(con, [str(f1), str(f2)])
    assert (r1.stored, r1.duplicates, r2.stored, r2.duplicates) == (2, 1, 1, 1)
    df = requests_df(con)
    assert df.request_id.tolist() == ["r1", "r2", "r3"]
    assert df.prompt[0] == "question number 1"  # the first copy wins


def test_counts_add_up(con, tmp_path, fast_path):
    lines = [rec(i) for i in range(20)] + ["nope", rec(3), rec(30, timestamp="never"), ""]
    f = write_jsonl(tmp_path / "a.jsonl", lines)
    [r] = ingest.ingest_paths(con, [str(f)])
    assert r.rows_read == 23  # the blank line is not a record
    assert r.rows_read == r.stored + r.duplicates + r.quarantined
    assert (r.stored, r.duplicates, r.quarantined) == (20, 1, 2)


def test_blank_lines_keep_line_numbers(con, tmp_path, fast_path):
    f = write_jsonl(tmp_path / "a.jsonl", [rec(1), "", "   ", rec(2, asn="x"), rec(3)])
    ingest.ingest_paths(con, [str(f)])
    q = quarantine_df(con)
    assert (q.line_no[0], q.row_no[0]) == (4, 2)


def test_gzip_jsonl(con, tmp_path, fast_path):
    f = tmp_path / "a.jsonl.gz"
    with gzip.open(f, "wt") as fh:
        fh.write("\n".join(json.dumps(rec(i)) for i in range(4)) + "\n{bad\n")
    [r] = ingest.ingest_paths(con, [str(f)])
    assert (r.stored, r.quarantined) == (4, 1)


def test_empty_file(con, tmp_path, fast_path):
    f = tmp_path / "empty.jsonl"
    f.write_bytes(b"")
    [r] = ingest.ingest_paths(con, [str(f)])
    assert (r.rows_read, r.stored, r.quarantined) == (0, 0, 0)
    c = tmp_path / "empty.csv"
    c.write_bytes(b"")
    [r] = ingest.ingest_paths(con, [str(c)])
    assert r.rows_read == 0


def test_csv_with_quoted_newlines_and_bad_rows(con, tmp_path):
    f = tmp_path / "a.csv"
    with open(f, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["request_id", "timestamp", "account_id", "prompt", "asn", "custom"])
        w.writerow(["r1", "2026-10-01T00:00:00Z", "a1", "line one\nline two, with comma", "1", "x"])
        w.writerow(["r2", "2026-10-01T00:00:01Z", "a1", 'say "hi"', "AS1", ""])
        w.writerow(["r3", "2026-10-01T00:00:02Z", "a2", "", "", ""])
        fh.write("r4,2026-10-01T00:00:03Z,a2\n")  # too few fields
    [r] = ingest.ingest_paths(con, [str(f)])
    assert (r.rows_read, r.stored, r.quarantined) == (4, 2, 2)
    df = requests_df(con)
    assert df.prompt.tolist() == ["line one\nline two, with comma", ""]
    assert json.loads(df.extra[0]) == {"custom": "x"}
    q = quarantine_df(con)
    assert q.line_no.tolist() == [4, 6]  # r1 spans lines 2-3
    assert "asn 'AS1'" in q.reason[0]
    assert "expected 6 fields" in q.reason[1]
    assert q.raw[1] == "r4,2026-10-01T00:00:03Z,a2"


def test_csv_not_utf8_and_gzip(con, tmp_path):
    body = (
        b"request_id,timestamp,account_id,prompt\n"
        b"r1,2026-10-01T00:00:00Z,a1,fine\n"
        b"r2,2026-10-01T00:00:00Z,a1,caf\xe9\n"
    )
    f = tmp_path / "a.csv.gz"
    f.write_bytes(gzip.compress(body))
    [r] = ingest.ingest_paths(con, [str(f)])
    assert (r.stored, r.quarantined) == (1, 1)
    q = quarantine_df(con)
    assert "not UTF-8" in q.reason[0] and "\\xe9" in q.raw[0]


def test_parquet_with_typed_columns(con, tmp_path):
    table = pa.table(
        {
            "request_id": ["p1", "p2"],
            "timestamp": pa.array(
                [datetime(2026, 10, 1, 12), datetime(2026, 10, 1, 13)], pa.timestamp("ms", "UTC")
            ),
            "account_id": ["a", "b"],
            "prompt": ["x", None],
            "max_tokens": [100, 200],
            "vendor_field": [1.5, 2.5],
        }
    )
    f = tmp_path / "a.parquet"
    pq.write_table(table, f)
    [r] = ingest.ingest_paths(con, [str(f)])
    assert (r.stored, r.quarantined) == (1, 1)
    df = requests_df(con)
    assert df["timestamp"][0] == pd.Timestamp(2026, 10, 1, 12)
    assert json.loads(df.extra[0]) == {"vendor_field": 1.5}
    assert "prompt" in quarantine_df(con).reason[0]


def test_folders_and_globs(con, tmp_path):
    d = tmp_path / "logs"
    (d / "sub").mkdir(parents=True)
    write_jsonl(d / "a.jsonl", [rec(1)])
    write_jsonl(d / "sub" / "b.jsonl", [rec(2)])
    (d / "notes.txt").write_text("not a log")
    results = ingest.ingest_paths(con, [str(d)])
    assert [Path(r.path).name for r in results] == ["a.jsonl", "b.jsonl"]
    write_jsonl(tmp_path / "c1.jsonl", [rec(3)])
    write_jsonl(tmp_path / "c2.jsonl", [rec(4)])
    results = ingest.ingest_paths(con, [str(tmp_path / "c*.jsonl")])
    assert len(results) == 2 and len(requests_df(con)) == 4


@pytest.mark.parametrize("name", ["missing.jsonl", "nothing-*.jsonl"])
def test_path_that_does_not_exist(con, tmp_path, name):
    with pytest.raises(ingest.IngestError, match=name.split("*")[0]):
        ingest.ingest_paths(con, [str(tmp_path / name)])


def test_files_that_are_not_logs(con, tmp_path):
    png = tmp_path / "picture.png"
    png.write_bytes(b"\x89PNG\r\n")
    with pytest.raises(ingest.IngestError, match=r"picture\.png: not a request log"):
        ingest.ingest_paths(con, [str(png)])
    fake = tmp_path / "fake.jsonl"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary\xff\xfe")
    with pytest.raises(ingest.IngestError, match=r"fake\.jsonl: not a jsonl request log"):
        ingest.ingest_paths(con, [str(fake)])
    other = tmp_path / "other.csv"
    other.write_text("name,age\nbob,3\n")
    with pytest.raises(ingest.IngestError, match="none of the required columns"):
        ingest.ingest_paths(con, [str(other)])
    assert len(requests_df(con)) == 0 and len(quarantine_df(con)) == 0


def test_a_file_is_all_or_nothing(con, tmp_path, monkeypatch):
    monkeypatch.setattr(config, "FAST_PATH", False)
    monkeypatch.setattr(config, "INGEST_CHUNK_BYTES", 256)  # many batches per file
    first = write_jsonl(tmp_path / "a.jsonl", [rec(i) for i in range(10)])
    second = write_jsonl(tmp_path / "b.jsonl", [rec(i) for i in range(10, 30)] + ["{bad"])
    ingest.ingest_paths(con, [str(first)])
    real = ingest_sql.insert_new_requests
    calls = {"n": 0}

    def failing(*args, **kw):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk went away")
        return real(*args, **kw)

    monkeypatch.setattr(ingest_sql, "insert_new_requests", failing)
    with pytest.raises(ingest.IngestError, match=r"b\.jsonl: ingestion failed"):
        ingest.ingest_paths(con, [str(second)])
    assert calls["n"] == 3  # two batches of b.jsonl were written before the failure
    assert requests_df(con).request_id.tolist() == sorted(f"r{i}" for i in range(10))
    assert len(quarantine_df(con)) == 0
    assert con.execute("SELECT count(*) FROM ingest_files").fetchall() == [(1,)]
    monkeypatch.setattr(ingest_sql, "insert_new_requests", real)
    [r] = ingest.ingest_paths(con, [str(second)])  # the database is usable and whole
    assert (r.stored, r.quarantined) == (20, 1)


def test_fast_and_line_by_line_paths_agree(tmp_path, monkeypatch):
    lines = [rec(i, prompt=f'he said "x": {i}', system_prompt=None) for i in range(50)]
    lines += [rec(60, asn="bad"), rec(61, timestamp=1790856000000), rec(62, n=None)]
    f = write_jsonl(tmp_path / "a.jsonl", lines)
    frames = []
    for fast in (True, False):
        monkeypatch.setattr(config, "FAST_PATH", fast)
        c = store.connect(tmp_path / f"{fast}.duckdb")
        ingest.ingest_paths(c, [str(f)])
        frames.append((requests_df(c).drop(columns="file_id"), quarantine_df(c)))
        c.close()
    pd.testing.assert_frame_equal(frames[0][0], frames[1][0])
    cols = ["line_no", "row_no", "raw", "reason"]
    pd.testing.assert_frame_equal(frames[0][1][cols], frames[1][1][cols])


def test_releases(con, tmp_path):
    f = tmp_path / "releases.csv"
    f.write_text("model,released_at\natlas-4,2026-10-08T16:00:00Z\natlas-3,2026-06-01\n")
    assert ingest.load_releases(con, f) == 2
    got = dict(dashboard.releases(con).values.tolist())
    assert got["atlas-4"] == pd.Timestamp(2026, 10, 8, 16)
    bad = tmp_path / "bad.csv"
    bad.write_text("model,released_at\natlas-5,someday\n")
    with pytest.raises(ingest.IngestError, match="line 2"):
        ingest.load_releases(con, bad)
    assert len(dashboard.releases(con)) == 2


def test_cli_ingest_summary_and_errors(tmp_path, capsys):
    f = write_jsonl(tmp_path / "a.jsonl", [rec(1), "{bad", rec(2)])
    db = tmp_path / "cli.duckdb"
    assert main(["ingest", str(f), "--db", str(db), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "2 stored" in out and "1 quarantined" in out and "rows/s" in out
    assert main(["ingest", str(tmp_path / "nope.jsonl"), "--db", str(db)]) == 2
    assert "nope.jsonl: no such file" in capsys.readouterr().err
    c = store.connect(db, read_only=True)
    assert c.execute("SELECT count(*) FROM requests").fetchall() == [(2,)]
    c.close()


def test_cli_file_that_is_not_a_log_fails_and_keeps_earlier_files(tmp_path, capsys):
    good = write_jsonl(tmp_path / "a.jsonl", [rec(1)])
    fake = tmp_path / "b.jsonl"
    fake.write_bytes(b"\x00\x01binary\xff\n\xfe\xfd\n")
    db = tmp_path / "cli.duckdb"
    assert main(["ingest", str(good), str(fake), "--db", str(db), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "b.jsonl: not a jsonl request log" in err
    c = store.connect(db, read_only=True)
    assert c.execute("SELECT request_id FROM requests").fetchall() == [("r1",)]
    assert c.execute("SELECT count(*) FROM quarantine").fetchall() == [(0,)]
    c.close()


def test_byte_order_marks(con, tmp_path, fast_path):
    f = tmp_path / "bom.jsonl"
    f.write_text("\ufeff" + json.dumps(rec(1)) + "\n" + json.dumps(rec(2)) + "\n{bad\n")
    [r] = ingest.ingest_paths(con, [str(f)])
    assert (r.stored, r.quarantined) == (2, 1)
    c = tmp_path / "bom.csv"
    c.write_text('\ufeff"request_id","timestamp","account_id","prompt"\r\nr9,2026-10-01,a,hi\r\n')
    [r] = ingest.ingest_paths(con, [str(c)])
    assert (r.stored, r.quarantined) == (1, 0)


def test_csv_quote_that_never_closes_is_quarantined_not_swallowed(con, tmp_path):
    f = tmp_path / "a.csv"
    f.write_text(
        "request_id,timestamp,account_id,prompt\n"
        "r1,2026-10-01,a,fine\n"
        'r2,2026-10-01,a,"oops\n'
        "r3,2026-10-01,a,ok\n"
    )
    [r] = ingest.ingest_paths(con, [str(f)])
    assert requests_df(con).request_id.tolist() == ["r1"]
    q = quarantine_df(con)
    assert r.quarantined == 1 and "CSV" in q.reason[0]
    assert "r3,2026-10-01,a,ok" in q.raw[0]  # nothing lost: the rest is kept as raw text


def test_fractions_of_a_millisecond_are_kept(con, tmp_path, fast_path):
    f = write_jsonl(tmp_path / "a.jsonl", [rec(1, timestamp=1790856000000.25)])
    ingest.ingest_paths(con, [str(f)])
    [(ts,)] = con.execute('SELECT "timestamp" FROM requests').fetchall()
    assert ts == datetime(2026, 10, 1, 12, 0, 0, 250)
