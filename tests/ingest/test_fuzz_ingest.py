"""Ingestion under fuzz: malformed and odd records never crash it, and every record read is
stored, counted as a duplicate or quarantined with a reason."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import ingest, store
from analysis.store import CONTRACT_NAMES

RECORDS_PER_EXAMPLE = 25
EXAMPLES = 420  # 10,500 records in all, each example one file ingested into one database

odd_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "null", "NaN", "1e999", "-0", "2026-13-45T99:99:99Z",
                     "\u202egnp.exe", "\x00\x01", "\x1b[31mred", "=cmd|' /C calc'!A0",
                     "<script>alert(1)</script>", "![x](http://198.51.100.7/b)", "🦆" * 50]),
)  # fmt: skip
odd_value = st.one_of(
    st.none(), st.booleans(), odd_text,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(),
                                                         max_size=2),
)  # fmt: skip
timestamps = st.one_of(
    st.datetimes().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat() + "Z"),
    st.integers(min_value=-(2**45), max_value=2**45),
    odd_text,
)
ids = st.one_of(st.integers(0, 300).map(lambda i: f"r{i}"), odd_value)  # repeats are duplicates


@st.composite
def record(draw) -> str:
    """One line of a JSON Lines file: usually an object close to the contract, sometimes
    junk, a non-object or a broken line."""
    kind = draw(st.sampled_from(["near", "near", "near", "junk_keys", "not_object", "broken"]))
    if kind == "broken":
        return draw(st.sampled_from(['{"request_id": "x"', "{{}", "not json", '{"a":1}}',
                                     "\x00", "[1, 2"]))  # fmt: skip
    if kind == "not_object":
        return json.dumps(draw(st.one_of(st.integers(), st.text(max_size=10), st.lists(
            st.integers(), max_size=3), st.none())))  # fmt: skip
    rec: dict = {}
    if draw(st.booleans()) or kind == "near":
        rec["request_id"] = draw(ids)
        rec["timestamp"] = draw(timestamps)
        rec["account_id"] = draw(st.one_of(st.sampled_from(["a", "b", "c"]), odd_value))
        rec["prompt"] = draw(st.one_of(odd_text, odd_value))
    for name in draw(st.lists(st.sampled_from(CONTRACT_NAMES), max_size=6)):
        rec[name] = draw(odd_value)
    for _ in range(draw(st.integers(0, 2))):
        rec[draw(st.text(max_size=8))] = draw(odd_value)
    if draw(st.booleans()):
        for k in [k for k in rec if draw(st.booleans())][:1]:
            del rec[k]  # a required column missing, sometimes
    text = json.dumps(rec, allow_nan=True, ensure_ascii=draw(st.booleans()))
    return text


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    con = store.connect(folder / "f.duckdb")
    yield folder, con
    con.close()


@pytest.mark.slow
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
@given(lines=st.lists(record(), min_size=RECORDS_PER_EXAMPLE, max_size=RECORDS_PER_EXAMPLE))
def test_fuzzed_records_are_all_accounted_for(fuzz_db, reliability_figures, lines):
    folder, con = fuzz_db
    # a new file name per example: quarantine rows are kept once per (file, line, record)
    path = folder / f"fuzz-{reliability_figures['fuzz_files']}.jsonl"
    reliability_figures["fuzz_files"] += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    reliability_figures["fuzz_records"] += len(lines)
    try:
        [r] = ingest.ingest_paths(con, [str(path)])
    except Exception:
        reliability_figures["crashes"] += 1
        raise
    nonblank = sum(1 for line in lines if line.strip())
    assert r.rows_read == nonblank
    assert r.stored + r.duplicates + r.quarantined == r.rows_read
    file_id = con.execute("SELECT max(file_id) FROM ingest_files").fetchall()[0][0]
    stored = con.execute("SELECT count(*) FROM requests WHERE file_id = ?", [file_id])
    assert stored.fetchall()[0][0] == r.stored
    q = con.execute(
        "SELECT count(*), count(reason), min(length(reason)) FROM quarantine WHERE file_id = ?",
        [file_id],
    )
    n_quarantined, with_reason, shortest = q.fetchall()[0]
    assert n_quarantined == r.quarantined == with_reason
    assert r.quarantined == 0 or shortest > 0
    total = con.execute("SELECT count(*) FROM requests").fetchall()[0][0]
    [again] = ingest.ingest_paths(con, [str(path)])  # the same file again adds nothing
    assert con.execute("SELECT count(*) FROM requests").fetchall()[0][0] == total
    assert again.stored == 0 and again.rows_read == r.rows_read
