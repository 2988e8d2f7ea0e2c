"""Campaign discovery: unique prompts -> embeddings (cached) -> reduce -> cluster -> map ->
stable campaign ids, with swappable stages (see stages.py)."""

from analysis.campaigns.embed import Embedder, ModelUnavailable, load_backend
from analysis.campaigns.run import RunResult, embed_cached, run_campaigns
from analysis.campaigns.stages import (
    Clusterer,
    HdbscanClusterer,
    Mapper,
    Reducer,
    UmapMapper,
    UmapReducer,
)

__all__ = [
    "Clusterer",
    "Embedder",
    "HdbscanClusterer",
    "Mapper",
    "ModelUnavailable",
    "Reducer",
    "RunResult",
    "UmapMapper",
    "UmapReducer",
    "embed_cached",
    "load_backend",
    "run_campaigns",
]
