"""Traffic planners of the benign populations: people, offices, product backends, researchers."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from analysis.synth import prompts as T
from analysis.synth import template_banks as B
from analysis.synth.accounts import ACADEMIC_ASNS, CLOUD_ASNS, TOOL_UAS, Account, human_ua, sdk_ua
from analysis.synth.world import (
    BACKEND_NIGHTLY_SHARE,
    BACKEND_PER_DAY,
    BACKEND_REPEAT_SHARE,
    BACKEND_WEEK,
    BUSINESS_LOAD,
    DAY,
    DEADLINE_BOOST,
    EVERYDAY_HOURS,
    HOUR,
    LANG_INDEX,
    M_MAIN,
    M_MINI,
    M_NEW,
    M_OLD,
    OFFICE_WEEK,
    P429,
    P_NEW_ACCOUNT,
    P_RESEARCH_RERUN,
    P_RESEARCH_RERUN_SECOND,
    RESEARCH_EXTRA_RUN,
    RESEARCH_RUN_SIZE,
    STUDENT_HOURS,
    STUDENT_WEEK,
    WORK_HOURS,
    WORK_WEEK,
    World,
    lognormal_tokens,
    models_for,
    person_model,
    pick,
    poisson_hours,
    session_rows,
    slots,
)

# ---------------------------------------------------------------------------
# people: everyday users, students, developers, offices
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Habits:
    """How a kind of person uses the API: sessions, conversations, topics, model choice."""

    sessions_per_day: float  # median (lognormal across people, sigma 0.8)
    session_len: float  # mean requests per session (geometric)
    gap_median: float  # seconds between requests within a session (lognormal)
    p_continue: float  # chance the next request continues the same conversation
    kinds: tuple[tuple[int, float], ...]  # (text kind, share of conversations)
    ctok_median: float  # completion tokens
    adopt_delay_days: float  # mean delay before switching to a newly released model
    p_adopt: float  # chance of switching at all within the window


# Values chosen so an everyday user sends about 15 requests in 14 days, a student about
# 17, a developer about 35; adoption of a new model is slow except for developers.
EVERYDAY = Habits(
    0.35, 2.2, 70.0, 0.5,
    ((T.KIND_EVERYDAY, 0.93), (T.KIND_STUDENT, 0.04), (T.KIND_DEV, 0.03)), 260.0, 3.0, 0.4,
)  # fmt: skip
STUDENT = Habits(
    0.3, 3.0, 90.0, 0.6, ((T.KIND_STUDENT, 0.8), (T.KIND_EVERYDAY, 0.2)), 450.0, 3.0, 0.3
)
DEVELOPER = Habits(
    0.5, 4.0, 150.0, 0.55, ((T.KIND_DEV, 0.85), (T.KIND_EVERYDAY, 0.15)), 500.0, 1.2, 0.7
)
OFFICE_WORKER = Habits(0.4, 2.0, 80.0, 0.45, ((T.KIND_EVERYDAY, 1.0),), 280.0, 3.0, 0.4)
OFFICE_DEVELOPER = Habits(
    0.5, 4.0, 150.0, 0.55, ((T.KIND_DEV, 0.8), (T.KIND_EVERYDAY, 0.2)), 500.0, 1.5, 0.6
)
RESEARCHER_BY_HAND = Habits(
    0.15, 2.0, 90.0, 0.3, ((T.KIND_DEV, 0.7), (T.KIND_EVERYDAY, 0.3)), 300.0, 1.0, 0.9
)


def _person_rows(
    rng: np.random.Generator,
    world: World,
    acct: Account,
    pop: str,
    grid: np.ndarray,
    habits: Habits,
) -> None:
    """Plan one person's sessions and add them to the plan."""
    active_days = max(grid.astype(bool).sum() / 24.0, 0.5)
    rate = rng.lognormal(math.log(habits.sessions_per_day), 0.8)
    n_sess = max(1, int(rng.poisson(min(rate, 4.0) * active_days)))
    t, conv, turn = session_rows(
        rng, grid, n_sess, habits.session_len, habits.gap_median, habits.p_continue, world.span
    )
    if len(t) == 0:
        t, conv, turn = np.array([world.span * 0.5]), np.array([0]), np.array([0])
    n = len(t)
    n_conv = int(conv.max()) + 1
    kinds = np.array([k for k, _ in habits.kinds])
    conv_kind = rng.choice(kinds, n_conv, p=np.array([s for _, s in habits.kinds]))
    favourites = rng.choice(T.N_TOPICS, 4, replace=False)
    conv_topic = np.where(
        rng.random(n_conv) < 0.7,
        favourites[rng.integers(0, 4, n_conv)],
        rng.integers(0, T.N_TOPICS, n_conv),
    )
    subjects = rng.choice(T.N_STUDENT_SUBJECTS, 3, replace=False)
    conv_subject = subjects[rng.integers(0, 3, n_conv)]
    main_lang = int(rng.integers(0, T.N_CODE_LANGS)) if rng.random() < 0.5 else 0
    conv_code = np.where(
        rng.random(n_conv) < 0.8, main_lang, rng.integers(0, T.N_CODE_LANGS, n_conv)
    )
    kind = conv_kind[conv]
    p1 = np.where(
        kind == T.KIND_STUDENT,
        conv_subject[conv],
        np.where(kind == T.KIND_DEV, conv_code[conv], conv_topic[conv]),
    )
    native = LANG_INDEX[acct.lang]
    conv_lang = np.where(rng.random(n_conv) < 0.85, native, 0)
    lang = np.where(kind == T.KIND_EVERYDAY, conv_lang[conv], 0)
    base, adopt_at, share = person_model(rng, world, habits.adopt_delay_days, habits.p_adopt)
    model = models_for(rng, t, base, adopt_at, share)
    older = (model != M_NEW) & (rng.random(n) < 0.08)
    model[older] = rng.integers(0, 3, int(older.sum()))
    max_tok = pick(rng, (1024, 2048, 4096, 8192), (0.25, 0.35, 0.3, 0.1))
    temp = pick(rng, (1.0, 0.7, 0.5, 0.8, 0.2), (0.55, 0.25, 0.08, 0.07, 0.05))
    top_p = 1.0 if rng.random() < 0.9 else 0.95
    endpoint = pick(rng, (0, 1), (0.8, 0.2))
    sys_choice = pick(rng, (B.SYS_HELPFUL, B.SYS_NOTES, B.SYS_CODING), (0.5, 0.3, 0.2))
    sys = np.where(rng.random(n) < 0.05, sys_choice, -1)
    if pop == "student":
        sys = np.where(rng.random(n) < 0.04, B.SYS_MATHS, sys)
    ipslot, keyslot = slots(rng, acct, n)
    world.plan.add(
        n,
        t=t,
        acct=acct.idx,
        kind=kind,
        p1=p1,
        lang=lang,
        conv=conv,
        turn=turn,
        model=model,
        endpoint=endpoint,
        sys=sys,
        max_tokens=max_tok,
        temperature=temp,
        top_p=top_p,
        ctok=lognormal_tokens(rng, n, habits.ctok_median, 0.7, max_tok),
        p429=P429[pop],
        ipslot=ipslot,
        keyslot=keyslot,
        pop=world.pop_codes[pop],
    )


def plan_everyday(rng: np.random.Generator, world: World, n: int) -> None:
    """Create everyday users and plan their traffic."""
    reg = world.registry
    for _ in range(n):
        country, tz, native, res, mob = world.registry.geo()
        new_account = rng.random() < P_NEW_ACCOUNT
        created = (
            world.start_ms + int(rng.uniform(0, 0.8) * world.span * 1000)
            if new_account
            else reg.days_before(1, 900)
        )
        ips, w = reg.home_ips(res, mob, p_v6=0.05)
        acct = reg.add(
            "everyday",
            "benign",
            created_ms=created,
            tier=pick(rng, ("free", "pro"), (0.72, 0.28)),
            country=country,
            tz=tz,
            lang=reg.person_lang(native),
            user_agent=human_ua(rng, 0.6, 0.3),
            ips=ips,
            ip_weights=w,
        )
        not_before = max(0.0, (created - world.start_ms) / 1000.0 + 600)
        weekend = rng.uniform(0.6, 1.3)
        grid = world.hour_grid(EVERYDAY_HOURS, tz, weekend=weekend, not_before=not_before)
        _person_rows(rng, world, acct, "everyday", grid, EVERYDAY)


def plan_students(rng: np.random.Generator, world: World, n: int) -> None:
    """Create students and plan their term-time, evening, deadline-driven traffic."""
    reg = world.registry
    for _ in range(n):
        country, tz, native, res, mob = world.registry.geo()
        ips, w = reg.home_ips(res, mob, p_v6=0.04)
        if rng.random() < 0.3:  # campus network
            asn = pick(rng, ACADEMIC_ASNS)
            ips = [(reg.book.ipv4(asn), asn), *ips]
            w = [1.0, *w]
        acct = reg.add(
            "student",
            "benign",
            created_ms=reg.days_before(5, 500),
            tier=pick(rng, ("edu", "free", "pro"), (0.55, 0.35, 0.1)),
            country=country,
            tz=tz,
            lang=reg.person_lang(native),
            user_agent=human_ua(rng, 0.7, 0.1),
            ips=ips,
            ip_weights=w,
        )
        grid = world.hour_grid(STUDENT_HOURS, tz, week=STUDENT_WEEK)
        for _d in range(int(rng.integers(1, 4))):
            deadline = int(rng.uniform(0, world.span) / HOUR)
            grid[max(0, deadline - 36) : deadline] *= DEADLINE_BOOST
        _person_rows(rng, world, acct, "student", grid, STUDENT)


def plan_developers(rng: np.random.Generator, world: World, n: int) -> None:
    """Create developers and plan their working-hours coding questions."""
    reg = world.registry
    for _ in range(n):
        country, tz, _native, res, mob = world.registry.geo()
        ips, w = reg.home_ips(res, mob, p_v6=0.08)
        if rng.random() < 0.3:  # also calls from a cloud dev box
            asn = pick(rng, CLOUD_ASNS)
            ips.append((reg.book.ipv4(asn), asn))
            w = [*w, 0.3]
        u = rng.random()
        ua = sdk_ua(rng) if u < 0.5 else pick(rng, TOOL_UAS) if u < 0.85 else human_ua(rng, 1, 0)
        acct = reg.add(
            "developer",
            "power_user",
            created_ms=reg.days_before(10, 800),
            tier=pick(rng, ("pro", "free", "startup", "enterprise"), (0.5, 0.25, 0.15, 0.1)),
            country=country,
            tz=tz,
            lang="en",
            user_agent=ua,
            n_keys=int(rng.integers(1, 4)),
            ips=ips,
            ip_weights=w,
        )
        grid = world.hour_grid(WORK_HOURS, tz, week=WORK_WEEK)
        _person_rows(rng, world, acct, "developer", grid, DEVELOPER)


def office_sizes(rng: np.random.Generator, total: int) -> list[int]:
    """Return office sizes (3-15 accounts each) that add up to total (total >= 6)."""
    sizes: list[int] = []
    left = total
    while left > 0:
        s = int(rng.integers(3, 16))
        if left - s < 3:
            s = left if left <= 15 else left - 3
        sizes.append(s)
        left -= s
    if len(sizes) == 1:  # always at least two offices
        a = sizes[0] // 2
        sizes = [a, sizes[0] - a]
    return sizes


def plan_offices(rng: np.random.Generator, world: World, n: int) -> None:
    """Create offices whose independent accounts share one IP, org and card."""
    reg = world.registry
    for size in office_sizes(rng, n):
        country, tz, _native, res, _mob = world.registry.geo()
        asn = pick(rng, res)
        office_ip = reg.book.ipv4(asn)
        org = reg.new_id("org_", 6)
        card = reg.new_id("pf_", 10)
        tier = pick(rng, ("enterprise", "pro", "startup"), (0.5, 0.3, 0.2))
        for _ in range(size):
            dev_like = rng.random() < 0.3
            home_asn = pick(rng, res)
            acct = reg.add(
                "office",
                "benign",
                org_id=org,
                created_ms=reg.days_before(5, 400),
                tier=tier,
                country=country,
                tz=tz,
                lang="en",
                user_agent=sdk_ua(rng) if dev_like else human_ua(rng, 0.85, 0.05),
                payment=card,
                ips=[(office_ip, asn), (reg.book.ipv4(home_asn), home_asn)],
                ip_weights=[0.9, 0.1],
            )
            grid = world.hour_grid(WORK_HOURS, tz, week=OFFICE_WEEK)
            habits = OFFICE_DEVELOPER if dev_like else OFFICE_WORKER
            _person_rows(rng, world, acct, "office", grid, habits)


# ---------------------------------------------------------------------------
# product backends and researchers
# ---------------------------------------------------------------------------

# Per backend template: (max_tokens, completion-token median).
BACKEND_LIMITS = ((128, 40), (5, 2), (64, 14), (512, 70), (10, 2), (128, 60), (512, 70), (24, 9))


def plan_backends(rng: np.random.Generator, world: World, n: int) -> None:
    """Create templated product backends with round-the-clock business-load traffic."""
    reg = world.registry
    for _ in range(n):
        country, tz, *_ = world.registry.geo()
        asn = pick(rng, CLOUD_ASNS)
        block = reg.book.block24(asn)
        ips = [(f"{block}.{int(h)}", asn) for h in rng.integers(2, 250, int(rng.integers(1, 4)))]
        acct = reg.add(
            "backend",
            "power_user",
            created_ms=reg.days_before(60, 800),
            tier=pick(rng, ("enterprise", "startup"), (0.5, 0.5)),
            country=country,
            tz=tz,
            lang="en",
            user_agent=sdk_ua(rng, pick(rng, ("python", "node", "java", "go"))),
            n_keys=int(rng.integers(1, 4)),
            ips=ips,
        )
        templates = rng.choice(T.N_BACKEND_TEMPLATES, int(rng.integers(1, 3)), replace=False)
        per_day = rng.lognormal(math.log(BACKEND_PER_DAY), 0.6)
        rate = world.hour_grid(BUSINESS_LOAD, tz, week=BACKEND_WEEK)
        rate = rate / BUSINESS_LOAD.mean() * per_day / 24.0
        t = poisson_hours(rng, rate)
        if rng.random() < BACKEND_NIGHTLY_SHARE:  # nightly re-processing job at 02:00 local
            size = int(per_day * rng.uniform(0.2, 0.5))
            nightly = [
                d * DAY + (2 - tz) % 24 * HOUR + np.sort(rng.uniform(0, 900, size))
                for d in range(world.days)
            ]
            t = np.sort(np.concatenate([t, *nightly]))
            t = t[(t >= 0) & (t < world.span)]
        m = len(t)
        if m == 0:
            continue
        tmpl = templates[rng.integers(0, len(templates), m)]
        hot = rng.random(m) < BACKEND_REPEAT_SHARE  # retries and popular items repeat exactly
        payload = np.where(hot, rng.integers(0, 25, m), rng.integers(25, 25 + 4 * m, m))
        payload = payload + acct.idx * 100_000_007
        limits = np.array(BACKEND_LIMITS)[tmpl]
        base = pick(rng, (M_MINI, M_MAIN), (0.6, 0.4))
        adopt = world.release_s + rng.uniform(2, 5) * DAY if rng.random() < 0.15 else math.inf
        ipslot, keyslot = slots(rng, acct, m)
        world.plan.add(
            m,
            t=t,
            acct=acct.idx,
            kind=T.KIND_BACKEND,
            p1=tmpl,
            p2=payload,
            model=models_for(rng, t, base, adopt, 1.0),
            endpoint=pick(rng, (0, 2), (0.8, 0.2)),
            sys=tmpl,
            max_tokens=limits[:, 0],
            temperature=pick(rng, (0.0, 0.1, 0.2, 0.3)),
            ctok=np.minimum(
                np.maximum(1, rng.lognormal(np.log(limits[:, 1]), 0.3)), limits[:, 0]
            ).astype(np.int32),
            p429=P429["backend"],
            ipslot=ipslot,
            keyslot=keyslot,
            pop=world.pop_codes["backend"],
        )


def _eval_run(
    rng: np.random.Generator, world: World, acct: Account, suite: tuple, start: float,
    model: int,
) -> None:  # fmt: skip
    """Plan one evaluation run: every item of a suite over an hour or two."""
    kind, fmt, size, seed = suite
    duration = rng.uniform(1.0, 2.0) * HOUR
    t = start + np.sort(rng.uniform(0, duration, size))
    keep = t < world.span
    t = t[keep]
    items = (seed + np.arange(size))[keep]
    m = len(t)
    if m == 0:
        return
    logprobs = kind == 0 and rng.random() < 0.4
    n_samples = 5 if kind == 1 and rng.random() < 0.2 else 1
    max_tok, ctok_median = ((5, 1), (512, 160), (64, 20), (512, 110))[kind]
    ctok = lognormal_tokens(rng, m, ctok_median, 0.4, max_tok) * n_samples
    ipslot, keyslot = slots(rng, acct, m)
    world.plan.add(
        m,
        t=t,
        acct=acct.idx,
        kind=T.KIND_BENCH,
        p1=kind * T.N_BENCH_FORMATS + fmt,
        p2=items,
        model=model,
        endpoint=2 if (kind == 3 and fmt % 2 == 0) else 0,
        sys=B.SYS_LETTER if (kind == 0 and fmt == 3) else -1,
        max_tokens=max_tok,
        temperature=0.0 if n_samples == 1 else 0.6,
        n=n_samples,
        logprobs=logprobs,
        ctok=ctok,
        p429=P429["researcher"],
        ipslot=ipslot,
        keyslot=keyslot,
        pop=world.pop_codes["researcher"],
    )


def plan_researchers(rng: np.random.Generator, world: World, n: int) -> None:
    """Create researchers who run benchmark suites in bursts, re-running on new models."""
    reg = world.registry
    for _ in range(n):
        country, tz, *_ = world.registry.geo()
        asn = pick(rng, ACADEMIC_ASNS) if rng.random() < 0.6 else pick(rng, CLOUD_ASNS)
        acct = reg.add(
            "researcher",
            "researcher",
            created_ms=reg.days_before(30, 700),
            tier=pick(rng, ("research", "edu"), (0.8, 0.2)),
            country=country,
            tz=tz,
            lang="en",
            user_agent=sdk_ua(rng, "python") if rng.random() < 0.7 else pick(rng, TOOL_UAS[6:]),
            n_keys=int(rng.integers(1, 3)),
            ips=[(reg.book.ipv4(asn), asn)],
        )
        lo, hi = RESEARCH_RUN_SIZE
        suites = [
            (
                int(rng.integers(0, 4)),
                int(rng.integers(0, T.N_BENCH_FORMATS)),
                int(math.exp(rng.uniform(math.log(lo), math.log(hi)))),
                int(rng.integers(1, 2**40)),
            )
            for _ in range(int(rng.integers(1, 3)))
        ]
        day_grid = world.hour_grid(WORK_HOURS, tz, week=WORK_WEEK)
        pre = day_grid.copy()
        pre[int(world.release_s / HOUR) :] = 0.0
        extra = rng.random() < RESEARCH_EXTRA_RUN * world.days / 14
        if pre.sum() > 0:
            hours = rng.choice(len(pre), 1 + int(extra), p=pre / pre.sum())
            for i, h in enumerate(hours):
                suite = suites[i % len(suites)]
                base = pick(rng, (M_MAIN, M_MINI, M_OLD), (0.6, 0.3, 0.1))
                _eval_run(rng, world, acct, suite, (h + rng.random()) * HOUR, base)
        start = world.release_s + rng.uniform(0.2, 3.0) * DAY
        for suite, p_rerun in zip(
            suites, (P_RESEARCH_RERUN, P_RESEARCH_RERUN_SECOND), strict=False
        ):
            if rng.random() < p_rerun:
                _eval_run(rng, world, acct, suite, start, M_NEW)
                start += rng.uniform(2, 30) * HOUR
        # a few hand-typed checks around the runs
        _person_rows(rng, world, acct, "researcher", day_grid, RESEARCHER_BY_HAND)
