"""Campaign map: the 2-D prompt map coloured by campaign, recipe or topic; select points to
list prompts and label accounts; the recipes (instruction frames) below."""

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


@st.cache_data(ttl=shared.TTL, max_entries=shared.ENTRIES)
def recipes(db: str, version: tuple) -> pd.DataFrame:
    return dashboard.recipe_table(shared.cursor(db))


st.title("Campaign map")
db = shared.database()
if db:
    version = shared.version(db)
    n = size(db, version)
    if not n:
        st.info("No campaign map yet: run `python -m analysis campaigns --db FILE`.")
    else:
        c = st.columns([2, 3])
        colour = c[0].selectbox(
            "Colour by", dashboard.plots.MAP_COLOURS, help=dashboard.plots.MAP_COLOUR_HELP
        )
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
                sel[["excerpt", "account_id", "campaign", "recipe", "topic", "risk_level",
                     "label", "requests"]],
                hide_index=True, width="stretch",
            )  # fmt: skip
            labelling.label_form(db, accounts, key="map_label")
    table = recipes(db, version)
    st.subheader(f"Recipes ({len(table):,})")
    if table.empty:
        st.caption("No recipes yet: run `python -m analysis recipes --db FILE` (Analyse does).")
    else:
        st.caption(
            "Instruction frames repeated across the log, each with the shape of its requests. "
            "Labels, keywords and frames are log text."
        )
        st.dataframe(
            access.present(table.drop(columns="recipe_id")), hide_index=True, width="stretch",
            column_config={
                "single_turn_share": st.column_config.NumberColumn("single-turn", format="%.2f"),
                "json_share": st.column_config.NumberColumn("JSON answers", format="%.2f"),
                "median_max_tokens": st.column_config.NumberColumn("median max_tokens"),
            },
        )  # fmt: skip
