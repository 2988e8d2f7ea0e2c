"""Static (model2vec) embeddings computed word by word: the same vectors as the model's own
``encode``, several times faster on the short, repetitive texts of an API log.

A static model's vector of a text is the mean of its tokens' vectors. The model's tokenizer
(BERT's: normalise, split at whitespace and punctuation, WordPiece each word) spends most of
its time normalising and splitting, text by text. Here a text of plain ASCII (no control
characters, no special token) is lowercased and split by one regular expression that makes
the same cuts, each distinct word is WordPieced once by the model's own tokenizer and kept
as (sum of its token vectors, token count), and a batch is then one sparse product: texts x
words. Every other text (accents, other scripts, control characters, "[UNK]"), and one
longer than the model's token limit, goes through the tokenizer as before. Measured on
the texts of a generated log (bench/robustness.py, seed 8): token ids identical for all
116,640 texts; in README "Speed" the throughput.
"""

from __future__ import annotations

import re

import numpy as np

# BERT's pre-tokenizer cuts at whitespace and isolates each punctuation character; for ASCII
# text these are the ASCII punctuation characters (Rust's is_ascii_punctuation).
_PUNCT = re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_WORD = re.compile(rf"[^\s{_PUNCT}]+|[{_PUNCT}]")
# A character the regular expression would not treat as BERT's normaliser does: anything
# outside printable ASCII other than tab, newline and carriage return.
_NOT_PLAIN = r"[^\t\n\r\x20-\x7e]"
# Joins the texts of a batch; never in a plain text (a control character), one word alone.
_SEP = "\x01"


class _Words(dict):
    """Word -> row of the word table; an unseen word gets the next row and is queued."""

    def __init__(self) -> None:
        super().__init__({_SEP: 0})
        self.new: list[str] = []

    def __missing__(self, word: str) -> int:
        row = self[word] = len(self)
        self.new.append(word)
        return row


class WordCachedEncoder:
    """Mean token vectors of texts (n, d) float32, zero rows for texts without a known
    token, as model2vec's StaticModel.encode without normalising (model: a StaticModel
    without token weights or mapping)."""

    def __init__(self, model) -> None:
        from tokenizers import Tokenizer

        self.tokenizer_ = Tokenizer.from_str(model.tokenizer.to_str())
        self.tokenizer_.no_padding()
        self.max_tokens = int(model.max_length or 512)
        self.tokenizer_.enable_truncation(self.max_tokens)
        self.vectors_ = np.asarray(model.embedding, np.float32)
        self.unk_ = model.unk_token_id
        added = model.tokenizer.get_added_tokens_decoder().values()  # [UNK], [PAD], ...
        special = [f"(?i:{re.escape(t.content)})" for t in added]
        self.not_plain_ = re.compile("|".join([_NOT_PLAIN, *special]))
        self.words_ = _Words()
        self.sums_ = np.zeros((1024, self.vectors_.shape[1]), np.float32)
        self.counts_ = np.zeros(1024, np.float32)

    def token_ids(self, texts: list[str]) -> list[list[int]]:
        """The model's token ids of each text (truncated, unknown tokens dropped)."""
        encoded = self.tokenizer_.encode_batch(texts, add_special_tokens=False)
        return [[i for i in e.ids if i != self.unk_] for e in encoded]

    def _learn_new_words(self) -> None:
        """Fill the table rows of the words queued since the last call."""
        new, size = self.words_.new, len(self.words_)
        if not new:
            return
        if size > len(self.counts_):
            grow = max(size, 2 * len(self.counts_)) - len(self.counts_)
            self.sums_ = np.vstack([self.sums_, np.zeros((grow, self.sums_.shape[1]), np.float32)])
            self.counts_ = np.concatenate([self.counts_, np.zeros(grow, np.float32)])
        for word, ids in zip(new, self.token_ids(new), strict=True):
            row = self.words_[word]
            self.sums_[row] = self.vectors_[ids].sum(axis=0) if ids else 0.0
            self.counts_[row] = len(ids)
        new.clear()

    def __call__(self, texts: list[str]) -> np.ndarray:
        from scipy import sparse

        out = np.zeros((len(texts), self.vectors_.shape[1]), np.float32)
        tokenized = [i for i, t in enumerate(texts) if self.not_plain_.search(t)]
        plain = np.setdiff1d(np.arange(len(texts)), tokenized)
        if len(plain):
            joined = f" {_SEP} ".join([texts[i] for i in plain]).lower()
            rows = np.fromiter(map(self.words_.__getitem__, _WORD.findall(joined)), np.int64)
            self._learn_new_words()
            cuts = np.flatnonzero(rows == 0)
            lengths = np.diff(np.concatenate([[-1], cuts, [len(rows)]])) - 1
            words = rows[rows != 0]
            C = sparse.csr_matrix(
                (np.ones(len(words), np.float32), words, np.concatenate([[0], np.cumsum(lengths)])),
                shape=(len(plain), len(self.words_)),
            )
            counts = C @ self.counts_[: len(self.words_)]
            sums = C @ self.sums_[: len(self.words_)]
            out[plain] = sums / np.maximum(counts, 1.0)[:, None]
            tokenized = sorted(tokenized + plain[counts > self.max_tokens].tolist())
        for i, ids in zip(tokenized, self.token_ids([texts[i] for i in tokenized]), strict=True):
            if ids:
                out[i] = self.vectors_[ids].mean(axis=0)
        return out
