"""Detection: account signals (one table, signals.py), request types (reasoning, judging,
tool use), linked
networks, risk scores with reasons; ``run_scoring`` runs them all and stores the result."""

from analysis.detection.inputs import DetectionRun, Inputs
from analysis.detection.request_types import RequestTypeClassifier
from analysis.detection.run import ScoreResult, run_scoring, scores_csv
from analysis.detection.scoring import RiskScorer, level

__all__ = [
    "DetectionRun",
    "Inputs",
    "RequestTypeClassifier",
    "RiskScorer",
    "ScoreResult",
    "level",
    "run_scoring",
    "scores_csv",
]
