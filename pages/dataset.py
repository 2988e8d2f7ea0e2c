"""Dataset: what the database holds."""

import streamlit as st

from analysis import dashboard
from ui import access, actions, shared


@st.cache_data(ttl=shared.TTL, max_entries=shared.ENTRIES)
def load(db: str, version: tuple) -> dict:
    cur = shared.cursor(db)
    return {
        "summary": dashboard.dataset_summary(cur),
        "models": dashboard.models_summary(cur),
        "daily": dashboard.daily_requests(cur),
        "releases": dashboard.releases(cur),
        "quarantine": dashboard.quarantine_rows(cur),
        "files": dashboard.ingest_files(cur),
    }


st.title("Dataset")
db = shared.database()
if db:
    d = load(db, shared.version(db))
    s = d["summary"]
    cols = st.columns(5)
    cols[0].metric("Requests", f"{s['requests']:,}")
    cols[1].metric("Accounts", f"{s['accounts']:,}")
    cols[2].metric(
        "First day (UTC)",
        f"{s['first']:%Y-%m-%d}" if s["first"] else "-",
        help=f"first request at {s['first']}",
    )
    cols[3].metric(
        "Last day (UTC)",
        f"{s['last']:%Y-%m-%d}" if s["last"] else "-",
        help=f"last request at {s['last']}",
    )
    cols[4].metric("Quarantined rows", f"{s['quarantined']:,}")
    st.plotly_chart(
        dashboard.plots.daily_requests_figure(d["daily"], d["releases"]), width="stretch"
    )
    st.subheader("Models")
    st.dataframe(access.present(d["models"]), hide_index=True, width="stretch")
    st.subheader(f"Quarantined rows ({s['quarantined']:,})")
    if s["quarantined"]:
        st.dataframe(access.present(d["quarantine"]), hide_index=True, width="stretch")
    else:
        st.text("No row was quarantined.")
    st.subheader(f"Ingested files ({s['files']:,})")
    st.dataframe(access.present(d["files"]), hide_index=True, width="stretch")

    if not access.can("analyse"):
        st.caption(f"Analysing new logs needs the admin role (this is {access.role()}).")
        st.stop()
    st.subheader("Analyse new logs")
    st.caption(
        "Ingests the files (JSON Lines, CSV or Parquet, optionally gzip), then runs campaigns "
        "and scoring on the whole database. Bad records go to the quarantine above."
    )
    with st.form("analyse"):
        uploads = st.file_uploader(
            "Log files", accept_multiple_files=True,
            type=["jsonl", "gz", "csv", "parquet"],
        )  # fmt: skip
        server_path = st.text_input("or a path on this machine (file, folder or glob)")
        go = st.form_submit_button("Analyse")
    if go:
        actions.analyse(db, uploads, server_path.strip())
