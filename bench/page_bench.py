"""Dashboard speed: each page's first render (cold caches) timed with Streamlit's AppTest,
on the sample database and on the 1M-request database of the score benchmark.

Targets (issue): at most 2 s per page on the sample, at most 5 s on 1M requests. Each page
is rendered in a fresh AppTest (a new session; each page's loaders are cold) after one
warm-up render of the frame, so the figure includes the page's queries and figures but not
Python imports.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from analysis import config, store
from analysis.pipeline import build_sample_db

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("overview", "triage", "account", "campaign_map", "network", "labels", "dataset")
WORK = config.DATA_DIR / "bench" / "pages"


def top_account(db: Path) -> str:
    con = store.connect(db)
    try:
        return con.execute(
            "SELECT account_id FROM account_scores ORDER BY risk_score DESC LIMIT 1"
        ).fetchall()[0][0]
    finally:
        con.close()


def time_pages(db: Path, target: float, label: str) -> None:
    os.environ["DW_DB"] = str(db)
    account = top_account(db)
    warm = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    warm.run()
    times = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.session_state["account"] = account
        at.run()  # the default page, in this new session
        st.cache_data.clear()  # every loader cold, the default page's too
        started = time.perf_counter()
        at.switch_page(f"pages/{page}.py").run()
        times[page] = time.perf_counter() - started
        if at.exception:
            print(f"  {page}: exception {at.exception[0].value}")
    worst = max(times.values())
    verdict = "PASS" if worst <= target else "MISS"
    print(
        f"{label}: first render per page (s): "
        + ", ".join(f"{p} {t:.2f}" for p, t in times.items())
        + f"; slowest {worst:.2f} {verdict} (target {target:.0f} s)"
    )


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    sample = WORK / "sample.duckdb"
    source = config.SAMPLE_DIR / "requests.jsonl.gz"
    stale = sample.exists() and sample.stat().st_mtime < source.stat().st_mtime
    build_sample_db(sample, force=stale or not sample.exists(), log=lambda _m: None)
    time_pages(sample, 2.0, "sample database")
    big = config.DATA_DIR / "bench" / "score" / "speed.duckdb"
    if not big.exists():
        print("1M database: skipped (run the score benchmark first: python -m bench score)")
        return
    copy = WORK / "big.duckdb"
    shutil.copyfile(big, copy)
    time_pages(copy, 5.0, "1M-request database")


if __name__ == "__main__":
    main()
