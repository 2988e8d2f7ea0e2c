"""Overview: traffic by risk level, flagged counts, the top networks and campaigns."""

import streamlit as st

from analysis import dashboard
from ui import shared


@st.cache_data(ttl=shared.TTL, max_entries=shared.ENTRIES)
def load(db: str, version: tuple) -> dict:
    cur = shared.cursor(db)
    return {
        "counts": dashboard.overview_counts(cur),
        "daily": dashboard.daily_requests_by_level(cur),
        "releases": dashboard.releases(cur),
        "networks": dashboard.top_networks(cur, 15),
        "campaigns": dashboard.top_campaigns(cur, 15),
    }


st.title("Overview")
db = shared.database()
if db and shared.has_scores(db):
    d = load(db, shared.version(db))
    c = d["counts"]
    cols = st.columns(5)
    cols[0].metric("Accounts scored", f"{c['accounts']:,}")
    cols[1].metric("Flagged (high or critical)", f"{c['flagged']:,}")
    cols[2].metric("Critical", f"{c['critical']:,}")
    cols[3].metric("Networks (flagged)", f"{c['networks']:,} ({c['flagged_networks']:,})")
    cols[4].metric("Campaigns", f"{c['campaigns']:,}")
    st.plotly_chart(
        dashboard.plots.requests_by_level_figure(d["daily"], d["releases"]), width="stretch"
    )
    left, right = st.columns(2)
    with left:
        st.subheader("Top networks")
        network = shared.picked(d["networks"], "top_networks", "network_id")
        if network is not None:
            shared.open_network(network)
    with right:
        st.subheader("Top campaigns (by share of requests from flagged accounts)")
        campaign = shared.picked(
            d["campaigns"], "top_campaigns", "campaign_id", hide=("campaign_id",)
        )
        if campaign is not None:
            st.session_state["campaign_filter"] = int(campaign)
            st.switch_page("pages/triage.py")
    st.caption("Select a row to open the network, or the campaign's accounts in the triage queue.")
