"""Campaign map: the 2-D prompt map; select points to list prompts and label accounts."""

import pandas as pd
import streamlit as st

from analysis import dashboard
from ui import access, labelling, shared


@st.cache_data(ttl=shared.TTL, max_entries=16)
def points(db: str, version: tuple, limit: int | None) -> pd.DataFrame:
    return dashboard.map_points(shared.cursor(db), limit)


@st.cache_data(ttl=shared.TTL, max_entries=shared.ENTRIES)
def size(db: str, version: tuple) -> int:
    return dashboard.map_counts(shared.cursor(db))[0]


st.title("Campaign map")
db = shared.database()
if db:
    version = shared.version(db)
    n = size(db, version)
    if not n:
        st.info("No campaign map yet: run `python -m analysis campaigns --db FILE`.")
    else:
        c = st.columns([2, 3])
        colour = c[0].selectbox("Colour by", dashboard.plots.MAP_COLOURS)
        density = False
        limit = None
        if n > dashboard.MAP_MAX_POINTS:
            view = c[1].radio(
                f"{n:,} prompts: more than {dashboard.MAP_MAX_POINTS:,} points slow the page",
                (f"a random sample of {dashboard.MAP_SAMPLE_POINTS:,} prompts", "density of all"),
                horizontal=True,
            )
            limit = dashboard.MAP_SAMPLE_POINTS
            density = view.startswith("density")
        else:
            c[1].caption(f"all {n:,} prompts shown")
        raw = points(db, version, limit)
        pts = access.present(raw)
        event = st.plotly_chart(
            dashboard.plots.campaign_map_figure(pts, colour, density), width="stretch",
            on_select="rerun", selection_mode=("box", "lasso"), key="map",
        )  # fmt: skip
        chosen = [p["customdata"] for p in event.selection.points if "customdata" in p]
        if not chosen:
            st.caption("Draw a box or lasso on the map to list those prompts and their accounts.")
        else:
            sel = pts.loc[sorted(set(chosen))]
            accounts = sorted(raw.loc[sel.index, "account_id"].unique())
            st.subheader(f"{len(sel):,} prompts selected from {len(accounts):,} accounts")
            st.dataframe(
                sel[["excerpt", "account_id", "campaign_id", "risk_level", "label", "requests"]],
                hide_index=True, width="stretch",
            )  # fmt: skip
            labelling.label_form(db, accounts, key="map_label")
