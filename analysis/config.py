"""Tunables and paths, each with where its value came from."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Where the generated sample lives and where its database is built on first start.
SAMPLE_DIR = ROOT / "sample_data"
DATA_DIR = Path(os.environ.get("DW_DATA_DIR", ROOT / "data"))
SAMPLE_DB = DATA_DIR / "sample.duckdb"
# numba (UMAP, pynndescent) keeps the machine code it compiles here, so a process after the
# first skips most of the compilation (set before numba is imported: config is imported
# first). Measured in the README ("Speed").
os.environ.setdefault("NUMBA_CACHE_DIR", str(DATA_DIR / "numba-cache"))
NUMBA_CACHE_DIR = Path(os.environ["NUMBA_CACHE_DIR"])


def default_db() -> Path:
    """The database the dashboard opens: $DW_DB, else the sample database."""
    return Path(os.environ.get("DW_DB") or SAMPLE_DB)


# Generator arguments for sample_data/ (about 100k requests from 1,500 accounts).
SAMPLE_ACCOUNTS = 1500
SAMPLE_DAYS = 14
SAMPLE_SEED = 7

# The sample build fits the campaign map on this many prompts (the rest are placed on it),
# so that `make run` builds ingest + campaigns + scores within two minutes on a fresh
# machine (measured on a fresh clone with 12,000, after the install's `prepare`: 99 s;
# 20,000 took 92 s plus the fast model's build when that was part of the first run).
SAMPLE_CAMPAIGN_FIT = 12_000

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

# --- recipes (analysis/recipes) ---
# A token trigram is frequent, and a frame segment is kept, when it occurs in at least this
# many distinct texts: a harvest wraps hundreds to thousands of payloads in each instruction;
# 20 keeps a frame used by one small campaign (45 accounts x 30-70 requests spread over a
# dozen paraphrases is about 100-200 texts each) while a phrase that a few people happen to
# type does not repeat that often.
RECIPE_MIN_PROMPTS = 20
# A frame segment is a run of at least this many tokens covered by frequent trigrams:
# everyday openings ("what is the", "how do i make a") are 3-4 tokens; an instruction
# ("solve the following problem step by step") is longer.
RECIPE_MIN_RUN = 5
# Tokens read from each end of the prompt and from the head of the system prompt: frames sit
# at the ends (the payload is in the middle); 48 tokens hold a long instruction paragraph.
RECIPE_WINDOW = 48
# A segment sent by at least this share of all accounts is boilerplate (a default system
# prompt, a client's fixed preamble) and is no one's frame. 30%: in the generated logs the
# default system prompt reaches 96% of accounts while the largest campaign (the hydra at full
# evasion) is under 25% of them; among real customers a campaign is a far smaller share.
RECIPE_BOILERPLATE_SHARE = 0.3
# Within a run of repeated tokens the frame is the most repeated part: tokens used by fewer
# than this share of the texts of the run's most repeated trigram are payload (a fixed
# instruction goes with every payload, a templated phrase of the payload with a few).
RECIPE_CORE_RATIO = 0.5
# Trigram frequencies are counted on at most this many distinct texts (seeded sample,
# threshold scaled): the count is the costly part and 200k texts estimate it well.
RECIPE_SAMPLE = 200_000
# Frames whose trigram sets overlap at least this much (Jaccard, MinHash LSH with 64
# permutations) are one family: noise variants (casing, a filler word) of one instruction.
RECIPE_FAMILY_JACCARD = 0.5
# Words in a recipe's label, and keywords kept per recipe.
RECIPE_LABEL_WORDS = 8
RECIPE_KEYWORDS = 6

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
# Prompts embedded and written to the embedding cache per batch (each batch is committed,
# so an interrupted run keeps its work). A batch of at least one DuckDB row group (122,880
# rows) is written straight to the file: 256-d vectors went in at 20 us a row in batches
# of 130,000 against 55 us in batches of 20,000 (260,000 rows, this 2-core machine).
EMBED_CACHE_BATCH = 125_000

# --- campaigns (UMAP + HDBSCAN) ---
# Above this many unique prompts, UMAP and HDBSCAN are fitted on a random sample of this
# size and every other prompt is placed by its nearest sampled neighbours. 50k keeps a
# fit near a minute on 2 cores (UMAP fit measured: 20k in 10 s, 50k in 31 s, warm).
CAMPAIGN_FIT_SAMPLE = int(os.environ.get("DW_CAMPAIGN_SAMPLE", 50_000))
# UMAP: 15 neighbours and min_dist 0 are UMAP's and BERTopic's defaults for clustering;
# 5 dimensions is BERTopic's default: enough room for HDBSCAN, cheap to cluster.
UMAP_NEIGHBORS = 15
UMAP_CLUSTER_DIMS = 5
# How the clustering UMAP starts: "pca" (the first principal components of the sample)
# instead of UMAP's default spectral layout, whose eigenvectors were most of the fit: on
# 50,000 fast embeddings the spectral layout alone took 95 s, the whole fit from a PCA start
# 41 s (from a random one 55 s), on a busy 2-core machine. Campaign quality on the 1M log:
# see UMAP_CLUSTER_EPOCHS.
UMAP_CLUSTER_INIT = "pca"
# Epochs of the clustering UMAP for fits of at least UMAP_CLUSTER_EPOCHS_FROM prompts (UMAP's
# default is 200 above 10,000 points; smaller fits keep it). Measured on the 1M-request log
# (seed 31, 50,000 fitted prompts): 200 -> 100 epochs cut about 15 s of CPU; benign requests
# in campaign-dominated clusters 4.1% -> 4.0%, recipe-majority purity of the framed requests
# there 0.898 -> 0.895, noise 11.0% -> 9.9% (before these changes, spectral start and 200
# epochs: 3.7%, 0.902, 12.6%). Not measured below 50,000 prompts, hence the floor.
UMAP_CLUSTER_EPOCHS = 100
UMAP_CLUSTER_EPOCHS_FROM = 30_000
UMAP_MAP_MIN_DIST = 0.1  # the 2-D map spreads points a little so dense campaigns stay legible
# The 2-D map's UMAP is fitted on at most this many of the fitted sample's points, from a
# PCA start, for 200 epochs (UMAP would give a fit of 10,000 points 500); the others take
# the weighted mean position of their nearest fitted points in the clustering space. The
# map is for the eye (campaigns come from the clustering space): on the 1M log the 2-D map
# took 93.9 s on all 50,000 (spectral start), 25.6 s on 15,000 (PCA start), busy machine.
UMAP_MAP_FIT_SAMPLE = 10_000
UMAP_MAP_INIT = "pca"
UMAP_MAP_EPOCHS = 200
CAMPAIGN_SEED = 42
# HDBSCAN: a campaign needs at least this many unique prompts in the fitted sample (scaled
# down for small samples, never under 10); min_samples 10 keeps noise near 5% here.
HDBSCAN_MIN_CLUSTER_SIZE = 40
HDBSCAN_MIN_SAMPLES = 10
# The same when prompts are framed by their recipes (CAMPAIGN_FRAME_WEIGHT): a harvest that
# rotates paraphrased instructions has many recipes, each a tight group that a sample of
# 12,000 holds 20-40 prompts of, so 40 lost them to noise; and where a harvest's unframed
# prompts meet everyday users' (worked homework, code questions) smaller clusters keep the
# two apart. Measured (the logs of CAMPAIGN_FRAME_WEIGHT, 40 -> 20): benign requests in
# campaign-dominated clusters 5.5% -> 3.1% and 2.0% -> 2.2%; harvest requests in them 45% ->
# 42% and 22% -> 30% (without frames, 40 stays: 4.8% and 3.0% of benign requests).
HDBSCAN_FRAMED_MIN_CLUSTER_SIZE = 20
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
# Recipe-aware campaigns: a prompt whose most common request carries a recipe (an
# instruction frame mined by analysis/recipes) is clustered by the unit vector of
# w * embedding(frame) + (1 - w) * embedding(prompt), so one harvest's prompts land together
# whatever their payload topics; prompts without a frame, and every prompt of a database
# without recipes, embed as the prompt alone. 0 turns it off. Measured on two generated
# adversary logs (evasion 0.5; 109k and 179k requests, map fitted on 12,000 prompts): 0.45 to
# 0.8 raised the recipe purity of campaign-dominated clusters (58% -> 65-71%, 63% -> 71-87%,
# rising with the weight; 0.3 barely moved it) while higher weights lost more of a harvest
# that rotates paraphrased instructions to noise on the larger log; at 0.6 the share of
# harvest requests in campaign-dominated clusters stayed level (39% -> 42%, 32% -> 30%).
CAMPAIGN_FRAME_WEIGHT = 0.6
# Words of a campaign's name when no recipe holds the majority of its requests.
CAMPAIGN_NAME_KEYWORDS = 4
# The map's topic view: MiniBatchKMeans of the prompt-only embeddings into this many topics
# (fitted on the campaign sample, every prompt assigned to its nearest centre): about as many
# as the subjects of the generated logs' everyday traffic, and the map names the 15 largest.
# The fit takes 0.4 s on 12,000 prompts.
CAMPAIGN_TOPICS = 40

# --- request types (analysis/detection/request_types.py) ---
# Features: character 1-5-grams within word boundaries (any script, inflections) and word
# uni- and bigrams; logistic regression with inverse regularisation C. Chosen on the
# held-out split (tests/data/request_types_heldout.jsonl; figures in the README) among
# char 2-5 / 1-5, with and without words, C 3 / 10 / 30. Single characters are what a
# sentence of Chinese or Japanese is made of (the word analyser sees a whole clause as one
# "word"): with 1-grams Chinese reasoning recall went 56% -> 100%, the mean stayed 86-88%.
# Checked again on the 34-language set (15,989 texts): characters across word boundaries
# and word trigrams were within one text per language of this choice (pooled reasoning
# recall 0.908-0.917, false positives 0.042-0.043); C 3 and 30 trade one for the other
# (mean of languages: recall 88.8% / 91.4%, false positives 3.2% / 4.2%; C 10: 90.8%, 4.1%).
REQUEST_TYPE_CHAR_NGRAMS = (1, 5)
REQUEST_TYPE_WORD_NGRAMS = (1, 2)
REQUEST_TYPE_C = 10.0
# Pieces: sentences of at least MIN_CHARS; a longer sentence is read in windows of WINDOW
# characters (three quarters apart); at most MAX_PIECES per text (half from each end: a
# prompt of 200 sentences is a pasted document, and pieces repeat across texts).
REQUEST_TYPE_MIN_CHARS = 8
REQUEST_TYPE_WINDOW = 240
REQUEST_TYPE_MAX_PIECES = 200
REQUEST_TYPE_BATCH = 50_000
# Fitted models, one file per classifier version (training takes 10-30 s here).
REQUEST_TYPE_CACHE = DATA_DIR / "models"
# A text is of a type when that type's probability reaches this.
REQUEST_TYPE_THRESHOLD = 0.5
# A response is a worked trace (request_types.WORKED_CALCULATION / STEP_MARKER) when it holds
# at least TRACE_MIN_CALCULATIONS written-out calculations ("2 * 50 = 100"), or at least
# TRACE_MIN_STEPS numbered steps and one calculation. Measured on real text: 94% of GSM8K
# worked solutions, 1.2% of AlpacaEval answers (each of them a worked calculation read
# rightly), 0 of 5,764 HH assistant turns.
TRACE_MIN_CALCULATIONS = 2
TRACE_MIN_STEPS = 3
# A system prompt goes with every request of a product, so one misread system prompt would
# make all of a product's traffic look like harvesting: it counts from this probability.
# Measured: product system prompts read at 0.55-0.76 as a type (a Korean support bot 0.62
# judging, an e-commerce summariser 0.55 reasoning, a real-text log's "Assist a freelance
# translator and editor" 0.72 judging: 10 of 12 power users flagged at 0.5); system-style
# requests of the held-out split still found at 0.75: reasoning 0.65-0.81, judging
# 0.8-0.92, tool 1.0 (0.7 and 0.8 measured).
REQUEST_TYPE_SYSTEM_THRESHOLD = 0.75

# --- content signals (analysis/detection/features.py) ---
# Reasoning elicitation and prompt distance read at most this many requests per account
# (chosen by a hash of request_id). A share measured on 25 requests has a standard error of
# at most 0.1 (the reasoning signal's floor below), enough to tell 10% from 80%, and it
# bounds the MiniLM work per account (MiniLM reads about 300 sentences/s here).
SIGNAL_SAMPLE_PER_ACCOUNT = 25
# Prompt distance (maximum mean discrepancy): at most this many of an account's sampled
# prompts are compared; accounts with fewer than MMD_MIN_PROMPTS get no value.
MMD_PER_ACCOUNT = 25
MMD_MIN_PROMPTS = 5
# The population is this many prompts from every account (so heavy accounts do not define
# it), at most MMD_REFERENCE_MAX in all.
MMD_REFERENCE_PER_ACCOUNT = 5
MMD_REFERENCE_MAX = 20_000
# Random Fourier features per RBF kernel approximation (cos and sin of each): 256 keeps the
# approximation error of the discrepancy near 0.01, well under the gaps between populations.
MMD_FEATURES = 256
MMD_SEED = 13

# --- linked accounts (analysis/detection/linkage.py) ---
# Edge weights are log10 likelihood ratios: P(evidence | one actor) / P(evidence | unrelated
# accounts). The second is measured on the population (pairs that show the evidence over all
# pairs; random pairs for timing and shape); the first is not observable without labels and
# is set to one half for every type (an actor's accounts show a given kind of evidence about
# half the time once it rotates identities), so weights rank types by how rare they are.
LINK_P_SAME_ACTOR = 0.5
# One type of evidence alone is capped here, under LINK_MIN_WEIGHT: any one kind (a shared
# office IP, a family card, a popular recipe) happens between strangers, so a link needs two.
LINK_TYPE_CAP = 2.5
# An edge enters the graph with more evidence than one kind can give (LINK_TYPE_CAP): two
# kinds at least. With 1.5 (one kind of rare evidence), single shared templates and recipes
# chained ordinary users and several actors into one community on the generated adversary
# log (seed 8, evasion 0.5: network pair precision 0.85); with 2.6, 0.99. A network member
# also needs links inside its community weighing LINK_MIN_WEIGHT (a likelihood ratio of
# 1,000 to 1). Both grow with the population: among N accounts an edge needs log10(N / 2)
# (linkage.thresholds: the prior odds of two accounts being related fall as N grows).
LINK_EDGE_MIN_WEIGHT = 2.6
# ... plus this many orders of magnitude of posterior odds (linkage.thresholds). 1.0 (odds of
# 10 to 1) cut the false creation+shape edges of the 20k-account scale bench but also cut the
# hydra apart on the adversary log (seed 8, evasion 0.5: pair F1 0.97 -> 0.11): "more likely
# than not" stays until the weak kinds (creation, shape) are better calibrated.
LINK_POSTERIOR_ODDS = 0.0
LINK_MIN_WEIGHT = 3.0
# Between two accounts that both carry harvest evidence of their own (own harvest >=
# LINK_RECIPE_MIN_HARVEST), the prior is counted among the H harvesting accounts, not all N:
# an edge needs log10(H / 2) (linkage.harvest_edge_threshold), never under this floor. An actor's
# accounts all harvest, so a related partner is one in H / 2 harvesting pairs. Measured on
# the adversary suite at evasion 0.5 (seeds 9 and 10, about 380 harvesting accounts of
# 1,829): the low-and-slow harvest, whose accounts share a card only in pairs and otherwise
# only a registration window, went from 38 and 35 of 45 accounts in 2 and 8 networks to
# 39 and 40 in 2 and 3, with no benign account added.
LINK_HARVEST_EDGE_MIN_WEIGHT = 2.0
# Leiden resolution (RB configuration model): under 1 prefers fewer, larger communities, so
# one actor's accounts spread over several blocks and cards stay one network. On the
# generated adversary log (seed 8, evasion 0.5) the 300-account hydra was cut in five at
# 1.0 (modularity), in two at 0.3 and kept whole at 0.1 (pair F1 0.27, 0.53, 0.97). On seed
# 9 it was still cut in two at 0.1 (its accounts' hour profiles follow two time zones:
# pair F1 0.63-0.71) and whole from 0.05 down to 0.01 (0.947, precision 0.983 -> 0.991);
# seeds 8 and 10 are the same at 0.01-0.1; the real-text log (seed 9) 0.43 -> 0.64 with
# precision 0.96. Lower still approaches connected components (one stray edge chains).
LINK_RESOLUTION = 0.05
# A member's link strength is full when its links inside its network weigh this much (two
# strong links, or several weaker ones).
LINK_STRONG_WEIGHT = 6.0
# Random pairs drawn to measure the base rates of timing, shape and recipe evidence (every
# pair when there are fewer).
LINK_BASE_RATE_PAIRS = 20_000
# Base rates are shrunk toward a prior of one pair in a thousand, with the weight of a
# thousand pairs: on a small log an actor's own pairs are most of all pairs, and its
# evidence would otherwise look common. On 1,700 accounts (1.5M pairs) the prior moves no
# rate by more than 0.1%.
LINK_PRIOR_RATE = 1e-3
LINK_PRIOR_PAIRS = 1_000
# Recipe links: candidate pairs are accounts that both send at least this share of their
# requests with one recipe; within a recipe's group each account is paired with this many
# others (blocking: g * k pairs, not g^2 / 2; 8 keeps a group of hundreds one connected
# block). A pair is recipe-linked when the cosine of their idf-weighted recipe shares is at
# least LINK_RECIPE_SIMILARITY (the same test as campaign mixes).
LINK_RECIPE_MIN_SHARE = 0.02
LINK_RECIPE_NEIGHBOURS = 8
LINK_RECIPE_SIMILARITY = 0.5
# Shape links: the same parameter tuple and answer format, and hour-of-day profiles at
# least this alike (cosine of the 24 hourly shares).
LINK_SHAPE_HOUR_SIMILARITY = 0.8
# A payment instrument or a prefix+agent pair used by more accounts than this is a
# platform or a carrier-grade NAT, not one actor; it makes no links (and bounds the pairs).
LINK_MAX_GROUP = 2_000
# Creation links: accounts created this close together (an actor registers its accounts in
# a batch; colleagues join over months); within a window each account is paired with this
# many others (blocking, as for recipes). The evidence weakens by itself in signup waves:
# its base rate is measured on random pairs of this population.
LINK_CREATION_HOURS = 48.0
LINK_CREATION_NEIGHBOURS = 8
# Correlation of hourly activity, each account's own hour-of-day rhythm removed, that counts
# as moving together (accounts active in at least LINK_TIMING_MIN_HOURS hours). With the
# daily rhythm removed, unrelated accounts correlate near 0 (Poisson noise); accounts run by
# one scheduler share its shifts and outages.
LINK_TIMING_CORRELATION = 0.5
LINK_TIMING_MIN_HOURS = 12
# Campaign mixes: only campaigns with at most this many accounts count (a topic everyone
# asks about links no one); both accounts need this many clustered requests; similarity is
# the cosine of idf-weighted campaign shares.
LINK_CAMPAIGN_MAX_ACCOUNTS = 200
LINK_CAMPAIGN_MIN_REQUESTS = 20
LINK_CAMPAIGN_SIMILARITY = 0.5
# Templates: a skeleton used by 2 to this many accounts is rare; a link needs this many.
LINK_TEMPLATE_MAX_ACCOUNTS = 20
LINK_TEMPLATE_MIN_SHARED = 3

# Sustained rates (requests and output tokens per day) divide by the days from an account's
# first request to the end of the data, but never by fewer than this: an account first seen
# on the last afternoon has not shown a rate yet. A week holds one weekly rhythm.
RATE_MIN_DAYS = 7
# A typical day is this quantile of an account's daily counts over the same days, idle days
# counted as zero: an account must be busy on more than 60% of its days to have one. On
# the 20k-account benchmark, evaluation runs filled 2-7 of 11 days and every extraction
# account all of them; an attacker who goes idle more often than that needs more accounts
# for the same harvest, which the linked-network view is for.
TYPICAL_DAY_QUANTILE = 0.4

# --- risk score (analysis/detection/scoring.py) ---
# Each signal is compared with the population: robust z = (value - median) / (1.4826 MAD),
# on a log scale where marked, with the spread never taken below `floor` (many signals
# have a median and MAD of 0). Evidence rises from 0 at z = SCORE_Z_START to 1 at
# SCORE_Z_FULL: a value within two robust standard deviations of the median is ordinary.
SCORE_Z_START = 2.0
SCORE_Z_FULL = 5.0
# The risk is sqrt((scale + e)(harvest + e)) - e: equal to the geometric mean where the axes
# are equal, but one axis alone still ranks (full evidence on one axis and none on the other
# gives 0.23, low) instead of tying with the benign mass at exactly 0.
SCORE_AXIS_EPSILON = 0.1


# Which signals are scored, on which axis, with which weight, floor and direction, and the
# reason each one gives: one table, analysis/detection/signals.py (with where each value
# came from).
# --- cohorts (analysis/detection/cohorts.py) ---
# Random cohorts of a cohort's size, drawn from the other accounts, to compare it with: 200
# puts the median and spread of each cohort signal within a few percent.
COHORT_NULL_SAMPLES = 200
# A member without evidence of its own (no reason of its own) inherits at most this, just
# under high: an account is never put in the analyst queue on its links alone.
COHORT_NO_EVIDENCE_MAX = 0.59
# A member's own request types count as evidence of its own when its sample holds more of
# them than an ordinary account's could by chance at this one-sided binomial p (with about
# 1,000 members tested, about one false "own evidence" per network run; it only lifts the
# cap above, never scores on its own).
COHORT_OWN_EVIDENCE_P = 0.01
# Accounts with at least this much harvest evidence of their own may be linked by a shared
# recipe (with another kind of evidence): sharing an instruction is common among ordinary
# users of one tool, and says something only between accounts that harvest.
LINK_RECIPE_MIN_HARVEST = 0.2

# Levels on the 0-1 risk. critical: both axes near full; high: both clearly raised (the
# analyst queue); medium: one axis raised and the other partly. Round values; on the
# 20k-account benchmark the highest benign, power-user and researcher accounts score 0.46,
# 0.45 and 0.52, single extraction accounts 0.53 and up (their networks 0.79 and up).
RISK_LEVELS = (("critical", 0.8), ("high", 0.6), ("medium", 0.4), ("low", 0.0))
# Reasons listed per account (strongest first) and the evidence a signal needs to be one.
REASONS_MAX = 4
REASON_MIN_EVIDENCE = 0.15

# --- dashboard ---
# Above this many map points, the Campaign map offers a sample or a density view instead of
# every point: Scattergl stays interactive to about 100k points in a browser.
MAP_MAX_POINTS = 100_000
MAP_SAMPLE_POINTS = 50_000

# --- roles and demo mode ---
# viewer: read-only (demos); analyst: label, claim, export; admin: also ingest and analyse.
# In local mode the role is $DW_ROLE (default admin: one person on their own machine;
# set DW_ROLE=viewer for a demo screen);
# with OIDC login it comes from the [roles] table of secrets.toml (email = "role"), and an
# email not listed there is a viewer.
ROLES = ("viewer", "analyst", "admin")
LOCAL_ROLE = os.environ.get("DW_ROLE", "admin")
# Demo mode ($DW_DEMO=1, or the sidebar switch): account ids are shown as keyed-hash
# pseudonyms and IPs, emails, phone numbers and API-key-like strings are masked in every
# displayed text and in exports. The key is $DW_DEMO_KEY (a fixed default otherwise: set
# one, or pseudonyms can be reversed by hashing known ids).
DEMO_MODE = os.environ.get("DW_DEMO", "") == "1"
DEMO_KEY = os.environ.get("DW_DEMO_KEY", "distillation-watch-demo")
