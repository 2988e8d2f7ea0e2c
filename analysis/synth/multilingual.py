"""Ordinary users and products in many languages, planned in every run (evasion 0 too).

All four are legitimate (truth.csv: no campaign, no network) and come on top of --accounts:

- multilingual_everyday (benign): people writing in their own language (ML_LANGS) about
  everyday things (weather, cooking, travel, health, shopping, messages, translating a phrase,
  "what is X", summarising a pasted paragraph) at human hours of their country, a few to
  tens of requests each over the window, some of them multi-turn.
- support_bot (power_user): customer-support products, one business account per language
  of SUPPORT_LANGS, one fixed system prompt in that language, hundreds of customers'
  questions a day (daytime-heavy in that country, some at night), short answers.
- tutoring_product (power_user): homework-help products, one account per language of
  TUTORING_LANGS, a fixed tutor system prompt, students' questions (most want the answer, a
  hint or a short explanation; some want the solution explained) with follow-ups.
- translation_product (power_user): translation products of TRANSLATION_PAIRS, a fixed
  system prompt, pasted texts, temperature 0.

Byte identity of everything else: these populations draw only from generators of their own
(seeded with [seed, STREAM, ...]), are planned after all the others into a plan of their own
(finished with a generator of their own) and register their accounts last; generate.py
renders their rows with a text generator of its own and numbers their request ids apart, so
dropping their rows and accounts gives exactly the output of the generator without them.
"""

from __future__ import annotations

import math

import numpy as np

from analysis.synth.accounts import human_ua, sdk_ua
from analysis.synth.multilingual_text import (
    KIND_ML_EVERYDAY,
    KIND_SUPPORT,
    KIND_TRANSLATION_PRODUCT,
    KIND_TUTORING_PRODUCT,
    ML_LANG_INDEX,
    ML_LANGS,
    N_TUTOR_STYLES,
    SUPPORT_LANGS,
    TRANSLATION_PAIRS,
    TUTOR_STYLE_SHARES,
    TUTORING_LANGS,
)
from analysis.synth.world import (
    DAY,
    EVERYDAY_HOURS,
    M_MAIN,
    M_MINI,
    P429,
    ROLE,
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

MULTILINGUAL = ("multilingual_everyday", "support_bot", "tutoring_product", "translation_product")
STREAM = 0x4D4C  # second entry of the seeds of these populations' generators

EVERYDAY_SHARE = 0.04  # accounts per --accounts (at least EVERYDAY_MIN)
EVERYDAY_MIN = 4
SUPPORT_PER_ACCOUNTS = 250  # one support product per this many --accounts (2 to 6)
TUTORING_PER_ACCOUNTS = 215  # one tutoring product per this many --accounts (2 to 7)
SUPPORT_PER_DAY = 180.0  # median requests a day per support product (lognormal, sigma 0.3)
TUTORING_PER_DAY = 110.0  # median requests a day per tutoring product (lognormal, sigma 0.3)
TRANSLATION_PER_DAY = 120.0  # median requests a day per translation product (sigma 0.25)
# Completion-token medians of the tutor's answer per ask style (answer, hint, short, solution).
TUTOR_CTOK = (45.0, 70.0, 130.0, 320.0)

# Per language: countries where people write it, (country, UTC offset, weight, residential
# ASNs, mobile ASNs).
ML_GEO: dict[str, tuple[tuple[str, float, float, tuple[int, ...], tuple[int, ...]], ...]] = {
    "ko": (("KR", 9.0, 1.0, (4766, 9318, 3786), (9644, 17858)),),
    "ja": (("JP", 9.0, 1.0, (4713, 2516, 17676), (9605, 2516)),),
    "zh": (
        ("TW", 8.0, 0.4, (3462, 4780, 9924), (24158,)),
        ("HK", 8.0, 0.3, (4760, 9304), (10118,)),
        ("SG", 8.0, 0.2, (9506, 4657), (9506,)),
        ("MY", 8.0, 0.1, (4788, 9930), (10030,)),
    ),
    "ru": (
        ("RU", 3.0, 0.85, (12389, 8402, 25513), (8359, 31133)),
        ("KZ", 5.0, 0.15, (9198, 21299), (206026,)),
    ),
    "ar": (
        ("SA", 3.0, 0.35, (25019, 35819), (35819, 43766)),
        ("EG", 2.0, 0.3, (8452, 24863), (36935,)),
        ("AE", 4.0, 0.15, (5384, 15802), (5384,)),
        ("MA", 1.0, 0.1, (6713, 36925), (36884,)),
        ("JO", 3.0, 0.1, (8376, 48832), (8697,)),
    ),
    "hi": (("IN", 5.5, 1.0, (24560, 55836, 9829), (45609, 55836)),),
    "vi": (("VN", 7.0, 1.0, (7552, 45899, 18403), (7552, 45543)),),
    "id": (("ID", 7.0, 1.0, (7713, 17974, 4761), (23693, 24203)),),
    "tr": (("TR", 3.0, 1.0, (9121, 47331, 34984), (15897, 16135)),),
    "th": (("TH", 7.0, 1.0, (7470, 45758, 23969), (131445, 24378)),),
    "fa": (
        ("IR", 3.5, 0.8, (58224, 12880, 31549), (44244, 197207)),
        ("AF", 4.5, 0.2, (55330, 131284), (38472,)),
    ),
    "es": (
        ("ES", 1.0, 0.35, (3352, 12479, 12430), (12430,)),
        ("MX", -6.0, 0.35, (8151, 28548), (28403,)),
        ("AR", -3.0, 0.15, (7303, 10318), (22927,)),
        ("CO", -5.0, 0.15, (3816, 10620), (27831,)),
    ),
    "fr": (
        ("FR", 1.0, 0.7, (3215, 12322, 5410), (51207,)),
        ("BE", 1.0, 0.15, (5432, 6848), (12392,)),
        ("CA", -4.0, 0.15, (577, 5769), (812,)),
    ),
    "de": (
        ("DE", 1.0, 0.75, (3320, 3209, 6805), (3209,)),
        ("AT", 1.0, 0.15, (8447, 8412), (25255,)),
        ("CH", 1.0, 0.1, (3303, 6730), (3303,)),
    ),
    "pt": (
        ("BR", -3.0, 0.75, (28573, 18881, 26599), (26615,)),
        ("PT", 0.0, 0.25, (3243, 2860), (12353,)),
    ),
    "it": (("IT", 1.0, 1.0, (3269, 30722, 12874), (30722,)),),
    "pl": (("PL", 1.0, 1.0, (5617, 12741, 6830), (12912, 29314)),),
    "nl": (
        ("NL", 1.0, 0.75, (1136, 33915), (1136, 50266)),
        ("BE", 1.0, 0.25, (5432, 6848), (12392,)),
    ),
    "uk": (("UA", 2.0, 1.0, (15895, 6849, 25229), (21497, 34058)),),
    "sv": (("SE", 1.0, 1.0, (3301, 8473, 1257), (3301, 1257)),),
}
# The business behind a product: (country, UTC offset, hosting ASNs) per language.
BUSINESS: dict[str, tuple[str, float, tuple[int, ...]]] = {
    "ko": ("KR", 9.0, (23576, 4766)),
    "ja": ("JP", 9.0, (9370, 2497)),
    "zh": ("TW", 8.0, (3462, 16509)),
    "ru": ("RU", 3.0, (200350, 49505)),
    "es": ("ES", 1.0, (3352, 16509)),
    "ar": ("SA", 3.0, (25019, 16509)),
    "de": ("DE", 1.0, (24940, 8560)),
    "vi": ("VN", 7.0, (18403, 45899)),
    "id": ("ID", 7.0, (17451, 7713)),
    "tr": ("TR", 3.0, (42926, 34984)),
    "hi": ("IN", 5.5, (16509, 132420)),
    "ch": ("CH", 1.0, (3303, 13030)),
}
# fmt: off
# Local-hour load of a support desk: office hours and evenings, some at night.
SUPPORT_HOURS = np.array([
    0.25, 0.18, 0.12, 0.1, 0.1, 0.12, 0.25, 0.5, 0.9, 1.3, 1.5, 1.5,
    1.35, 1.45, 1.5, 1.45, 1.35, 1.2, 1.1, 1.05, 1.0, 0.85, 0.6, 0.4,
])
# Local-hour activity of a homework app: after school and evenings, a little during the day.
HOMEWORK_HOURS = np.array([
    0.15, 0.06, 0.02, 0.01, 0.01, 0.02, 0.08, 0.2, 0.3, 0.35, 0.4, 0.45,
    0.5, 0.6, 0.8, 1.1, 1.4, 1.5, 1.4, 1.6, 1.8, 1.7, 1.2, 0.5,
])
# fmt: on
SUPPORT_WEEK = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 0.8, 0.7])


def multilingual_sizes(accounts: int) -> dict[str, int]:
    """Return account counts of the multilingual populations for a total of --accounts."""
    return {
        "multilingual_everyday": max(EVERYDAY_MIN, round(EVERYDAY_SHARE * accounts)),
        "support_bot": min(len(SUPPORT_LANGS), max(2, round(accounts / SUPPORT_PER_ACCOUNTS))),
        "tutoring_product": min(
            len(TUTORING_LANGS), max(2, round(accounts / TUTORING_PER_ACCOUNTS))
        ),
        "translation_product": 1 if accounts < 1000 else len(TRANSLATION_PAIRS),
    }


def _product_account(
    rng: np.random.Generator, world: World, pop: str, lang: str, where: str, sdk: str
):
    """Create one product's business account calling from a few hosts of one local /24."""
    reg = world.registry
    country, tz, asns = BUSINESS[where]
    asn = pick(rng, asns)
    block = reg.book.block24(asn)
    hosts = rng.choice(np.arange(2, 250), int(rng.integers(2, 5)), replace=False)
    return reg.add(
        pop, ROLE[pop], created_ms=reg.days_before(90, 900),
        tier=pick(rng, ("enterprise", "startup"), (0.6, 0.4)), country=country, tz=tz,
        lang=lang, user_agent=sdk_ua(rng, sdk), n_keys=int(rng.integers(1, 4)),
        ips=[(f"{block}.{int(h)}", asn) for h in hosts],
    )  # fmt: skip


def plan_ml_everyday(rng: np.random.Generator, world: World, n: int) -> None:
    """People writing in their own language: every language first once, then round again."""
    reg = world.registry
    order = rng.permutation(len(ML_LANGS))
    for i in range(n):
        lang = ML_LANGS[int(order[i % len(ML_LANGS)])]
        geos = ML_GEO[lang]
        country, tz, _w, res, mob = geos[int(rng.choice(len(geos), p=_weights(geos)))]
        new_account = rng.random() < 0.03
        created = (
            world.start_ms + int(rng.uniform(0, 0.8) * world.span * 1000)
            if new_account
            else reg.days_before(1, 1200)
        )
        ips, w = reg.home_ips(res, mob, p_v6=0.05)
        acct = reg.add(
            "multilingual_everyday", "benign", created_ms=created,
            tier=pick(rng, ("free", "pro"), (0.75, 0.25)), country=country, tz=tz, lang=lang,
            user_agent=human_ua(rng, 0.65, 0.05), ips=ips, ip_weights=w,
        )  # fmt: skip
        not_before = max(0.0, (created - world.start_ms) / 1000.0 + 600)
        grid = world.hour_grid(EVERYDAY_HOURS, tz, weekend=rng.uniform(0.7, 1.3),
                               not_before=not_before)  # fmt: skip
        active_days = max(grid.astype(bool).sum() / 24.0, 0.5)
        rate = min(rng.lognormal(math.log(0.3), 0.8), 2.5)
        n_sess = max(1, int(rng.poisson(rate * active_days)))
        t, conv, turn = session_rows(rng, grid, n_sess, 2.0, 75.0, 0.55, world.span)
        if len(t) == 0:
            t, conv, turn = np.array([max(world.span * 0.5, not_before)]), np.zeros(1), np.zeros(1)
        m = len(t)
        base, adopt_at, share = person_model(rng, world, 3.0, 0.4)
        max_tok = pick(rng, (1024, 2048, 4096), (0.3, 0.45, 0.25))
        ipslot, keyslot = slots(rng, acct, m)
        world.plan.add(
            m,
            t=t,
            acct=acct.idx,
            kind=KIND_ML_EVERYDAY,
            p1=ML_LANG_INDEX[lang],
            p2=rng.integers(0, 2**40, m),
            conv=conv.astype(np.int64),
            turn=turn,
            model=models_for(rng, t, base, adopt_at, share),
            endpoint=pick(rng, (0, 1), (0.8, 0.2)),
            max_tokens=max_tok,
            temperature=pick(rng, (1.0, 0.7, 0.8), (0.7, 0.2, 0.1)),
            top_p=1.0,
            ctok=lognormal_tokens(rng, m, 230.0, 0.7, max_tok),
            p429=P429["multilingual_everyday"],
            ipslot=ipslot,
            keyslot=keyslot,
            pop=world.pop_codes["multilingual_everyday"],
        )


def _weights(geos: tuple) -> np.ndarray:
    w = np.array([g[2] for g in geos], dtype=float)
    return w / w.sum()


def plan_support(rng: np.random.Generator, world: World, n: int) -> None:
    """Customer-support products: short customer conversations all day, fewer at night."""
    for lang in SUPPORT_LANGS[:n]:
        sdk = pick(rng, ("python", "node", "java"))
        acct = _product_account(rng, world, "support_bot", lang, lang, sdk)
        grid = world.hour_grid(SUPPORT_HOURS, acct.tz, week=SUPPORT_WEEK)
        per_day = SUPPORT_PER_DAY * rng.lognormal(0.0, 0.3)
        mean_len = 1.7
        n_sess = max(1, int(per_day * world.days / mean_len))
        t, conv, turn = session_rows(rng, grid, n_sess, mean_len, 50.0, 0.92, world.span)
        m = len(t)
        if m == 0:
            continue
        ipslot, keyslot = slots(rng, acct, m)
        world.plan.add(
            m,
            t=t,
            acct=acct.idx,
            kind=KIND_SUPPORT,
            p1=ML_LANG_INDEX[lang],
            p2=rng.integers(0, 2**40, m),
            conv=conv,
            turn=turn,
            model=M_MINI,
            endpoint=0,
            max_tokens=400,
            temperature=0.3,
            ctok=lognormal_tokens(rng, m, 85.0, 0.45, 400),
            p429=P429["support_bot"],
            ipslot=ipslot,
            keyslot=keyslot,
            pop=world.pop_codes["support_bot"],
        )  # fmt: skip


def plan_tutoring_product(rng: np.random.Generator, world: World, n: int) -> None:
    """Homework-help products: students' questions and follow-ups after school and at night."""
    shares = np.asarray(TUTOR_STYLE_SHARES, dtype=float)
    for lang in TUTORING_LANGS[:n]:
        sdk = pick(rng, ("node", "python"))
        acct = _product_account(rng, world, "tutoring_product", lang, lang, sdk)
        grid = world.hour_grid(HOMEWORK_HOURS, acct.tz, week=STUDENT_WEEK)
        per_day = TUTORING_PER_DAY * rng.lognormal(0.0, 0.3)
        mean_len = 3.0
        n_sess = max(1, int(per_day * world.days / mean_len))
        t, conv, turn = session_rows(rng, grid, n_sess, mean_len, 80.0, 0.85, world.span)
        m = len(t)
        if m == 0:
            continue
        n_conv = int(conv.max()) + 1
        style = rng.choice(N_TUTOR_STYLES, n_conv, p=shares / shares.sum())[conv]
        median = np.asarray(TUTOR_CTOK)[style]
        ctok = np.minimum(np.maximum(1, median * rng.lognormal(0.0, 0.5, m)), 800).astype(np.int32)
        base = pick(rng, (M_MAIN, M_MINI), (0.5, 0.5))
        switch = world.release_s + rng.uniform(2, 6) * DAY if rng.random() < 0.4 else math.inf
        ipslot, keyslot = slots(rng, acct, m)
        world.plan.add(
            m,
            t=t,
            acct=acct.idx,
            kind=KIND_TUTORING_PRODUCT,
            p1=ML_LANG_INDEX[lang] + 32 * style,
            p2=rng.integers(0, 2**40, m),
            conv=conv,
            turn=turn,
            model=models_for(rng, t, base, switch, 1.0),
            endpoint=0,
            max_tokens=800,
            temperature=0.4,
            ctok=ctok,
            p429=P429["tutoring_product"],
            ipslot=ipslot,
            keyslot=keyslot,
            pop=world.pop_codes["tutoring_product"],
        )  # fmt: skip


def plan_translation_product(rng: np.random.Generator, world: World, n: int) -> None:
    """Translation products: pasted texts of one source language at working hours, temp 0."""
    for pair in range(n):
        src = TRANSLATION_PAIRS[pair][0]
        where = "ch" if TRANSLATION_PAIRS[pair] == ("de", "fr") else src
        acct = _product_account(rng, world, "translation_product", src, where, "python")
        load = world.hour_grid(WORK_HOURS, acct.tz, week=WORK_WEEK) + 0.08
        per_day = TRANSLATION_PER_DAY * rng.lognormal(0.0, 0.25)
        t = poisson_hours(rng, load / load.mean() * per_day / 24.0)
        m = len(t)
        if m == 0:
            continue
        hot = rng.random(m) < 0.05  # the same notice pasted again
        seed = np.where(hot, rng.integers(0, 40, m), rng.integers(40, 2**40, m))
        ipslot, keyslot = slots(rng, acct, m)
        world.plan.add(
            m,
            t=t,
            acct=acct.idx,
            kind=KIND_TRANSLATION_PRODUCT,
            p1=pair,
            p2=seed,
            model=M_MAIN,
            endpoint=0,
            max_tokens=2048,
            temperature=0.0,
            ctok=lognormal_tokens(rng, m, 160.0, 0.5, 2048),
            p429=P429["translation_product"],
            ipslot=ipslot,
            keyslot=keyslot,
            pop=world.pop_codes["translation_product"],
        )


PLANNERS = {
    "multilingual_everyday": plan_ml_everyday,
    "support_bot": plan_support,
    "tutoring_product": plan_tutoring_product,
    "translation_product": plan_translation_product,
}
