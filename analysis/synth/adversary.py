"""Planners of the campaigns present only in adversary mode (evasion > 0): grading, low-and-slow."""

from __future__ import annotations

import numpy as np

from analysis.synth import prompts as T
from analysis.synth.campaigns import _actor_accounts, _harvest_rows
from analysis.synth.evasion import (
    ACTOR_TZ,
    GRADING_PER_DAY,
    LOWSLOW_REQUESTS,
    grid_times,
    own_user_agent,
)
from analysis.synth.grading_text import N_GRADE_TEMPLATES
from analysis.synth.world import (
    CAMPAIGN,
    DAY,
    EVERYDAY_HOURS,
    M_MAIN,
    NETWORK,
    P429,
    WORK_HOURS,
    WORK_WEEK,
    World,
    lognormal_tokens,
    models_for,
    pick,
    poisson_hours,
    slots,
)


def plan_grading(rng: np.random.Generator, world: World, n: int) -> None:
    """Grading harvest (C-grade): a few accounts filling one or two fixed judging templates.

    Daytime working-hour rhythm, tens of requests a day each, temperature 0, small max_tokens,
    short JSON verdicts.
    """
    pop = "grading_harvest"
    accts = _actor_accounts(
        rng, world, pop, n, asns=(16509, 8075), n_blocks=2,
        user_agent="aster-sdk-python/2.4.1 (CPython 3.11.9; Darwin)", tier=("pro", "startup"),
        created_span=(10, 60), n_cards=2, country="US",
    )  # fmt: skip
    chosen = rng.choice(N_GRADE_TEMPLATES, 2, replace=False)
    grid = world.hour_grid(WORK_HOURS, ACTOR_TZ["US"], week=WORK_WEEK)
    shape = grid / grid.mean()
    for acct in accts:
        templates = chosen if rng.random() < 0.5 else chosen[int(rng.integers(0, 2))][None]
        per_day = rng.uniform(*GRADING_PER_DAY)
        t = poisson_hours(rng, shape * per_day / 24.0)
        m = len(t)
        if m == 0:
            continue
        max_tok = pick(rng, (128, 200, 256))
        ipslot, keyslot = slots(rng, acct, m)
        world.plan.add(
            m,
            t=t,
            acct=acct.idx,
            kind=T.KIND_GRADE,
            p1=templates[rng.integers(0, len(templates), m)],
            p2=rng.integers(0, 2**40, m),
            model=models_for(rng, t, M_MAIN, world.release_s + 2 * DAY, 0.5),
            endpoint=pick(rng, (0, 1)),
            max_tokens=max_tok,
            temperature=0.0,
            ctok=lognormal_tokens(rng, m, 40.0, 0.3, max_tok),
            p429=P429[pop],
            ipslot=ipslot,
            keyslot=keyslot,
            pop=world.pop_codes[pop],
        )


def plan_lowslow(rng: np.random.Generator, world: World, n: int) -> None:
    """Low-and-slow reasoning harvest (C-lowslow): dozens of new free accounts, 30-70 asks each.

    Each account looks like a person: its own residential addresses (rotating between two to
    four lines), its own user agent, human daily rhythm in its country's time zone. Payment
    fingerprints are shared by pairs of accounts; the asks are chain-of-thought requests
    wrapped around changing questions.
    """
    pop = "lowslow_cot"
    reg = world.registry
    cards = [reg.new_id("pf_", 10) for _ in range((n + 1) // 2)]
    used_uas: set[str] = set()
    for i in range(n):
        country, tz, _, res, mobile = reg.geo()
        lines = res + mobile
        ips = []
        for _ in range(int(rng.integers(2, 5))):
            asn = lines[int(rng.integers(0, len(lines)))]
            ips.append((reg.book.ipv4(asn), asn))
        acct = reg.add(
            pop,
            "extraction",
            campaign_id=CAMPAIGN[pop],
            network_id=NETWORK[pop],
            created_ms=reg.days_before(0.2, 4.0),
            tier="free",
            country=country,
            tz=tz,
            lang="en",
            user_agent=own_user_agent(rng, used_uas),
            payment=cards[i // 2],
            ips=ips,
        )
        count = int(rng.integers(LOWSLOW_REQUESTS[0], LOWSLOW_REQUESTS[1] + 1))
        t = grid_times(rng, world.hour_grid(EVERYDAY_HOURS, tz), count)
        model = models_for(rng, t, M_MAIN, world.release_s + rng.uniform(1, 3) * DAY, 0.6)
        _harvest_rows(
            rng, world, acct, pop, t, {T.KIND_COT: 1.0}, model=model,
            max_tokens=pick(rng, (4096, 8192)), ctok_median=1200.0,
            temperature=pick(rng, (0.7, 1.0)), p_foreign=T.P_COT_FOREIGN,
        )  # fmt: skip
