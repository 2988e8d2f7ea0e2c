"""The dashboard only reads: every read function of analysis.dashboard.sql runs on the
scored database (with recipes and recipe-aware campaigns added) opened read-only, with
plausible arguments taken from that database."""

from __future__ import annotations

import inspect
import shutil

import duckdb
import pandas as pd
import pytest
from helpers import CountingEmbedder, FirstDims, PcaReducer, quiet

from analysis import dashboard, labels, store
from analysis.campaigns import HdbscanClusterer, run_campaigns
from analysis.dashboard import sql
from analysis.detection.sql import account_scores
from analysis.recipes import run_recipes

READS = sorted(
    name
    for name, f in inspect.getmembers(sql, inspect.isfunction)
    if f.__module__ == sql.__name__ and not name.startswith("_")
)


@pytest.fixture(scope="module")
def ro(scored_db, tmp_path_factory):
    """A copy of the scored database with recipes, campaigns refitted with them, a label
    and a claim, opened read-only."""
    db = tmp_path_factory.mktemp("reads") / "db.duckdb"
    shutil.copyfile(scored_db, db)
    con = store.connect(db)
    run_recipes(con, log=quiet)
    run_campaigns(con, CountingEmbedder(), PcaReducer(10), HdbscanClusterer(), FirstDims(),
                  refit=True, log=quiet)  # fmt: skip
    account = account_scores(con)["account_id"].iat[0]
    labels.add_labels(con, [account], "extraction", "seen at machine pace", "ana")
    labels.claim(con, [account], "bob")
    con.close()
    con = store.connect(db, read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def arguments(ro) -> dict:
    """A plausible value for each parameter name of the read functions."""
    account = ro.execute(
        "SELECT account_id FROM account_scores ORDER BY risk_score DESC LIMIT 1"
    ).fetchall()[0][0]
    signals = [c for c in ro.execute("SELECT * FROM account_signals LIMIT 0").df().columns
               if c != "account_id"]  # fmt: skip
    network = sql.network_ids(ro)[0]
    campaign = sql.campaign_ids(ro)[0]
    first = ro.execute("SELECT min(timestamp) FROM requests").fetchall()[0][0]
    return {
        "account": account,
        "network": network,
        "campaign": campaign,
        "signal": signals[0],
        "levels": list(dashboard.FLAGGED_LEVELS),
        "tiers": sql.account_tiers(ro),
        "label_status": ["unlabelled"],
        "since": first,
        "until": pd.Timestamp(first) + pd.Timedelta(days=30),
        "search": account[:4],
        "limit": 10,
        "offset": 0,
        "seed": 1,
    }


def test_the_reads_are_the_dashboards():
    assert len(READS) >= 25
    assert set(READS) <= set(dashboard.__all__)  # every read is exported by the dashboard


def test_a_read_only_connection_refuses_writes(ro):
    with pytest.raises(duckdb.Error, match="read-only"):
        ro.execute("CREATE TABLE written (i INTEGER)")


@pytest.mark.parametrize("name", READS)
def test_read_works_on_a_read_only_database(ro, arguments, name):
    f = getattr(sql, name)
    params = list(inspect.signature(f).parameters.values())[1:]  # after the connection
    unknown = [p.name for p in params if p.name not in arguments]
    assert not unknown, f"add a plausible value for {unknown} of {name} to `arguments`"
    required = {p.name: arguments[p.name] for p in params if p.default is inspect.Parameter.empty}
    results = [f(ro.cursor(), **required)]
    if len(required) < len(params):  # and with every optional filter set
        results.append(f(ro.cursor(), **{p.name: arguments[p.name] for p in params}))
    for result in results:
        assert result is not None, name
    full = results[0]
    if isinstance(full, tuple) and name != "data_version":
        full = full[0]  # account_requests: (page, total)
    if isinstance(full, pd.DataFrame | pd.Series | list | dict):
        assert len(full) > 0, f"{name} read nothing from the scored database"


def test_the_reads_see_the_label_and_the_claim(ro, arguments):
    assert list(sql.label_history(ro)["analyst"]) == ["ana"]
    queue = sql.triage_queue(ro, search=arguments["account"])
    assert list(queue[["label", "claimed_by"]].iloc[0]) == ["extraction", "bob"]
    # files, campaign and score runs, label and claim events, recipe runs
    assert sql.data_version(ro) == (2, 2, 1, 1, 1, 1)


def test_campaigns_are_shown_with_their_names(ro, arguments):
    names = sql.campaign_names(ro)
    stored = dict(ro.execute("SELECT campaign_id, name FROM campaigns").fetchall())
    assert set(names) == set(sql.campaign_ids(ro)) and all(stored.values())
    assert all(names[c] == f"{c} · {stored[c]}" for c in names)
    recipe_named = ro.execute(
        "SELECT c.campaign_id, r.label FROM campaigns c JOIN recipes r USING (recipe_id)"
    ).fetchall()
    assert recipe_named and all(stored[c] == label for c, label in recipe_named)
    shown = set(sql.map_points(ro, None)["campaign"])
    assert shown <= set(names.values()) | {sql.NOISE_NAME}
    mix = sql.account_campaign_mix(ro, arguments["account"])
    assert set(mix["campaign"]) <= set(names.values()) | {sql.NOISE_NAME}
    queue = sql.triage_queue(ro, campaign=arguments["campaign"])
    assert queue["campaigns"].str.contains(names[arguments["campaign"]], regex=False).all()
    top = sql.top_campaigns(ro)
    assert list(top["campaign"]) == [names[c] for c in top["campaign_id"]]
    table = sql.recipe_table(ro)
    assert table["campaigns"].str.contains(" · ").any()  # recipes list the campaigns they name
