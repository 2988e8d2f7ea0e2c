"""Plot builders: pure functions from DataFrames to plotly Figures."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go


def plain(text: object) -> str:
    """Text from logs made inert for plotly, which reads a subset of HTML in labels."""
    return html.escape(str(text), quote=True)


def daily_requests_figure(daily: pd.DataFrame, releases: pd.DataFrame) -> go.Figure:
    """Bar chart of requests per UTC day (day, requests) with a line per model release."""
    fig = go.Figure(
        go.Bar(x=daily["day"], y=daily["requests"], name="requests", marker_color="#4C78A8")
    )
    days = pd.to_datetime(daily["day"])
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
    fig.update_layout(
        height=320,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        yaxis_title="requests per day",
        xaxis_title=None,
        showlegend=False,
    )
    return fig
