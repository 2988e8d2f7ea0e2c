"""Triage queue: accounts by risk with reasons, filters, claims and bulk labelling."""

import datetime as dt

import streamlit as st

from analysis import dashboard, labels
from ui import access, labelling, shared


@st.cache_data(ttl=shared.TTL, max_entries=shared.ENTRIES)
def choices(db: str, version: tuple) -> dict:
    cur = shared.cursor(db)
    return {
        "tiers": dashboard.account_tiers(cur),
        "networks": dashboard.network_ids(cur),
        "campaigns": dashboard.campaign_ids(cur),
        "campaign_names": dashboard.campaign_names(cur),
        "span": dashboard.dataset_summary(cur),
    }


@st.cache_data(ttl=shared.TTL, max_entries=shared.ENTRIES)
def queue(db: str, version: tuple, filters: dict):
    return dashboard.triage_queue(shared.cursor(db), **filters)


st.title("Triage queue")
db = shared.database()
if db and shared.has_scores(db):
    version = shared.version(db)
    opts = choices(db, version)
    first, last = opts["span"]["first"].date(), opts["span"]["last"].date()
    with st.container(border=True):
        c = st.columns([2, 2, 2, 1.5, 2])
        levels = c[0].multiselect(
            "Level", dashboard.LEVELS, default=list(dashboard.FLAGGED_LEVELS), key="f_levels"
        )
        tiers = c[1].multiselect("Tier", opts["tiers"])
        network = c[2].selectbox("Network", ["(any)", *opts["networks"]])
        campaign_default = st.session_state.pop("campaign_filter", None)
        campaign_options = ["(any)", *opts["campaigns"]]
        names = opts["campaign_names"]  # log text: options are shown as plain text
        campaign = c[3].selectbox(
            "Campaign", campaign_options,
            index=campaign_options.index(campaign_default)
            if campaign_default in campaign_options else 0,
            format_func=lambda v: access.shown_text(names.get(v, str(v))),
            key="f_campaign",
        )  # fmt: skip
        status = c[4].multiselect("Label status", dashboard.LABEL_STATUSES)
        c = st.columns([2, 3])
        span = c[0].date_input("Active between", (first, last), min_value=first, max_value=last)
        search = c[1].text_input("Account contains", max_chars=200, key="f_search")
    since, until = (span[0], span[1]) if len(span) == 2 else (None, None)
    filters = {
        "levels": levels,
        "tiers": tiers,
        "network": None if network == "(any)" else network,
        "campaign": None if campaign == "(any)" else int(campaign),
        "label_status": status,
        "since": since,
        "until": until + dt.timedelta(days=1) if until else None,
        "search": search.strip() or None,
    }
    rows = queue(db, version, filters)
    st.caption(f"{len(rows):,} accounts (at most 500 shown), riskiest first")
    pick = st.dataframe(
        access.present(rows), hide_index=True, width="stretch", on_select="rerun",
        selection_mode="multi-row", key="queue",
        column_config={"risk_score": st.column_config.ProgressColumn(
            "risk", min_value=0.0, max_value=1.0, format="%.2f")},
    )  # fmt: skip
    selected = rows["account_id"].iloc[pick.selection.rows].tolist()
    st.write(f"{len(selected)} selected")
    a = st.columns(4)
    if a[0].button("Open account", disabled=len(selected) != 1):
        shared.open_account(selected[0])
    can_claim = access.can("claim")
    if can_claim and a[1].button("Claim", disabled=not selected):
        try:
            taken = labelling.claim(db, selected)
        except (labels.LabelError, PermissionError) as exc:
            st.error(str(exc))
        else:
            note = f" Already claimed by someone else: {', '.join(taken)}." if taken else ""
            st.session_state["flash"] = f"Claimed {len(selected) - len(taken)} account(s).{note}"
            st.rerun()
    if can_claim and a[2].button("Release my claims", disabled=not selected):
        n = labelling.release(db, selected)
        st.session_state["flash"] = f"Released {n} claim(s)."
        st.rerun()
    labelling.label_form(db, selected, key="queue_label")
