"""Traffic planners of the extraction campaigns: cot, sweep, rubric, plain, hydra, reseller."""

from __future__ import annotations

import numpy as np

from analysis.synth import prompts as T
from analysis.synth import template_banks as B
from analysis.synth.accounts import GEO, GEO_WEIGHTS, HOSTING_ASNS, Account
from analysis.synth.evasion import (
    EVASIVE,
    PARAPHRASED,
    humanize,
    knobs,
    mix_kinds,
    paraphrase_flags,
    rotate,
)
from analysis.synth.languages import LANGS
from analysis.synth.world import (
    CAMPAIGN,
    COT_BATCH,
    COT_PER_ACCOUNT_DAY,
    DAY,
    EVERYDAY_HOURS,
    HOUR,
    HYDRA_PER_ACCOUNT_DAY,
    HYDRA_PER_ACCOUNT_HOUR,
    HYDRA_SHIFT_HOURS,
    M_MAIN,
    NETWORK,
    P429,
    PLAIN_BATCH,
    PLAIN_PER_ACCOUNT_DAY,
    RESELLER_BATCH,
    RESELLER_CUSTOMER_DAY,
    RESELLER_HARVEST_DAY,
    RUBRIC_BATCH,
    RUBRIC_PER_ACCOUNT_DAY,
    SWEEP_BATCH,
    SWEEP_PER_ACCOUNT_DAY,
    SWEEP_SURGE,
    World,
    batch_times,
    lognormal_tokens,
    models_for,
    pick,
    session_rows,
    slots,
)

# ---------------------------------------------------------------------------
# extraction actors
# ---------------------------------------------------------------------------


def _actor_accounts(
    rng: np.random.Generator,
    world: World,
    pop: str,
    n: int,
    *,
    asns: tuple[int, ...],
    n_blocks: int,
    user_agent: str,
    tier: tuple[str, ...],
    created_span: tuple[float, float],
    n_cards: int,
    country: str,
    n_keys: int = 1,
) -> list[Account]:
    """Create the accounts of one multi-account actor sharing infrastructure."""
    reg = world.registry
    blocks = []
    for _ in range(n_blocks):
        asn = pick(rng, asns)
        blocks.append((reg.book.block24(asn), asn))
    cards = [reg.new_id("pf_", 10) for _ in range(max(1, n_cards))]
    base = reg.days_before(*created_span)
    network = NETWORK[pop] if n > 1 else ""
    ev = knobs(world.evasion)
    used_uas = {user_agent}
    out = []
    for i in range(n):
        block, asn = blocks[int(rng.integers(0, len(blocks)))]
        card = cards[i * len(cards) // n]
        (block, asn), ua, card = rotate(
            rng, world, ev, (block, asn), asns, user_agent, card, used_uas
        )
        ips = [(f"{block}.{int(rng.integers(2, 250))}", asn)]
        if rng.random() < 0.3:
            ips.append((f"{block}.{int(rng.integers(2, 250))}", asn))
        out.append(
            reg.add(
                pop,
                "extraction",
                campaign_id=CAMPAIGN[pop],
                network_id=network,
                created_ms=base + int(rng.uniform(0, 36) * HOUR * 1000),
                tier=pick(rng, tier),
                country=country,
                tz=0.0,
                lang="en",
                user_agent=ua,
                payment=card,
                n_keys=n_keys,
                ips=ips,
            )
        )
    return out


def _harvest_rows(
    rng: np.random.Generator,
    world: World,
    acct: Account,
    pop: str,
    t: np.ndarray,
    kinds: dict[int, float],
    *,
    model: np.ndarray,
    max_tokens: int,
    ctok_median: float,
    temperature: float,
    sys: int = -1,
    p_sys: float = 0.0,
    endpoint: int = 0,
    p_foreign: float = 0.0,
) -> None:
    """Add scripted harvesting rows for one account at the given times."""
    m = len(t)
    if m == 0:
        return
    ev = knobs(world.evasion)
    evade = ev.on and pop in EVASIVE
    if evade:
        t, model = humanize(rng, world, ev, t, acct.country, model)
    kind = rng.choice(np.array(list(kinds)), m, p=np.array(list(kinds.values())))
    if evade:
        kind = mix_kinds(rng, ev, kind, T.KIND_EVERYDAY)
    lang = np.where(rng.random(m) < p_foreign, rng.integers(1, 5, m), 0)
    lang = np.where((kind == T.KIND_COT) | (kind == T.KIND_EVERYDAY), lang, 0)
    ipslot, keyslot = slots(rng, acct, m)
    ctok = lognormal_tokens(rng, m, ctok_median, 0.45, max_tokens)
    ctok = np.where(kind == T.KIND_EVERYDAY, np.minimum(ctok, rng.integers(150, 700, m)), ctok)
    para = paraphrase_flags(world.paraphrase_rng, ev, kind) if pop in PARAPHRASED else 0
    world.plan.add(
        m,
        t=t,
        acct=acct.idx,
        kind=kind,
        p1=rng.integers(0, T.N_TOPICS, m),
        p2=rng.integers(0, 2**40, m),
        lang=lang,
        model=model,
        endpoint=endpoint,
        sys=np.where(rng.random(m) < p_sys, sys, -1),
        max_tokens=max_tokens,
        temperature=temperature,
        ctok=ctok,
        p429=P429[pop],
        ipslot=ipslot,
        keyslot=keyslot,
        pop=world.pop_codes[pop],
        para=para,
    )


def plan_cot(rng: np.random.Generator, world: World, n: int) -> None:
    """Reasoning harvest: a handful of accounts asking for full reasoning at machine pace."""
    accts = _actor_accounts(
        rng, world, "cot_harvest", n, asns=(16509,), n_blocks=2,
        user_agent="aster-sdk-python/2.1.0 (CPython 3.10.12; Linux)", tier=("pro", "startup"),
        created_span=(12, 40), n_cards=2, country="US", n_keys=2,
    )  # fmt: skip
    ev = knobs(world.evasion)
    for acct in accts:
        per_day = COT_PER_ACCOUNT_DAY * rng.uniform(0.7, 1.3) / ev.account_factor
        t = batch_times(rng, per_day * world.days, 0, world.span, rng.uniform(4, 12), COT_BATCH)
        switch = world.release_s + rng.uniform(12, 36) * HOUR
        model = models_for(rng, t, M_MAIN, switch, 0.7)
        _harvest_rows(
            rng, world, acct, "cot_harvest", t, {T.KIND_COT: 1.0}, model=model,
            max_tokens=pick(rng, (8192, 16000, 32000)), ctok_median=1500.0,
            temperature=pick(rng, (0.7, 1.0)), sys=B.SYS_TUTOR, p_sys=0.2,
            p_foreign=T.P_COT_FOREIGN,
        )  # fmt: skip


def plan_sweep(rng: np.random.Generator, world: World, n: int) -> None:
    """Capability sweep: systematic code and tool-use coverage; jumps to the new model."""
    accts = _actor_accounts(
        rng, world, "capability_sweep", n, asns=(15169, 396982), n_blocks=1,
        user_agent="aiohttp/3.9.5", tier=("startup",), created_span=(20, 60), n_cards=1,
        country="SG",
    )  # fmt: skip
    ev = knobs(world.evasion)
    rel = world.release_s
    base = int(rng.integers(0, 10_000))  # where the actor's coverage starts
    for j, acct in enumerate(accts):
        per_day = SWEEP_PER_ACCOUNT_DAY * rng.uniform(0.7, 1.3) / ev.account_factor
        cadence = rng.uniform(3, 9)
        surge_end = min(rel + DAY, world.span)
        phases = (  # (requests, from, to): steady before, a surge right after, busier later
            (per_day * rel / DAY, 0.0, rel),
            (per_day * SWEEP_SURGE, rel, surge_end),
            (per_day * 1.4 * (world.span - surge_end) / DAY, surge_end, world.span),
        )
        t = np.concatenate(
            [batch_times(rng, n_req, t0, t1, cadence, SWEEP_BATCH) for n_req, t0, t1 in phases]
        )
        t = np.sort(t[t < world.span])
        if ev.on:
            t, _ = humanize(rng, world, ev, t, acct.country)
        switch = rel + rng.uniform(0.5, 3.0) * HOUR
        model = models_for(rng, t, M_MAIN, switch, 0.97)
        m = len(t)
        if m == 0:
            continue
        kind = mix_kinds(rng, ev, np.full(m, T.KIND_SWEEP, dtype=np.int8), T.KIND_EVERYDAY)
        topic = rng.integers(0, T.N_TOPICS, m) if ev.on else 0
        ipslot, keyslot = slots(rng, acct, m)
        max_tok = 4096
        world.plan.add(
            m,
            t=t,
            acct=acct.idx,
            kind=kind,
            p1=topic,
            p2=base + j + len(accts) * np.arange(m),  # accounts interleave one coverage
            model=model,
            endpoint=1,
            sys=np.where(rng.random(m) < 0.3, B.SYS_ENGINEER, -1),
            max_tokens=max_tok,
            temperature=pick(rng, (0.2, 0.5, 0.7)),
            ctok=lognormal_tokens(rng, m, 900.0, 0.5, max_tok),
            p429=np.where((t > rel) & (t < rel + DAY), 0.06, P429["capability_sweep"]),
            ipslot=ipslot,
            keyslot=keyslot,
            pop=world.pop_codes["capability_sweep"],
            para=paraphrase_flags(world.paraphrase_rng, ev, kind),
        )


def plan_rubric(rng: np.random.Generator, world: World, n: int) -> None:
    """Grading harvest: many items scored against rubrics."""
    accts = _actor_accounts(
        rng, world, "rubric_harvest", n, asns=(14061,), n_blocks=1,
        user_agent="aster-sdk-node/2.2.0 (node v20.11.0)", tier=("pro",), created_span=(5, 30),
        n_cards=1, country="GB",
    )  # fmt: skip
    ev = knobs(world.evasion)
    for acct in accts:
        per_day = RUBRIC_PER_ACCOUNT_DAY * rng.uniform(0.7, 1.3) / ev.account_factor
        t = batch_times(rng, per_day * world.days, 0, world.span, rng.uniform(5, 15), RUBRIC_BATCH)
        model = models_for(rng, t, M_MAIN, world.release_s + DAY, 0.4)
        _harvest_rows(
            rng, world, acct, "rubric_harvest", t, {T.KIND_RUBRIC: 1.0}, model=model,
            max_tokens=2048, ctok_median=500.0, temperature=0.3,
        )  # fmt: skip


def plan_plain(rng: np.random.Generator, world: World, n: int) -> None:
    """Plain harvest: everyday questions at machine pace, round the clock."""
    accts = _actor_accounts(
        rng, world, "plain_harvest", n, asns=(24940,), n_blocks=1,
        user_agent="Go-http-client/2.0", tier=("pro",), created_span=(3, 20), n_cards=1,
        country="DE",
    )  # fmt: skip
    ev = knobs(world.evasion)
    for acct in accts:
        per_day = PLAIN_PER_ACCOUNT_DAY * rng.uniform(0.7, 1.3) / ev.account_factor
        t = batch_times(rng, per_day * world.days, 0, world.span, rng.uniform(2, 6), PLAIN_BATCH)
        model = models_for(rng, t, M_MAIN, world.release_s + 2 * DAY, 0.5)
        _harvest_rows(
            rng, world, acct, "plain_harvest", t, {T.KIND_EVERYDAY: 1.0}, model=model,
            max_tokens=2048, ctok_median=300.0, temperature=1.0, p_foreign=0.05,
        )  # fmt: skip


def plan_hydra(rng: np.random.Generator, world: World, n: int) -> None:
    """Hydra: many small accounts taking turns on a fixed cadence from shared infrastructure."""
    reg = world.registry
    blocks = []
    for _ in range(int(rng.integers(3, 5))):
        asn = pick(rng, HOSTING_ASNS)
        blocks.append((reg.book.block24(asn), asn, pick(rng, ("DE", "FR", "NL", "US"))))
    cards = [reg.new_id("pf_", 10) for _ in range(max(1, n // 7))]
    base = reg.days_before(5, 25)
    ev = knobs(world.evasion)
    ua = "python-httpx/0.27.2"
    used_uas = {ua}
    accts = []
    for _ in range(n):
        block, asn, country = blocks[int(rng.integers(0, len(blocks)))]
        (block, asn), user_agent, own_card = rotate(
            rng, world, ev, (block, asn), (asn,), ua, "", used_uas
        )
        ips = [(f"{block}.{int(rng.integers(2, 250))}", asn)]
        if rng.random() < 0.3:
            ips.append((f"{block}.{int(rng.integers(2, 250))}", asn))
        accts.append(
            reg.add(
                "hydra",
                "extraction",
                campaign_id=CAMPAIGN["hydra"],
                network_id=NETWORK["hydra"],
                created_ms=base + int(rng.uniform(0, 36) * HOUR * 1000),
                tier=pick(rng, ("free", "pro"), (0.7, 0.3)),
                country=country,
                tz=0.0,
                lang="en",
                user_agent=user_agent,
                payment=own_card or cards[int(rng.integers(0, len(cards)))],
                ips=ips,
            )
        )
    period = DAY / (n * HYDRA_PER_ACCOUNT_DAY / ev.account_factor)
    group = int(min(n, max(3, round(HOUR / (period * HYDRA_PER_ACCOUNT_HOUR)))))
    order = rng.permutation(n)
    cohorts = [order[i : i + group] for i in range(0, n, group)]
    k = np.arange(int(world.span / period))
    nominal = k * period + rng.uniform(0, period)
    shift = (nominal // (HYDRA_SHIFT_HOURS * HOUR)).astype(int) % len(cohorts)
    sizes = np.array([len(c) for c in cohorts])
    table = np.full((len(cohorts), group), -1)
    for i, c in enumerate(cohorts):
        table[i, : len(c)] = c
    member = table[shift, k % sizes[shift]]
    t = nominal + rng.normal(0, 0.04 * period, len(k))
    keep = (t >= 0) & (t < world.span)
    for _ in range(int(rng.integers(2, 5))):  # operator outages
        o = rng.uniform(0, world.span)
        keep &= ~((t > o) & (t < o + rng.uniform(2, 8) * HOUR))
    t, member = t[keep], member[keep]
    model_all = models_for(rng, t, M_MAIN, world.release_s + rng.uniform(6, 30) * HOUR, 0.4)
    for j, acct in enumerate(accts):
        sel = member == j
        _harvest_rows(
            rng, world, acct, "hydra", t[sel], {T.KIND_EVERYDAY: 0.55, T.KIND_COT: 0.45},
            model=model_all[sel], max_tokens=4096, ctok_median=900.0, temperature=1.0,
            p_foreign=0.04,
        )  # fmt: skip


def plan_reseller(rng: np.random.Generator, world: World, n: int) -> None:
    """Reseller: genuine-looking customer traffic from many time zones mixed with bulk harvest."""
    asns = (16276,)
    accts = _actor_accounts(
        rng, world, "reseller", n, asns=asns, n_blocks=1, user_agent="okhttp/4.12.0",
        tier=("enterprise", "startup"), created_span=(100, 300), n_cards=1, country="SG",
        n_keys=4,
    )  # fmt: skip
    global_load = np.zeros(world.days * 24)
    for g, w in zip(GEO, GEO_WEIGHTS, strict=True):
        global_load += w * world.hour_grid(EVERYDAY_HOURS, g[1])
    for acct in accts:
        # customers: many short conversations, many languages, global rhythm
        per_day = RESELLER_CUSTOMER_DAY * rng.uniform(0.7, 1.3)
        n_sess = int(per_day * world.days / 2.2)
        t, conv, turn = session_rows(rng, global_load, n_sess, 2.2, 60.0, 0.5, world.span)
        m = len(t)
        n_conv = int(conv.max()) + 1 if m else 0
        conv_lang = np.where(rng.random(n_conv) < 0.25, rng.integers(1, len(LANGS), n_conv), 0)
        ipslot, keyslot = slots(rng, acct, m)
        switch = world.release_s + rng.uniform(18, 40) * HOUR
        world.plan.add(
            m,
            t=t,
            acct=acct.idx,
            kind=T.KIND_EVERYDAY,
            p1=rng.integers(0, T.N_TOPICS, n_conv)[conv] if m else 0,
            lang=conv_lang[conv] if m else 0,
            conv=conv,
            turn=turn,
            model=models_for(rng, t, M_MAIN, switch, 0.8),
            max_tokens=2048,
            temperature=0.7,
            ctok=lognormal_tokens(rng, m, 260.0, 0.7, 2048),
            p429=P429["reseller"],
            ipslot=ipslot,
            keyslot=keyslot,
            pop=world.pop_codes["reseller"],
        )
        # harvesting: bulk reasoning and grading prompts at machine pace
        per_day = RESELLER_HARVEST_DAY * rng.uniform(0.7, 1.3)
        t = batch_times(rng, per_day * world.days, 0, world.span, rng.uniform(3, 8), RESELLER_BATCH)
        _harvest_rows(
            rng, world, acct, "reseller", t, {T.KIND_COT: 0.6, T.KIND_RUBRIC: 0.4},
            model=models_for(rng, t, M_MAIN, switch, 0.8), max_tokens=8192,
            ctok_median=1200.0, temperature=0.7, p_foreign=0.05,
        )  # fmt: skip
