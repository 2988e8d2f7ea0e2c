"""The figure builders of the dashboard on small DataFrames: the traces, points and labels
they draw, and text from logs (model names, account ids, prompt excerpts, signal names)
escaped so that plotly does not read it as HTML."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis.dashboard import plots

BOLD = "<b>x</b>"
ESCAPED = "&lt;b&gt;x&lt;/b&gt;"


def days(n: int = 3) -> pd.Series:
    return pd.Series(pd.date_range("2026-10-01", periods=n, freq="D"))


def releases(model: str = BOLD, at: str = "2026-10-02") -> pd.DataFrame:
    when = [pd.Timestamp(at), pd.Timestamp("2027-01-01")]
    return pd.DataFrame({"model": [model, "too late"], "released_at": when})


def test_plain_escapes_html():
    assert plots.plain(BOLD) == ESCAPED
    assert plots.plain("a'b\"c&d") == "a&#x27;b&quot;c&amp;d"
    assert plots.plain(None) == "None"


def test_daily_requests_figure_marks_releases_in_range():
    daily = pd.DataFrame({"day": days(), "requests": [5, 7, 2]})
    fig = plots.daily_requests_figure(daily, releases())
    assert isinstance(fig, go.Figure) and len(fig.data) == 1
    bar = fig.data[0]
    assert bar.type == "bar" and list(bar.y) == [5, 7, 2]
    # one release inside the days shown (the other is after them): one line, one label
    assert len(fig.layout.shapes) == 1 and len(fig.layout.annotations) == 1
    assert fig.layout.annotations[0].text == f"{ESCAPED} released"
    assert BOLD not in fig.to_json()


def test_requests_by_level_figure_stacks_levels_in_order():
    levels = ["low", "low", "critical", "critical"]
    daily = pd.DataFrame(
        {"day": list(days(2)) * 2, "risk_level": levels, "requests": [10, 12, 1, 3]}
    )
    fig = plots.requests_by_level_figure(daily, releases(at="2030-01-01"))
    assert [t.name for t in fig.data] == ["critical", "low"]  # the order of LEVEL_COLOURS
    assert [t.marker.color for t in fig.data] == [plots.LEVEL_COLOURS["critical"],
                                                  plots.LEVEL_COLOURS["low"]]  # fmt: skip
    assert list(fig.data[0].y) == [1, 3] and list(fig.data[1].y) == [10, 12]
    assert fig.layout.barmode == "stack" and not fig.layout.shapes  # no release in range


def test_account_daily_figure_has_a_trace_per_model_with_escaped_names():
    daily = pd.DataFrame({"day": list(days(2)) * 2, "model": ["atlas", "atlas", BOLD, BOLD],
                          "requests": [1, 2, 3, 4]})  # fmt: skip
    fig = plots.account_daily_figure(daily, releases())
    assert sorted(t.name for t in fig.data) == sorted(["atlas", ESCAPED])
    assert sum(sum(t.y) for t in fig.data) == 10
    assert fig.layout.annotations[0].text == f"{ESCAPED} released"
    assert BOLD not in fig.to_json()


def test_heatmap_figure_places_each_cell():
    cells = pd.DataFrame({"weekday": [0, 6, 2], "hour": [0, 23, 13], "requests": [4, 9, 1]})
    fig = plots.heatmap_figure(cells)
    (heat,) = fig.data
    z = np.array(heat.z)
    assert heat.type == "heatmap" and z.shape == (7, 24)
    assert z[0, 0] == 4 and z[6, 23] == 9 and z[2, 13] == 1 and z.sum() == 14
    assert list(heat.y) == list(plots.WEEKDAYS) and list(heat.x) == list(range(24))


@pytest.mark.parametrize("log", [False, True])
def test_signal_figure_marks_the_account(log):
    values = pd.Series([0, 1, 9, 99, None, "n/a"])
    fig = plots.signal_figure(values, 9, BOLD, log)
    (hist,) = fig.data
    x = np.array(hist.x, float)
    assert hist.type == "histogram" and len(x) == 4  # the missing and unreadable dropped
    mark = fig.layout.shapes[0].x0
    if log:
        assert np.allclose(x, [0, np.log10(2), 1, 2]) and mark == pytest.approx(1.0)
        assert fig.layout.title.text == f"{ESCAPED} (log10(1 + x))"
    else:
        assert np.allclose(x, [0, 1, 9, 99]) and mark == 9
        assert fig.layout.title.text == ESCAPED
    assert not plots.signal_figure(values, None, "s", log).layout.shapes  # nothing to mark


def map_points() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "x": [0.0, 1.0, 2.0, 3.0, 4.0],
            "y": [0.0, 1.0, 0.5, 0.2, 0.9],
            "campaign_id": [3, 3, -1, 7, 3],
            "campaign": [f"3 · {BOLD}", f"3 · {BOLD}", "noise", "7 · essay, score", f"3 · {BOLD}"],
            "recipe": ["solve step by step …", "solve step by step …", "(no recipe)", BOLD,
                       "solve step by step …"],
            "topic": ["0 · algebra", "1 · cats", "1 · cats", "0 · algebra", None],
            "excerpt": [BOLD, "plain", "<script>alert(1)</script>", "e", "f"],
            "account_id": ["acct_<i>h</i>", "a", "b", "c", "a"],
            "risk_level": ["critical", "low", "low", "high", "low"],
            "label": ["extraction", "unlabelled", "unlabelled", "benign", "unlabelled"],
        }
    )  # fmt: skip


def test_campaign_map_figure_groups_points_and_escapes_hover_text():
    points = map_points()
    fig = plots.campaign_map_figure(points, "campaign", density=False)
    traces = {t.name: t for t in fig.data}
    # largest group first; names are log text, escaped
    assert list(traces) == [f"3 · {ESCAPED}", "noise", "7 · essay, score"]
    assert all(t.type == "scattergl" for t in fig.data)
    assert list(traces[f"3 · {ESCAPED}"].customdata) == [0, 1, 4]  # row numbers, for selections
    assert traces["noise"].marker.color == "#DDDDDD"
    text = [s for t in fig.data for s in t.text]  # campaign | account | level | excerpt
    assert f"3 · {ESCAPED} | acct_&lt;i&gt;h&lt;/i&gt; | critical | {ESCAPED}" in text
    assert "noise | b | low | &lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script>" not in fig.to_json() and BOLD not in fig.to_json()
    by_level = plots.campaign_map_figure(points, "risk level", density=False)
    assert {t.name: t.marker.color for t in by_level.data} == {
        level: plots.LEVEL_COLOURS[level] for level in ("low", "critical", "high")
    }
    by_account = plots.campaign_map_figure(points, "account", density=False)
    assert "acct_&lt;i&gt;h&lt;/i&gt;" in {t.name for t in by_account.data}
    assert sum(len(t.x) for t in by_account.data) == 5


def test_campaign_map_figure_by_recipe_and_by_topic():
    points = map_points()
    by_recipe = plots.campaign_map_figure(points, "recipe", density=False)
    traces = {t.name: t for t in by_recipe.data}
    assert list(traces) == ["solve step by step …", "(no recipe)", ESCAPED]
    assert traces["(no recipe)"].marker.color == "#DDDDDD"
    assert list(traces["solve step by step …"].customdata) == [0, 1, 4]
    by_topic = plots.campaign_map_figure(points, "topic", density=False)
    traces = {t.name: t for t in by_topic.data}
    assert sorted(traces) == ["(no topic)", "0 · algebra", "1 · cats"]
    assert sum(len(t.x) for t in by_topic.data) == 5
    assert BOLD not in by_recipe.to_json() and BOLD not in by_topic.to_json()


def test_campaign_map_figure_without_names_shows_ids():
    points = map_points().drop(columns=["campaign"])  # an older read: ids alone
    fig = plots.campaign_map_figure(points, "campaign", density=False)
    assert [t.name for t in fig.data] == ["3", "noise", "7"]
    assert plots.campaign_name(109, "solve the following …") == "109 · solve the following …"
    assert plots.campaign_name(109, None) == "109" and plots.campaign_name(-1, "x") == "noise"


def test_campaign_map_figure_puts_small_campaigns_together():
    n = plots.MAP_GROUPS + 3
    points = pd.DataFrame({"x": np.arange(n, dtype=float), "y": 0.0, "campaign_id": range(n),
                           "excerpt": "e", "account_id": "a", "risk_level": "low",
                           "label": "unlabelled"})  # fmt: skip
    fig = plots.campaign_map_figure(points, "campaign", density=False)
    names = [t.name for t in fig.data]
    assert len(names) == plots.MAP_GROUPS + 1 and "(other campaigns)" in names
    assert sum(len(t.x) for t in fig.data) == n


def test_campaign_map_density():
    fig = plots.campaign_map_figure(map_points(), "campaign", density=True)
    (contour,) = fig.data
    assert contour.type == "histogram2dcontour" and list(contour.x) == [0, 1, 2, 3, 4]
    assert contour.hoverinfo == "skip"  # no text from logs in a density plot


def test_network_figure_draws_edges_by_type_and_escaped_nodes():
    members = pd.DataFrame({"account_id": ["a", "b", "<b>c</b>"],
                            "risk_level": ["critical", "low", "unknown"]})  # fmt: skip
    edges = pd.DataFrame({"account_a": ["a", "a"], "account_b": ["b", "<b>c</b>"],
                          "edge_types": [["payment", "timing"], ["content"]]})  # fmt: skip
    fig = plots.network_figure(members, edges)
    names = [t.name for t in fig.data]
    assert names == ["payment", "timing", "content", "accounts"]
    lines = {t.name: t for t in fig.data[:-1]}
    assert len([v for v in lines["payment"].x if v is not None]) == 2  # one edge: 2 ends
    assert lines["content"].line.color == plots.EDGE_COLOURS["content"]
    nodes = fig.data[-1]
    assert len(nodes.x) == 3 and list(nodes.text) == [
        "a | critical", "b | low", "&lt;b&gt;c&lt;/b&gt; | unknown"
    ]  # fmt: skip
    assert list(nodes.marker.color) == [plots.LEVEL_COLOURS["critical"],
                                        plots.LEVEL_COLOURS["low"], "#999"]  # fmt: skip
    again = plots.network_figure(members, edges)  # seeded: the same layout every time
    assert list(again.data[-1].x) == list(nodes.x)
    empty = plots.network_figure(members.iloc[:0], edges.iloc[:0])
    assert [t.name for t in empty.data] == ["accounts"] and len(empty.data[0].x) == 0


def test_every_edge_kind_has_a_colour():
    from analysis.dashboard.plots import EDGE_COLOURS
    from analysis.detection.linkage import EDGE_TYPES

    assert list(EDGE_COLOURS) == list(EDGE_TYPES)
