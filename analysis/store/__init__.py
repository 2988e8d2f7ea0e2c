"""The database: opening it, its schema and migrations, and transactions.

Every stage writes through ``transaction(con)``; the tables each stage owns are created
by the migrations in ``schema.py`` and queried by that stage's own ``sql.py``.
"""

from analysis.store.db import (
    StoreError,
    checkpoint,
    connect,
    database_path,
    migrate,
    registered,
    schema_version,
    transaction,
)
from analysis.store.schema import (
    CONTRACT,
    CONTRACT_NAMES,
    CONVERSATION_TURNS_SQL,
    MIGRATIONS,
    NORMALISED_PROMPT_SQL,
    PROMPT_HASH_SQL,
    REQUIRED_NAMES,
    Column,
    json_answer_sql,
    text_hash_sql,
)

__all__ = [
    "CONTRACT",
    "CONTRACT_NAMES",
    "CONVERSATION_TURNS_SQL",
    "MIGRATIONS",
    "NORMALISED_PROMPT_SQL",
    "PROMPT_HASH_SQL",
    "REQUIRED_NAMES",
    "Column",
    "StoreError",
    "checkpoint",
    "connect",
    "database_path",
    "json_answer_sql",
    "migrate",
    "registered",
    "schema_version",
    "text_hash_sql",
    "transaction",
]
