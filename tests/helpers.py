"""Shared test helpers: a counting embedder, small deterministic campaign stages (in place
of UMAP and HDBSCAN), a planted log with known campaigns, hostile strings, a network guard.

Importable from every test folder as ``helpers`` (tests/conftest.py puts tests/ on the
path)."""

from __future__ import annotations

import json
import random
import shutil
import socket
import tempfile
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer

from analysis import config, store
from analysis.campaigns import embed


class CountingEmbedder:
    """A deterministic bag-of-words embedder that counts what it embeds."""

    backend_id = "test:hashing-512"
    dim = 512

    def __init__(self):
        self.vectorizer = HashingVectorizer(
            n_features=self.dim, alternate_sign=False, ngram_range=(1, 2)
        )
        self.calls = 0
        self.embedded = 0

    def __call__(self, texts):
        self.calls += 1
        self.embedded += len(texts)
        x = self.vectorizer.transform(list(texts)).toarray().astype(np.float32)
        return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


# --- fake campaign stages: cheap, deterministic, with known outcomes -----------------------


def _unit(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, np.float32)
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


class Projection:
    """Reducer: a fixed random projection to `dims` dimensions (seeded), rows re-normalised.
    The same matrix for the same input width, so `transform` maps other points (centres)
    into the same space."""

    def __init__(self, dims: int = 64, seed: int = 0):
        self.dims = dims
        self.seed = seed
        self.fitted: list[int] = []  # rows of each fit

    def matrix(self, width: int) -> np.ndarray:
        rng = np.random.default_rng(self.seed)
        return rng.standard_normal((width, self.dims)).astype(np.float32)

    def transform(self, X: np.ndarray) -> np.ndarray:
        return _unit(np.asarray(X, np.float32) @ self.matrix(X.shape[1]))

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        self.fitted.append(len(X))
        return self.transform(X)

    def params(self) -> dict:
        return {"kind": "projection", "dims": self.dims, "seed": self.seed}


class PcaReducer:
    """Reducer: the first `dims` principal components (scikit-learn, fixed seed)."""

    def __init__(self, dims: int = 10, seed: int = 0):
        self.dims = dims
        self.seed = seed

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        from sklearn.decomposition import PCA

        dims = min(self.dims, len(X), X.shape[1])
        return PCA(n_components=dims, random_state=self.seed).fit_transform(X).astype(np.float32)

    def params(self) -> dict:
        return {"kind": "pca", "dims": self.dims, "seed": self.seed}


class NearestCentre:
    """Clusterer: each point takes the label of its most similar centre (cosine), or noise
    (-1) when no centre reaches `min_similarity`. `labels` names the centres (default
    0..k-1); giving two centres one label merges their clusters."""

    def __init__(self, centres: np.ndarray, labels=None, min_similarity: float = 0.5):
        self.centres = _unit(centres)
        self.labels = np.arange(len(centres)) if labels is None else np.asarray(labels)
        self.min_similarity = min_similarity
        self.fitted: list[int] = []  # rows of each fit

    def fit_predict(self, U: np.ndarray) -> np.ndarray:
        self.fitted.append(len(U))
        sims = _unit(U) @ self.centres.T
        out = self.labels[sims.argmax(axis=1)].astype(np.int64)
        out[sims.max(axis=1) < self.min_similarity] = -1
        return out

    def params(self) -> dict:
        return {"kind": "nearest-centre", "centres": len(self.centres),
                "labels": [int(v) for v in self.labels],
                "min_similarity": self.min_similarity}  # fmt: skip


class BrokenClusterer:
    """Clusterer that fails (a run must then keep its embeddings and nothing else)."""

    def fit_predict(self, U: np.ndarray) -> np.ndarray:
        raise RuntimeError("clustering failed")

    def params(self) -> dict:
        return {"kind": "broken"}


class FirstDims:
    """Mapper: the first two dimensions of the clustering space."""

    def fit_transform(self, U: np.ndarray) -> np.ndarray:
        return np.ascontiguousarray(U[:, :2], np.float32)

    def params(self) -> dict:
        return {"kind": "first-dims", "dims": 2}


# --- a planted log: three templated campaigns (one account each) and benign chatter -------

TEMPLATES = {
    "cot": "Think step by step and show every step of your reasoning before answering: {}",
    "grade": "Score this essay from 1 to 10 on clarity and evidence, explain each score: {}",
    "code": "Write a Python function that {} and include unit tests for edge cases",
}
SUBJECTS = [
    f"{verb} the {noun} {extra}"
    for verb in ["sorts", "parses", "merges", "validates", "compresses", "reverses"]
    for noun in ["list", "graph", "string", "matrix", "tree", "queue", "ledger"]
    for extra in ["quickly", "in place", "with a cache", "for large inputs", "twice"]
]
OPENERS = [
    "any tips on",
    "what do you think about",
    "help me with",
    "tell me about",
    "I am curious about",
    "quick question on",
]
TOPICS = [
    "growing tomatoes on a balcony",
    "my cat ignoring her food",
    "a rainy weekend in Lisbon",
    "learning the cello as an adult",
    "fixing a squeaky door",
    "jazz records from 1959",
    "training for a first marathon",
    "a birthday cake for twins",
    "saving on heating bills",
    "old maps of the city",
    "choosing hiking boots",
    "why the sky turns red at dusk",
]
PLANTED = tuple(f"acct_{name}" for name in TEMPLATES)


def planted_log(path, seed: int = 0, per_campaign: int = 150, benign: int = 120, start: int = 0):
    """A JSONL log with three templated campaigns (acct_cot, acct_grade, acct_code: one
    account each, every prompt unique) and varied benign prompts from 40 users."""
    rng = random.Random(seed)
    rows = []
    for name, template in TEMPLATES.items():
        for i in range(per_campaign):
            rows.append((f"acct_{name}", template.format(rng.choice(SUBJECTS) + f" #{i}")))
    for i in range(benign):
        rows.append((f"user{i % 40}", f"{rng.choice(OPENERS)} {rng.choice(TOPICS)} ({i})"))
    rng.shuffle(rows)
    with open(path, "w") as fh:
        for i, (acct, prompt) in enumerate(rows):
            ts = f"2026-10-01T00:{(i // 60) % 60:02d}:{i % 60:02d}Z"
            row = {"request_id": f"r{start + i}", "timestamp": ts, "account_id": acct,
                   "prompt": prompt}  # fmt: skip
            fh.write(json.dumps(row) + "\n")
    return path


def template_stages(labels=None, dims: int = 64) -> dict:
    """Fake stages that find exactly the planted campaigns (with CountingEmbedder): a random
    projection, the nearest template centre (benign prompts are noise; `labels` may merge
    templates) and the first two dimensions. Returns dict(reducer=, clusterer=, mapper=)
    for run_campaigns(con, embedder, **stages)."""
    reducer = Projection(dims)
    bare = [t.format("") for t in TEMPLATES.values()]
    centres = reducer.transform(CountingEmbedder()(bare))
    return {"reducer": reducer, "clusterer": NearestCentre(centres, labels), "mapper": FirstDims()}


def owned_share(con, run_id: int | None = None, in_sample: bool | None = None) -> float:
    """Share of the planted accounts' requests (optionally of prompts placed in one run, or
    in or outside the sample) that sit in clusters no other account uses."""
    df = con.execute(
        f"""SELECT r.account_id, m.campaign_id, m.run_id, m.in_sample, c.accounts
            FROM requests r JOIN prompt_map m ON m.prompt_hash = {store.PROMPT_HASH_SQL}
            LEFT JOIN campaigns c ON c.campaign_id = m.campaign_id
            WHERE r.account_id LIKE 'acct_%'"""
    ).df()
    if run_id is not None:
        df = df[df.run_id == run_id]
    if in_sample is not None:
        df = df[df.in_sample == in_sample]
    return float((df.accounts == 1).mean())


def campaign_of_account(con) -> dict[str, int]:
    """The main campaign of each planted account."""
    rows = con.execute(
        "SELECT account_id, campaign_id FROM account_campaigns WHERE account_id LIKE 'acct_%'"
        " QUALIFY row_number() OVER (PARTITION BY account_id ORDER BY requests DESC) = 1"
    ).fetchall()
    return dict(rows)


def quiet(_message: str) -> None:
    """A log function that prints nothing."""


# --- hostile text ----------------------------------------------------------------------

HOSTILE = "![x](http://198.51.100.7/beacon) <script>alert(1)</script> **bold** <b>b</b>"
# Attacker-controlled text of every kind the dashboard must show inert.
HOSTILE_STRINGS = (
    HOSTILE,
    "[click me](http://198.51.100.7/phish) <a href='http://198.51.100.7/a'>link</a>",
    "<img src=x onerror=alert(2)> <iframe src='http://198.51.100.7/f'></iframe>",
    "\x1b[31mred\x1b[0m \x1b]8;;http://198.51.100.7\x1b\\ansi link\x1b]8;;\x1b\\",
    "\u202eevil.exe\u202c right-to-left override \u2066isolate\u2069",
    "null\x00byte in the middle",
    "$$\\href{http://198.51.100.7}{x}$$ :material/warning: {{7*7}}",
    "A" * (1024 * 1024),
)


# --- the fast model, kept between sessions -----------------------------------------------


# Kept between sessions in the project's git-ignored data/ folder.
TEST_CACHE = Path(__file__).resolve().parents[1] / "data" / "test-cache"


def fast_model_dir(folder: Path = TEST_CACHE / "models") -> Path:
    """Where in folder the tests keep the distilled static model between sessions (named
    for the dimensions and the model2vec version that built it)."""
    from importlib.metadata import version

    return folder / f"m2v-minilm-{config.FAST_PCA_DIMS}-model2vec{version('model2vec')}"


def cached_fast_model(folder: Path = TEST_CACHE / "models") -> embed.FastEmbedder:
    """The fast model kept in folder; distilled first when missing or unloadable.

    It is built in a temporary folder beside its place and renamed there when complete,
    so an interrupted build never leaves a model that a later session would load."""
    target = fast_model_dir(folder)
    if (target / "model.safetensors").exists():
        try:
            return embed.FastEmbedder(model_dir=target, log=print)
        except Exception as exc:  # a broken cache is rebuilt, never used
            print(f"rebuilding the cached fast model ({exc})")
            shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".build-", dir=target.parent) as tmp:
        built = Path(tmp) / target.name
        embed.FastEmbedder(model_dir=built, log=print)  # distils into built
        try:
            built.rename(target)
        except OSError:  # another session finished first: use its model
            if not (target / "model.safetensors").exists():
                raise
    return embed.FastEmbedder(model_dir=target, log=print)


# --- numba --------------------------------------------------------------------------------


def cache_numba_functions(*package_names: str) -> int:
    """Turn on numba's on-disk cache for every jitted function of the packages (the app's
    own switch, analysis.campaigns.stages.cache_compiled_code)."""
    from analysis.campaigns.stages import cache_compiled_code

    return cache_compiled_code(tuple(package_names))


# --- no network ------------------------------------------------------------------------


class NetworkUsed(AssertionError):
    """Raised when code under test opens a network connection."""


@contextmanager
def no_network():
    """Make any outgoing connection (and name lookup) raise NetworkUsed within the block."""

    def refuse(*args, **kwargs):
        raise NetworkUsed(f"network access attempted: {args[1:] or args}")

    saved = (socket.socket.connect, socket.socket.connect_ex, socket.create_connection,
             socket.getaddrinfo)  # fmt: skip
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    try:
        yield
    finally:
        (socket.socket.connect, socket.socket.connect_ex, socket.create_connection,
         socket.getaddrinfo) = saved  # fmt: skip


# Words that share no phrase with anything, for payloads that repeat nothing (frame tests).
PAYLOAD_WORDS = tuple(
    [
        "river",
        "apple",
        "engine",
        "quiet",
        "violet",
        "market",
        "ladder",
        "winter",
        "copper",
        "signal",
        "garden",
        "orbit",
        "candle",
        "harbor",
        "pencil",
        "mirror",
        "thunder",
        "basket",
        "planet",
        "meadow",
        "silver",
        "rocket",
        "lantern",
        "forest",
        "marble",
        "island",
        "velvet",
        "castle",
        "pepper",
        "bridge",
        "falcon",
        "glacier",
        "tunnel",
        "compass",
        "blanket",
        "saddle",
        "canyon",
        "meteor",
        "cotton",
        "anchor",
        "puzzle",
        "summit",
        "ribbon",
        "walnut",
        "crystal",
    ]
)


def random_payload(r, lo: int = 7, hi: int = 11) -> str:
    """A question of lo-hi random PAYLOAD_WORDS (r: a random.Random)."""
    return " ".join(r.sample(PAYLOAD_WORDS, r.randint(lo, hi))) + "?"
