"""The project's shared words, defined once: risk levels, the levels that count as
flagged, analyst labels, and the campaign id of noise. Every layer (stages, SQL, pages,
evaluation) takes them from here."""

from __future__ import annotations

from analysis import config

# Risk levels, most severe first; their lower bounds are tunables (config.RISK_LEVELS).
LEVELS: tuple[str, ...] = tuple(name for name, _ in config.RISK_LEVELS)
# The levels that put an account in front of an analyst (the "flagged" accounts).
FLAGGED_LEVELS: tuple[str, ...] = ("critical", "high")
# Analyst labels, and the status of an account that has none.
LABELS: tuple[str, ...] = (
    "extraction", "suspicious", "needs_review", "legitimate_research", "benign",
)  # fmt: skip
UNLABELLED = "unlabelled"
LABEL_STATUSES: tuple[str, ...] = (UNLABELLED, *LABELS)
# Labels that need a written reason.
REASON_REQUIRED: tuple[str, ...] = ("extraction", "legitimate_research")
# The campaign id of prompts that belong to no campaign (HDBSCAN's noise label).
NOISE = -1

assert set(FLAGGED_LEVELS) <= set(LEVELS)
