"""The schema: the request-log contract and the migrations that build every table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One column of the request-log contract (../shared/spec/request-log.md)."""

    name: str
    kind: str  # text, timestamp, integer, float, boolean
    required: bool = False


# The request-log contract, in the order of the spec. Names are the contract's own.
CONTRACT: tuple[Column, ...] = (
    Column("request_id", "text", True),
    Column("timestamp", "timestamp", True),
    Column("account_id", "text", True),
    Column("prompt", "text", True),
    Column("api_key_id", "text"),
    Column("org_id", "text"),
    Column("account_created_at", "timestamp"),
    Column("account_tier", "text"),
    Column("ip", "text"),
    Column("asn", "integer"),
    Column("country", "text"),
    Column("user_agent", "text"),
    Column("payment_fingerprint", "text"),
    Column("model", "text"),
    Column("endpoint", "text"),
    Column("system_prompt", "text"),
    Column("conversation_id", "text"),
    Column("response", "text"),
    Column("prompt_tokens", "integer"),
    Column("completion_tokens", "integer"),
    Column("max_tokens", "integer"),
    Column("temperature", "float"),
    Column("top_p", "float"),
    Column("n", "integer"),
    Column("logprobs", "boolean"),
    Column("status_code", "integer"),
    Column("latency_ms", "integer"),
)
CONTRACT_NAMES: tuple[str, ...] = tuple(c.name for c in CONTRACT)
REQUIRED_NAMES: tuple[str, ...] = tuple(c.name for c in CONTRACT if c.required)


# A prompt's normalised form (lower case, single spaces) and its hash: the unit that is
# embedded, cached, clustered and scored. One definition, used by every stage's SQL.
def _normalised_sql(column: str) -> str:
    return f"lower(trim(regexp_replace({column}, '\\s+', ' ', 'g')))"


def text_hash_sql(column: str) -> str:
    """The hash of a text column's normalised form: prompts and system prompts are cached
    and scored under it."""
    return f"md5({_normalised_sql(column)})"


NORMALISED_PROMPT_SQL = _normalised_sql("prompt")
PROMPT_HASH_SQL = text_hash_sql("prompt")

# The number of requests in each conversation (requests without a conversation id are
# conversations of one turn): a CTE body, defined once for every stage that needs it.
CONVERSATION_TURNS_SQL = (
    "SELECT conversation_id, count(*) AS turns FROM requests "
    "WHERE conversation_id IS NOT NULL GROUP BY conversation_id"
)


def json_answer_sql(q: str = "") -> str:
    """1.0 for an answer in JSON (a verdict, a structured record), 0.0 for prose, NULL
    without a response; `q` is the table alias with its dot."""
    return (
        f"CASE WHEN {q}response IS NULL THEN NULL "
        f"WHEN regexp_matches(ltrim({q}response), '^([{{\\[]|```json)') THEN 1.0 ELSE 0.0 END"
    )


SQL_TYPES = {
    "text": "VARCHAR",
    "timestamp": "TIMESTAMP",
    "integer": "BIGINT",
    "float": "DOUBLE",
    "boolean": "BOOLEAN",
}


def _requests_ddl() -> str:
    cols = ",\n  ".join(
        f'"{c.name}" {SQL_TYPES[c.kind]}{" NOT NULL" if c.required else ""}' for c in CONTRACT
    )
    return (
        "CREATE TABLE requests (\n  "
        + cols
        + ",\n  extra JSON,  -- columns outside the contract, kept as a JSON object\n"
        + "  file_id BIGINT NOT NULL\n)"
    )


# Tables rewritten as a whole by a run carry no PRIMARY KEY: DuckDB checks such keys
# eagerly when rows are deleted and inserted in one transaction. Writers keep them unique.
# Each migration runs once, in order, inside one transaction; never edit a shipped one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE ingest_files (
          file_id BIGINT PRIMARY KEY,
          path VARCHAR NOT NULL,
          format VARCHAR NOT NULL,
          bytes BIGINT NOT NULL,
          rows_read BIGINT NOT NULL,
          rows_stored BIGINT NOT NULL,
          duplicates BIGINT NOT NULL,
          quarantined BIGINT NOT NULL,
          seconds DOUBLE NOT NULL,
          ingested_at TIMESTAMP NOT NULL
        )""",
        _requests_ddl(),
        """CREATE TABLE quarantine (
          file_id BIGINT NOT NULL,
          source_file VARCHAR NOT NULL,
          line_no BIGINT,   -- physical line where the record starts (JSON Lines, CSV)
          row_no BIGINT,    -- 1-based record number within the file
          raw VARCHAR,      -- the record as read; bytes that are not UTF-8 as \\xNN
          reason VARCHAR NOT NULL,
          quarantined_at TIMESTAMP NOT NULL
        )""",
        """CREATE TABLE model_releases (
          model VARCHAR PRIMARY KEY,
          released_at TIMESTAMP NOT NULL,
          source_file VARCHAR
        )""",
    ),
    (
        # Embedding cache: one vector per (backend, normalised prompt).
        """CREATE TABLE prompt_embeddings (
          backend VARCHAR NOT NULL,
          prompt_hash VARCHAR NOT NULL,
          vec FLOAT[] NOT NULL
        )""",
        """CREATE TABLE campaign_runs (
          run_id BIGINT PRIMARY KEY,
          started_at TIMESTAMP NOT NULL,
          backend VARCHAR NOT NULL,
          mode VARCHAR NOT NULL,        -- fit or extend
          prompts BIGINT NOT NULL,      -- unique prompts mapped
          new_prompts BIGINT NOT NULL,  -- placed in this run
          embedded BIGINT NOT NULL,     -- embedded in this run (not from the cache)
          campaigns BIGINT NOT NULL,
          noise_share DOUBLE NOT NULL,
          seconds DOUBLE NOT NULL,
          params JSON
        )""",
        # One row per unique normalised prompt: its map position and campaign (-1 noise).
        """CREATE TABLE prompt_map (
          prompt_hash VARCHAR NOT NULL,
          x FLOAT NOT NULL,
          y FLOAT NOT NULL,
          campaign_id BIGINT NOT NULL,
          in_sample BOOLEAN NOT NULL,   -- part of the fitted sample (the reference set)
          run_id BIGINT NOT NULL
        )""",
        # What a fit learned about each campaign; aggregates are in `campaigns`.
        """CREATE TABLE campaign_profiles (
          campaign_id BIGINT NOT NULL,
          keywords VARCHAR[] NOT NULL,
          representatives VARCHAR[] NOT NULL,
          centroid FLOAT[] NOT NULL,
          created_run BIGINT NOT NULL,
          fitted_run BIGINT NOT NULL
        )""",
        """CREATE TABLE campaigns (
          campaign_id BIGINT NOT NULL,
          prompts BIGINT, requests BIGINT, accounts BIGINT,
          first_seen TIMESTAMP, last_seen TIMESTAMP,
          top_account_share DOUBLE,   -- share of requests from its busiest account
          hhi DOUBLE,                 -- sum of squared account shares (1 = one account)
          keywords VARCHAR[], representatives VARCHAR[],
          run_id BIGINT
        )""",
        """CREATE TABLE account_campaigns (
          account_id VARCHAR NOT NULL,
          campaign_id BIGINT NOT NULL,
          requests BIGINT NOT NULL,
          share DOUBLE NOT NULL         -- of the account's requests
        )""",
        """CREATE TABLE campaign_lineage (
          run_id BIGINT NOT NULL,
          campaign_id BIGINT NOT NULL,
          parent_id BIGINT,
          relation VARCHAR NOT NULL,    -- kept, new, split, merge, gone
          overlap DOUBLE
        )""",
    ),
    (
        # Reasoning-elicitation score of a prompt (best sentence), per detector version.
        """CREATE TABLE reasoning_scores (
          detector VARCHAR NOT NULL,
          prompt_hash VARCHAR NOT NULL,
          score FLOAT NOT NULL
        )""",
        """CREATE TABLE score_runs (
          run_id BIGINT PRIMARY KEY,
          started_at TIMESTAMP NOT NULL,
          accounts BIGINT NOT NULL,
          networks BIGINT NOT NULL,
          seconds DOUBLE NOT NULL,
          params JSON               -- weights, thresholds and detector versions used
        )""",
        # The latest score of each account (the full signal values are in account_signals,
        # rebuilt by every run with the columns the scoring code defines).
        """CREATE TABLE account_scores (
          account_id VARCHAR NOT NULL,
          risk_score DOUBLE NOT NULL,
          risk_level VARCHAR NOT NULL,  -- low, medium, high, critical
          own_score DOUBLE NOT NULL,    -- from the account's own signals
          reasons VARCHAR[] NOT NULL,   -- plain words, strongest first
          network_id VARCHAR,
          run_id BIGINT NOT NULL
        )""",
        """CREATE TABLE networks (
          network_id VARCHAR NOT NULL,
          accounts BIGINT NOT NULL,
          requests BIGINT NOT NULL,
          risk_score DOUBLE NOT NULL,
          risk_level VARCHAR NOT NULL,
          edge_types VARCHAR[] NOT NULL,
          reasons VARCHAR[] NOT NULL,
          run_id BIGINT NOT NULL
        )""",
        # Every corroborated link, with the evidence of each type in words.
        """CREATE TABLE network_edges (
          account_a VARCHAR NOT NULL,
          account_b VARCHAR NOT NULL,
          edge_types VARCHAR[] NOT NULL,
          evidence VARCHAR[] NOT NULL,
          network_id VARCHAR NOT NULL,
          run_id BIGINT NOT NULL
        )""",
    ),
    (
        # Analyst decisions: append-only; the current label is an account's latest event.
        "CREATE SEQUENCE label_event_seq START 1",
        """CREATE TABLE label_events (
          event_id BIGINT NOT NULL,
          account_id VARCHAR NOT NULL,
          label VARCHAR NOT NULL,
          reason VARCHAR NOT NULL,
          analyst VARCHAR NOT NULL,
          created_at TIMESTAMP NOT NULL,
          source VARCHAR NOT NULL,       -- dashboard page or import
          risk_score DOUBLE,             -- the evidence at decision time
          risk_level VARCHAR,
          reasons VARCHAR[],
          network_id VARCHAR,
          score_run_id BIGINT,
          versions JSON                  -- runs and detector behind the scores
        )""",
        "CREATE SEQUENCE claim_event_seq START 1",
        """CREATE TABLE claim_events (
          event_id BIGINT NOT NULL,
          account_id VARCHAR NOT NULL,
          analyst VARCHAR NOT NULL,
          action VARCHAR NOT NULL,       -- claim or release
          created_at TIMESTAMP NOT NULL
        )""",
    ),
    (
        # The current state of the two event logs, defined once: an account's latest label
        # event, and the accounts whose latest claim event is a claim (not a release).
        """CREATE VIEW current_labels AS
        SELECT * EXCLUDE (rn) FROM (
            SELECT *, row_number() OVER (PARTITION BY account_id ORDER BY event_id DESC) AS rn
            FROM label_events) AS x
        WHERE rn = 1""",
        """CREATE VIEW current_claims AS
        SELECT account_id, analyst, event_id, created_at FROM (
            SELECT *, row_number() OVER (PARTITION BY account_id ORDER BY event_id DESC) AS rn
            FROM claim_events) AS x
        WHERE rn = 1 AND action = 'claim'""",
    ),
    (
        # Recipes (analysis/recipes): the instruction frames mined across the log, grouped
        # into families; each framed request's recipe. Rewritten as a whole by each run.
        """CREATE TABLE recipe_runs (
          run_id BIGINT PRIMARY KEY,
          created_at TIMESTAMP NOT NULL,
          seconds DOUBLE NOT NULL,
          texts BIGINT NOT NULL,
          framed_texts BIGINT NOT NULL,
          requests BIGINT NOT NULL,
          framed_requests BIGINT NOT NULL,
          recipes BIGINT NOT NULL,
          params JSON NOT NULL
        )""",
        """CREATE TABLE recipes (
          recipe_id VARCHAR NOT NULL,
          run_id BIGINT NOT NULL,
          label VARCHAR NOT NULL,
          frame VARCHAR NOT NULL,
          variants JSON NOT NULL,
          keywords JSON NOT NULL,
          requests BIGINT NOT NULL,
          prompts BIGINT NOT NULL,
          accounts BIGINT NOT NULL,
          single_turn_share DOUBLE,
          json_share DOUBLE,
          median_max_tokens DOUBLE,
          mean_temperature DOUBLE,
          first_seen TIMESTAMP,
          last_seen TIMESTAMP
        )""",
        """CREATE TABLE recipe_frames (
          frame_id VARCHAR NOT NULL,
          recipe_id VARCHAR NOT NULL,
          frame VARCHAR NOT NULL,
          prompts BIGINT NOT NULL
        )""",
        """CREATE TABLE request_recipes (
          request_id VARCHAR NOT NULL,
          recipe_id VARCHAR NOT NULL
        )""",
    ),
    (
        # Recipe-aware campaigns (analysis/campaigns): each campaign's short name (its
        # majority recipe's label, else its top keywords) and that recipe; each mapped
        # prompt's recipe (the one its embedding was framed by) and topic (a clustering of
        # the prompt text alone, for the map's topic view), and the topics' names.
        "ALTER TABLE campaigns ADD COLUMN name VARCHAR",
        "ALTER TABLE campaigns ADD COLUMN recipe_id VARCHAR",  # holds most of its requests
        "ALTER TABLE campaigns ADD COLUMN recipe_share DOUBLE",  # of its top recipe
        "ALTER TABLE prompt_map ADD COLUMN recipe_id VARCHAR",
        "ALTER TABLE prompt_map ADD COLUMN topic BIGINT",
        """CREATE TABLE prompt_topics (
          topic BIGINT NOT NULL,
          name VARCHAR NOT NULL,        -- its top keywords
          keywords VARCHAR[] NOT NULL,
          run_id BIGINT NOT NULL
        )""",
    ),
)
