"""Every SQL statement of the project, one function per query.

Values are always passed as parameters. Identifiers only ever come from the
request-log contract in `store.CONTRACT` (an allow-list), never from input files.
"""

from __future__ import annotations

import contextlib
import json

import duckdb
import numpy as np
import pandas as pd

from analysis import config
from analysis.store import CONTRACT, CONTRACT_NAMES, Column

# ---------------------------------------------------------------------------
# ingestion: a registered batch -> staged (typed rows with a reason when bad)
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# reading what is stored
# ---------------------------------------------------------------------------


def dataset_summary(con: duckdb.DuckDBPyConnection) -> dict:
    """Return requests, accounts, first, last, quarantined and files of the database."""
    row = con.execute(
        """SELECT (SELECT count(*) FROM requests),
                  (SELECT count(DISTINCT account_id) FROM requests),
                  (SELECT min("timestamp") FROM requests),
                  (SELECT max("timestamp") FROM requests),
                  (SELECT count(*) FROM quarantine),
                  (SELECT count(*) FROM ingest_files)"""
    ).fetchall()[0]
    keys = ("requests", "accounts", "first", "last", "quarantined", "files")
    return dict(zip(keys, row, strict=True))


def models_summary(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return model, requests, accounts, first_seen, last_seen, released_at per model."""
    return con.execute(
        """SELECT coalesce(r.model, '(none)') AS model, count(*) AS requests,
                  count(DISTINCT r.account_id) AS accounts,
                  min(r."timestamp") AS first_seen, max(r."timestamp") AS last_seen,
                  any_value(m.released_at) AS released_at
           FROM requests AS r LEFT JOIN model_releases AS m ON m.model = r.model
           GROUP BY 1 ORDER BY requests DESC"""
    ).df()


def daily_requests(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return day, requests, accounts per UTC day."""
    return con.execute(
        """SELECT CAST(date_trunc('day', "timestamp") AS DATE) AS day, count(*) AS requests,
                  count(DISTINCT account_id) AS accounts
           FROM requests GROUP BY 1 ORDER BY 1"""
    ).df()


def quarantine_rows(con: duckdb.DuckDBPyConnection, limit: int = 200) -> pd.DataFrame:
    """Return source_file, line_no, row_no, reason and a raw excerpt of quarantined rows."""
    return con.execute(
        """SELECT source_file, line_no, row_no, reason, left(raw, 300) AS raw_excerpt,
                  length(raw) AS raw_chars
           FROM quarantine ORDER BY quarantined_at, source_file, row_no LIMIT ?""",
        [limit],
    ).df()


def ingest_files(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return the ingested files with their counts, newest first."""
    return con.execute(
        """SELECT path, format, rows_read, rows_stored, duplicates, quarantined, seconds,
                  ingested_at FROM ingest_files ORDER BY file_id DESC"""
    ).df()


def releases(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return model, released_at of the stored releases."""
    return con.execute("SELECT model, released_at FROM model_releases ORDER BY released_at").df()


# ---------------------------------------------------------------------------
# campaigns: unique prompts, the embedding cache, the map and its aggregates
# ---------------------------------------------------------------------------

# A prompt's normalised form (lower case, single spaces) and its hash: the unit that is
# embedded, cached and clustered. One definition, used by every query below.
_NORMALISED = "lower(trim(regexp_replace(prompt, '\\s+', ' ', 'g')))"
PROMPT_HASH_SQL = f"md5({_NORMALISED})"


def unique_prompts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return prompt_hash, text (one original spelling) and requests per unique prompt,
    ordered by prompt_hash."""
    return con.execute(
        f"""SELECT {PROMPT_HASH_SQL} AS prompt_hash, min(prompt) AS text, count(*) AS requests
            FROM requests GROUP BY 1 ORDER BY 1"""
    ).df()


def cached_embeddings(
    con: duckdb.DuckDBPyConnection, backend: str, hashes: pd.Series
) -> pd.DataFrame:
    """Return prompt_hash, vec for the hashes that the cache holds for a backend."""
    con.register("wanted_hashes", pd.DataFrame({"prompt_hash": hashes}))
    try:
        return con.execute(
            """SELECT e.prompt_hash, e.vec FROM prompt_embeddings AS e
               JOIN wanted_hashes AS w ON w.prompt_hash = e.prompt_hash
               WHERE e.backend = ?""",
            [backend],
        ).df()
    finally:
        con.unregister("wanted_hashes")


def insert_embeddings(con: duckdb.DuckDBPyConnection, table) -> None:
    """Add (backend, prompt_hash, vec) rows of an Arrow table not yet in the cache."""
    con.register("new_embeddings", table)
    try:
        con.execute(
            """INSERT INTO prompt_embeddings (backend, prompt_hash, vec)
               SELECT n.backend, n.prompt_hash, n.vec FROM new_embeddings AS n
               WHERE NOT EXISTS (SELECT 1 FROM prompt_embeddings AS e
                                 WHERE e.backend = n.backend AND e.prompt_hash = n.prompt_hash)"""
        )
    finally:
        con.unregister("new_embeddings")


def latest_campaign_run(con: duckdb.DuckDBPyConnection) -> dict | None:
    """Return the newest campaign run as a dict, or None."""
    df = con.execute("SELECT * FROM campaign_runs ORDER BY run_id DESC LIMIT 1").df()
    return None if df.empty else df.iloc[0].to_dict()


def latest_fit_run(con: duckdb.DuckDBPyConnection, backend: str) -> int | None:
    """Return the newest run that fitted the map with this backend, or None."""
    rows = con.execute(
        "SELECT max(run_id) FROM campaign_runs WHERE mode = 'fit' AND backend = ?", [backend]
    ).fetchall()
    return rows[0][0]


def next_run_id(con: duckdb.DuckDBPyConnection) -> int:
    """Return the next campaign run id."""
    return int(
        con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM campaign_runs").fetchall()[0][0]
    )


def next_campaign_id(con: duckdb.DuckDBPyConnection) -> int:
    """Return the next never-used campaign id (ids are never reused)."""
    row = con.execute(
        """SELECT greatest(coalesce((SELECT max(campaign_id) FROM campaign_profiles), -1),
                          coalesce((SELECT max(campaign_id) FROM campaign_lineage), -1)) + 1"""
    ).fetchall()[0]
    return int(row[0])


def prompt_map(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return prompt_hash, x, y, campaign_id, in_sample, run_id of every mapped prompt."""
    return con.execute(
        "SELECT prompt_hash, x, y, campaign_id, in_sample, run_id FROM prompt_map"
        " ORDER BY prompt_hash"
    ).df()


def map_counts(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int]:
    """Return (mapped prompts, campaigns, noise prompts) of the prompt map."""
    row = con.execute(
        "SELECT count(*), count(DISTINCT campaign_id) FILTER (WHERE campaign_id >= 0),"
        " count(*) FILTER (WHERE campaign_id < 0) FROM prompt_map"
    ).fetchall()[0]
    return int(row[0]), int(row[1]), int(row[2])


def reference_set(con: duckdb.DuckDBPyConnection, backend: str) -> pd.DataFrame:
    """Return prompt_hash, x, y, campaign_id, vec of the fitted sample (the reference set)."""
    return con.execute(
        """SELECT m.prompt_hash, m.x, m.y, m.campaign_id, e.vec
           FROM prompt_map AS m JOIN prompt_embeddings AS e
             ON e.prompt_hash = m.prompt_hash AND e.backend = ?
           WHERE m.in_sample ORDER BY m.prompt_hash""",
        [backend],
    ).df()


def write_prompt_map(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame, replace: bool) -> None:
    """Store map rows (prompt_hash, x, y, campaign_id, in_sample, run_id); replace=True
    drops the previous map first."""
    if replace:
        con.execute("DELETE FROM prompt_map")
    con.register("map_rows", rows)
    try:
        con.execute(
            """INSERT INTO prompt_map (prompt_hash, x, y, campaign_id, in_sample, run_id)
               SELECT prompt_hash, x, y, campaign_id, in_sample, run_id FROM map_rows"""
        )
    finally:
        con.unregister("map_rows")


def write_campaign_profiles(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame) -> None:
    """Replace the profiles (campaign_id, keywords, representatives, centroid, created_run,
    fitted_run) with rows."""
    con.execute("DELETE FROM campaign_profiles")
    con.register("profile_rows", rows)
    try:
        con.execute(
            """INSERT INTO campaign_profiles
               SELECT campaign_id, keywords, representatives, centroid, created_run, fitted_run
               FROM profile_rows"""
        )
    finally:
        con.unregister("profile_rows")


def campaign_created_runs(con: duckdb.DuckDBPyConnection) -> dict[int, int]:
    """Return campaign_id -> the run that first created it."""
    return dict(con.execute("SELECT campaign_id, created_run FROM campaign_profiles").fetchall())


def write_lineage(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
    """Append lineage rows (run_id, campaign_id, parent_id, relation, overlap)."""
    if rows:
        con.executemany(
            "INSERT INTO campaign_lineage (run_id, campaign_id, parent_id, relation, overlap)"
            " VALUES (?, ?, ?, ?, ?)",
            rows,
        )


def refresh_campaign_aggregates(con: duckdb.DuckDBPyConnection, run_id: int) -> None:
    """Recompute account_campaigns and campaigns from requests and the prompt map."""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE request_campaigns AS
            SELECT r.account_id, r."timestamp", m.prompt_hash, m.campaign_id
            FROM requests AS r JOIN prompt_map AS m ON m.prompt_hash = {PROMPT_HASH_SQL}"""
    )
    con.execute("DELETE FROM account_campaigns")
    con.execute(
        """INSERT INTO account_campaigns (account_id, campaign_id, requests, share)
           SELECT account_id, campaign_id, n,
                  n / sum(n) OVER (PARTITION BY account_id)
           FROM (SELECT account_id, campaign_id, count(*) AS n
                 FROM request_campaigns GROUP BY account_id, campaign_id) AS a"""
    )
    con.execute("DELETE FROM campaigns")
    con.execute(
        """INSERT INTO campaigns
           WITH agg AS (
               SELECT campaign_id, count(DISTINCT prompt_hash) AS prompts, count(*) AS requests,
                      count(DISTINCT account_id) AS accounts,
                      min("timestamp") AS first_seen, max("timestamp") AS last_seen
               FROM request_campaigns WHERE campaign_id >= 0 GROUP BY campaign_id
           ), conc AS (
               SELECT campaign_id, max(requests) / sum(requests) AS top_account_share,
                      sum(requests * requests) / (sum(requests) * sum(requests)) AS hhi
               FROM account_campaigns WHERE campaign_id >= 0 GROUP BY campaign_id
           )
           SELECT a.campaign_id, a.prompts, a.requests, a.accounts, a.first_seen, a.last_seen,
                  c.top_account_share, c.hhi, p.keywords, p.representatives, ?
           FROM agg AS a JOIN conc AS c USING (campaign_id)
           LEFT JOIN campaign_profiles AS p USING (campaign_id)""",
        [run_id],
    )
    con.execute("DROP TABLE request_campaigns")


def insert_campaign_run(con: duckdb.DuckDBPyConnection, row: dict) -> None:
    """Record a campaign run (keys: the campaign_runs columns but started_at)."""
    con.execute(
        """INSERT INTO campaign_runs (run_id, started_at, backend, mode, prompts, new_prompts,
               embedded, campaigns, noise_share, seconds, params)
           VALUES ($run_id, now()::TIMESTAMP, $backend, $mode, $prompts, $new_prompts,
               $embedded, $campaigns, $noise_share, $seconds, $params)""",
        row,
    )


def campaigns_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return the campaigns, largest first (the campaigns table's columns)."""
    return con.execute("SELECT * FROM campaigns ORDER BY requests DESC").df()


def request_campaign_labels(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return account_id, prompt_hash, campaign_id for every request."""
    return con.execute(
        f"""SELECT r.account_id, m.prompt_hash, m.campaign_id
            FROM requests AS r JOIN prompt_map AS m ON m.prompt_hash = {PROMPT_HASH_SQL}"""
    ).df()


# ---------------------------------------------------------------------------
# per-account behaviour signals (features)
# ---------------------------------------------------------------------------

# A prompt's skeleton: the normalised prompt with its variable parts masked (numbers,
# quoted text, code blocks), so prompts built from one template share it.
_SKELETON = (
    "regexp_replace(regexp_replace(regexp_replace(" + _NORMALISED + ", "
    "'```.*?```', '<code>', 'gs'), '\"[^\"]*\"', '<q>', 'g'), '[0-9]+([.,][0-9]+)*', '#', 'g')"
)


def make_account_skeletons(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)build the temporary table account_skeletons: account_id, skeleton_hash (md5 of
    the prompt with its variable parts masked) and how many of the account's requests use it."""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE account_skeletons AS
        SELECT account_id, md5({_SKELETON}) AS skeleton_hash, count(*) AS c
        FROM requests GROUP BY account_id, md5({_SKELETON})"""
    )


def ensure_account_skeletons(con: duckdb.DuckDBPyConnection) -> None:
    """Build account_skeletons on this connection unless it already has it."""
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'account_skeletons' AND temporary"
    ).fetchall()[0][0]
    if not exists:
        make_account_skeletons(con)


def set_entity_map(con: duckdb.DuckDBPyConnection, mapping: pd.DataFrame) -> None:
    """(Re)build the temporary table entity_map (account_id, entity_id) from mapping, so
    that feature queries can treat a group of accounts (a network) as one entity."""
    con.register("_entity_map", mapping[["account_id", "entity_id"]])
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE entity_map AS "
            "SELECT CAST(account_id AS VARCHAR) AS account_id, "
            "CAST(entity_id AS VARCHAR) AS entity_id FROM _entity_map"
        )
    finally:
        con.unregister("_entity_map")


def _entity_source(table: str, grouped: bool, cols: str) -> str:
    """FROM clause of a feature query: table itself, or its rows of mapped accounts with
    account_id replaced by the entity_id of entity_map."""
    if not grouped:
        return f"(SELECT {cols} FROM {table}) AS src"
    return (
        f"(SELECT m.entity_id AS account_id, {cols.replace('account_id, ', '')} "
        f"FROM {table} JOIN entity_map AS m USING (account_id)) AS src"
    )


def account_features_sql(grouped: bool = False) -> str:
    """SQL returning one row per account (per entity of entity_map when grouped) with its
    behaviour signals; needs account_skeletons (make_account_skeletons)."""
    req_cols = (
        'account_id, "timestamp", model, prompt_tokens, completion_tokens, max_tokens, '
        "temperature, n, logprobs, api_key_id, ip, asn, user_agent, account_created_at, "
        "prompt, response"
    )
    return f"""
WITH r AS (
    SELECT account_id, "timestamp" AS ts, model, max_tokens,
           temperature, n, logprobs, api_key_id, ip, asn, user_agent, account_created_at,
           -- billed tokens, else about four characters per token of the text itself
           coalesce(prompt_tokens, length(prompt) / 4.0) AS prompt_tokens,
           coalesce(completion_tokens, length(response) / 4.0) AS completion_tokens
    FROM {_entity_source("requests", grouped, req_cols)}
), gaps AS (
    SELECT account_id,
           epoch(ts) - epoch(lag(ts) OVER (PARTITION BY account_id ORDER BY ts)) AS gap
    FROM r
), gap_stats AS (
    SELECT account_id, avg(gap) AS gap_mean, stddev_pop(gap) AS gap_std
    FROM gaps WHERE gap IS NOT NULL GROUP BY account_id
), hours AS (
    SELECT account_id, hour(ts) AS h, count(*) AS c FROM r GROUP BY account_id, hour(ts)
), hour_stats AS (
    SELECT account_id, count(*) AS active_hours,
           -sum((c / t) * ln(c / t)) / ln(24) AS hour_entropy
    FROM (SELECT account_id, h, c, sum(c) OVER (PARTITION BY account_id) AS t FROM hours) AS x
    GROUP BY account_id
), quiet AS (
    -- share of requests in the account's quietest six consecutive hours of the day
    SELECT account_id, min(w) AS quiet_share FROM (
        SELECT a.account_id, s.s, coalesce(sum(hours.c), 0) * 1.0 / any_value(a.t) AS w
        FROM (SELECT account_id, sum(c) AS t FROM hours GROUP BY account_id) AS a
        CROSS JOIN range(24) AS s(s)
        LEFT JOIN hours ON hours.account_id = a.account_id AND (hours.h - s.s + 24) % 24 < 6
        GROUP BY a.account_id, s.s) AS x
    GROUP BY account_id
), daily AS (
    SELECT account_id, CAST(ts AS DATE) AS d, count(*) AS c, sum(completion_tokens) AS o
    FROM r GROUP BY account_id, CAST(ts AS DATE)
), span AS (
    -- days from the account's first active day to the last day of the data (at least
    -- $min_days) and how many of them were active
    SELECT account_id, count(*) AS active,
           greatest($min_days, date_diff('day', min(d), any_value(e.data_end_day)) + 1) AS days
    FROM daily CROSS JOIN (SELECT CAST(max("timestamp") AS DATE) AS data_end_day
                           FROM requests) AS e
    GROUP BY account_id
), ranked AS (
    SELECT account_id, c, o,
           row_number() OVER (PARTITION BY account_id ORDER BY c) AS rc,
           row_number() OVER (PARTITION BY account_id ORDER BY o) AS ro
    FROM daily
), typical AS (
    -- a typical day: the $typical_q quantile (nearest rank) of the daily counts over those
    -- days, the inactive ones counted as zero; 0 when the account is idle that often
    SELECT s.account_id,
           coalesce(max(CASE WHEN k.rc = ceil($typical_q * s.days) - (s.days - s.active)
                             THEN k.c END), 0) AS typical_day_requests,
           coalesce(max(CASE WHEN k.ro = ceil($typical_q * s.days) - (s.days - s.active)
                             THEN k.o END), 0) AS typical_day_output_tokens
    FROM span AS s LEFT JOIN ranked AS k USING (account_id)
    GROUP BY s.account_id
), peak AS (
    SELECT account_id, max(c) AS peak_hour_requests
    FROM (SELECT account_id, date_trunc('hour', ts) AS hr, count(*) AS c
          FROM r GROUP BY account_id, date_trunc('hour', ts)) AS x
    GROUP BY account_id
), skeletons AS (
    SELECT account_id, skeleton_hash, sum(c) AS c
    FROM {_entity_source("account_skeletons", grouped, "account_id, skeleton_hash, c")}
    GROUP BY account_id, skeleton_hash
), template AS (
    SELECT account_id, sum(CASE WHEN c >= 3 THEN c ELSE 0 END) / sum(c) AS template_share,
           count(*) AS skeletons
    FROM skeletons GROUP BY account_id
), release_hits AS (
    SELECT r.account_id,
           avg(CASE WHEN m.released_at IS NOT NULL AND r.ts >= m.released_at
                     AND r.ts < m.released_at + INTERVAL 48 HOUR THEN 1.0 ELSE 0.0 END)
             AS release_48h_share
    FROM r LEFT JOIN model_releases AS m ON m.model = r.model
    GROUP BY r.account_id
)
SELECT a.account_id,
       count(*) AS requests,
       count(DISTINCT CAST(a.ts AS DATE)) AS active_days,
       count(*) / count(DISTINCT CAST(a.ts AS DATE)) AS requests_per_active_day,
       min(a.ts) AS first_seen, max(a.ts) AS last_seen,
       any_value(p.peak_hour_requests) AS peak_hour_requests,
       any_value(hs.active_hours) AS active_hours,
       coalesce(any_value(hs.hour_entropy), 0) AS hour_entropy,
       any_value(q.quiet_share) AS quiet_share,
       any_value(g.gap_std) / nullif(any_value(g.gap_mean), 0) AS gap_cv,
       sum(a.completion_tokens) / nullif(sum(a.prompt_tokens), 0) AS out_in_ratio,
       avg(a.completion_tokens) AS mean_output_tokens,
       -- sustained rates: per day from the account's first request to the end of the data
       count(*) / greatest($min_days, (epoch(any_value(e.data_end)) - epoch(min(a.ts))) / 86400.0)
         AS requests_per_day,
       sum(a.completion_tokens)
         / greatest($min_days, (epoch(any_value(e.data_end)) - epoch(min(a.ts))) / 86400.0)
         AS output_tokens_per_day,
       any_value(ty.typical_day_requests) AS typical_day_requests,
       any_value(ty.typical_day_output_tokens) AS typical_day_output_tokens,
       avg(CASE WHEN a.max_tokens > 0 AND a.completion_tokens >= 0.95 * a.max_tokens
                THEN 1.0 ELSE 0.0 END) AS near_max_share,
       avg(a.max_tokens) AS mean_max_tokens,
       avg(CASE WHEN a.n > 1 THEN 1.0 ELSE 0.0 END) AS n_gt1_share,
       avg(CASE WHEN a.logprobs THEN 1.0 ELSE 0.0 END) AS logprobs_share,
       avg(CASE WHEN a.temperature = 0 THEN 1.0 ELSE 0.0 END) AS temp0_share,
       avg(a.temperature) AS mean_temperature,
       count(DISTINCT a.api_key_id) AS keys,
       count(DISTINCT a.ip) AS ips,
       count(DISTINCT a.asn) AS asns,
       count(DISTINCT a.user_agent) AS user_agents,
       (epoch(min(a.ts)) - epoch(min(a.account_created_at))) / 86400.0 AS age_at_first_days,
       any_value(t.template_share) AS template_share,
       any_value(t.skeletons) / count(*) AS skeleton_ratio,
       any_value(rh.release_48h_share) AS release_48h_share
FROM r AS a
LEFT JOIN gap_stats AS g USING (account_id)
LEFT JOIN hour_stats AS hs USING (account_id)
LEFT JOIN quiet AS q USING (account_id)
LEFT JOIN typical AS ty USING (account_id)
LEFT JOIN peak AS p USING (account_id)
LEFT JOIN template AS t USING (account_id)
LEFT JOIN release_hits AS rh USING (account_id)
CROSS JOIN (SELECT max("timestamp") AS data_end FROM requests) AS e
GROUP BY a.account_id
ORDER BY a.account_id
"""


def account_features(con: duckdb.DuckDBPyConnection, grouped: bool = False) -> pd.DataFrame:
    """Return one row per account (per entity of entity_map when grouped) with its behaviour
    signals (columns of account_features_sql); builds account_skeletons when missing."""
    ensure_account_skeletons(con)
    return con.execute(
        account_features_sql(grouped),
        {"min_days": config.RATE_MIN_DAYS, "typical_q": config.TYPICAL_DAY_QUANTILE},
    ).df()


# ---------------------------------------------------------------------------
# content signals: a per-account sample of requests, reasoning scores, topics
# ---------------------------------------------------------------------------


def make_account_sample(con: duckdb.DuckDBPyConnection, per_account: int) -> int:
    """(Re)build the temporary table account_sample: at most per_account requests of each
    account, chosen by a hash of request_id (repeatable), with each prompt's hash and its
    rank within the account; return its row count."""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE account_sample AS
        SELECT account_id, request_id, prompt, prompt_hash, rn FROM (
            SELECT account_id, request_id, prompt, {PROMPT_HASH_SQL} AS prompt_hash,
                   row_number() OVER (PARTITION BY account_id ORDER BY md5(request_id)) AS rn
            FROM requests) AS s
        WHERE rn <= ?""",
        [per_account],
    )
    return con.execute("SELECT count(*) FROM account_sample").fetchall()[0][0]


def unscored_sample_prompts(con: duckdb.DuckDBPyConnection, detector: str) -> pd.DataFrame:
    """Return prompt_hash, prompt of sampled prompts without a reasoning score from detector."""
    return con.execute(
        """SELECT s.prompt_hash, any_value(s.prompt) AS prompt
        FROM account_sample AS s
        WHERE NOT EXISTS (SELECT 1 FROM reasoning_scores AS r
                          WHERE r.detector = ? AND r.prompt_hash = s.prompt_hash)
        GROUP BY s.prompt_hash ORDER BY s.prompt_hash""",
        [detector],
    ).df()


def insert_reasoning_scores(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame) -> None:
    """Append rows (detector, prompt_hash, score) to reasoning_scores."""
    con.register("_new_scores", rows)
    try:
        con.execute(
            "INSERT INTO reasoning_scores SELECT detector, prompt_hash, CAST(score AS FLOAT) "
            "FROM _new_scores"
        )
    finally:
        con.unregister("_new_scores")


def account_reasoning(
    con: duckdb.DuckDBPyConnection, detector: str, threshold: float, grouped: bool = False
) -> pd.DataFrame:
    """Return account_id, sampled_prompts, reasoning_share (share of sampled requests whose
    prompt asks for reasoning) from account_sample and reasoning_scores."""
    src = _entity_source("account_sample", grouped, "account_id, prompt_hash")
    return con.execute(
        f"""SELECT s.account_id, count(*) AS sampled_prompts,
               avg(CASE WHEN r.score >= ? THEN 1.0 ELSE 0.0 END) AS reasoning_share
        FROM {src.replace(" AS src", " AS s")}
        LEFT JOIN reasoning_scores AS r ON r.prompt_hash = s.prompt_hash AND r.detector = ?
        GROUP BY s.account_id""",
        [threshold, detector],
    ).df()


def account_topics(con: duckdb.DuckDBPyConnection, grouped: bool = False) -> pd.DataFrame:
    """Return account_id, campaigns_touched, topic_breadth (effective number of campaigns:
    exp of the entropy of the account's requests over campaigns, noise left out) and
    noise_share, from the latest campaign run's account_campaigns."""
    src = _entity_source("account_campaigns", grouped, "account_id, campaign_id, requests")
    return con.execute(
        f"""WITH ac AS (
            SELECT account_id, campaign_id, sum(requests) AS requests FROM {src}
            GROUP BY account_id, campaign_id
        ), t AS (
            SELECT account_id, campaign_id, requests,
                   sum(requests) OVER (PARTITION BY account_id) AS total
            FROM ac
        ), c AS (
            SELECT account_id, campaign_id, requests,
                   sum(requests) OVER (PARTITION BY account_id) AS clustered
            FROM ac WHERE campaign_id >= 0
        )
        SELECT t.account_id,
               count(DISTINCT c.campaign_id) AS campaigns_touched,
               coalesce(exp(-sum(c.requests * 1.0 / c.clustered
                                 * ln(c.requests * 1.0 / c.clustered))), 0) AS topic_breadth,
               coalesce(sum(CASE WHEN t.campaign_id < 0 THEN t.requests END), 0) * 1.0
                 / any_value(t.total) AS noise_share
        FROM t LEFT JOIN c ON c.account_id = t.account_id AND c.campaign_id = t.campaign_id
        GROUP BY t.account_id"""
    ).df()


def sample_embeddings(
    con: duckdb.DuckDBPyConnection, backend: str, max_rank: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return (account_ids (n,), float32 vectors (n, d)) for sampled requests of rank at most
    max_rank whose prompt has a cached embedding from backend, ordered by account."""
    tbl = con.sql(
        """SELECT s.account_id, e.vec
        FROM account_sample AS s
        JOIN prompt_embeddings AS e ON e.prompt_hash = s.prompt_hash AND e.backend = ?
        WHERE s.rn <= ?
        ORDER BY s.account_id""",
        params=[backend, max_rank],
    ).to_arrow_table()
    ids = tbl.column("account_id").to_numpy(zero_copy_only=False)
    vec = tbl.column("vec").combine_chunks()
    if len(vec) == 0:
        return ids, np.zeros((0, 0), np.float32)
    flat = vec.flatten().to_numpy(zero_copy_only=False)
    return ids, flat.astype(np.float32).reshape(len(vec), -1)


# ---------------------------------------------------------------------------
# linkage: candidate pairs of accounts by shared evidence
# ---------------------------------------------------------------------------

# The network prefix of an address: the /24 of IPv4, the first four groups (/64) of IPv6.
_PREFIX_SQL = (
    "CASE WHEN ip LIKE '%:%' THEN array_to_string(string_split(ip, ':')[1:4], ':') "
    "ELSE array_to_string(string_split(ip, '.')[1:3], '.') END"
)


def payment_pairs(con: duckdb.DuckDBPyConnection, max_group: int) -> pd.DataFrame:
    """Return account_a, account_b, fingerprint: pairs paying with one instrument, leaving out
    pairs that share a declared org_id (one organisation's billing) and instruments used by
    more than max_group accounts (a platform, not an actor)."""
    return con.execute(
        """WITH p AS (
            SELECT DISTINCT account_id, payment_fingerprint AS fp FROM requests
            WHERE payment_fingerprint IS NOT NULL AND payment_fingerprint <> ''
        ), big AS (
            SELECT fp FROM p GROUP BY fp HAVING count(*) > ?
        ), o AS (
            SELECT DISTINCT account_id, org_id FROM requests
            WHERE org_id IS NOT NULL AND org_id <> ''
        )
        SELECT a.account_id AS account_a, b.account_id AS account_b, min(a.fp) AS fingerprint
        FROM p AS a JOIN p AS b ON a.fp = b.fp AND a.account_id < b.account_id
        WHERE a.fp NOT IN (SELECT fp FROM big)
          AND NOT EXISTS (SELECT 1 FROM o AS oa JOIN o AS ob ON oa.org_id = ob.org_id
                          WHERE oa.account_id = a.account_id AND ob.account_id = b.account_id)
        GROUP BY a.account_id, b.account_id""",
        [max_group],
    ).df()


def infrastructure_pairs(
    con: duckdb.DuckDBPyConnection, max_group: int, creation_hours: float
) -> pd.DataFrame:
    """Return account_a, account_b, prefix, user_agent, created_gap_hours: pairs that used
    one network prefix (/24 or /64) with the same user agent, created at most creation_hours
    apart (or without a creation time); prefix/agent groups above max_group are left out."""
    return con.execute(
        f"""WITH p AS (
            SELECT DISTINCT account_id, {_PREFIX_SQL} AS prefix, user_agent
            FROM requests
            WHERE ip IS NOT NULL AND ip <> '' AND user_agent IS NOT NULL AND user_agent <> ''
        ), c AS (
            SELECT account_id, min(account_created_at) AS created FROM requests
            GROUP BY account_id
        ), big AS (
            SELECT prefix, user_agent FROM p GROUP BY prefix, user_agent HAVING count(*) > ?
        ), pairs AS (
            SELECT a.account_id AS account_a, b.account_id AS account_b,
                   min(a.prefix) AS prefix, min(a.user_agent) AS user_agent
            FROM p AS a JOIN p AS b
              ON a.prefix = b.prefix AND a.user_agent = b.user_agent
             AND a.account_id < b.account_id
            WHERE NOT EXISTS (SELECT 1 FROM big
                              WHERE big.prefix = a.prefix AND big.user_agent = a.user_agent)
            GROUP BY a.account_id, b.account_id
        )
        SELECT pairs.*,
               abs(epoch(ca.created) - epoch(cb.created)) / 3600.0 AS created_gap_hours
        FROM pairs
        JOIN c AS ca ON ca.account_id = pairs.account_a
        JOIN c AS cb ON cb.account_id = pairs.account_b
        WHERE ca.created IS NULL OR cb.created IS NULL
           OR abs(epoch(ca.created) - epoch(cb.created)) <= ? * 3600""",
        [max_group, creation_hours],
    ).df()


def campaign_pairs(
    con: duckdb.DuckDBPyConnection, max_accounts: int, min_requests: int, min_similarity: float
) -> pd.DataFrame:
    """Return account_a, account_b, similarity, shared: pairs whose mixes of campaigns are
    alike (cosine of campaign shares weighted by rarity, idf), counted over campaigns of at
    most max_accounts accounts; both accounts need min_requests clustered requests."""
    return con.execute(
        """WITH ac AS (
            SELECT account_id, campaign_id, requests FROM account_campaigns WHERE campaign_id >= 0
        ), n AS (
            SELECT count(DISTINCT account_id) AS accounts FROM ac
        ), cc AS (
            SELECT campaign_id, count(*) AS accounts FROM ac GROUP BY campaign_id
        ), tot AS (
            SELECT account_id, sum(requests) AS total FROM ac GROUP BY account_id
        ), w AS (
            SELECT ac.account_id, ac.campaign_id, cc.accounts AS campaign_accounts,
                   ac.requests * 1.0 / tot.total * ln((SELECT accounts FROM n) * 1.0 / cc.accounts)
                     AS v
            FROM ac JOIN cc USING (campaign_id) JOIN tot USING (account_id)
            WHERE tot.total >= ?
        ), norms AS (
            SELECT account_id, sqrt(sum(v * v)) AS norm FROM w GROUP BY account_id
        ), dots AS (
            SELECT a.account_id AS account_a, b.account_id AS account_b,
                   sum(a.v * b.v) AS dot, count(*) AS shared
            FROM w AS a JOIN w AS b
              ON a.campaign_id = b.campaign_id AND a.account_id < b.account_id
            WHERE a.campaign_accounts <= ?
            GROUP BY a.account_id, b.account_id
        )
        SELECT account_a, account_b, dot / (na.norm * nb.norm) AS similarity, shared
        FROM dots
        JOIN norms AS na ON na.account_id = dots.account_a
        JOIN norms AS nb ON nb.account_id = dots.account_b
        WHERE na.norm > 0 AND nb.norm > 0 AND dot / (na.norm * nb.norm) >= ?""",
        [min_requests, max_accounts, min_similarity],
    ).df()


def template_pairs(
    con: duckdb.DuckDBPyConnection, max_accounts: int, min_shared: int
) -> pd.DataFrame:
    """Return account_a, account_b, shared: pairs using at least min_shared prompt skeletons
    that at most max_accounts accounts use (rare templates; needs account_skeletons)."""
    return con.execute(
        """WITH rare AS (
            SELECT skeleton_hash FROM account_skeletons
            GROUP BY skeleton_hash HAVING count(*) BETWEEN 2 AND ?
        ), s AS (
            SELECT account_id, skeleton_hash FROM account_skeletons
            WHERE skeleton_hash IN (SELECT skeleton_hash FROM rare)
        )
        SELECT a.account_id AS account_a, b.account_id AS account_b, count(*) AS shared
        FROM s AS a JOIN s AS b
          ON a.skeleton_hash = b.skeleton_hash AND a.account_id < b.account_id
        GROUP BY a.account_id, b.account_id
        HAVING count(*) >= ?""",
        [max_accounts, min_shared],
    ).df()


def hourly_activity(con: duckdb.DuckDBPyConnection, accounts: list[str]) -> pd.DataFrame:
    """Return account_id, hour_index (hours since the first request of the data), requests:
    the hourly request counts of the given accounts."""
    con.register("_accounts", pd.DataFrame({"account_id": accounts}))
    try:
        return con.execute(
            """WITH t0 AS (SELECT min("timestamp") AS t0 FROM requests)
            SELECT r.account_id,
                   CAST(floor((epoch(r."timestamp") - epoch((SELECT t0 FROM t0))) / 3600) AS BIGINT)
                     AS hour_index,
                   count(*) AS requests
            FROM requests AS r
            WHERE r.account_id IN (SELECT account_id FROM _accounts)
            GROUP BY 1, 2"""
        ).df()
    finally:
        con.unregister("_accounts")


# ---------------------------------------------------------------------------
# scores
# ---------------------------------------------------------------------------


def write_scores(
    con: duckdb.DuckDBPyConnection,
    accounts: pd.DataFrame,
    networks: pd.DataFrame,
    edges: pd.DataFrame,
    params: dict,
    seconds: float,
) -> int:
    """Replace the stored scores, networks, edges and signals in one transaction; record
    the run; return its run_id."""
    signal_cols = [
        c for c in accounts.columns
        if c not in ("risk_score", "risk_level", "own_score", "reasons", "network_id",
                     "first_seen", "last_seen")
    ]  # fmt: skip
    con.execute("BEGIN TRANSACTION")
    try:
        run_id = con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM score_runs").fetchall()[0][0]
        con.execute(
            "INSERT INTO score_runs VALUES (?, now(), ?, ?, ?, ?)",
            [run_id, len(accounts), len(networks), seconds, json.dumps(params, default=float)],
        )
        for table in ("account_scores", "networks", "network_edges"):
            con.execute(f"DELETE FROM {table}")
        con.register("_acc", accounts)
        con.execute(
            """INSERT INTO account_scores
            SELECT account_id, risk_score, risk_level, own_score,
                   CAST(reasons AS VARCHAR[]), CAST(network_id AS VARCHAR), ? FROM _acc""",
            [run_id],
        )
        con.register("_sig", accounts[signal_cols])
        con.execute("CREATE OR REPLACE TABLE account_signals AS SELECT * FROM _sig")
        if len(networks):
            con.register("_net", networks)
            con.execute(
                """INSERT INTO networks
                SELECT network_id, accounts, requests, risk_score, risk_level,
                       CAST(edge_types AS VARCHAR[]), CAST(reasons AS VARCHAR[]), ? FROM _net""",
                [run_id],
            )
        if len(edges):
            con.register("_edges", edges)
            con.execute(
                """INSERT INTO network_edges
                SELECT account_a, account_b, CAST(edge_types AS VARCHAR[]),
                       CAST(evidence AS VARCHAR[]), network_id, ? FROM _edges""",
                [run_id],
            )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in ("_acc", "_sig", "_net", "_edges"):
            with contextlib.suppress(duckdb.Error):
                con.unregister(name)
    return int(run_id)


def account_scores(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return the latest scores joined with every signal: account_id, risk_score,
    risk_level, reasons, network_id, own_score, then the signal columns; riskiest first."""
    return con.execute(
        """SELECT s.account_id, s.risk_score, s.risk_level, s.reasons, s.network_id,
                  s.own_score, g.* EXCLUDE (account_id)
        FROM account_scores AS s LEFT JOIN account_signals AS g USING (account_id)
        ORDER BY s.risk_score DESC, s.account_id"""
    ).df()


# ---------------------------------------------------------------------------
# labels and claims (append-only event logs)
# ---------------------------------------------------------------------------

_VERSIONS_SQL = """json_object(
    'score_run', (SELECT max(run_id) FROM score_runs),
    'detector', (SELECT json_extract_string(params, '$.detector') FROM score_runs
                 ORDER BY run_id DESC LIMIT 1),
    'campaign_run', (SELECT max(run_id) FROM campaign_runs),
    'campaign_backend', (SELECT backend FROM campaign_runs ORDER BY run_id DESC LIMIT 1))"""


def insert_label_events(
    con: duckdb.DuckDBPyConnection,
    accounts: list[str],
    label: str,
    reason: str,
    analyst: str,
    source: str,
) -> list[int]:
    """Append one label event per account with its current score snapshot; return ids."""
    rows = con.execute(
        f"""INSERT INTO label_events
        SELECT nextval('label_event_seq'), a.account_id, ?, ?, ?, now(), ?,
               s.risk_score, s.risk_level, s.reasons, s.network_id, s.run_id, {_VERSIONS_SQL}
        FROM (SELECT unnest(?) AS account_id) AS a
        LEFT JOIN account_scores AS s USING (account_id)
        RETURNING event_id""",
        [label, reason, analyst, source, accounts],
    ).fetchall()
    return [r[0] for r in rows]


def current_label_events(
    con: duckdb.DuckDBPyConnection, accounts: list[str]
) -> dict[str, tuple[int, str]]:
    """Return {account: (event_id, label)} of the latest label event of each account."""
    rows = con.execute(
        """SELECT account_id, event_id, label FROM (
            SELECT account_id, event_id, label,
                   row_number() OVER (PARTITION BY account_id ORDER BY event_id DESC) AS rn
            FROM label_events WHERE account_id IN (SELECT unnest(?))) AS x
        WHERE rn = 1""",
        [accounts],
    ).fetchall()
    return {a: (e, lab) for a, e, lab in rows}


def current_labels(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return the current label of every labelled account: account_id, label, reason,
    analyst, labelled_at, event_id; newest first."""
    return con.execute(
        """SELECT account_id, label, reason, analyst, created_at AS labelled_at, event_id
        FROM (SELECT *, row_number() OVER (PARTITION BY account_id ORDER BY event_id DESC)
                        AS rn FROM label_events) AS x
        WHERE rn = 1 ORDER BY event_id DESC"""
    ).df()


def label_history(con: duckdb.DuckDBPyConnection, account: str | None = None) -> pd.DataFrame:
    """Return every label event (of one account when given), newest first."""
    return con.execute(
        """SELECT event_id, account_id, label, reason, analyst, created_at, source,
                  risk_score, risk_level, network_id
        FROM label_events WHERE ? IS NULL OR account_id = ?
        ORDER BY event_id DESC""",
        [account, account],
    ).df()


def label_export(con: duckdb.DuckDBPyConnection, history: bool) -> pd.DataFrame:
    """Return label events for export (every event, or the latest per account) with the
    provenance columns."""
    return con.execute(
        """SELECT event_id, account_id, label, reason, analyst, created_at AS labelled_at,
                  source, risk_score AS risk_score_at_decision,
                  risk_level AS risk_level_at_decision, reasons AS reasons_at_decision,
                  network_id AS network_id_at_decision, score_run_id,
                  CAST(versions AS VARCHAR) AS versions
        FROM (SELECT *, row_number() OVER (PARTITION BY account_id ORDER BY event_id DESC)
                        AS rn FROM label_events) AS x
        WHERE ? OR rn = 1
        ORDER BY event_id""",
        [history],
    ).df()


def insert_claim_events(
    con: duckdb.DuckDBPyConnection, accounts: list[str], analyst: str, action: str
) -> None:
    """Append one claim or release event per account."""
    if accounts:
        con.execute(
            """INSERT INTO claim_events
            SELECT nextval('claim_event_seq'), a, ?, ?, now() FROM (SELECT unnest(?) AS a)""",
            [analyst, action, accounts],
        )


def current_claims(con: duckdb.DuckDBPyConnection, accounts: list[str] | None = None) -> dict:
    """Return {account: analyst} of accounts currently claimed (of the given ones)."""
    rows = con.execute(
        """SELECT account_id, analyst FROM (
            SELECT account_id, analyst, action,
                   row_number() OVER (PARTITION BY account_id ORDER BY event_id DESC) AS rn
            FROM claim_events
            WHERE ? IS NULL OR account_id IN (SELECT unnest(?))) AS x
        WHERE rn = 1 AND action = 'claim'""",
        [accounts, accounts],
    ).fetchall()
    return dict(rows)


def unknown_accounts(con: duckdb.DuckDBPyConnection, accounts: list[str]) -> list[str]:
    """Return the given accounts that have no request in the database."""
    rows = con.execute(
        """SELECT a FROM (SELECT unnest(?) AS a) AS x
        WHERE NOT EXISTS (SELECT 1 FROM requests AS r WHERE r.account_id = x.a) ORDER BY a""",
        [accounts],
    ).fetchall()
    return [r[0] for r in rows]


# ---------------------------------------------------------------------------
# dashboard: overview, triage queue, account evidence, map, networks
# ---------------------------------------------------------------------------

LEVELS = ("critical", "high", "medium", "low")
LABEL_STATUSES = ("unlabelled", "extraction", "suspicious", "needs_review",
                  "legitimate_research", "benign")  # fmt: skip


def data_version(con: duckdb.DuckDBPyConnection) -> tuple:
    """A cheap fingerprint of what the dashboard shows: changes after ingest, campaigns,
    scoring, labels or claims (cached page data is keyed on it)."""
    return tuple(
        con.execute(
            """SELECT (SELECT count(*) FROM ingest_files),
                      (SELECT coalesce(max(run_id), 0) FROM campaign_runs),
                      (SELECT coalesce(max(run_id), 0) FROM score_runs),
                      (SELECT coalesce(max(event_id), 0) FROM label_events),
                      (SELECT coalesce(max(event_id), 0) FROM claim_events)"""
        ).fetchall()[0]
    )


def overview_counts(con: duckdb.DuckDBPyConnection) -> dict:
    """Return accounts, flagged (high or critical), critical, networks, flagged_networks,
    campaigns and labelled counts."""
    row = con.execute(
        """SELECT (SELECT count(*) FROM account_scores),
                  (SELECT count(*) FROM account_scores WHERE risk_level IN ('high', 'critical')),
                  (SELECT count(*) FROM account_scores WHERE risk_level = 'critical'),
                  (SELECT count(*) FROM networks),
                  (SELECT count(*) FROM networks WHERE risk_level IN ('high', 'critical')),
                  (SELECT count(*) FROM campaigns WHERE campaign_id >= 0),
                  (SELECT count(DISTINCT account_id) FROM label_events)"""
    ).fetchall()[0]
    keys = ("accounts", "flagged", "critical", "networks", "flagged_networks", "campaigns",
            "labelled")  # fmt: skip
    return dict(zip(keys, row, strict=True))


def daily_requests_by_level(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return day, risk_level, requests: daily requests split by the account's level."""
    return con.execute(
        """SELECT date_trunc('day', r."timestamp") AS day,
                  coalesce(s.risk_level, 'unscored') AS risk_level, count(*) AS requests
        FROM requests AS r LEFT JOIN account_scores AS s USING (account_id)
        GROUP BY 1, 2 ORDER BY 1, 2"""
    ).df()


def top_networks(con: duckdb.DuckDBPyConnection, limit: int = 20) -> pd.DataFrame:
    """Return the riskiest networks: network_id, risk_level, risk_score, accounts, requests,
    edge_types, top reason."""
    return con.execute(
        """SELECT network_id, risk_level, risk_score, accounts, requests,
                  array_to_string(edge_types, ', ') AS edge_types,
                  coalesce(reasons[1], '') AS top_reason
        FROM networks ORDER BY risk_score DESC, accounts DESC LIMIT ?""",
        [limit],
    ).df()


def top_campaigns(con: duckdb.DuckDBPyConnection, limit: int = 20) -> pd.DataFrame:
    """Return campaigns by requests from high/critical accounts: campaign_id, keywords,
    requests, accounts, flagged_accounts, flagged_share (of its requests), top_account_share."""
    return con.execute(
        """WITH f AS (
            SELECT ac.campaign_id, count(*) AS flagged_accounts,
                   sum(ac.requests) AS flagged_requests
            FROM account_campaigns AS ac JOIN account_scores AS s USING (account_id)
            WHERE s.risk_level IN ('high', 'critical') GROUP BY ac.campaign_id
        )
        SELECT c.campaign_id, array_to_string(c.keywords[1:5], ', ') AS keywords, c.requests,
               c.accounts, coalesce(f.flagged_accounts, 0) AS flagged_accounts,
               coalesce(f.flagged_requests, 0) * 1.0 / c.requests AS flagged_share,
               c.top_account_share
        FROM campaigns AS c LEFT JOIN f USING (campaign_id)
        WHERE c.campaign_id >= 0
        ORDER BY flagged_share DESC, c.requests DESC LIMIT ?""",
        [limit],
    ).df()


def account_tiers(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Return the account tiers present (for a filter)."""
    rows = con.execute(
        "SELECT DISTINCT account_tier FROM requests WHERE account_tier IS NOT NULL ORDER BY 1"
    ).fetchall()
    return [r[0] for r in rows]


def triage_queue(
    con: duckdb.DuckDBPyConnection,
    levels: list[str] | None = None,
    tiers: list[str] | None = None,
    network: str | None = None,
    campaign: int | None = None,
    label_status: list[str] | None = None,
    since=None,
    until=None,
    search: str | None = None,
    limit: int = 500,
) -> pd.DataFrame:
    """Return the triage queue, riskiest first: account_id, risk_level, risk_score,
    top_reasons, network_id, campaigns, label, claimed_by, tier, requests, first_seen,
    last_seen. Every filter is optional; all values are passed as parameters."""
    return con.execute(
        """WITH lab AS (
            SELECT account_id, label FROM (
                SELECT account_id, label,
                       row_number() OVER (PARTITION BY account_id ORDER BY event_id DESC) AS rn
                FROM label_events) AS x WHERE rn = 1
        ), cl AS (
            SELECT account_id, analyst FROM (
                SELECT account_id, analyst, action,
                       row_number() OVER (PARTITION BY account_id ORDER BY event_id DESC) AS rn
                FROM claim_events) AS x WHERE rn = 1 AND action = 'claim'
        ), camp AS (
            SELECT account_id, list(campaign_id ORDER BY requests DESC) AS campaigns
            FROM account_campaigns WHERE campaign_id >= 0 GROUP BY account_id
        ), acc AS (
            SELECT account_id, any_value(account_tier) AS tier, count(*) AS requests,
                   min("timestamp") AS first_seen, max("timestamp") AS last_seen
            FROM requests GROUP BY account_id
        )
        SELECT s.account_id, s.risk_level, s.risk_score,
               array_to_string(s.reasons[1:2], ' | ') AS top_reasons, s.network_id,
               array_to_string(CAST(camp.campaigns[1:3] AS VARCHAR[]), ', ') AS campaigns,
               coalesce(lab.label, 'unlabelled') AS label, cl.analyst AS claimed_by,
               acc.tier, acc.requests, acc.first_seen, acc.last_seen
        FROM account_scores AS s
        JOIN acc USING (account_id)
        LEFT JOIN lab USING (account_id)
        LEFT JOIN cl USING (account_id)
        LEFT JOIN camp USING (account_id)
        WHERE ($levels IS NULL OR list_contains($levels, s.risk_level))
          AND ($tiers IS NULL OR list_contains($tiers, acc.tier))
          AND ($network IS NULL OR s.network_id = $network)
          AND ($campaign IS NULL OR list_contains(camp.campaigns, $campaign))
          AND ($labels IS NULL OR list_contains($labels, coalesce(lab.label, 'unlabelled')))
          AND ($since IS NULL OR acc.last_seen >= $since)
          AND ($until IS NULL OR acc.first_seen < $until)
          AND ($search IS NULL OR contains(lower(s.account_id), lower($search)))
        ORDER BY s.risk_score DESC, s.account_id
        LIMIT $limit""",
        {
            "levels": levels or None,
            "tiers": tiers or None,
            "network": network or None,
            "campaign": campaign,
            "labels": label_status or None,
            "since": since,
            "until": until,
            "search": search or None,
            "limit": limit,
        },
    ).df()


def account_summary(con: duckdb.DuckDBPyConnection, account: str) -> dict | None:
    """Return the account's score row (risk, level, reasons, network, own score) and
    request facts (requests, first/last seen, tier, org, country), or None if unknown."""
    df = con.execute(
        """SELECT r.account_id, count(*) AS requests, min(r."timestamp") AS first_seen,
                  max(r."timestamp") AS last_seen, any_value(r.account_tier) AS tier,
                  any_value(r.org_id) AS org_id, any_value(r.country) AS country,
                  min(r.account_created_at) AS created_at,
                  any_value(s.risk_score) AS risk_score, any_value(s.risk_level) AS risk_level,
                  any_value(s.own_score) AS own_score, any_value(s.reasons) AS reasons,
                  any_value(s.network_id) AS network_id
        FROM requests AS r LEFT JOIN account_scores AS s USING (account_id)
        WHERE r.account_id = ? GROUP BY r.account_id""",
        [account],
    ).df()
    return None if df.empty else df.iloc[0].to_dict()


def account_daily(con: duckdb.DuckDBPyConnection, account: str) -> pd.DataFrame:
    """Return day, model, requests of one account."""
    return con.execute(
        """SELECT date_trunc('day', "timestamp") AS day, coalesce(model, '(none)') AS model,
                  count(*) AS requests
        FROM requests WHERE account_id = ? GROUP BY 1, 2 ORDER BY 1, 2""",
        [account],
    ).df()


def account_heatmap(con: duckdb.DuckDBPyConnection, account: str) -> pd.DataFrame:
    """Return weekday (0 = Monday), hour (UTC), requests of one account."""
    return con.execute(
        """SELECT isodow("timestamp") - 1 AS weekday, hour("timestamp") AS hour,
                  count(*) AS requests
        FROM requests WHERE account_id = ? GROUP BY 1, 2""",
        [account],
    ).df()


def account_links(con: duckdb.DuckDBPyConnection, account: str) -> pd.DataFrame:
    """Return the account's links: linked_account, edge_types, evidence, network_id and
    the linked account's risk level."""
    return con.execute(
        """SELECT CASE WHEN e.account_a = ? THEN e.account_b ELSE e.account_a END
                    AS linked_account,
                  s.risk_level, array_to_string(e.edge_types, ', ') AS edge_types,
                  array_to_string(e.evidence, ' | ') AS evidence, e.network_id
        FROM network_edges AS e
        LEFT JOIN account_scores AS s
          ON s.account_id = CASE WHEN e.account_a = ? THEN e.account_b ELSE e.account_a END
        WHERE e.account_a = ? OR e.account_b = ?
        ORDER BY linked_account""",
        [account, account, account, account],
    ).df()


def account_campaign_mix(con: duckdb.DuckDBPyConnection, account: str) -> pd.DataFrame:
    """Return campaign_id, keywords, requests, share of one account (noise as -1)."""
    return con.execute(
        """SELECT ac.campaign_id, array_to_string(c.keywords[1:5], ', ') AS keywords,
                  ac.requests, ac.share
        FROM account_campaigns AS ac LEFT JOIN campaigns AS c USING (campaign_id)
        WHERE ac.account_id = ? ORDER BY ac.requests DESC""",
        [account],
    ).df()


def account_requests(
    con: duckdb.DuckDBPyConnection,
    account: str,
    search: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[pd.DataFrame, int]:
    """Return (one page of the account's requests: timestamp, model, prompt, response,
    prompt_tokens, completion_tokens, request_id; newest first, and the total matching)."""
    where = """account_id = $account AND ($search IS NULL
               OR contains(lower(prompt), lower($search))
               OR contains(lower(coalesce(response, '')), lower($search)))"""
    params = {"account": account, "search": search or None}
    total = con.execute(f"SELECT count(*) FROM requests WHERE {where}", params).fetchall()[0][0]
    page = con.execute(
        f"""SELECT "timestamp", model, prompt, response, prompt_tokens, completion_tokens,
                   request_id
        FROM requests WHERE {where}
        ORDER BY "timestamp" DESC, request_id LIMIT $limit OFFSET $offset""",
        params | {"limit": limit, "offset": offset},
    ).df()
    return page, int(total)


def signal_values(con: duckdb.DuckDBPyConnection, signal: str) -> pd.Series:
    """Return every account's value of one signal (a column of account_signals; the name
    must be one of its columns)."""
    cols = {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'account_signals'"
        ).fetchall()
    }
    if signal not in cols or signal == "account_id":
        raise ValueError(f"unknown signal {signal!r}")
    return con.execute(f'SELECT "{signal}" FROM account_signals').df()[signal]


def account_signal_row(con: duckdb.DuckDBPyConnection, account: str) -> dict:
    """Return the account's row of account_signals as a dict (empty if none)."""
    df = con.execute("SELECT * FROM account_signals WHERE account_id = ?", [account]).df()
    return {} if df.empty else df.iloc[0].to_dict()


def map_points(con: duckdb.DuckDBPyConnection, limit: int | None, seed: int = 0) -> pd.DataFrame:
    """Return map points (one per unique prompt): x, y, campaign_id, excerpt (first 120
    characters), account_id (the account that sent it most), risk_level, label, requests;
    a repeatable random sample of `limit` points when given."""
    return con.execute(
        f"""WITH lab AS (
            SELECT account_id, label FROM (
                SELECT account_id, label,
                       row_number() OVER (PARTITION BY account_id ORDER BY event_id DESC) AS rn
                FROM label_events) AS x WHERE rn = 1
        ), pts AS (
            SELECT m.prompt_hash, m.x, m.y, m.campaign_id FROM prompt_map AS m
            {"ORDER BY md5(m.prompt_hash || CAST($seed AS VARCHAR)) LIMIT $limit" if limit else ""}
        ), req AS (
            SELECT {PROMPT_HASH_SQL} AS prompt_hash, account_id, prompt FROM requests
        ), owner AS (
            SELECT req.prompt_hash, mode(req.account_id) AS account_id,
                   left(any_value(req.prompt), 120) AS excerpt, count(*) AS requests
            FROM req WHERE req.prompt_hash IN (SELECT prompt_hash FROM pts)
            GROUP BY req.prompt_hash
        )
        SELECT pts.x, pts.y, pts.campaign_id, owner.excerpt, owner.account_id,
               coalesce(s.risk_level, 'unscored') AS risk_level,
               coalesce(lab.label, 'unlabelled') AS label, owner.requests
        FROM pts JOIN owner USING (prompt_hash)
        LEFT JOIN account_scores AS s USING (account_id)
        LEFT JOIN lab USING (account_id)""",
        {"limit": limit, "seed": seed} if limit else {},
    ).df()


def network_members(con: duckdb.DuckDBPyConnection, network: str) -> pd.DataFrame:
    """Return the network's accounts: account_id, risk_level, risk_score, own_score, label."""
    return con.execute(
        """WITH lab AS (
            SELECT account_id, label FROM (
                SELECT account_id, label,
                       row_number() OVER (PARTITION BY account_id ORDER BY event_id DESC) AS rn
                FROM label_events) AS x WHERE rn = 1
        )
        SELECT s.account_id, s.risk_level, s.risk_score, s.own_score,
               coalesce(lab.label, 'unlabelled') AS label
        FROM account_scores AS s LEFT JOIN lab USING (account_id)
        WHERE s.network_id = ? ORDER BY s.own_score DESC, s.account_id""",
        [network],
    ).df()


def network_edge_rows(con: duckdb.DuckDBPyConnection, network: str) -> pd.DataFrame:
    """Return the network's edges: account_a, account_b, edge_types (list), evidence."""
    return con.execute(
        """SELECT account_a, account_b, edge_types, array_to_string(evidence, ' | ') AS evidence
        FROM network_edges WHERE network_id = ? ORDER BY account_a, account_b""",
        [network],
    ).df()


def network_row(con: duckdb.DuckDBPyConnection, network: str) -> dict | None:
    """Return the network's stored row (risk, level, accounts, requests, types, reasons)."""
    df = con.execute("SELECT * FROM networks WHERE network_id = ?", [network]).df()
    return None if df.empty else df.iloc[0].to_dict()


def network_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Return every network id, riskiest first."""
    rows = con.execute("SELECT network_id FROM networks ORDER BY risk_score DESC").fetchall()
    return [r[0] for r in rows]


def campaign_ids(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Return every campaign id (noise excluded), by requests."""
    rows = con.execute(
        "SELECT campaign_id FROM campaigns WHERE campaign_id >= 0 ORDER BY requests DESC"
    ).fetchall()
    return [r[0] for r in rows]


def import_label_events(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame) -> int:
    """Append imported label events not already present (same account, label, reason,
    analyst, time), in one transaction; return how many were added."""
    cur = con.cursor()
    cur.register("_import", rows)
    cur.execute("BEGIN TRANSACTION")
    try:
        added = cur.execute(
            """INSERT INTO label_events
            SELECT nextval('label_event_seq'), i.account_id, i.label, i.reason, i.analyst,
                   CAST(i.created_at AS TIMESTAMP), i.source, i.risk_score, i.risk_level,
                   CAST(i.reasons AS VARCHAR[]), i.network_id, i.score_run_id,
                   CAST(i.versions AS JSON)
            FROM _import AS i
            WHERE NOT EXISTS (
                SELECT 1 FROM label_events AS e
                WHERE e.account_id = i.account_id AND e.label = i.label
                  AND e.reason = i.reason AND e.analyst = i.analyst
                  AND e.created_at = CAST(i.created_at AS TIMESTAMP))
            ORDER BY i.created_at
            RETURNING event_id"""
        ).fetchall()
        cur.execute("COMMIT")
    except BaseException:
        cur.execute("ROLLBACK")
        raise
    finally:
        cur.unregister("_import")
        cur.close()
    return len(added)


def account_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Return every account id that has a request."""
    return [r[0] for r in con.execute("SELECT DISTINCT account_id FROM requests").fetchall()]
