"""What a fit learned about each campaign: keywords by class-based TF-IDF and the prompts
nearest its centroid."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import config
from analysis.terms import NOISE


def _members(labels: np.ndarray):
    """(label, sorted row indices) of each label but noise, in label order."""
    labels = np.asarray(labels)
    if not len(labels):
        return
    order = np.argsort(labels, kind="stable")
    values, starts = np.unique(labels[order], return_index=True)
    for lab, part in zip(values.tolist(), np.split(order, starts[1:]), strict=True):
        if lab != NOISE:
            yield lab, part


def class_tfidf_keywords(texts: pd.Series, labels: np.ndarray, top: int) -> dict[int, list[str]]:
    """Top words per cluster by class-based TF-IDF (as BERTopic): tf of the word in the
    cluster's documents joined, times log(1 + mean words per cluster / word frequency)."""
    from sklearn.feature_extraction.text import CountVectorizer

    rng = np.random.default_rng(config.CAMPAIGN_SEED)
    text_of = texts.to_numpy(object)
    docs, ids = [], []
    for lab, members in _members(labels):
        if len(members) > config.CAMPAIGN_KEYWORD_DOCS:
            members = rng.choice(members, config.CAMPAIGN_KEYWORD_DOCS, replace=False)
        docs.append(" ".join(text_of[m][:1000] for m in members))
        ids.append(lab)
    if not docs:
        return {}
    try:
        vectorizer = CountVectorizer(stop_words="english", token_pattern=r"(?u)\b[^\W\d_]{3,}\b")
        counts = vectorizer.fit_transform(docs).astype(np.float64).toarray()
    except ValueError:  # no word at all
        return {lab: [] for lab in ids}
    tf = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    idf = np.log(1 + counts.sum(axis=1).mean() / np.maximum(counts.sum(axis=0), 1))
    scores = tf * idf
    words = vectorizer.get_feature_names_out()
    return {
        lab: [words[j] for j in np.argsort(-scores[i])[:top] if scores[i, j] > 0]
        for i, lab in enumerate(ids)
    }


def profiles(
    X: np.ndarray, labels: np.ndarray, texts: pd.Series
) -> dict[int, tuple[np.ndarray, list[str]]]:
    """Per cluster: (unit centroid, texts of the prompts nearest to it)."""
    out = {}
    for lab, members in _members(labels):
        c = X[members].mean(axis=0)
        c = c / max(float(np.linalg.norm(c)), 1e-12)
        best = members[np.argsort(-(X[members] @ c))[: config.CAMPAIGN_REPRESENTATIVES]]
        out[lab] = (c.astype(np.float32), [texts.iloc[b] for b in best])
    return out
