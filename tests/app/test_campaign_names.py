"""Campaign names on every page that shows a campaign (Overview, Triage queue, Account,
Network, Campaign map and its recipes), on a database whose campaigns were fitted with
recipes; names, recipe labels, frames and topic names set to hostile strings stay plain
text (table cells, widget options, escaped plot labels), never Markdown or HTML."""

from __future__ import annotations

import json
import shutil

import pytest
from apphelp import app, top_account
from helpers import HOSTILE_STRINGS
from streamlit.testing.v1 import AppTest

from analysis import dashboard, store

# The hostile strings but the 1 MB one (a size test, done on prompts: as the name of a
# campaign it would be repeated in every queue row and map point, taking a minute).
SHORT = [s for s in HOSTILE_STRINGS if len(s) < 1000]


def names_of(db) -> dict[int, str]:
    con = store.connect(db)  # the app keeps a writable connection open in this process
    try:
        return dashboard.campaign_names(con)
    finally:
        con.close()


def network_of(db, account: str) -> str:
    con = store.connect(db)  # the app keeps a writable connection open in this process
    try:
        return dashboard.account_summary(con, account)["network_id"]
    finally:
        con.close()


def frame(at: AppTest, column: str):
    """The first dataframe of the page that has the column."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def figure(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def no_hostile_markdown(at: AppTest) -> None:
    """Nothing rendered as Markdown (titles, headers, captions, texts, alerts) carries the
    hostile strings' markup or address."""
    for el in (*at.markdown, *at.caption, *at.title, *at.subheader, *at.info, *at.error):
        assert "<script>" not in el.value and "198.51.100.7" not in el.value


@pytest.fixture
def named(recipe_db, tmp_path):
    target = tmp_path / "db.duckdb"
    shutil.copyfile(recipe_db, target)
    return target


def test_every_page_names_its_campaigns(named, monkeypatch):
    names = names_of(named)
    assert names and all(" · " in n for n in names.values())
    shown = set(names.values()) | {dashboard.sql.NOISE_NAME}
    at = app(named, monkeypatch)  # Overview
    top = frame(at, "campaign")
    assert len(top) and set(top["campaign"]) <= shown
    at = app(named, monkeypatch, "triage")
    options = at.selectbox(key="f_campaign").options
    assert options[0] == "(any)" and set(options[1:]) == set(names.values())
    queue = frame(at, "campaigns")
    listed = {n for cell in queue["campaigns"].dropna() for n in cell.split(" | ") if n}
    assert listed and listed <= shown
    account = top_account(named)
    at = app(named, monkeypatch, "account", account=account)
    assert set(frame(at, "campaign")["campaign"]) <= shown
    at = app(named, monkeypatch, "network", network=network_of(named, account))
    assert set(frame(at, "campaign")["campaign"]) <= shown
    at = app(named, monkeypatch, "campaign_map")
    traces = {t["name"] for t in figure(at)["data"]}
    assert traces & set(names.values())  # the legend names the campaigns
    recipes = frame(at, "frames")
    wanted = {"label", "requests", "accounts", "single_turn_share", "json_share",
              "median_max_tokens", "keywords", "campaigns"}  # fmt: skip
    assert len(recipes) and wanted <= set(recipes.columns)
    for colour in ("recipe", "topic"):
        at.selectbox[0].set_value(colour).run()
        assert not at.exception
        traces = {t["name"] for t in figure(at)["data"]}
        assert len(traces) > 1 and "noise" not in traces


def test_hostile_names_stay_plain_text(named, monkeypatch):
    con = store.connect(named)
    ids = [r[0] for r in con.execute("SELECT campaign_id FROM campaigns ORDER BY 1").fetchall()]
    hostile = {c: SHORT[i % len(SHORT)] for i, c in enumerate(ids)}
    con.executemany("UPDATE campaigns SET name = ? WHERE campaign_id = ?",
                    [(n, c) for c, n in hostile.items()])  # fmt: skip
    con.execute("UPDATE recipes SET label = ?, variants = ?, keywords = ?",
                [HOSTILE_STRINGS[0], json.dumps(HOSTILE_STRINGS[1:3]),
                 json.dumps([HOSTILE_STRINGS[2]])])  # fmt: skip
    con.execute("UPDATE prompt_topics SET name = ?", [HOSTILE_STRINGS[1]])
    con.close()
    names = names_of(named)
    assert names == {c: f"{c} · {n}" for c, n in hostile.items()}
    at = app(named, monkeypatch)
    no_hostile_markdown(at)
    at = app(named, monkeypatch, "triage")
    assert set(at.selectbox(key="f_campaign").options[1:]) == set(names.values())  # as text
    no_hostile_markdown(at)
    account = top_account(named)
    at = app(named, monkeypatch, "account", account=account)
    assert set(frame(at, "campaign")["campaign"]) <= set(names.values()) | {"noise"}
    no_hostile_markdown(at)
    at = app(named, monkeypatch, "network", network=network_of(named, account))
    no_hostile_markdown(at)
    at = app(named, monkeypatch, "campaign_map")
    for colour in ("campaign", "recipe", "topic"):
        at.selectbox[0].set_value(colour).run()
        spec = at.get("plotly_chart")[0].proto.spec
        for markup in ("<script>", "<b>b</b>", "<img", "<iframe", "<a href"):
            assert markup not in spec, (colour, markup)  # escaped: plotly reads some HTML
        no_hostile_markdown(at)
    recipes = frame(at, "frames")
    assert set(recipes["label"]) == {HOSTILE_STRINGS[0]}  # verbatim, in table cells
    assert set(recipes["frames"]) == {" | ".join(HOSTILE_STRINGS[1:3])}
