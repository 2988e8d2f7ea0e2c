"""Every page of the dashboard on a small scored database, with Streamlit's AppTest:
renders without exception, shows its key elements; labelling writes events; conflicts
are refused; exports carry their provenance."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from apphelp import ServedFiles, app, top_account
from streamlit.testing.v1 import AppTest

from analysis import dashboard, labels, store

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def no_hostile_markdown(at: AppTest) -> None:
    for el in list(at.markdown) + list(at.caption) + list(at.title) + list(at.subheader):
        assert "<script>" not in el.value and "198.51.100.7" not in el.value


def test_overview(db, monkeypatch):
    con = store.connect(db, read_only=True)
    accounts = con.execute("SELECT count(DISTINCT account_id) FROM requests").fetchall()[0][0]
    con.close()
    at = app(db, monkeypatch)
    assert at.title[0].value == "Overview"
    metrics = {m.label: m.value for m in at.metric}
    assert accounts > 61  # the 60 generated, the hostile one, the multilingual products
    assert int(metrics["Accounts scored"].replace(",", "")) == accounts
    assert int(metrics["Flagged (high or critical)"].replace(",", "")) > 0
    assert len(at.get("plotly_chart")) == 1
    networks, top_campaigns = at.dataframe[0].value, at.dataframe[1].value
    assert len(networks) >= 1 and len(top_campaigns) >= 1
    no_hostile_markdown(at)


def test_triage_queue_filters(db, monkeypatch):
    at = app(db, monkeypatch, "triage")
    queue = at.dataframe[0].value
    assert len(queue) > 0 and set(queue["risk_level"]) <= {"critical", "high"}
    assert list(queue["risk_score"]) == sorted(queue["risk_score"], reverse=True)
    at.multiselect(key="f_levels").set_value(["low"]).run()
    low = at.dataframe[0].value
    assert set(low["risk_level"]) == {"low"}
    at.multiselect(key="f_levels").set_value([]).run()  # every level
    at.text_input(key="f_search").input("hostile").run()  # free-text account search
    assert list(at.dataframe[0].value["account_id"]) == ["acct_<i>hostile</i>"]
    at.text_input(key="f_search").input("'; DROP TABLE requests; --").run()
    assert at.dataframe[0].value.empty and not at.exception
    no_hostile_markdown(at)


def test_account_page_and_labelling(db, monkeypatch):
    account = top_account(db)
    at = app(db, monkeypatch, "account", account=account)
    assert any(t.value == account for t in at.text_input)
    labels_shown = {m.label for m in at.metric}
    assert {"Level", "Risk", "Requests", "Network"} <= labels_shown
    assert len(at.get("plotly_chart")) >= 3  # daily, heatmap, signals
    assert len(at.dataframe) >= 3  # links, campaign mix, requests, history
    at.selectbox(key="account_label_label").set_value("extraction")
    at.text_input(key="account_label_reason").input("reasoning harvest at machine pace")
    submit = next(b for b in at.button if b.label.startswith("Label 1 account"))
    submit.click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    con = store.connect(db)
    current = labels.current_labels(con)
    con.close()
    row = current[current["account_id"] == account].iloc[0]
    assert row["label"] == "extraction" and row["reason"] == "reasoning harvest at machine pace"
    assert any("Labelled 1 account" in s.value for s in at.success)  # shown once
    at.run()
    assert not any("Labelled" in s.value for s in at.success)


def test_reason_is_required_for_extraction(db, monkeypatch):
    at = app(db, monkeypatch, "account", account=top_account(db))
    at.selectbox(key="account_label_label").set_value("extraction")
    next(b for b in at.button if b.label.startswith("Label 1 account")).click().run()
    assert any("a reason is required" in e.value for e in at.error)
    con = store.connect(db)
    assert labels.current_labels(con).empty
    con.close()


@pytest.mark.slow  # two AppTest sessions, about 3 s (also in make check-reliability)
def test_a_label_changed_since_loading_is_a_conflict(db, monkeypatch, reliability_figures):
    account = top_account(db)
    first = app(db, monkeypatch, "account", account=account)  # analyst A opens the account
    second = app(db, monkeypatch, "account", account=account)  # analyst B labels it first
    second.selectbox(key="account_label_label").set_value("benign")
    next(b for b in second.button if b.label.startswith("Label 1 account")).click().run()
    first.selectbox(key="account_label_label").set_value("suspicious")
    next(b for b in first.button if b.label.startswith("Label 1 account")).click().run()
    assert any("changed since you loaded it" in e.value for e in first.error)
    reliability_figures["conflicts_detected"] += 1
    con = store.connect(db)
    history = dashboard.label_history(con, account)
    con.close()
    assert list(history["label"]) == ["benign"]  # A's stale decision was not written


def test_campaign_map(db, monkeypatch):
    at = app(db, monkeypatch, "campaign_map")
    assert at.title[0].value == "Campaign map"
    assert len(at.get("plotly_chart")) == 1
    for colour in ("risk level", "label", "account"):
        at.selectbox[0].set_value(colour).run()
        assert not at.exception
    no_hostile_markdown(at)


def test_network_page_labels_the_whole_network(db, monkeypatch):
    at = app(db, monkeypatch, "network")
    assert at.title[0].value == "Network"
    members = at.dataframe[0].value
    assert len(members) >= 2 and len(at.get("plotly_chart")) == 1
    edges = at.dataframe[1].value
    assert edges["evidence"].str.len().gt(0).all()
    at.selectbox(key="network_label_label").set_value("suspicious")
    next(b for b in at.button if b.label.startswith(f"Label {len(members)} accounts")).click().run()
    con = store.connect(db)
    current = labels.current_labels(con)
    con.close()
    assert set(current["account_id"]) == set(members["account_id"])


def widget(elements, label: str):
    return next(e for e in elements if e.label == label)


def read_export(data: bytes, fmt: str) -> pd.DataFrame:
    if fmt == "csv":
        return pd.read_csv(io.BytesIO(data))
    if fmt == "parquet":
        return pd.read_parquet(io.BytesIO(data))
    return pd.read_json(io.BytesIO(data), lines=True)


def test_labels_page_exports_with_provenance(db, monkeypatch):
    account = top_account(db)
    con = store.connect(db)
    labels.add_labels(con, [account], "extraction", "=cmd|' /C calc'!A0", "ana")
    labels.add_labels(con, [account], "needs_review", "second look", "bob")
    con.close()
    served = ServedFiles(monkeypatch)
    at = app(db, monkeypatch, "labels")
    assert len(at.dataframe[0].value) == 1 and len(at.dataframe[1].value) == 2
    provenance = {"account_id", "label", "reason", "analyst", "labelled_at",
                  "risk_score_at_decision", "risk_level_at_decision", "reasons_at_decision",
                  "network_id_at_decision", "score_run_id", "versions"}  # fmt: skip
    for fmt in labels.EXPORT_FORMATS:
        widget(at.selectbox, "Format").set_value(fmt)
        widget(at.radio, "Rows").set_value("every event").run()
        button = at.download_button[0]
        assert button.label == "Download" and not button.proto.disabled
        data, name = served.read(button)
        assert name == f"labels-history.{fmt}"
        back = read_export(data, fmt)
        assert provenance <= set(back.columns) and len(back) == 2
        assert set(back["account_id"]) == {account}
        assert set(back["analyst"]) == {"ana", "bob"}
        assert set(back["label"]) == {"extraction", "needs_review"}
        assert back["score_run_id"].notna().all()
        versions = json.loads(back["versions"].iat[0])
        assert {"score_run", "detector", "campaign_run", "campaign_backend"} <= set(versions)
        if fmt == "csv":  # inert in a spreadsheet
            assert set(back["reason"]) == {"'=cmd|' /C calc'!A0", "second look"}
        widget(at.radio, "Rows").set_value("current labels").run()
        data, name = served.read(at.download_button[0])
        current = read_export(data, fmt)
        assert name == f"labels-current.{fmt}"
        assert list(current["label"]) == ["needs_review"] and list(current["analyst"]) == ["bob"]


def test_dataset_page_and_analyse_errors(db, monkeypatch):
    at = app(db, monkeypatch, "dataset")
    assert at.title[0].value == "Dataset"
    next(b for b in at.button if b.label == "Analyse").click().run()
    assert any("Choose log files" in e.value for e in at.error)
    path_box = next(t for t in at.text_input if t.label.startswith("or a path"))
    path_box.input("/no/such/folder/*.jsonl")
    next(b for b in at.button if b.label == "Analyse").click().run()
    assert any("Analyse stopped" in e.value for e in at.error)


@pytest.mark.slow
@pytest.mark.usefixtures("numba_cache")
def test_analyse_ingests_and_rescores(db, monkeypatch, tmp_path, fast_model):
    """The Dataset page's Analyse end to end: ingest, campaigns (the real UMAP + HDBSCAN,
    fitted on a sample of 2,000 prompts to keep it short), scores."""
    from analysis import config
    from analysis.campaigns import embed, run

    monkeypatch.setattr(config, "CAMPAIGN_FIT_SAMPLE", 2_000)
    models = {"fast": fast_model}  # scoring needs no embedding model (request types)
    monkeypatch.setattr(embed, "load_backend", lambda name: models[name])
    monkeypatch.setattr(run, "load_backend", lambda name: models[name])
    log = tmp_path / "new.jsonl"
    log.write_text(
        "".join(
            json.dumps({"request_id": f"new{i}", "timestamp": f"2026-10-03T10:{i:02d}:00Z",
                        "account_id": "acct_newcomer", "prompt": f"How do I fix bug {i}?"})
            + "\n"
            for i in range(30)
        )
        + "{broken\n"
    )  # fmt: skip
    con = store.connect(db)
    runs_before = con.execute("SELECT count(*) FROM score_runs").fetchall()[0][0]
    con.close()
    at = app(db, monkeypatch, "dataset")
    next(t for t in at.text_input if t.label.startswith("or a path")).input(str(log))
    next(b for b in at.button if b.label == "Analyse").click().run(timeout=600)
    assert not at.exception and not at.error, [e.value for e in at.error]
    con = store.connect(db)
    runs_after = con.execute("SELECT count(*) FROM score_runs").fetchall()[0][0]
    scored = con.execute(
        "SELECT count(*) FROM account_scores WHERE account_id = 'acct_newcomer'"
    ).fetchall()[0][0]
    quarantined = con.execute("SELECT count(*) FROM quarantine").fetchall()[0][0]
    con.close()
    assert runs_after == runs_before + 1 and scored == 1 and quarantined >= 1
    assert any("Analysis finished" in s.value for s in at.success)
