"""Linked accounts on hand-built logs: corroborated edges make networks, one kind of shared
evidence alone (an office IP, a card inside one org) does not."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import duckdb
import pandas as pd
import pytest

from analysis import config, ingest, store
from analysis.detection import DetectionRun, linkage
from analysis.detection import sql as detection_sql

T0 = datetime(2026, 10, 1)


def iso(t: datetime) -> str:
    return t.isoformat() + "Z"


def build(tmp_path, rows) -> duckdb.DuckDBPyConnection:
    path = tmp_path / "log.jsonl"
    with open(path, "w") as fh:
        for i, r in enumerate(rows):
            fh.write(json.dumps({"request_id": f"r{i}", "prompt": f"question {i}"} | r) + "\n")
    con = store.connect(tmp_path / "l.duckdb")
    ingest.ingest_paths(con, [str(path)])
    return con


def account_rows(account, *, ip, ua, created, card=None, org=None, hours=range(0, 48, 3)):
    return [
        {
            "account_id": account,
            "timestamp": iso(T0 + timedelta(hours=h, minutes=7)),
            "ip": ip,
            "user_agent": ua,
            "account_created_at": iso(created),
            "payment_fingerprint": card,
            "org_id": org,
        }
        for h in hours
    ]


def link(con) -> linkage.Links:
    """Link the accounts of con through a detection run (as scoring does)."""
    with DetectionRun(con) as inputs:
        return linkage.link(inputs)


def networks(links: linkage.Links) -> list[set[str]]:
    groups = links.members.groupby("network_id")["account_id"].apply(set)
    return sorted(groups.tolist(), key=min)


def test_shared_office_ip_alone_makes_no_network(tmp_path):
    # six colleagues: one office IP (and one company card inside their declared org),
    # their own browsers, accounts opened months apart
    uas = ["Mozilla/5.0 Firefox/131", "Mozilla/5.0 Chrome/129", "Mozilla/5.0 Safari/17",
           "Mozilla/5.0 Edge/129", "Mozilla/5.0 Chrome/128", "Mozilla/5.0 Firefox/130"]  # fmt: skip
    rows = []
    for k, ua in enumerate(uas):
        rows += account_rows(
            f"office{k}", ip="198.51.100.20", ua=ua, created=T0 - timedelta(days=30 + 40 * k),
            card="pf_company", org="org_acme",
        )  # fmt: skip
    con = build(tmp_path, rows)
    links = link(con)
    assert links.members.empty and links.edges.empty
    assert detection_sql.payment_pairs(con, 2000).empty  # the card is inside one declared org
    con.close()


def test_same_ip_and_agent_alone_is_not_enough(tmp_path):
    # two people behind one ISP prefix with the same browser, opened two months apart: one
    # kind of evidence (infrastructure), no other
    rows = account_rows("p1", ip="203.0.113.5", ua="Mozilla/5.0 Chrome/129", created=T0,
                        hours=range(0, 48, 5))  # fmt: skip
    rows += account_rows("p2", ip="203.0.113.77", ua="Mozilla/5.0 Chrome/129",
                         created=T0 + timedelta(days=60), hours=range(2, 48, 7))  # fmt: skip
    con = build(tmp_path, rows)
    assert len(detection_sql.infrastructure_pairs(con, 2000)) == 1
    assert link(con).members.empty
    con.close()


def test_actor_accounts_form_one_network_with_evidence(tmp_path):
    rows = []
    for k in range(4):  # one actor: one /24, one agent, one card, opened hours apart
        rows += account_rows(
            f"bot{k}", ip=f"192.0.2.{10 + k}", ua="python-httpx/0.27.2",
            created=T0 - timedelta(days=10, hours=-3 * k), card="pf_actor",
        )  # fmt: skip
    # a stranger on the same /24 and agent but created a year earlier, own card
    rows += account_rows("dev", ip="192.0.2.200", ua="python-httpx/0.27.2",
                         created=T0 - timedelta(days=365), card="pf_dev")  # fmt: skip
    con = build(tmp_path, rows)
    links = link(con)
    assert networks(links) == [{"bot0", "bot1", "bot2", "bot3"}]
    assert len(links.edges) == 6  # every pair of the four
    edge = links.edges.iloc[0]
    assert {"payment", "infrastructure"} <= set(edge["edge_types"])
    text = " ".join(edge["evidence"])
    assert "pf_actor" in text and "192.0.2" in text and "python-httpx" in text
    assert edge["network_id"] == linkage.network_name(["bot0", "bot1", "bot2", "bot3"])
    con.close()


def test_timing_corroborates_infrastructure(tmp_path):
    # two accounts driven by one scheduler: the same irregular on/off hours beyond any daily
    # rhythm, on one /24 with one agent, opened a day apart, different cards
    import random

    rng = random.Random(3)
    on = sorted(rng.sample(range(24 * 7), 60))
    rows = []
    for k in range(2):
        rows += account_rows(
            f"s{k}", ip=f"192.0.2.{k + 1}", ua="Go-http-client/2.0",
            created=T0 - timedelta(days=5 - k), card=f"pf_{k}", hours=on,
        )  # fmt: skip
    # a third account on the same /24 and agent, opened a month earlier, with its own,
    # unrelated hours and its own sampling parameters (so it does not look alike either)
    rows += [r | {"temperature": 0.2} for r in account_rows(
        "s2", ip="192.0.2.99", ua="Go-http-client/2.0", created=T0 - timedelta(days=40),
        card="pf_2", hours=sorted(rng.sample(range(24 * 7), 60)))]  # fmt: skip
    con = build(tmp_path, rows)
    links = link(con)
    assert networks(links) == [{"s0", "s1"}]
    assert {"infrastructure", "timing"} <= set(links.edges["edge_types"].iat[0])
    con.close()


def test_pair_f1_by_hand():
    from analysis.evaluation.scores import pair_f1

    # predicted {a,b,c} {d}; true {a,b} {c,d}: predicted pairs ab ac bc (3), true ab cd (2)
    # agreeing: ab -> precision 1/3, recall 1/2, F1 0.4
    pred = pd.Series(["n1", "n1", "n1", ""])
    true = pd.Series(["t1", "t1", "t2", "t2"])
    p, r, f1 = pair_f1(pred, true)
    assert (round(p, 6), r, round(f1, 6)) == (round(1 / 3, 6), 0.5, 0.4)


def test_a_missing_creation_time_is_no_evidence(tmp_path):
    # two accounts on one /24 with one agent: without creation times that is one kind of
    # evidence; created an hour apart, it is two
    def rows(created):
        out = []
        for k in range(2):
            out += [r | {"account_created_at": created, "max_tokens": 512}
                    for r in account_rows(f"a{k}", ip=f"192.0.2.{k + 1}", ua="curl/8.5",
                                          created=T0, hours=range(k, 48, 4))]  # fmt: skip
        return out

    (tmp_path / "none").mkdir()
    con = build(tmp_path / "none", rows(None))
    assert detection_sql.creation_pairs(con, 48, 8).empty
    assert link(con).members.empty
    con.close()
    (tmp_path / "set").mkdir()
    con = build(tmp_path / "set", rows(iso(T0)))
    assert len(detection_sql.creation_pairs(con, 48, 8)) == 1
    assert networks(link(con)) == [{"a0", "a1"}]
    con.close()


def test_one_stray_edge_does_not_merge_two_actors(tmp_path):
    # two actors of six accounts (each: one /24, one agent, one card, registered together);
    # one account of each also shares a card with the other actor
    rows = []
    for actor, (net, ua, day) in enumerate(
        (("192.0.2", "bot-a/1", 40), ("198.51.100", "bot-b/2", 90))
    ):
        for k in range(6):
            card = f"pf_{actor}" if k else "pf_shared"
            rows += account_rows(
                f"x{actor}{k}", ip=f"{net}.{10 + k}", ua=ua, card=card,
                created=T0 - timedelta(days=day, hours=-k), hours=range(actor, 48, 3),
            )  # fmt: skip
    for k in range(60):  # strangers, so that base rates are those of a population
        rows += account_rows(
            f"p{k:02d}", ip=f"203.0.{k}.9", ua=f"client/{k}", card=f"pf_p{k}",
            created=T0 - timedelta(days=200 + 9 * k), hours=range(k % 5, 48, 6),
        )  # fmt: skip
    con = build(tmp_path, rows)
    stray = detection_sql.payment_pairs(con, 2000)
    assert ((stray["account_a"] == "x00") & (stray["account_b"] == "x10")).any()
    found = networks(link(con))
    con.close()
    assert found == [{f"x0{k}" for k in range(6)}, {f"x1{k}" for k in range(6)}]


def test_blocking_bounds_the_pairs_of_a_batch_and_keeps_it_connected(tmp_path):
    import networkx as nx

    rows = []
    for k in range(120):  # 120 accounts registered within two hours
        rows.append({"account_id": f"b{k:03d}", "timestamp": iso(T0 + timedelta(minutes=k)),
                     "account_created_at": iso(T0 - timedelta(days=3, minutes=k))})  # fmt: skip
    con = build(tmp_path, rows)
    pairs = detection_sql.creation_pairs(con, 48.0, 8)
    con.close()
    assert len(pairs) <= 2 * 120 * 8 and len(pairs) < 120 * 119 / 2
    graph = nx.Graph(list(zip(pairs["account_a"], pairs["account_b"], strict=True)))
    assert graph.number_of_nodes() == 120 and nx.is_connected(graph)


def test_base_rates_shrink_toward_the_prior_on_small_logs():
    # ten pairs of which six share a card: on its own that says the evidence is common;
    # shrunk toward the prior it stays rare enough to weigh
    assert linkage.base_rate(6, 10) < 0.01
    big = linkage.base_rate(300, 1_500_000)
    assert big == pytest.approx(300 / 1_500_000, rel=0.01)
    assert linkage.llr(big) == config.LINK_TYPE_CAP  # rare evidence: the cap
    assert linkage.llr(0.6) == 0.0  # common evidence: none


def test_harvesting_accounts_that_share_nothing_but_their_recipes_are_linked(tmp_path):
    import random

    from analysis.recipes import run_recipes

    r = random.Random(4)
    words = ["".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(7)) for _ in range(400)]
    frames = ("Work through this slowly and write out every step of your reasoning:",
              "Before the final answer, list each inference you make, one per line:")  # fmt: skip
    rows = []
    for k in range(3):  # own address, client and card each; registered the same day
        for i in range(40):
            rows.append({
                "account_id": f"h{k}", "ip": f"100.{64 + k}.{i}.7", "user_agent": f"ua-{k}",
                "payment_fingerprint": f"pf_h{k}", "timestamp": iso(T0 + timedelta(hours=i)),
                "account_created_at": iso(T0 - timedelta(days=2, hours=k)),
                "prompt": f"{frames[i % 2]} {' '.join(r.sample(words, 9))}?",
            })  # fmt: skip
    for k in range(60):
        rows += [r_ | {"prompt": " ".join(r.sample(words, 8))} for r_ in account_rows(
            f"p{k:02d}", ip=f"203.0.{k}.9", ua=f"client/{k}", card=f"pf_p{k}",
            created=T0 - timedelta(days=200 + 9 * k), hours=range(k % 5, 48, 12))]  # fmt: skip
    con = build(tmp_path, rows)
    run_recipes(con, log=lambda _m: None)
    with DetectionRun(con) as inputs:
        harvesting = linkage.link(inputs, ["h0", "h1", "h2"])
        ordinary = linkage.link(inputs, [])
    con.close()
    assert networks(harvesting) == [{"h0", "h1", "h2"}]
    assert all({"recipe", "creation"} <= set(t) for t in harvesting.edges["edge_types"])
    assert "alike mix of instruction recipes" in " ".join(harvesting.edges["evidence"].iat[0])
    assert ordinary.members.empty  # registered together, but nothing else: one kind


def test_rare_templates_weigh_by_how_many_busy_accounts_would_share_by_chance(tmp_path):
    # five accounts; prompts are their own skeletons (no numbers): t0..t5 used by a and b,
    # t0..t1 also by c, t6 by d and e
    uses = {"a": range(6), "b": range(6), "c": range(2), "d": [6], "e": [6]}
    rows = [
        {"account_id": acct, "timestamp": iso(T0 + timedelta(minutes=k)),
         "prompt": f"please template {'xyzw'[k % 4]}{chr(97 + k)} now"}
        for acct, ks in uses.items() for k in ks
    ]  # fmt: skip
    con = build(tmp_path, rows)
    detection_sql.make_account_skeletons(con)
    degrees, c = detection_sql.template_degrees(con, 20)
    con.close()
    assert dict(zip(degrees["account_id"], degrees["rare"], strict=True)) == {
        "a": 6, "b": 6, "c": 2, "d": 1, "e": 1
    }  # fmt: skip
    # u = 3, 3 (t0, t1), 2 x 4 (t2..t5), 2 (t6): sum u^2 / (sum u)^2
    assert c == pytest.approx((9 + 9 + 4 * 4 + 4) / (3 + 3 + 8 + 2) ** 2)


def test_busy_accounts_sharing_what_their_sizes_explain_are_not_linked_by_it():
    pairs = pd.DataFrame(
        {"account_a": ["busy1", "small1"], "account_b": ["busy2", "small2"], "shared": [30, 5]}
    )
    degrees = pd.DataFrame(
        {"account_id": ["busy1", "busy2", "small1", "small2"], "rare": [600, 500, 8, 6]}
    )
    out = linkage.template_evidence(pairs, degrees, c=1e-4, base=1e-4).set_index("account_a")
    assert out.loc["busy1", "expected"] == pytest.approx(30.0)
    assert linkage.llr(out.loc["busy1", "p_unrelated"]) < 0.5  # 30 where 30 are expected
    assert out.loc["small1", "p_unrelated"] == 1e-4  # 5 where 0.005 are expected: the base
    assert linkage.llr(out.loc["small1", "p_unrelated"]) == linkage.llr(1e-4)


def test_the_prior_between_two_harvesting_accounts_is_counted_among_harvesters():
    edge_min = 2.96  # log10(1,829 / 2): the adversary suite's population
    assert linkage.harvest_edge_threshold(380, edge_min) == pytest.approx(2.279, abs=1e-3)
    assert linkage.harvest_edge_threshold(10, edge_min) == config.LINK_HARVEST_EDGE_MIN_WEIGHT
    assert linkage.harvest_edge_threshold(10**6, edge_min) == edge_min  # never stricter


def test_a_pair_under_the_population_threshold_is_linked_only_when_both_harvest(
    tmp_path, monkeypatch
):
    # two new accounts on one card, registered an hour apart, own addresses and clients; in
    # a population so large (here: a high floor) that card + registration is not enough
    # between any two accounts, but is between two accounts that both harvest
    monkeypatch.setattr(config, "LINK_EDGE_MIN_WEIGHT", 7.0)
    monkeypatch.setattr(config, "LINK_MIN_WEIGHT", 3.0)
    rows = []
    for k in range(2):
        rows += account_rows(f"thin{k}", ip=f"100.{70 + k}.3.9", ua=f"Mozilla/5.0 ua-{k}",
                             created=T0 - timedelta(days=3, hours=k), card="pf_pair",
                             hours=range(k, 48, 6))  # fmt: skip
    for k in range(20):
        rows += account_rows(f"p{k:02d}", ip=f"203.0.{k}.9", ua=f"client/{k}", card=f"pf_p{k}",
                             created=T0 - timedelta(days=200 + 9 * k),
                             hours=range(k % 5, 48, 12))  # fmt: skip
    con = build(tmp_path, rows)
    with DetectionRun(con) as inputs:
        ordinary = linkage.link(inputs, [])
        harvesting = linkage.link(inputs, ["thin0", "thin1"])
        one_harvests = linkage.link(inputs, ["thin0"])
    con.close()
    assert ordinary.members.empty and one_harvests.members.empty
    assert networks(harvesting) == [{"thin0", "thin1"}]
    assert {"payment", "creation"} <= set(harvesting.edges["edge_types"].iat[0])
