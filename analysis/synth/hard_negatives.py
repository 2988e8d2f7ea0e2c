"""Benign heavy users planted in adversary mode (evasion > 0): the hard negatives.

They look like harvesting on one signal or another (volume, fixed templates, step-by-step
asks, repeated prompts, shared infrastructure) and are legitimate; a detector must not flag
them. They come on top of --accounts, their size does not depend on the strength, and
truth.csv gives them no campaign and no network:

- translation_backend (power_user): TRANSLATION_ACCOUNTS accounts of a localisation service,
  thousands of requests a day each round the clock (customers in every time zone), one fixed
  system prompt, "Translate the following text into <language>: <text>" over 18 target
  languages, temperature 0, long-ish outputs.
- tutoring_backend (power_user): a homework-help app, one or two accounts, hundreds of
  requests a day, fixed maths-tutor system prompt asking for every step, students' questions
  and follow-ups in conversations, daytime-heavy in five time zones.
- ci_runner (power_user): a company's test suite on every commit: a fixed set of 200-400
  prompts (a smoke subset per commit, the whole suite on merges and nightly), sent in bursts
  split over the org's runner accounts, temperature 0, small max_tokens, cloud ASNs, one org,
  one card, one client string.
- power_human (power_user): people using the API by hand a lot, Pareto-distributed volume
  (the heaviest over POWER_TOP_PER_DAY requests a day), human hours, varied topics, long
  multi-turn conversations.
- shared_office (benign): one organisation of SHARED_OFFICE accounts behind one /24, one
  client string and one card, ordinary varied prompts at working hours.
"""

from __future__ import annotations

import numpy as np

from analysis.synth import hard_negative_text as H
from analysis.synth import prompts as T
from analysis.synth import template_banks as B
from analysis.synth.accounts import CLOUD_ASNS, GEO, GEO_WEIGHTS, human_ua, sdk_ua
from analysis.synth.evasion import check_evasion
from analysis.synth.populations import OFFICE_WORKER, _person_rows
from analysis.synth.world import (
    BUSINESS_LOAD,
    DAY,
    EVERYDAY_HOURS,
    HOUR,
    LANG_INDEX,
    M_MAIN,
    M_MINI,
    OFFICE_WEEK,
    P429,
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

HARD_NEGATIVES = ("translation_backend", "tutoring_backend", "ci_runner", "power_human",
                  "shared_office")  # fmt: skip

TRANSLATION_ACCOUNTS = 2500  # one account, plus one per this many --accounts
TRANSLATION_PER_DAY = 2200.0  # median requests a day per account (lognormal, sigma 0.25)
TUTORING_PER_DAY = 700.0  # median requests a day per account (lognormal, sigma 0.3)
TUTORING_ZONES = ((-5.0, 0.35), (-8.0, 0.2), (0.0, 0.2), (5.5, 0.15), (10.0, 0.1))
CI_ACCOUNTS = (3, 0.003)  # (minimum, share of --accounts); orgs of 3-6 runner accounts
CI_SUITE = (200, 400)  # test prompts per org's suite
CI_SMOKE = (30, 80)  # tests run on every commit (the first ones of the suite)
CI_COMMITS_PER_DAY = 9.0  # pushes a working day per org, each runs the smoke subset
CI_MERGES_PER_DAY = 1.5  # merges a working day per org, each runs the whole suite
POWER_HUMANS = (4, 0.004)  # (minimum, share of --accounts)
POWER_PARETO = (20.0, 1.3, 450.0)  # requests a day: Pareto minimum, shape, cap
POWER_TOP_PER_DAY = 220.0  # the heaviest person sends at least this many a day
SHARED_OFFICE = (20, 0.02, 40)  # (minimum, share of --accounts, maximum)
# fmt: off
# Local-hour activity of a homework app: after school and early evening, some daytime.
TUTOR_HOURS = np.array([
    0.1, 0.05, 0.02, 0.02, 0.02, 0.05, 0.15, 0.35, 0.6, 0.8, 0.9, 0.95,
    1.0, 1.1, 1.3, 1.5, 1.6, 1.6, 1.5, 1.4, 1.2, 0.9, 0.5, 0.25,
])
# fmt: on


def hard_negative_sizes(accounts: int, evasion: float) -> dict[str, int]:
    """Return account counts of the benign heavy users (empty at evasion 0)."""
    if check_evasion(evasion) <= 0:
        return {}
    lo, share, hi = SHARED_OFFICE
    return {
        "translation_backend": 1 + accounts // TRANSLATION_ACCOUNTS,
        "tutoring_backend": 1 if accounts < 1000 else 2,
        "ci_runner": max(CI_ACCOUNTS[0], round(CI_ACCOUNTS[1] * accounts)),
        "power_human": max(POWER_HUMANS[0], round(POWER_HUMANS[1] * accounts)),
        "shared_office": min(hi, max(lo, round(share * accounts))),
    }


def _backend_account(rng: np.random.Generator, world: World, pop: str, sdk: str):
    """Create one product-backend account calling from a few addresses of one cloud /24."""
    reg = world.registry
    country, tz, *_ = reg.geo()
    asn = pick(rng, CLOUD_ASNS)
    block = reg.book.block24(asn)
    hosts = rng.choice(np.arange(2, 250), int(rng.integers(2, 5)), replace=False)
    return reg.add(
        pop,
        "power_user",
        created_ms=reg.days_before(120, 900),
        tier="enterprise",
        country=country,
        tz=tz,
        lang="en",
        user_agent=sdk_ua(rng, sdk),
        n_keys=int(rng.integers(2, 5)),
        ips=[(f"{block}.{int(h)}", asn) for h in hosts],
    )


def plan_translation(rng: np.random.Generator, world: World, n: int) -> None:
    """Translation product backend: thousands of fixed-template requests a day, all day."""
    load = np.zeros(world.days * 24)
    for g, w in zip(GEO, GEO_WEIGHTS, strict=True):
        load += w * world.hour_grid(BUSINESS_LOAD, g[1])
    weights = np.asarray(H.TARGET_WEIGHTS, dtype=float)
    for _ in range(n):
        acct = _backend_account(rng, world, "translation_backend", pick(rng, ("python", "go")))
        per_day = TRANSLATION_PER_DAY * rng.lognormal(0.0, 0.25)
        t = poisson_hours(rng, load / load.mean() * per_day / 24.0)
        m = len(t)
        if m == 0:
            continue
        hot = rng.random(m) < 0.06  # the same UI strings and notices are re-sent
        seed = np.where(hot, rng.integers(0, 60, m), rng.integers(60, 60 + 6 * m, m))
        ipslot, keyslot = slots(rng, acct, m)
        world.plan.add(
            m,
            t=t,
            acct=acct.idx,
            kind=T.KIND_TRANSLATE,
            p1=rng.choice(len(weights), m, p=weights / weights.sum()),
            p2=seed + acct.idx * 100_000_007,
            model=M_MAIN,
            endpoint=0,
            sys=B.SYS_TRANSLATION_PRODUCT,
            max_tokens=4096,
            temperature=0.0,
            ctok=lognormal_tokens(rng, m, 260.0, 0.55, 4096),
            p429=P429["translation_backend"],
            ipslot=ipslot,
            keyslot=keyslot,
            pop=world.pop_codes["translation_backend"],
        )


def plan_tutoring(rng: np.random.Generator, world: World, n: int) -> None:
    """Tutoring product backend: students' questions under a fixed step-by-step tutor prompt."""
    grid = sum(w * world.hour_grid(TUTOR_HOURS, tz, week=STUDENT_WEEK) for tz, w in TUTORING_ZONES)
    for _ in range(n):
        acct = _backend_account(rng, world, "tutoring_backend", "node")
        per_day = TUTORING_PER_DAY * rng.lognormal(0.0, 0.3)
        n_sess = int(per_day * world.days / 3.5)
        t, conv, turn = session_rows(rng, grid, n_sess, 3.5, 70.0, 0.8, world.span)
        m = len(t)
        if m == 0:
            continue
        n_conv = int(conv.max()) + 1
        subject = np.asarray(H.TUTOR_SUBJECTS)[rng.integers(0, len(H.TUTOR_SUBJECTS), n_conv)]
        template = int(rng.integers(0, H.N_TUTOR_TEMPLATES))
        ipslot, keyslot = slots(rng, acct, m)
        world.plan.add(
            m,
            t=t,
            acct=acct.idx,
            kind=T.KIND_TUTOR,
            p1=subject[conv] + 16 * template,
            conv=conv,
            turn=turn,
            model=models_for(rng, t, M_MAIN, world.release_s + 3 * DAY, 1.0),
            endpoint=0,
            sys=B.SYS_TUTORING_PRODUCT,
            max_tokens=1500,
            temperature=0.3,
            ctok=lognormal_tokens(rng, m, 450.0, 0.5, 1500),
            p429=P429["tutoring_backend"],
            ipslot=ipslot,
            keyslot=keyslot,
            pop=world.pop_codes["tutoring_backend"],
        )


def _ci_runs(rng: np.random.Generator, world: World, tz: float, suite: int, smoke: int):
    """Return (start time, number of tests) of every CI run of one org over the window."""
    work = world.hour_grid(WORK_HOURS, tz, week=WORK_WEEK)
    shape = work / work.mean() / 24.0
    runs = [(s, smoke) for s in poisson_hours(rng, shape * CI_COMMITS_PER_DAY)]
    runs += [(s, suite) for s in poisson_hours(rng, shape * CI_MERGES_PER_DAY)]
    nightly = (2.0 - tz) % 24 * HOUR + rng.uniform(0, 600)
    runs += [(d * DAY + nightly, suite) for d in range(world.days)]
    return sorted(r for r in runs if r[0] < world.span)


def _ci_sizes(rng: np.random.Generator, n: int) -> list[int]:
    """Return org sizes of 3-6 runner accounts adding up to n (n >= 3)."""
    sizes = []
    while n > 0:
        s = int(rng.integers(3, 7))
        s = n if n - s < 3 else s
        sizes.append(s)
        n -= s
    return sizes


def plan_ci(rng: np.random.Generator, world: World, n: int) -> None:
    """CI runners: one org's fixed test prompts re-sent in bursts on commits, merges, nightly."""
    reg = world.registry
    for size in _ci_sizes(rng, n):
        country, tz, *_ = reg.geo()
        org, card = reg.new_id("org_", 6), reg.new_id("pf_", 10)
        ua = sdk_ua(rng, "python")
        tier = pick(rng, ("startup", "enterprise"))
        runners = []
        for _ in range(size):
            asns = [pick(rng, CLOUD_ASNS) for _ in range(int(rng.integers(2, 5)))]
            acct = reg.add(
                "ci_runner", "power_user", org_id=org, created_ms=reg.days_before(30, 600),
                tier=tier, country=country, tz=tz, lang="en", user_agent=ua, payment=card,
                ips=[(reg.book.ipv4(a), a) for a in asns],
            )  # fmt: skip
            runners.append(acct)
        suite = int(rng.integers(CI_SUITE[0], CI_SUITE[1] + 1))
        smoke = int(rng.integers(CI_SMOKE[0], CI_SMOKE[1] + 1))
        suite_seed = int(rng.integers(1, 2**30)) * 4096
        base = pick(rng, (M_MAIN, M_MINI))
        times, tests = [], []
        for start, count in _ci_runs(rng, world, tz, suite, smoke):
            duration = max(20.0, count / size * rng.uniform(0.8, 2.0))  # parallel shards
            times.append(start + np.sort(rng.uniform(0, duration, count)))
            tests.append(np.arange(count))
        if not times:
            continue
        t, test = np.concatenate(times), np.concatenate(tests)
        keep = t < world.span
        t, test = t[keep], test[keep]
        shard = test % size
        max_tok = np.asarray(H.CI_MAX_TOKENS)[test % len(H.CI_MAX_TOKENS)]
        ctok = np.minimum(np.maximum(1, rng.lognormal(np.log(max_tok / 3.0), 0.3)), max_tok)
        for j, acct in enumerate(runners):
            sel = shard == j
            m = int(sel.sum())
            ipslot, keyslot = slots(rng, acct, m)
            world.plan.add(
                m,
                t=t[sel],
                acct=acct.idx,
                kind=T.KIND_CI,
                p2=suite_seed + test[sel],
                model=base,
                max_tokens=max_tok[sel],
                temperature=0.0,
                ctok=ctok[sel].astype(np.int32),
                p429=P429["ci_runner"],
                ipslot=ipslot,
                keyslot=keyslot,
                pop=world.pop_codes["ci_runner"],
            )


def plan_power_humans(rng: np.random.Generator, world: World, n: int) -> None:
    """Human power users: Pareto volume at human hours, varied topics, long conversations."""
    reg = world.registry
    xmin, shape, top = POWER_PARETO
    per_day = np.minimum(xmin * (1.0 + rng.pareto(shape, n)), top)
    per_day[int(np.argmax(per_day))] = max(float(per_day.max()), POWER_TOP_PER_DAY)
    kinds = np.array([T.KIND_EVERYDAY, T.KIND_DEV, T.KIND_STUDENT])
    for i in range(n):
        country, tz, native, res, mob = reg.geo()
        ips, w = reg.home_ips(res, mob, p_v6=0.06)
        acct = reg.add(
            "power_human", "power_user", created_ms=reg.days_before(60, 1000),
            tier=pick(rng, ("pro", "pro", "enterprise")), country=country, tz=tz,
            lang=reg.person_lang(native), user_agent=human_ua(rng, 0.5, 0.4), ips=ips,
            ip_weights=w,
        )  # fmt: skip
        profile = EVERYDAY_HOURS if rng.random() < 0.5 else WORK_HOURS
        grid = world.hour_grid(profile, tz, weekend=rng.uniform(0.5, 1.2))
        mean_len = 6.0
        n_sess = max(1, int(per_day[i] * world.days / mean_len))
        t, conv, turn = session_rows(rng, grid, n_sess, mean_len, 75.0, 0.85, world.span)
        m = len(t)
        if m == 0:
            continue
        n_conv = int(conv.max()) + 1
        conv_kind = rng.choice(kinds, n_conv, p=np.array([0.6, 0.25, 0.15]))[conv]
        topic = rng.integers(0, T.N_TOPICS, n_conv)[conv]
        p1 = np.where(
            conv_kind == T.KIND_DEV,
            rng.integers(0, T.N_CODE_LANGS, n_conv)[conv],
            np.where(conv_kind == T.KIND_STUDENT, topic % T.N_STUDENT_SUBJECTS, topic),
        )
        conv_lang = np.where(rng.random(n_conv) < 0.8, LANG_INDEX[acct.lang], 0)[conv]
        base, adopt_at, share = person_model(rng, world, 1.0, 0.9)
        max_tok = pick(rng, (2048, 4096, 8192))
        ipslot, keyslot = slots(rng, acct, m)
        world.plan.add(
            m,
            t=t,
            acct=acct.idx,
            kind=conv_kind,
            p1=p1,
            lang=np.where(conv_kind == T.KIND_EVERYDAY, conv_lang, 0),
            conv=conv,
            turn=turn,
            model=models_for(rng, t, base, adopt_at, share),
            endpoint=pick(rng, (0, 1)),
            max_tokens=max_tok,
            temperature=pick(rng, (1.0, 0.7)),
            ctok=lognormal_tokens(rng, m, 380.0, 0.8, max_tok),
            p429=P429["power_human"],
            ipslot=ipslot,
            keyslot=keyslot,
            pop=world.pop_codes["power_human"],
        )


def plan_shared_office(rng: np.random.Generator, world: World, n: int) -> None:
    """One large office: n accounts of one org behind one /24, one client string, one card."""
    reg = world.registry
    country, tz, _native, res, _mob = reg.geo()
    asn = pick(rng, res)
    block = reg.book.block24(asn)
    egress = [f"{block}.{int(h)}" for h in rng.choice(np.arange(2, 250), 6, replace=False)]
    org, card = reg.new_id("org_", 6), reg.new_id("pf_", 10)
    v = int(rng.integers(127, 132))  # the company's managed browser build, the same everywhere
    ua = (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        f"Chrome/{v}.0.0.0 Safari/537.36 Edg/{v}.0.0.0"
    )
    grid = world.hour_grid(WORK_HOURS, tz, week=OFFICE_WEEK)
    for _ in range(n):
        k = int(rng.integers(1, 4))
        ips = [(egress[int(i)], asn) for i in rng.choice(len(egress), k, replace=False)]
        acct = reg.add(
            "shared_office", "benign", org_id=org, created_ms=reg.days_before(10, 500),
            tier="enterprise", country=country, tz=tz, lang="en", user_agent=ua, payment=card,
            ips=ips,
        )  # fmt: skip
        _person_rows(rng, world, acct, "shared_office", grid, OFFICE_WORKER)


PLANNERS = {
    "translation_backend": plan_translation,
    "tutoring_backend": plan_tutoring,
    "ci_runner": plan_ci,
    "power_human": plan_power_humans,
    "shared_office": plan_shared_office,
}
