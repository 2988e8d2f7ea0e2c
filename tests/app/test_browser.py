"""The dashboard in a real browser: start the server, open every page in headless Chromium
(Debian's chromium driven by Playwright), select accounts in the triage queue, label them,
download an export; attacker text never loads a URL or runs a script. Screenshots are
saved under test-artifacts/ (or $DW_ARTIFACTS).

Needs /usr/bin/chromium (`.ci/run` installs it). Without it the test is skipped, unless
DW_BROWSER_REQUIRED=1 (set by CI), where a missing browser fails.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
from helpers import HOSTILE_STRINGS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("DW_ARTIFACTS", ROOT / "test-artifacts"))
PAGES = {
    "": "Overview",
    "triage": "Triage queue",
    "account": "Account",
    "campaign_map": "Campaign map",
    "network": "Network",
    "labels": "Labels",
    "dataset": "Dataset",
}

if not Path(CHROMIUM).exists():
    if os.environ.get("DW_BROWSER_REQUIRED") == "1":
        raise RuntimeError(f"{CHROMIUM} is missing: apt-get install -y chromium")
    pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(scored_db, tmp_path_factory):
    """A dashboard server on a copy of the scored database; yields its base URL."""
    db = tmp_path_factory.mktemp("browser") / "db.duckdb"
    shutil.copyfile(scored_db, db)
    port = free_port()
    env = os.environ | {"DW_DB": str(db), "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
         "--server.port", str(port), "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while True:
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if time.time() > deadline or proc.poll() is not None:
            proc.kill()
            raise RuntimeError(
                "the dashboard did not start: " + proc.stdout.read().decode()[-2000:]
            )
        time.sleep(0.5)
    yield base, db
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )  # fmt: skip
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A browser page that records every request leaving the dashboard and every dialog."""
    base, _db = server
    context = browser.new_context(viewport={"width": 1600, "height": 1200}, accept_downloads=True)
    pg = context.new_page()
    pg.outside = []
    pg.dialogs = []
    pg.on("request", lambda r: None if r.url.startswith(base) or r.url.startswith("data:")
          or r.url.startswith("blob:") else pg.outside.append(r.url))  # fmt: skip
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def open_page(pg, base: str, path: str) -> None:
    pg.goto(f"{base}/{path}")
    pg.get_by_role("heading", name=PAGES[path], exact=True).wait_for(timeout=60_000)
    pg.wait_for_load_state("networkidle")


def test_every_page_opens(page, server):
    base, _db = server
    for path in PAGES:
        open_page(page, base, path)
        assert page.locator("[data-testid='stException']").count() == 0, path
        shot(page, f"page-{path or 'overview'}")
    assert page.outside == [] and page.dialogs == []


def test_select_label_and_export(page, server):
    base, _db = server
    open_page(page, base, "triage")
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.wait_for()
    box = grid.bounding_box()
    # the selection column is the grid's first column; rows are 35 px below a 35 px header
    for row in (0, 1):
        page.mouse.click(box["x"] + 18, box["y"] + 35 + 35 * row + 17)
        page.wait_for_timeout(700)
    page.get_by_text("2 selected").wait_for(timeout=30_000)
    page.get_by_label("Reason (required for extraction and legitimate_research)").fill(
        "taken in the browser test"
    )
    page.get_by_role("button", name="Label 2 accounts").click()
    page.get_by_text("Labelled 2 account(s)").wait_for(timeout=30_000)
    shot(page, "triage-labelled")
    open_page(page, base, "labels")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Download", exact=True).click()
    path = dl.value.path()
    export = pd.read_csv(path)
    shot(page, "labels-exported")
    assert len(export) == 2 and set(export["reason"]) == {"taken in the browser test"}
    assert {"risk_score_at_decision", "reasons_at_decision", "versions"} <= set(export.columns)
    assert page.outside == [] and page.dialogs == []


# Elements the hostile strings would create if they were read as HTML or markdown.
CREATED = {
    "img": "img[src*='198.51.100.7'], img[src='x'], [onerror]",
    "link": "a[href*='198.51.100.7']",
    "iframe": "iframe",
    "script": "script:not([src])",  # checked below for the strings' code
    "bold": "b, strong",
}
# The strings shown as text (in the grid's cells); the null byte and the 1 MB string are
# shown cut or changed, so they are not looked for whole.
SHOWN = [s for s in HOSTILE_STRINGS if "\x00" not in s and len(s) < 1000]


def created_elements(pg) -> dict[str, list[str]]:
    """Elements on the page that the hostile strings could have created."""
    found = {}
    for kind, selector in CREATED.items():
        html = pg.locator(selector).evaluate_all("els => els.map(e => e.outerHTML.slice(0, 200))")
        if kind == "script":
            html = [h for h in html if "alert(" in h or "198.51.100.7" in h]
        if kind == "bold":
            html = [h for h in html if h in ("<b>b</b>", "<strong>bold</strong>")]
        found[kind] = html
    return found


def cell_texts(pg) -> set[str]:
    """The text of every cell of the page's data grids (their accessible table)."""
    return set(pg.locator("[role='gridcell']").evaluate_all("els => els.map(e => e.textContent)"))


def test_hostile_text_stays_inert(page, server, reliability_figures):
    base, _db = server
    open_page(page, base, "account")
    box = page.get_by_label("Account id")
    box.fill("acct_<i>hostile</i>")
    box.press("Enter")
    page.get_by_text("Prompts and responses").wait_for(timeout=60_000)
    page.locator("[role='gridcell']", has_text="evil.exe").first.wait_for(
        state="attached", timeout=60_000
    )  # the grid's accessible table is hidden
    page.wait_for_load_state("networkidle")
    shot(page, "account-hostile")
    shown = cell_texts(page)
    assert [s for s in SHOWN if s not in shown] == []  # every string is there, as text
    assert created_elements(page) == {kind: [] for kind in CREATED}  # and created nothing
    for path in ("campaign_map", "dataset", "triage"):  # hover excerpts, raw lines, ids
        open_page(page, base, path)
        assert created_elements(page) == {kind: [] for kind in CREATED}, path
    assert page.outside == [] and page.dialogs == []
    reliability_figures["hostile_strings"] += len(HOSTILE_STRINGS)
