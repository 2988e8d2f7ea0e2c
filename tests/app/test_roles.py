"""Roles and demo mode on the dashboard: a viewer sees no labelling, claim, export or
analyse controls and cannot write even by calling the actions; demo mode shows
pseudonyms and masks, on pages and in the exports the Labels page serves; free-text
inputs are parameters."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from apphelp import ServedFiles, app, top_account

from analysis import dashboard, labels, store
from analysis.detection.sql import account_scores

WRITE_BUTTONS = ("Label ", "Claim", "Release", "Analyse")


@pytest.mark.slow  # renders every page as a viewer, about 3 s (also in make check-reliability)
def test_viewer_sees_no_write_controls(db, monkeypatch):
    monkeypatch.setattr(dashboard, "LOCAL_ROLE", "viewer")
    account = top_account(db)
    pages = {"account": {"account": account}, "triage": {}, "network": {}, "labels": {},
             "dataset": {}, "campaign_map": {}}  # fmt: skip
    told = {"account": "The viewer role cannot label.",
            "labels": "The viewer role cannot export labels.",
            "dataset": "Analysing new logs needs the admin role (this is viewer)."}  # fmt: skip
    for page, state in pages.items():
        at = app(db, monkeypatch, page, **state)
        names = [b.label for b in at.button]
        assert not any(n.startswith(WRITE_BUTTONS) for n in names), (page, names)
        assert not at.download_button and not at.form, page
        if page in told:  # and is told why
            assert told[page] in [c.value for c in at.caption], page


def test_viewer_cannot_write_by_calling_the_actions(db, monkeypatch):
    monkeypatch.setattr(dashboard, "LOCAL_ROLE", "viewer")
    account = top_account(db)
    at = app(db, monkeypatch, "account", account=account)  # a viewer's session on the account
    assert not any(b.label.startswith(WRITE_BUTTONS) for b in at.button)
    assert "The viewer role cannot label." in [c.value for c in at.caption]
    from ui import labelling

    for call in (
        lambda: labelling.write_labels(str(db), [account], "extraction", "x", None),
        lambda: labelling.claim(str(db), [account]),
        lambda: labelling.release(str(db), [account]),
    ):
        with pytest.raises(PermissionError, match="viewer role cannot"):
            call()
    con = store.connect(db)
    assert dashboard.label_history(con).empty and not labels.current_claims(con)
    con.close()
    # and what the viewer sees afterwards: no label, no history, still no export
    at = app(db, monkeypatch, "labels")
    assert [s.value for s in at.subheader] == [
        "Current labels (0 accounts)",
        "History (0 events, nothing is overwritten)",
    ]
    assert at.dataframe[0].value.empty and at.dataframe[1].value.empty
    assert not at.download_button


def test_unknown_role_is_a_viewer(monkeypatch):
    from ui import access

    monkeypatch.setattr(dashboard, "LOCAL_ROLE", "superuser")
    assert access.role() == "viewer" and not access.can("label")
    monkeypatch.setattr(dashboard, "LOCAL_ROLE", "analyst")
    assert access.can("label") and access.can("export") and not access.can("analyse")


def test_demo_mode_pseudonymises_and_masks(db, monkeypatch):
    monkeypatch.setattr(dashboard, "DEMO_MODE", True)
    account = top_account(db)
    fake = dashboard.redact.pseudonym(account, dashboard.DEMO_KEY)
    at = app(db, monkeypatch, "triage")
    queue = at.dataframe[0].value
    assert account not in set(queue["account_id"]) and fake in set(queue["account_id"])
    at = app(db, monkeypatch, "account", account=account)
    assert any(t.value == fake for t in at.text_input)  # shown as its pseudonym
    assert {m.label for m in at.metric} >= {"Level", "Risk"}  # and it resolves back
    for df in (d.value for d in at.dataframe):
        for col in df.columns:
            assert not df[col].astype(str).str.contains(account, regex=False).any()
    # the export the Labels page serves in demo mode
    con = store.connect(db)
    labels.add_labels(con, [account], "extraction", "seen from 203.0.113.5", "ana")
    con.close()
    served = ServedFiles(monkeypatch)
    at = app(db, monkeypatch, "labels")
    assert at.subheader[-1].value == "Export (demo mode: pseudonymised and masked)"
    data, name = served.read(at.download_button[0])
    table = pd.read_csv(io.BytesIO(data))
    assert name == "labels-current.csv"
    assert list(table["account_id"]) == [fake] and list(table["reason"]) == ["seen from [ip]"]
    assert account.encode() not in data and b"203.0.113.5" not in data


@pytest.mark.parametrize(
    "text", ["'; DROP TABLE requests; --", "%' OR '1'='1", "\\x00", "a' UNION SELECT 1 --"]
)
def test_free_text_inputs_are_parameters(db, monkeypatch, text):
    con = store.connect(db)
    before = con.execute("SELECT count(*) FROM requests").fetchall()[0][0]
    account = account_scores(con)["account_id"].iat[0]
    assert dashboard.triage_queue(con, search=text).empty
    page, total = dashboard.account_requests(con, account, search=text)
    assert total == 0 and page.empty
    assert dashboard.account_summary(con, text) is None
    assert con.execute("SELECT count(*) FROM requests").fetchall()[0][0] == before
    con.close()
    at = app(db, monkeypatch, "account", account=text)
    assert any("No account with that id" in w.value for w in at.warning)
