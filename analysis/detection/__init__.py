"""Detection: account signals (one table, signals.py), reasoning elicitation, linked
networks, risk scores with reasons; ``run_scoring`` runs them all and stores the result."""

from analysis.detection.inputs import DetectionRun, Inputs
from analysis.detection.reasoning import ReasoningDetector
from analysis.detection.run import ScoreResult, run_scoring, scores_csv
from analysis.detection.scoring import RiskScorer, level

__all__ = [
    "DetectionRun",
    "Inputs",
    "ReasoningDetector",
    "RiskScorer",
    "ScoreResult",
    "level",
    "run_scoring",
    "scores_csv",
]
