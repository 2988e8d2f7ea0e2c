"""Run every benchmark: python -m bench [names...]."""

from __future__ import annotations

import importlib
import sys

from bench import campaign_bench, campaign_quality_bench, ingest_bench, page_bench, score_bench

BENCHES = {
    "ingest": ingest_bench.main,
    "campaigns": campaign_bench.main,
    "campaign-quality": campaign_quality_bench.main,
    "score": score_bench.main,
    "pages": page_bench.main,
}
# Commands that take their own arguments (python -m bench NAME [options]); not in `make bench`.
COMMANDS = {
    "robustness": "bench.robustness",
    "corpus-log": "bench.corpus_log",
    "scale": "bench.scale_bench",
}


def main(argv: list[str]) -> int:
    if argv and argv[0] in COMMANDS:
        return importlib.import_module(COMMANDS[argv[0]]).main(argv[1:])
    names = argv or list(BENCHES)
    for name in names:
        print(f"== {name}")
        BENCHES[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
