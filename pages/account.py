"""Account: the evidence for one account, and its label."""

import streamlit as st

from analysis import dashboard
from ui import access, labelling, shared

PAGE_SIZE = 25


@st.cache_data(ttl=shared.TTL, max_entries=shared.ENTRIES)
def load(db: str, version: tuple, account: str) -> dict | None:
    cur = shared.cursor(db)
    summary = dashboard.account_summary(cur, account)
    if summary is None:
        return None
    return {
        "summary": summary,
        "daily": dashboard.account_daily(cur, account),
        "heatmap": dashboard.account_heatmap(cur, account),
        "releases": dashboard.releases(cur),
        "links": dashboard.account_links(cur, account),
        "campaigns": dashboard.account_campaign_mix(cur, account),
        "signals": dashboard.account_signal_row(cur, account),
        "history": dashboard.label_history(cur, account),
    }


@st.cache_data(ttl=shared.TTL, max_entries=shared.ENTRIES)
def population(db: str, version: tuple, signal: str):
    return dashboard.signal_values(shared.cursor(db), signal)


@st.cache_data(ttl=shared.TTL, max_entries=shared.ENTRIES)
def requests_page(db: str, version: tuple, account: str, search: str, page: int):
    return dashboard.account_requests(
        shared.cursor(db), account, search or None, PAGE_SIZE, page * PAGE_SIZE
    )


st.title("Account")
db = shared.database()
if db:
    typed = st.text_input(
        "Account id", value=access.shown_account(st.session_state.get("account", "")),
        max_chars=300,
    ).strip()  # fmt: skip
    account = shared.real_account(db, typed)
    version = shared.version(db)
    d = load(db, version, account) if account else None
    if not account:
        st.info("Enter an account id, or open one from the triage queue.")
    elif d is None:
        st.warning("No account with that id in this database.")
    else:
        st.session_state["account"] = account
        s = d["summary"]
        cols = st.columns(6)
        cols[0].metric("Level", s["risk_level"] or "unscored")
        cols[1].metric("Risk", "-" if s["risk_score"] is None else f"{s['risk_score']:.2f}")
        cols[2].metric("Own score", "-" if s["own_score"] is None else f"{s['own_score']:.2f}")
        cols[3].metric("Requests", f"{s['requests']:,}")
        cols[4].metric("Tier", s["tier"] or "-")
        cols[5].metric("Network", s["network_id"] or "-")
        if s["network_id"] and st.button("Open network"):
            shared.open_network(s["network_id"])
        st.subheader("Why")
        reasons = list(s["reasons"]) if s["reasons"] is not None else []
        st.text("\n".join(f"- {r}" for r in reasons) or "No signal stands out.")
        left, right = st.columns(2)
        left.plotly_chart(
            dashboard.plots.account_daily_figure(d["daily"], d["releases"]), width="stretch"
        )
        right.plotly_chart(dashboard.plots.heatmap_figure(d["heatmap"]), width="stretch")
        st.subheader("Signals against the population (red: this account)")
        cols = st.columns(3)
        scored = [(n, log) for n, log in dashboard.scored_signals() if n in d["signals"]]
        for i, (name, log) in enumerate(scored):
            fig = dashboard.plots.signal_figure(
                population(db, version, name), d["signals"][name], name, log
            )
            cols[i % 3].plotly_chart(fig, width="stretch", key=f"sig_{name}")
        st.subheader(f"Linked accounts ({len(d['links'])})")
        linked = shared.picked(d["links"], "links", "linked_account")
        if linked is not None:
            shared.open_account(linked)
        st.subheader("Campaign mix")
        st.dataframe(access.present(d["campaigns"]), hide_index=True, width="stretch")
        st.subheader("Prompts and responses")
        c = st.columns([3, 1])
        search = c[0].text_input("Search text", max_chars=200, key="req_search")
        page = c[1].number_input("Page", min_value=1, value=1, step=1, key="req_page") - 1
        rows, total = requests_page(db, version, account, search.strip(), int(page))
        st.caption(f"{total:,} requests match; showing {len(rows)} (page {page + 1})")
        st.dataframe(access.present(rows), hide_index=True, width="stretch")
        st.subheader("Label")
        if not access.can("label"):
            st.caption(f"The {access.role()} role cannot label.")
        labelling.label_form(db, [account], key="account_label")
        st.dataframe(access.present(d["history"]), hide_index=True, width="stretch")
