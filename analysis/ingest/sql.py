"""SQL of ingestion: a registered batch -> the temp table `staged` (typed rows with a
reason when bad) -> requests and quarantine; ingest_files and model_releases.

Values are always passed as parameters. Identifiers only ever come from the request-log
contract in `store.CONTRACT` (an allow-list), never from input files.
"""

from __future__ import annotations

import json

import duckdb

from analysis import config
from analysis.store import CONTRACT, CONTRACT_NAMES, Column

# Where staged records come from. "lines": JSON Lines read by Python (column `raw`);
# "struct": CSV or Parquet batches whose struct column `rec` becomes a JSON object;
# "fast": the temp table `fast_rows` that DuckDB's own JSON reader filled (fast_read_sql).
_BATCH_DOCS = {"lines": "raw", "struct": "to_json(rec)"}

_VARCHAR_STRUCTURE = json.dumps({name: "VARCHAR" for name in CONTRACT_NAMES})
_CONTRACT_NULLS = json.dumps({name: None for name in CONTRACT_NAMES})
_KIND_WORDS = {
    "integer": "is not a whole number",
    "float": "is not a number",
    "boolean": "is not true or false",
    "timestamp": "cannot be read as a timestamp",
}
# Extras keep non-null values only: a merge patch onto {} drops keys whose value is null.
_EXTRA_FROM_DOC = "json_merge_patch('{}', json_merge_patch(doc, $nulls))"


def _q(name: str) -> str:
    """Quote a contract column name (allow-listed) as an identifier."""
    assert name.split("__")[0] in CONTRACT_NAMES, name
    return f'"{name}"'


def _typed_value(c: Column) -> str:
    """The column converted to its SQL type; NULL when the text does not convert."""
    v = _q(c.name + "__v")
    if c.kind == "text":
        if c.name == "prompt":  # may be empty, never missing
            return f"{v} AS {_q(c.name)}"
        return f"nullif({v}, '') AS {_q(c.name)}"
    if c.kind == "integer":
        d = f"TRY_CAST({v} AS DOUBLE)"
        return (
            f"CASE WHEN {d} = trunc({d}) AND abs({d}) < 9e15 "
            f"THEN CAST({d} AS BIGINT) END AS {_q(c.name)}"
        )
    if c.kind == "float":
        d = f"TRY_CAST({v} AS DOUBLE)"
        return f"CASE WHEN isfinite({d}) THEN {d} END AS {_q(c.name)}"
    if c.kind == "boolean":
        return f"TRY_CAST({v} AS BOOLEAN) AS {_q(c.name)}"
    if c.kind == "timestamp":
        # Digits alone are epoch milliseconds; anything else is ISO 8601, no zone = UTC.
        ts = (
            f"CASE WHEN regexp_full_match({v}, '\\s*-?[0-9]{{1,16}}(\\.[0-9]*)?\\s*') "
            f"THEN make_timestamp(CAST(round(CAST({v} AS DOUBLE) * 1000) AS BIGINT)) "
            f"ELSE timezone('UTC', TRY_CAST({v} AS TIMESTAMPTZ)) END"
        )
        return (
            f"CASE WHEN {ts} >= CAST($ts_min AS TIMESTAMP) AND {ts} < CAST($ts_max AS TIMESTAMP) "
            f"THEN {ts} END AS {_q(c.name)}"
        )
    raise ValueError(c.kind)


def _checks(c: Column) -> list[str]:
    """SQL expressions giving a reason text when the column is bad, NULL when it is fine."""
    v, t, name = _q(c.name + "__v"), _q(c.name), c.name
    excerpt = f"left({v}, $excerpt)"
    out = []
    if c.required:
        missing = f"{v} IS NULL" if name == "prompt" else f"{v} IS NULL OR trim({v}) = ''"
        out.append(f"CASE WHEN {missing} THEN 'required column {name} is missing or empty' END")
    if c.kind != "text":
        out.append(
            f"CASE WHEN nullif(trim({v}), '') IS NOT NULL AND {t} IS NULL "
            f"THEN '{name} ''' || {excerpt} || ''' {_KIND_WORDS[c.kind]}' END"
        )
    return out


def _source_sql(source: str) -> str:
    """SELECT row_no, line_no, raw, parse_error, extra and <column>__v (text) per record."""
    values = ", ".join(f"{_q(c.name)} AS {_q(c.name + '__v')}" for c in CONTRACT)
    if source == "fast":
        return f"""SELECT rowid + 1 AS row_no, CAST(NULL AS BIGINT) AS line_no,
              CAST(NULL AS VARCHAR) AS raw, CAST(NULL AS VARCHAR) AS parse_error, extra, {values}
           FROM fast_rows"""
    doc = _BATCH_DOCS[source]
    fields = ", ".join(f"struct_extract(js, '{c.name}') AS {_q(c.name + '__v')}" for c in CONTRACT)
    return f"""
    WITH d AS (
        SELECT row_no, line_no, raw AS raw_in, {doc} AS doc, pre_error FROM batch
    ), p AS (
        SELECT row_no, line_no, coalesce(raw_in, CAST(doc AS VARCHAR)) AS raw, doc,
          CASE WHEN pre_error IS NOT NULL THEN pre_error
               WHEN NOT json_valid(doc) THEN 'not valid JSON (truncated or malformed record)'
               WHEN left(ltrim(doc), 1) <> '{{' THEN 'not a JSON object'
          END AS parse_error
        FROM d
    ), pj AS (
        SELECT row_no, line_no, raw, parse_error,
          CASE WHEN parse_error IS NULL THEN json_transform(doc, $structure) END AS js,
          CASE WHEN parse_error IS NULL THEN {_EXTRA_FROM_DOC} END AS extra
        FROM p
    )
    SELECT row_no, line_no, raw, parse_error, extra, {fields} FROM pj"""


def stage(con: duckdb.DuckDBPyConnection, source: str) -> None:
    """Fill the temp table `staged` from a source (see stage_sql)."""
    con.execute(stage_sql(source), stage_params(source))


def fast_read(con: duckdb.DuckDBPyConnection, path: str, extra_keys: list[str], gzip: bool) -> None:
    """Fill the temp table `fast_rows` with DuckDB's JSON reader (see fast_read_sql)."""
    con.execute(fast_read_sql(bool(extra_keys)), fast_read_params(path, extra_keys, gzip))


def stage_sql(source: str) -> str:
    """CREATE the temp table `staged` from a source ("lines", "struct" or "fast").

    `staged` has row_no, line_no, raw, the typed contract columns, extra (JSON object of
    the non-null columns outside the contract, or NULL), reason (NULL when the record is
    good) and parsed (false when the record was not even a JSON object).
    JSON objects or arrays given for a text column are kept as their JSON text.
    """
    typed = ",\n      ".join(_typed_value(c) for c in CONTRACT)
    checks = ",\n        ".join(x for c in CONTRACT for x in _checks(c))
    cols = ", ".join(_q(c.name) for c in CONTRACT)
    return f"""
CREATE OR REPLACE TEMP TABLE staged AS
WITH v AS ({_source_sql(source)}
), t AS (
    SELECT *,
      {typed}
    FROM v
), r AS (
    SELECT *,
      CASE WHEN parse_error IS NOT NULL THEN parse_error ELSE nullif(concat_ws('; ',
        {checks}
      ), '') END AS reason
    FROM t
)
SELECT row_no, line_no, raw, {cols},
       CAST(nullif(CAST(extra AS VARCHAR), '{{}}') AS JSON) AS extra, reason,
       parse_error IS NULL AS parsed
FROM r
"""


def stage_params(source: str) -> dict:
    """Named parameters for stage_sql(source)."""
    params = {
        "ts_min": config.TIMESTAMP_MIN,
        "ts_max": config.TIMESTAMP_MAX,
        "excerpt": config.REASON_VALUE_CHARS,
    }
    if source != "fast":
        params.update(structure=_VARCHAR_STRUCTURE, nulls=_CONTRACT_NULLS)
    return params


def fast_read_sql(with_extras: bool) -> str:
    """CREATE temp table `fast_rows` from DuckDB's JSON reader: the contract columns as
    text and extra, in file order (rowid + 1 is the record number; blank lines skipped)."""
    cols = ", ".join(_q(c.name) for c in CONTRACT)
    extra = (
        "json_merge_patch('{}', json_merge_patch(to_json(t), $nulls))"
        if with_extras
        else "CAST(NULL AS JSON)"
    )
    return f"""
CREATE OR REPLACE TEMP TABLE fast_rows AS
SELECT {cols}, {extra} AS extra
FROM read_json($path, format = 'newline_delimited', records = true, columns = $columns,
               compression = $compression, maximum_object_size = $max_object) AS t
"""


def fast_read_params(path: str, extra_keys: list[str], gzip: bool) -> dict:
    """Named parameters for fast_read_sql."""
    columns = {name: "VARCHAR" for name in CONTRACT_NAMES}
    columns.update({k: "JSON" for k in extra_keys if k not in columns})
    params = {
        "path": path,
        "columns": columns,
        "compression": "gzip" if gzip else "none",
        "max_object": config.FAST_PATH_MAX_LINE_BYTES,
    }
    if len(columns) > len(CONTRACT_NAMES):
        params["nulls"] = _CONTRACT_NULLS
    return params


def sample_json_keys(con: duckdb.DuckDBPyConnection, path: str, gzip: bool) -> list[str]:
    """Return the top-level keys DuckDB's reader detects in the first records of a file."""
    rows = con.execute(
        "SELECT column_name FROM (DESCRIBE SELECT * FROM read_json($path, "
        "format = 'newline_delimited', compression = $compression, sample_size = $sample, "
        "maximum_depth = 1, maximum_object_size = $max_object))",
        {
            "path": path,
            "compression": "gzip" if gzip else "none",
            "sample": config.FAST_PATH_KEY_SAMPLE,
            "max_object": config.FAST_PATH_MAX_LINE_BYTES,
        },
    ).fetchall()
    return [r[0] for r in rows]


def set_staged_lines(con: duckdb.DuckDBPyConnection, rows: list[tuple[int, int, str]]) -> None:
    """Fill line_no and raw of staged records from (row_no, line_no, raw text) triples."""
    con.executemany(
        "UPDATE staged SET line_no = ?, raw = ? WHERE row_no = ?",
        [(line, raw, row) for row, line, raw in rows],
    )


def drop_staging(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the temp tables of one file's ingestion."""
    for table in ("staged", "fast_rows"):
        con.execute(f"DROP TABLE IF EXISTS {table}")


def bad_staged_rows(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Return the record numbers (row_no) of the bad records in `staged`, ascending."""
    rows = con.execute("SELECT row_no FROM staged WHERE reason IS NOT NULL ORDER BY row_no")
    return [r[0] for r in rows.fetchall()]


def staged_counts(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int]:
    """Return (good, bad, unparsed) record counts in `staged`; unparsed are among bad."""
    row = con.execute(
        "SELECT count(*) FILTER (WHERE reason IS NULL), count(*) FILTER (WHERE reason IS NOT NULL),"
        " count(*) FILTER (WHERE NOT parsed) FROM staged"
    ).fetchall()[0]
    return int(row[0]), int(row[1]), int(row[2])


def insert_quarantine(con: duckdb.DuckDBPyConnection, file_id: int, source: str) -> int:
    """Copy bad records of `staged` to quarantine, unless the same record of the same file
    is there already (re-running an ingest adds nothing); return how many were added."""
    row = con.execute(
        "INSERT INTO quarantine"
        " (file_id, source_file, line_no, row_no, raw, reason, quarantined_at)"
        " SELECT ?, ?, line_no, row_no, raw, reason, now()::TIMESTAMP FROM staged AS s"
        " WHERE reason IS NOT NULL AND NOT EXISTS (SELECT 1 FROM quarantine AS q"
        "   WHERE q.source_file = ? AND q.row_no = s.row_no AND q.raw = s.raw)"
        " ORDER BY row_no",
        [file_id, source, source],
    ).fetchall()[0]
    return int(row[0])


def staged_repeats_ids(con: duckdb.DuckDBPyConnection) -> bool:
    """True when a request_id occurs more than once among the good records of `staged`."""
    row = con.execute(
        "SELECT count(*) <> count(DISTINCT request_id) FROM staged WHERE reason IS NULL"
    ).fetchall()[0]
    return bool(row[0])


def insert_new_requests(con: duckdb.DuckDBPyConnection, file_id: int, repeats: bool) -> int:
    """Insert good records of `staged` whose request_id is not stored yet, the first of
    each repeated id only (when `repeats`); return how many."""
    cols = ", ".join(_q(c.name) for c in CONTRACT)
    source = "(SELECT * FROM staged WHERE reason IS NULL)"
    if repeats:
        source = """(SELECT * FROM (
              SELECT *, row_number() OVER (PARTITION BY request_id ORDER BY row_no) AS rn
              FROM staged WHERE reason IS NULL) AS w WHERE rn = 1)"""
    row = con.execute(
        f"""INSERT INTO requests ({cols}, extra, file_id)
        SELECT {cols}, extra, ? FROM {source} AS s
        WHERE NOT EXISTS (SELECT 1 FROM requests AS r WHERE r.request_id = s.request_id)""",
        [file_id],
    ).fetchall()[0]
    return int(row[0])


def next_file_id(con: duckdb.DuckDBPyConnection) -> int:
    """Return the next free file id."""
    return int(
        con.execute("SELECT coalesce(max(file_id), 0) + 1 FROM ingest_files").fetchall()[0][0]
    )


def insert_ingest_file(con: duckdb.DuckDBPyConnection, row: dict) -> None:
    """Record one ingested file (keys: the ingest_files columns but ingested_at)."""
    con.execute(
        """INSERT INTO ingest_files (file_id, path, format, bytes, rows_read, rows_stored,
               duplicates, quarantined, seconds, ingested_at)
           VALUES ($file_id, $path, $format, $bytes, $rows_read, $rows_stored,
               $duplicates, $quarantined, $seconds, now()::TIMESTAMP)""",
        row,
    )


def upsert_release(
    con: duckdb.DuckDBPyConnection, model: str, released_at: str, source: str
) -> None:
    """Store a model's release time (ISO text or epoch ms, normalised to UTC)."""
    con.execute(
        """INSERT OR REPLACE INTO model_releases (model, released_at, source_file)
           VALUES (?, timezone('UTC', CAST(? AS TIMESTAMPTZ)), ?)""",
        [model, released_at, source],
    )


def parse_timestamp(con: duckdb.DuckDBPyConnection, text: str):
    """Return text as a UTC timestamp using the ingestion rules, or None if unreadable."""
    c = Column("timestamp", "timestamp")
    sql = f"SELECT {_typed_value(c)} FROM (SELECT CAST($v AS VARCHAR) AS {_q('timestamp__v')})"
    params = {"v": text, "ts_min": config.TIMESTAMP_MIN, "ts_max": config.TIMESTAMP_MAX}
    return con.execute(sql, params).fetchall()[0][0]
