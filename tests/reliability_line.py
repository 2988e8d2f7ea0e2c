"""Print the reliability figures of a test session in one line (make check-reliability).

Usage: python tests/reliability_line.py FIGURES.json
"""

import json
import sys

KEYS = (
    ("kill_runs_survived", "kill runs survived"),
    ("events_lost", "events lost"),
    ("conflicts_detected", "conflicts detected"),
    ("hostile_strings", "hostile strings tried"),
    ("fuzz_records", "fuzz records tried"),
    ("crashes", "crashes"),
)

with open(sys.argv[1]) as fh:
    figures = json.load(fh)
print("reliability: " + ", ".join(f"{label} {figures.get(key, 0):,}" for key, label in KEYS))
