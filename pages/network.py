"""Network: the linked accounts of one network, each edge with its evidence."""

import streamlit as st

from analysis import dashboard
from ui import access, labelling, shared


@st.cache_data(ttl=shared.TTL, max_entries=shared.ENTRIES)
def load(db: str, version: tuple, network: str) -> dict | None:
    cur = shared.cursor(db)
    row = dashboard.network_row(cur, network)
    if row is None:
        return None
    return {
        "row": row,
        "members": dashboard.network_members(cur, network),
        "edges": dashboard.network_edge_rows(cur, network),
        "campaigns": dashboard.network_campaigns(cur, network),
    }


@st.cache_data(ttl=shared.TTL, max_entries=shared.ENTRIES)
def ids(db: str, version: tuple) -> list[str]:
    return dashboard.network_ids(shared.cursor(db))


st.title("Network")
db = shared.database()
if db and shared.has_scores(db):
    version = shared.version(db)
    options = ids(db, version)
    if not options:
        st.info("No linked accounts were found in this database.")
    else:
        wanted = st.session_state.get("network")
        network = st.selectbox(
            "Network (riskiest first)", options,
            index=options.index(wanted) if wanted in options else 0,
        )  # fmt: skip
        st.session_state["network"] = network
        d = load(db, version, network)
        r = d["row"]
        cols = st.columns(4)
        cols[0].metric("Level", r["risk_level"])
        cols[1].metric("Risk", f"{r['risk_score']:.2f}")
        cols[2].metric("Accounts", f"{r['accounts']:,}")
        cols[3].metric("Requests", f"{r['requests']:,}")
        st.text("Together they:\n" + "\n".join(f"- {x}" for x in r["reasons"]))
        members, edges = access.present(d["members"]), access.present(d["edges"])
        st.plotly_chart(dashboard.plots.network_figure(members, edges), width="stretch")
        left, right = st.columns([2, 3])
        with left:
            st.subheader("Accounts")
            member = shared.picked(d["members"], "members", "account_id")
            if member is not None:
                shared.open_account(member)
        with right:
            st.subheader("Links and their evidence")
            st.dataframe(
                edges.assign(edge_types=edges["edge_types"].map(", ".join)),
                hide_index=True, width="stretch",
            )  # fmt: skip
        st.subheader("Campaigns of its accounts")
        st.dataframe(access.present(d["campaigns"]), hide_index=True, width="stretch")
        st.subheader("Label the whole network")
        labelling.label_form(db, d["members"]["account_id"].tolist(), key="network_label")
