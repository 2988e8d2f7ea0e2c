"""Tunables and paths, each with where its value came from."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Where the generated sample lives and where its database is built on first start.
SAMPLE_DIR = ROOT / "sample_data"
DATA_DIR = Path(os.environ.get("DW_DATA_DIR", ROOT / "data"))
SAMPLE_DB = DATA_DIR / "sample.duckdb"


def default_db() -> Path:
    """The database the dashboard opens: $DW_DB, else the sample database."""
    return Path(os.environ.get("DW_DB") or SAMPLE_DB)


# Generator arguments for sample_data/ (about 100k requests from 1,500 accounts).
SAMPLE_ACCOUNTS = 1500
SAMPLE_DAYS = 14
SAMPLE_SEED = 7

# --- ingestion ---
# Bytes of a JSON Lines file handed to DuckDB per batch: large enough that per-batch
# overhead is under 1% of the time on a 500k-row file, small enough to bound memory
# (a batch holds about three copies of its text while it is parsed).
INGEST_CHUNK_BYTES = 32 * 1024 * 1024
# Rows per batch for CSV and Parquet (row-oriented readers); 50k rows kept the
# per-batch SQL under 5% of the time in the benchmark.
INGEST_BATCH_ROWS = 50_000
# Timestamps outside this range are unreadable for our purposes: API logs start
# long after 2000, and 'infinity' or a year-9999 sentinel is a broken exporter.
TIMESTAMP_MIN = "2000-01-01"
TIMESTAMP_MAX = "2100-01-01"
# Longest excerpt of a bad value quoted in a quarantine reason (the raw record is kept whole).
REASON_VALUE_CHARS = 60
# JSON Lines files are first read with DuckDB's own parallel reader (about 8x faster than
# the line-by-line path); a file with any bad line falls back to the line-by-line path.
# DW_EXACT_EXTRAS=1 turns the fast path off.
FAST_PATH = os.environ.get("DW_EXACT_EXTRAS", "") != "1"
# On the fast path, keys outside the contract are those found in this many leading
# records (DuckDB's own default sample); the line-by-line path sees every key.
FAST_PATH_KEY_SAMPLE = 20_480
# Longest line DuckDB's reader takes on the fast path; longer lines take the
# line-by-line path, which has no limit. 64 MiB is far above any real prompt.
FAST_PATH_MAX_LINE_BYTES = 64 * 1024 * 1024

# --- embeddings ---
# Default backend for campaign discovery; see README "Embedding backends" for the
# measurements behind the choice.
EMBED_BACKEND = os.environ.get("DW_EMBED_BACKEND", "fast")
# Prompts are cut to this many characters before embedding: MiniLM reads at most 256
# word pieces (about 1,000 characters of English), so 2,000 loses nothing it would use.
EMBED_MAX_CHARS = 2000
# Texts per MiniLM forward pass; 64 was the fastest of 16-256 on 2 cores.
EMBED_BATCH_SIZE = 64
# Output dimensions of the distilled static model (model2vec's default PCA size).
FAST_PCA_DIMS = 256

# --- campaigns (UMAP + HDBSCAN) ---
# Above this many unique prompts, UMAP and HDBSCAN are fitted on a random sample of this
# size and every other prompt is placed by its nearest sampled neighbours. 50k keeps a
# fit near a minute on 2 cores (UMAP fit measured: 20k in 10 s, 50k in 31 s, warm).
CAMPAIGN_FIT_SAMPLE = int(os.environ.get("DW_CAMPAIGN_SAMPLE", 50_000))
# UMAP: 15 neighbours and min_dist 0 are UMAP's and BERTopic's defaults for clustering;
# 5 dimensions is BERTopic's default: enough room for HDBSCAN, cheap to cluster.
UMAP_NEIGHBORS = 15
UMAP_CLUSTER_DIMS = 5
UMAP_MAP_MIN_DIST = 0.1  # the 2-D map spreads points a little so dense campaigns stay legible
CAMPAIGN_SEED = 42
# HDBSCAN: a campaign needs at least this many unique prompts in the fitted sample (scaled
# down for small samples, never under 10); min_samples 10 keeps noise near 5% here.
HDBSCAN_MIN_CLUSTER_SIZE = 40
HDBSCAN_MIN_SAMPLES = 10
# Prompts outside the fitted sample take the label of the similarity-weighted majority of
# this many nearest sampled prompts (noise when noise wins) and their mean map position.
EXTEND_NEIGHBORS = 10
# A re-run places new prompts on the stored map and keeps campaigns as they are while the
# new prompts are at most this share of those mapped; beyond it the map is refitted.
CAMPAIGN_REFIT_SHARE = 0.25
# Stable ids: a new campaign keeps the id of the old one sharing most of its prompts when
# that share (of the smaller of the two) is at least this; 0.5 means "most of it".
CAMPAIGN_MATCH_OVERLAP = 0.5
# Lineage records a split or merge when a campaign passes at least this share of its
# prompts to (or takes them from) another one.
CAMPAIGN_LINEAGE_SHARE = 0.2
# Top keywords (class-based TF-IDF) and representative prompts kept per campaign.
CAMPAIGN_KEYWORDS = 8
CAMPAIGN_REPRESENTATIVES = 3
# Prompts per campaign read for keywords (a random sample above this).
CAMPAIGN_KEYWORD_DOCS = 400
