"""Synthetic request logs with planted extraction campaigns and their ground truth."""

from analysis.synth.generate import generate_dataset

__all__ = ["generate_dataset"]
