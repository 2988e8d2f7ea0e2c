"""The pieces of recipe-aware campaigns on small arrays: frame weighting, the frame
embedder's cache key, topics and their centres."""

from __future__ import annotations

import numpy as np
from helpers import CountingEmbedder

from analysis.campaigns.framing import (
    NO_TOPIC,
    FrameEmbedder,
    assign_topics,
    fit_topics,
    frame_weighted,
    topic_centres,
    unit,
)


def test_frame_weighting_moves_only_framed_rows_and_keeps_unit_length():
    X = unit(np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1]], np.float32))
    F = np.array([[0, 0, 1], [0, 0, 1]], np.float32)  # one frame vector per framed row
    framed = np.array([True, True, False])
    out = frame_weighted(X, F, framed, 0.6)
    assert np.allclose(out[2], X[2])  # no frame: as it was
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0)
    expected = unit(np.array([[0.4, 0, 0.6], [0, 0.4, 0.6]], np.float32))
    assert np.allclose(out[:2], expected)
    assert out[0] @ out[1] > X[0] @ X[1]  # two prompts of one frame move together
    assert np.allclose(X, unit(np.eye(3, dtype=np.float32)))  # the input is not changed


def test_frame_weighting_without_framed_rows_is_the_identity():
    X = unit(np.random.default_rng(0).normal(size=(4, 3)))
    out = frame_weighted(X, np.zeros((0, 3)), np.zeros(4, bool), 0.6)
    assert np.allclose(out, X)


def test_the_frame_embedder_caches_under_its_own_backend_id():
    inner = CountingEmbedder()
    frames = FrameEmbedder(inner)
    assert frames.backend_id == f"{inner.backend_id}:frame" and frames.dim == inner.dim
    assert np.allclose(frames(["solve step by step"]), inner(["solve step by step"]))


def test_topics_find_separated_groups_and_place_new_rows():
    rng = np.random.default_rng(1)
    centres = np.eye(4, dtype=np.float32) * 5
    X = np.vstack([c + rng.normal(scale=0.1, size=(50, 4)) for c in centres]).astype(np.float32)
    found = fit_topics(X, 4, seed=0)
    labels = assign_topics(X, found)
    truth = np.repeat(np.arange(4), 50)
    # each planted group is one topic, and each topic one group
    assert all(len(set(labels[truth == g])) == 1 for g in range(4))
    assert len(set(labels)) == 4
    ids, means = topic_centres(X, labels)
    assert list(ids) == sorted(set(labels)) and means.shape == (4, 4)
    new = centres[[2, 0]] + 0.05
    assert list(ids[assign_topics(new, means)]) == [labels[100], labels[0]]


def test_few_prompts_make_one_topic_and_none_make_none():
    X = np.random.default_rng(2).normal(size=(10, 3)).astype(np.float32)
    assert fit_topics(X, 40, seed=0).shape == (1, 3)  # fewer than 2k rows: one topic
    assert (assign_topics(X, fit_topics(X, 40, seed=0)) == 0).all()
    empty = fit_topics(X[:0], 40, seed=0)
    assert empty.shape == (0, 3)
    assert (assign_topics(X, empty) == NO_TOPIC).all()


def test_topic_centres_skip_rows_without_a_topic():
    X = np.array([[1, 0], [3, 0], [0, 2]], np.float32)
    ids, means = topic_centres(X, [7, 7, None])  # a map fitted before topics existed
    assert list(ids) == [7] and np.allclose(means, [[2, 0]])
    ids, means = topic_centres(X, [None, None, None])
    assert len(ids) == 0 and means.shape == (0, 2)
