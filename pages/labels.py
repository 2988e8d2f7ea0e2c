"""Labels: current labels, the full history, and exports with provenance."""

import streamlit as st

from analysis import dashboard, labels
from ui import access, shared


@st.cache_data(ttl=shared.TTL, max_entries=shared.ENTRIES)
def load(db: str, version: tuple) -> dict:
    cur = shared.cursor(db)
    return {"current": labels.current_labels(cur), "history": dashboard.label_history(cur)}


@st.cache_data(ttl=shared.TTL, max_entries=shared.ENTRIES)
def export(db: str, version: tuple, history: bool, fmt: str, demo: bool) -> bytes:
    table = labels.export_table(shared.cursor(db), history)
    return labels.export_bytes(access.present(table) if demo else table, fmt)


st.title("Labels")
db = shared.database()
if db:
    version = shared.version(db)
    d = load(db, version)
    st.subheader(f"Current labels ({len(d['current']):,} accounts)")
    st.dataframe(access.present(d["current"]), hide_index=True, width="stretch")
    st.subheader(f"History ({len(d['history']):,} events, nothing is overwritten)")
    st.dataframe(access.present(d["history"]), hide_index=True, width="stretch")
    if not access.can("export"):
        st.caption(f"The {access.role()} role cannot export labels.")
        st.stop()
    st.subheader("Export" + (" (demo mode: pseudonymised and masked)" if access.demo() else ""))
    c = st.columns(3)
    fmt = c[0].selectbox("Format", labels.EXPORT_FORMATS)
    history = c[1].radio("Rows", ("current labels", "every event"), horizontal=True)
    every = history == "every event"
    c[2].download_button(
        "Download",
        data=export(db, version, every, fmt, access.demo()),
        file_name=f"labels-{'history' if every else 'current'}.{fmt}",
        mime="application/octet-stream",
        disabled=d["history"].empty,
    )
    st.caption(
        "Each row carries the account, label, reason, analyst and time, the risk score, "
        "level, reasons and network at decision time, and the runs and detector behind them."
    )
