"""Request types: does a text ask the model to write out its reasoning, to grade or judge an
answer, or to produce tool calls or an agent trace? The request types distillation wants.

A classifier, not an example matcher: character n-grams (1-5, within word boundaries, so
it reads scripts without spaces and inflected languages alike) and word uni- and bigrams,
TF-IDF weighted, into a multinomial logistic regression over four classes (reasoning,
judging, tool, ordinary), trained on the labelled multilingual set that ships with the
package (``data/request_types_train.jsonl``: 44 languages, several phrasings per type,
and hard negatives: "answer only, no explanation", "explain briefly", summaries,
translations, how-to steps). A held-out set written separately (other phrasings, not
translations) lives in ``tests/data`` and is never trained on.

A text is read whole, not only at its ends: it is cut into sentences (and long sentences
into overlapping windows), each piece is classified, and the text's score for a type is
the highest probability of any piece, so an instruction in the middle of a long prompt, in
the system prompt or inside one long sentence is found. Training takes about a second;
scoring is a sparse matrix product (thousands of texts a second). The fitted model is kept
in the local model cache (never shipped: it is made from the shipped training set).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from analysis import config
from analysis.detection import sql

Log = Callable[[str], None]

DATA = Path(__file__).resolve().parent / "data" / "request_types_train.jsonl"
TYPES = ("reasoning", "judging", "tool")  # the types scored; the fourth class is "ordinary"
ORDINARY = "ordinary"

# The response side: a worked trace is evidence that reasoning was taken, whether asked
# for or volunteered. Written-out calculations (a number or bracket, an operator, a number,
# then "=" and a number) and numbered steps ("1.", "(2)", "Step 3", "Paso 3", "第3步",
# "ステップ3", "3단계", ...), in Python and DuckDB (RE2) regular expression syntax alike.
WORKED_CALCULATION = r"[\d)]\s*[-+*/×÷·x]\s*[\d(][^=\n]{0,40}=\s*[-$€£]?\d"
STEP_MARKER = (
    r"(?im)^\s*(?:\d{1,2}[.)、]\s|\(\d{1,2}\)\s|(?:step|paso|schritt|étape|etapa|passo|stap|"
    r"steg|krok|шаг|крок|adım|langkah|bước|ขั้นที่|مرحله|चरण|ধাপ|שלב|βήμα|خطوة)\s*\d{1,2}|"
    r"第[一二三四五六七八九十\d]+步|ステップ\s*\d|\d+\s*단계|단계\s*\d)"
)


def is_worked_trace(response: str | None) -> bool:
    """Whether a response is a worked trace (config.TRACE_MIN_CALCULATIONS calculations, or
    config.TRACE_MIN_STEPS numbered steps and one calculation); the SQL of
    sql.account_request_types reads responses the same way."""
    calcs = len(re.findall(WORKED_CALCULATION, response or ""))
    steps = len(re.findall(STEP_MARKER, response or ""))
    return calcs >= config.TRACE_MIN_CALCULATIONS or (
        steps >= config.TRACE_MIN_STEPS and calcs >= 1
    )


# sentence ends in Latin, CJK, Devanagari, Arabic, Thai and Greek scripts, and new lines
_SPLIT = re.compile(r"(?<=[.!?;。！？।؟])\s+|[\n\r]+|(?<=[。！？])")


def read_examples(path: Path = DATA) -> list[dict]:
    """The labelled examples of a JSON Lines file (lang, label, form, text)."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def pieces(text: str | None) -> list[str]:
    """The pieces of a text that are classified: its sentences, long ones cut into
    overlapping windows of REQUEST_TYPE_WINDOW characters, at most REQUEST_TYPE_MAX_PIECES
    (half from each end); the whole text too when it is short."""
    text = (text or "").strip()
    if not text:
        return []
    width, step = config.REQUEST_TYPE_WINDOW, config.REQUEST_TYPE_WINDOW * 3 // 4
    out: list[str] = []
    for part in _SPLIT.split(text):
        part = part.strip()
        if len(part) < config.REQUEST_TYPE_MIN_CHARS:
            continue
        if len(part) <= width:
            out.append(part)
            continue
        out.extend(part[i : i + width] for i in range(0, len(part) - width // 4, step))
    if config.REQUEST_TYPE_MIN_CHARS <= len(text) <= width and text not in out:
        out.append(text)
    k = config.REQUEST_TYPE_MAX_PIECES
    if len(out) > k:
        out = out[: k // 2] + out[-(k - k // 2) :]
    return list(dict.fromkeys(out))


class RequestTypeClassifier:
    """Scores texts for each request type (TYPES) with a model trained on `data`."""

    name = "request-types"

    def __init__(self, data: Path = DATA):
        self.data = Path(data)

    @property
    def version(self) -> str:
        """Names the training data, the features and the model; cached scores are reused
        only under the same version."""
        digest = hashlib.md5(self.data.read_bytes())
        digest.update(repr(self.params()).encode())
        return digest.hexdigest()[:12]

    def detector_id(self, kind: str) -> str:
        """The id under which scores of one type are cached (reasoning_scores.detector)."""
        return f"{kind}-{self.version}"

    @staticmethod
    def params() -> dict:
        return {
            "char_ngrams": config.REQUEST_TYPE_CHAR_NGRAMS,
            "word_ngrams": config.REQUEST_TYPE_WORD_NGRAMS,
            "C": config.REQUEST_TYPE_C,
            "window": config.REQUEST_TYPE_WINDOW,
            "min_chars": config.REQUEST_TYPE_MIN_CHARS,
            "max_pieces": config.REQUEST_TYPE_MAX_PIECES,
        }

    def fit(self, examples: list[dict] | None = None) -> RequestTypeClassifier:
        """Train on `examples`; by default on the shipped training set, loading the model
        trained on it before when this version's file is in the model cache
        (config.REQUEST_TYPE_CACHE; written here, the training takes tens of seconds)."""
        if examples is None:
            cached = self._cache_path()
            if cached.exists():
                try:
                    with open(cached, "rb") as fh:
                        self.features_, self.model_ = pickle.load(fh)
                    self.classes_ = list(self.model_.classes_)
                    return self
                except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
                    cached.unlink(missing_ok=True)  # unreadable: train again
            self._train(read_examples(self.data))
            self._save(cached)
            return self
        return self._train(examples)

    def _cache_path(self) -> Path:
        return config.REQUEST_TYPE_CACHE / f"{self.name}-{self.version}.pkl"

    def _save(self, path: Path) -> None:
        """Write the fitted model beside the others, atomically (a temp file renamed)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump((self.features_, self.model_), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in path.parent.glob(f"{self.name}-*.pkl"):  # earlier versions
            if old != path:
                old.unlink(missing_ok=True)

    def _train(self, examples: list[dict]) -> RequestTypeClassifier:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_union

        texts = [e["text"] for e in examples]
        labels = [e["label"] for e in examples]
        unknown = set(labels) - {*TYPES, ORDINARY}
        if unknown:
            raise ValueError(f"unknown request-type labels in the training data: {unknown}")
        self.features_ = make_union(
            TfidfVectorizer(
                analyzer="char_wb", ngram_range=config.REQUEST_TYPE_CHAR_NGRAMS,
                sublinear_tf=True, lowercase=True, dtype=np.float32,
            ),
            TfidfVectorizer(
                analyzer="word", ngram_range=config.REQUEST_TYPE_WORD_NGRAMS,
                token_pattern=r"(?u)\b\w+\b", sublinear_tf=True, dtype=np.float32,
            ),
        )  # fmt: skip
        X = self.features_.fit_transform(texts)
        self.model_ = LogisticRegression(
            C=config.REQUEST_TYPE_C, max_iter=5000, class_weight="balanced"
        ).fit(X, labels)
        self.classes_ = list(self.model_.classes_)
        return self

    def piece_probabilities(self, texts: list[str]) -> np.ndarray:
        """(n, len(TYPES)) probability of each type for each piece of text."""
        if not hasattr(self, "model_"):
            self.fit()
        if not texts:
            return np.zeros((0, len(TYPES)), np.float32)
        P = self.model_.predict_proba(self.features_.transform(texts))
        return P[:, [self.classes_.index(t) for t in TYPES]].astype(np.float32)

    def score(self, texts: list[str | None]) -> np.ndarray:
        """(n, len(TYPES)) each text's score per type: the highest probability among its
        pieces (0 for an empty text). Pieces repeated across texts are classified once."""
        per = [pieces(t) for t in texts]
        unique = list(dict.fromkeys(p for ps in per for p in ps))
        out = np.zeros((len(texts), len(TYPES)), np.float32)
        if not unique:
            return out
        P = np.zeros((len(unique), len(TYPES)), np.float32)
        batch = config.REQUEST_TYPE_BATCH
        for lo in range(0, len(unique), batch):
            P[lo : lo + batch] = self.piece_probabilities(unique[lo : lo + batch])
        row = {p: i for i, p in enumerate(unique)}
        for i, ps in enumerate(per):
            if ps:
                out[i] = P[[row[p] for p in ps]].max(axis=0)
        return out


def update_scores(
    con: duckdb.DuckDBPyConnection, classifier: RequestTypeClassifier, log: Log = print
) -> int:
    """Score the sampled prompts and system prompts (sql.account_sample) that have no score
    under this classifier's version yet and store one score per type in reasoning_scores;
    return how many texts were scored now."""
    todo = sql.unscored_sample_texts(con, classifier.detector_id(TYPES[0]))
    if todo.empty:
        return 0
    started = time.perf_counter()
    scores = classifier.score(todo["prompt"].tolist())
    rows = pd.concat(
        [
            pd.DataFrame(
                {
                    "detector": classifier.detector_id(kind),
                    "prompt_hash": todo["prompt_hash"],
                    "score": scores[:, i],
                }
            )
            for i, kind in enumerate(TYPES)
        ],
        ignore_index=True,
    )
    sql.insert_reasoning_scores(con, rows)
    log(f"  request types: scored {len(todo):,} texts in {time.perf_counter() - started:.1f} s")
    return len(todo)
