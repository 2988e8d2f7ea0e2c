"""Plot builders: pure functions from DataFrames to plotly Figures."""

from __future__ import annotations

import html

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.terms import LEVELS, NOISE


def plain(text: object) -> str:
    """Text from logs made inert for plotly, which reads a subset of HTML in labels."""
    return html.escape(str(text), quote=True)


# One colour per risk level, most severe first (terms.LEVELS), then accounts not scored.
LEVEL_COLOURS = {
    **dict(zip(LEVELS, ("#B2182B", "#EF8A62", "#F4D35E", "#9EC9E2"), strict=True)),
    "unscored": "#CCCCCC",
}
EDGE_COLOURS = {  # one per edge kind of detection/linkage.py (a test checks they match)
    "payment": "#D62728",
    "infrastructure": "#1F77B4",
    "creation": "#FF7F0E",
    "timing": "#2CA02C",
    "content": "#9467BD",
    "recipe": "#8C564B",
    "shape": "#7F7F7F",
}
_MARGIN = {"l": 10, "r": 10, "t": 30, "b": 10}


def _release_lines(fig: go.Figure, releases: pd.DataFrame, days: pd.Series) -> None:
    """Add a dashed line and a label per model release inside the days shown."""
    days = pd.to_datetime(days)
    for _, r in releases.iterrows():
        when = pd.Timestamp(r["released_at"])
        if len(days) and days.min() <= when <= days.max() + pd.Timedelta(days=1):
            fig.add_vline(x=when, line_dash="dash", line_color="#E45756")
            fig.add_annotation(
                x=when,
                y=1,
                yref="paper",
                text=plain(f"{r['model']} released"),
                showarrow=False,
                xanchor="left",
                font={"color": "#E45756"},
            )


def daily_requests_figure(daily: pd.DataFrame, releases: pd.DataFrame) -> go.Figure:
    """Bar chart of requests per UTC day (day, requests) with a line per model release."""
    fig = go.Figure(
        go.Bar(x=daily["day"], y=daily["requests"], name="requests", marker_color="#4C78A8")
    )
    _release_lines(fig, releases, daily["day"])
    fig.update_layout(height=320, margin=_MARGIN, yaxis_title="requests per day", showlegend=False)
    return fig


def requests_by_level_figure(daily: pd.DataFrame, releases: pd.DataFrame) -> go.Figure:
    """Stacked bars of requests per day (day, risk_level, requests) by the sender's level,
    with model releases marked."""
    fig = go.Figure()
    for level, colour in LEVEL_COLOURS.items():
        part = daily[daily["risk_level"] == level]
        if len(part):
            fig.add_bar(x=part["day"], y=part["requests"], name=level, marker_color=colour)
    _release_lines(fig, releases, daily["day"])
    fig.update_layout(
        barmode="stack",
        height=340,
        margin=_MARGIN,
        yaxis_title="requests per day",
        legend_title_text="account level",
    )
    return fig


def account_daily_figure(daily: pd.DataFrame, releases: pd.DataFrame) -> go.Figure:
    """Stacked bars of one account's requests per day (day, model, requests) by model."""
    fig = go.Figure()
    for model, part in daily.groupby("model", sort=True):
        fig.add_bar(x=part["day"], y=part["requests"], name=plain(model))
    _release_lines(fig, releases, daily["day"])
    fig.update_layout(barmode="stack", height=300, margin=_MARGIN, yaxis_title="requests")
    fig.update_xaxes(type="date", tickformat="%b %d", dtick=86_400_000)
    return fig


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def heatmap_figure(cells: pd.DataFrame) -> go.Figure:
    """Hour-of-day (UTC) by weekday heatmap of requests (weekday 0-6, hour, requests)."""
    grid = np.zeros((7, 24))
    for row in cells.itertuples():
        grid[int(row.weekday), int(row.hour)] = row.requests
    fig = go.Figure(
        go.Heatmap(
            z=grid,
            x=list(range(24)),
            y=list(WEEKDAYS),
            colorscale="Blues",
            hovertemplate="%{y} %{x}:00 UTC: %{z} requests<extra></extra>",
        )
    )
    fig.update_layout(height=260, margin=_MARGIN, xaxis_title="hour (UTC)")
    fig.update_yaxes(autorange="reversed")
    return fig


def signal_figure(values: pd.Series, value: float, name: str, log: bool) -> go.Figure:
    """Histogram of a signal over all accounts with the account's value marked."""
    v = pd.to_numeric(values, errors="coerce").dropna()
    x = np.log10(1 + v.clip(lower=0)) if log else v
    fig = go.Figure(go.Histogram(x=x, nbinsx=40, marker_color="#9EC9E2", name="accounts"))
    if value is not None and not pd.isna(value):
        mark = np.log10(1 + max(float(value), 0)) if log else float(value)
        fig.add_vline(x=mark, line_color="#B2182B", line_width=3)
    fig.update_layout(
        height=180,
        margin={"l": 10, "r": 10, "t": 25, "b": 10},
        showlegend=False,
        title={"text": plain(name) + (" (log10(1 + x))" if log else ""), "font": {"size": 12}},
    )
    fig.update_yaxes(type="log", title=None)
    return fig


# What the map can be coloured by: campaign (recipe-aware clusters), recipe (the instruction
# frame), topic (a clustering of the prompt text alone), then the accounts' facts.
MAP_COLOURS = ("campaign", "recipe", "topic", "risk level", "label", "account")
MAP_COLOUR_HELP = (
    "campaign: clusters of prompts, placed by their instruction frame (recipe) when they "
    "carry one, else by their text. recipe: the frame itself. topic: clusters of the prompt "
    "text alone, whatever the frame. Names come from log text."
)

MAP_GROUPS = 15  # legend entries on the map; the rest share one grey trace
# Per colouring: the points' column, the group of points outside any (grey, always listed)
# and the name of the rest beyond MAP_GROUPS.
_GROUPING = {
    "campaign": ("campaign", "noise", "(other campaigns)"),
    "recipe": ("recipe", "(no recipe)", "(other recipes)"),
    "topic": ("topic", "(no topic)", "(other topics)"),
    "account": ("account_id", None, "(other accounts)"),
}
GREY = {"noise": "#DDDDDD", "(no recipe)": "#DDDDDD", "(no topic)": "#DDDDDD",
        "(other campaigns)": "#AAAAAA", "(other recipes)": "#AAAAAA",
        "(other topics)": "#AAAAAA", "(other accounts)": "#AAAAAA"}  # fmt: skip


def campaign_name(campaign_id: int, name: object = None) -> str:
    """A campaign as the dashboard shows it: '<id> · <name>', the id alone without a name,
    'noise' for prompts in no campaign."""
    if campaign_id == NOISE:
        return "noise"
    return f"{campaign_id} · {name}" if isinstance(name, str) and name else str(campaign_id)


def _groups(points: pd.DataFrame, colour_by: str) -> pd.Series:
    if colour_by == "risk level":
        return points["risk_level"]
    if colour_by == "label":
        return points["label"]
    column, outside, other = _GROUPING[colour_by]
    if colour_by == "campaign" and column not in points:  # no names: the ids alone
        names = points["campaign_id"].map(campaign_name)
    else:
        names = points[column].fillna(outside or "").astype(str)
    top = names[names != outside].value_counts().index[:MAP_GROUPS]
    return names.where(names.isin(top) | (names == outside), other)


def campaign_map_figure(points: pd.DataFrame, colour_by: str, density: bool) -> go.Figure:
    """The 2-D prompt map: Scattergl points (x, y, campaign_id, excerpt, account_id,
    risk_level, label; campaign, recipe and topic names when given) coloured by colour_by
    (one of MAP_COLOURS), or a density contour when density is set. Legend entries and hover
    text (campaign | account | level | excerpt) are escaped log text. customdata carries
    each point's row number for selections."""
    fig = go.Figure()
    if density:
        fig.add_trace(
            go.Histogram2dContour(
                x=points["x"],
                y=points["y"],
                colorscale="Blues",
                ncontours=25,
                showscale=False,
                hoverinfo="skip",
            )
        )
    else:
        groups = _groups(points, colour_by)
        order = groups.value_counts().index
        colours = dict(LEVEL_COLOURS) if colour_by == "risk level" else {}
        colours |= GREY
        campaigns = (
            points["campaign"] if "campaign" in points else points["campaign_id"].map(campaign_name)
        )
        for name in order:
            part = points[groups == name]
            text = [
                plain(f"{c} | {a} | {lvl} | {e}")
                for c, a, lvl, e in zip(campaigns[part.index], part["account_id"],
                                        part["risk_level"], part["excerpt"], strict=True)
            ]  # fmt: skip
            fig.add_trace(
                go.Scattergl(
                    x=part["x"],
                    y=part["y"],
                    mode="markers",
                    name=plain(name),
                    text=text,
                    customdata=part.index.to_numpy(),
                    hovertemplate="%{text}<extra></extra>",
                    marker={
                        "size": 4,
                        "opacity": 0.7,
                        **({"color": colours[name]} if name in colours else {}),
                    },
                )
            )
    fig.update_layout(
        height=620,
        margin=_MARGIN,
        dragmode="lasso",
        legend={"itemsizing": "constant"},
        xaxis={"visible": False},
        yaxis={"visible": False},
    )
    return fig


def network_figure(members: pd.DataFrame, edges: pd.DataFrame, seed: int = 0) -> go.Figure:
    """The linked accounts of a network: nodes (members: account_id, risk_level) placed by
    a seeded spring layout, edges (account_a, account_b, edge_types) coloured by their
    first type, one legend entry per type."""
    graph = nx.Graph()
    graph.add_nodes_from(members["account_id"])
    graph.add_edges_from(zip(edges["account_a"], edges["account_b"], strict=True))
    pos = nx.spring_layout(graph, seed=seed) if len(graph) else {}
    fig = go.Figure()
    for kind, colour in EDGE_COLOURS.items():
        xs, ys = [], []
        for a, b, types in zip(edges["account_a"], edges["account_b"], edges["edge_types"],
                               strict=True):  # fmt: skip
            if kind in list(types):
                xs += [pos[a][0], pos[b][0], None]
                ys += [pos[a][1], pos[b][1], None]
        if xs:
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    name=kind,
                    hoverinfo="skip",
                    line={"color": colour, "width": 1},
                )
            )
    fig.add_trace(
        go.Scatter(
            x=[pos[a][0] for a in members["account_id"]],
            y=[pos[a][1] for a in members["account_id"]],
            mode="markers",
            name="accounts",
            text=[
                plain(f"{a} | {lvl}")
                for a, lvl in zip(members["account_id"], members["risk_level"], strict=True)
            ],
            hovertemplate="%{text}<extra></extra>",
            marker={
                "size": 10,
                "color": [LEVEL_COLOURS.get(v, "#999") for v in members["risk_level"]],
                "line": {"width": 1, "color": "#333"},
            },
        )
    )
    fig.update_layout(
        height=520,
        margin=_MARGIN,
        xaxis={"visible": False},
        yaxis={"visible": False},
    )
    return fig
