"""Roles and demo mode on the dashboard: a viewer sees no labelling, claim, export or
analyse controls and cannot write even by calling the actions; demo mode shows
pseudonyms and masks, on pages and in exports; free-text inputs are parameters."""

from __future__ import annotations

import pytest
from apphelp import app, top_account

from analysis import config, labels, queries, redact, store

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def test_viewer_sees_no_write_controls(db, monkeypatch):
    monkeypatch.setattr(config, "LOCAL_ROLE", "viewer")
    account = top_account(db)
    pages = {"account": {"account": account}, "triage": {}, "network": {}, "labels": {},
             "dataset": {}, "campaign_map": {}}  # fmt: skip
    for page, state in pages.items():
        at = app(db, monkeypatch, page, **state)
        names = [b.label for b in at.button]
        assert not any(n.startswith(("Label ", "Claim", "Release", "Analyse")) for n in names)
        assert not at.get("download_button")
    at = app(db, monkeypatch, "labels")
    assert any("cannot export" in c.value for c in at.caption)


def test_viewer_cannot_write_by_calling_the_actions(db, monkeypatch):
    monkeypatch.setattr(config, "LOCAL_ROLE", "viewer")
    at = app(db, monkeypatch, "overview")  # a session exists; now call its actions
    from pages import labelling

    account = top_account(db)
    for call in (
        lambda: labelling.write_labels(str(db), [account], "extraction", "x", None),
        lambda: labelling.claim(str(db), [account]),
        lambda: labelling.release(str(db), [account]),
    ):
        with pytest.raises(PermissionError, match="viewer role cannot"):
            call()
    con = store.connect(db)
    assert queries.label_history(con).empty and not queries.current_claims(con)
    con.close()
    assert at is not None


def test_unknown_role_is_a_viewer(monkeypatch):
    from pages import access

    monkeypatch.setattr(config, "LOCAL_ROLE", "superuser")
    assert access.role() == "viewer" and not access.can("label")
    monkeypatch.setattr(config, "LOCAL_ROLE", "analyst")
    assert access.can("label") and access.can("export") and not access.can("analyse")


def test_demo_mode_pseudonymises_and_masks(db, monkeypatch):
    monkeypatch.setattr(config, "DEMO_MODE", True)
    account = top_account(db)
    fake = redact.pseudonym(account, config.DEMO_KEY)
    at = app(db, monkeypatch, "triage")
    queue = at.dataframe[0].value
    assert account not in set(queue["account_id"]) and fake in set(queue["account_id"])
    at = app(db, monkeypatch, "account", account=account)
    assert any(t.value == fake for t in at.text_input)  # shown as its pseudonym
    assert {m.label for m in at.metric} >= {"Level", "Risk"}  # and it resolves back
    for df in (d.value for d in at.dataframe):
        for col in df.columns:
            assert not df[col].astype(str).str.contains(account, regex=False).any()
    # exports made in demo mode
    con = store.connect(db)
    labels.add_labels(con, [account], "extraction", "seen from 203.0.113.5", "ana")
    con.close()
    from pages import access

    monkeypatch.setattr(access, "demo", lambda: True)
    con = store.connect(db)
    table = access.present(labels.export_table(con, history=True))
    con.close()
    assert table["account_id"].iat[0] == fake and table["reason"].iat[0] == "seen from [ip]"


@pytest.mark.parametrize(
    "text", ["'; DROP TABLE requests; --", "%' OR '1'='1", "\\x00", "a' UNION SELECT 1 --"]
)
def test_free_text_inputs_are_parameters(db, monkeypatch, text):
    con = store.connect(db)
    before = con.execute("SELECT count(*) FROM requests").fetchall()[0][0]
    account = queries.account_scores(con)["account_id"].iat[0]
    assert queries.triage_queue(con, search=text).empty
    page, total = queries.account_requests(con, account, search=text)
    assert total == 0 and page.empty
    assert queries.account_summary(con, text) is None
    assert con.execute("SELECT count(*) FROM requests").fetchall()[0][0] == before
    con.close()
    at = app(db, monkeypatch, "account", account=text)
    assert any("No account with that id" in w.value for w in at.warning)
