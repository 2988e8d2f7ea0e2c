"""Every SQL statement of the project, one function per query.

Values are always passed as parameters. Identifiers only ever come from the
request-log contract in `store.CONTRACT` (an allow-list), never from input files.
"""

from __future__ import annotations

import json

import duckdb
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


def account_features_sql() -> str:
    """SQL returning one row per account with its behaviour signals (see features.py)."""
    return f"""
WITH r AS (
    SELECT account_id, "timestamp" AS ts, model, prompt_tokens, completion_tokens, max_tokens,
           temperature, n, logprobs, api_key_id, ip, asn, user_agent, account_created_at,
           {_SKELETON} AS skeleton
    FROM requests
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
), peak AS (
    SELECT account_id, max(c) AS peak_hour_requests
    FROM (SELECT account_id, date_trunc('hour', ts) AS hr, count(*) AS c
          FROM r GROUP BY account_id, date_trunc('hour', ts)) AS x
    GROUP BY account_id
), skeletons AS (
    SELECT account_id, skeleton, count(*) AS c FROM r GROUP BY account_id, skeleton
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
       any_value(g.gap_std) / nullif(any_value(g.gap_mean), 0) AS gap_cv,
       sum(a.completion_tokens) / nullif(sum(a.prompt_tokens), 0) AS out_in_ratio,
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
LEFT JOIN peak AS p USING (account_id)
LEFT JOIN template AS t USING (account_id)
LEFT JOIN release_hits AS rh USING (account_id)
GROUP BY a.account_id
ORDER BY a.account_id
"""


def account_features(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return one row per account with its behaviour signals (columns of account_features_sql)."""
    return con.execute(account_features_sql()).df()
