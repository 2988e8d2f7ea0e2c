"""The word-cached static encoder gives the model's own vectors (model2vec's encode) for
every kind of text: plain ASCII through the word table, the rest through the tokenizer."""

from __future__ import annotations

import numpy as np

from analysis import config
from analysis.campaigns.embed import _l2
from analysis.campaigns.static import WordCachedEncoder

TEXTS = [
    "How do I bake sourdough bread at home?",
    "Solve the following problem step by step: 3x + 4 = 19.",
    "def f(x):\n\treturn x**2  # square\r\n",
    "C'est déjà l'été: naïve café",  # accents: the tokenizer's path
    "日本語のテキストを要約してください",  # another script
    "a control\x07character",
    "[UNK] and [PAD] are special tokens, [unk] is not",
    "x" * 300,  # one word longer than WordPiece reads: unknown, dropped
    "word " * 700,  # longer than the model's 512 tokens: truncated as the model does
    "",
    "   ",
    "!!!???",
]


def model_vectors(model, texts):
    return _l2(model.encode([t[: config.EMBED_MAX_CHARS] for t in texts]))


def test_the_same_vectors_as_the_model(fast_model):
    encoder = WordCachedEncoder(fast_model.model_)
    ours = _l2(encoder([t[: config.EMBED_MAX_CHARS] for t in TEXTS]))
    theirs = model_vectors(fast_model.model_, TEXTS)
    assert ours.shape == theirs.shape and ours.dtype == np.float32
    # the model sums in float16, the encoder in float32: equal to float16 precision
    assert np.allclose(ours, theirs, atol=2e-3)
    zero = np.linalg.norm(theirs, axis=1) == 0
    assert zero.tolist() == (np.linalg.norm(ours, axis=1) == 0).tolist()
    assert zero[TEXTS.index("")] and zero[TEXTS.index("x" * 300)]


def test_words_are_learned_once_and_reused(fast_model):
    encoder = WordCachedEncoder(fast_model.model_)
    first = encoder(TEXTS[:3])
    known = len(encoder.words_)
    again = encoder(list(reversed(TEXTS[:3])))
    assert len(encoder.words_) == known  # no new word
    assert np.array_equal(again[::-1], first)
    assert encoder([]).shape == (0, fast_model.dim)
