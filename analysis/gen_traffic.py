"""Traffic plans per population: when each account sends which kind of request, and how."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from analysis import gen_text_banks as B
from analysis import textgen as T
from analysis.gen_accounts import (
    ACADEMIC_ASNS,
    CLOUD_ASNS,
    GEO,
    GEO_WEIGHTS,
    HOSTING_ASNS,
    TOOL_UAS,
    Account,
    Registry,
    human_ua,
    sdk_ua,
)
from analysis.gen_topics import LANGS

DAY = 86_400.0
HOUR = 3_600.0

# ---------------------------------------------------------------------------
# models and releases
# ---------------------------------------------------------------------------

MODELS = ("aster-2", "aster-3-mini", "aster-3", "aster-4")
M_OLD, M_MINI, M_MAIN, M_NEW = 0, 1, 2, 3
# Release dates of the models in use before the window starts.
OLD_RELEASES = ("2025-09-16T17:00:00Z", "2026-06-17T16:00:00Z", "2026-04-21T16:00:00Z")
# The new model is released after this fraction of the window (rounded down to whole days)
# plus RELEASE_HOUR hours: 16:00 UTC on day 7 of 14 when the window starts at midnight UTC.
RELEASE_AT_FRACTION = 0.55
RELEASE_HOUR = 16

ENDPOINTS = ("chat", "messages", "completions")
LANG_INDEX = {lang: i for i, lang in enumerate(LANGS)}

# ---------------------------------------------------------------------------
# population shares of all accounts (everyday users take the rest) and minimum counts
# ---------------------------------------------------------------------------

SHARES = {
    "student": 0.075,  # benign, homework and worked solutions
    "developer": 0.06,  # power users typing coding questions
    "backend": 0.012,  # templated product backends, high volume
    "researcher": 0.006,  # benchmark evaluation runs
    "office": 0.05,  # accounts of organisations sharing one office IP
    "hydra": 0.10,  # many small extraction accounts run by one actor
    "cot_harvest": 0.0033,  # reasoning harvesting accounts
    "capability_sweep": 0.002,  # code / tool-use coverage sweep
    "rubric_harvest": 0.0013,  # grading-rubric harvesting
    "plain_harvest": 0.002,  # everyday questions at machine pace
}
MINIMUM = {
    "student": 2,
    "developer": 2,
    "backend": 1,
    "researcher": 1,
    "office": 6,
    "hydra": 8,
    "cot_harvest": 3,
    "capability_sweep": 2,
    "rubric_harvest": 1,
    "plain_harvest": 2,
}
RESELLER_PER_ACCOUNTS = 5000  # one reseller account, plus one more per this many accounts
MIN_ACCOUNTS = 60  # below this the populations cannot all be present with sensible sizes

ROLE = {
    "everyday": "benign",
    "student": "benign",
    "office": "benign",
    "developer": "power_user",
    "backend": "power_user",
    "researcher": "researcher",
}
CAMPAIGN = {
    "cot_harvest": "C-cot",
    "capability_sweep": "C-sweep",
    "rubric_harvest": "C-rubric",
    "hydra": "C-hydra",
    "reseller": "C-reseller",
    "plain_harvest": "C-plain",
}
NETWORK = {
    "cot_harvest": "N-cot",
    "capability_sweep": "N-sweep",
    "rubric_harvest": "N-rubric",
    "hydra": "N-hydra",
    "reseller": "N-reseller",
    "plain_harvest": "N-plain",
}

# ---------------------------------------------------------------------------
# rhythms: relative activity per local hour 0..23
# ---------------------------------------------------------------------------

# fmt: off
EVERYDAY_HOURS = np.array([
    0.25, 0.12, 0.06, 0.04, 0.04, 0.08, 0.2, 0.45, 0.7, 0.8, 0.85, 0.9,
    1.0, 0.95, 0.9, 0.9, 0.95, 1.05, 1.2, 1.4, 1.55, 1.5, 1.1, 0.6,
])
STUDENT_HOURS = np.array([
    0.6, 0.4, 0.2, 0.08, 0.03, 0.03, 0.05, 0.15, 0.3, 0.5, 0.6, 0.6,
    0.7, 0.7, 0.75, 0.8, 0.85, 0.9, 1.0, 1.3, 1.6, 1.8, 1.6, 1.1,
])
WORK_HOURS = np.array([
    0.05, 0.03, 0.02, 0.02, 0.02, 0.03, 0.08, 0.3, 0.8, 1.3, 1.5, 1.4,
    1.0, 1.3, 1.5, 1.5, 1.3, 1.0, 0.6, 0.4, 0.35, 0.3, 0.2, 0.1,
])
BUSINESS_LOAD = np.array([
    0.3, 0.25, 0.2, 0.2, 0.2, 0.25, 0.4, 0.7, 1.0, 1.2, 1.3, 1.3,
    1.25, 1.3, 1.3, 1.25, 1.15, 1.0, 0.85, 0.75, 0.65, 0.55, 0.45, 0.35,
])
# fmt: on
# Weekday factors Monday..Sunday.
STUDENT_WEEK = np.array([1.0, 1.0, 1.0, 1.0, 0.7, 0.5, 1.1])
WORK_WEEK = np.array([1.0, 1.0, 1.0, 1.0, 0.9, 0.25, 0.2])
OFFICE_WEEK = np.array([1.0, 1.0, 1.0, 1.0, 0.9, 0.1, 0.08])
BACKEND_WEEK = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 0.7, 0.65])

# ---------------------------------------------------------------------------
# volumes and pacing
# ---------------------------------------------------------------------------

DEADLINE_BOOST = 4.0  # activity multiplier in the 36 h before a student's deadline
P_NEW_ACCOUNT = 0.03  # everyday accounts created during the window
BACKEND_PER_DAY = 65.0  # median requests a day per backend account (lognormal, sigma 0.6)
BACKEND_REPEAT_SHARE = 0.12  # share of backend requests whose payload is one of 25 hot items
BACKEND_NIGHTLY_SHARE = 0.3  # share of backends that also run a nightly batch job
RESEARCH_RUN_SIZE = (150, 2000)  # evaluation run size range (log-uniform)
RESEARCH_EXTRA_RUN = 0.3  # chance of a second run before the release (per 14 days)
P_RESEARCH_RERUN = 0.75  # researchers who re-run their main suite on the new model
P_RESEARCH_RERUN_SECOND = 0.3  # ... and who also re-run their second suite
HYDRA_PER_ACCOUNT_DAY = 5.5  # requests a day per hydra account
HYDRA_PER_ACCOUNT_HOUR = 3.0  # requests an hour per account while its cohort is on shift
HYDRA_SHIFT_HOURS = 2.0  # cohort shift length
COT_PER_ACCOUNT_DAY = 140.0
SWEEP_PER_ACCOUNT_DAY = 110.0
SWEEP_SURGE = 3.0  # volume multiplier in the first day after the release
RUBRIC_PER_ACCOUNT_DAY = 130.0
PLAIN_PER_ACCOUNT_DAY = 170.0
RESELLER_CUSTOMER_DAY = 210.0  # genuine-looking customer requests a day per reseller account
RESELLER_HARVEST_DAY = 150.0  # harvesting requests a day per reseller account
# Scripted batch sizes (min, max requests): small jobs, many of them, spread round the clock.
COT_BATCH = (8, 40)
SWEEP_BATCH = (10, 60)
RUBRIC_BATCH = (8, 30)
PLAIN_BATCH = (5, 25)
RESELLER_BATCH = (20, 80)

# Rate-limit (429) probabilities per population; 500s hit every request at P_SERVER_ERROR.
P429 = {
    "everyday": 0.002,
    "student": 0.002,
    "office": 0.002,
    "developer": 0.005,
    "backend": 0.004,
    "researcher": 0.012,
    "hydra": 0.07,
    "cot_harvest": 0.03,
    "capability_sweep": 0.025,
    "rubric_harvest": 0.02,
    "plain_harvest": 0.04,
    "reseller": 0.02,
}
P_SERVER_ERROR = 0.003
# Latency model: time to first byte (ms, median) and ms per output token, per model.
TTFB_MS = np.array([520.0, 240.0, 380.0, 450.0])
MS_PER_TOKEN = np.array([24.0, 8.0, 15.0, 17.0])


# ---------------------------------------------------------------------------
# the plan: one row per request, numeric columns only (text is made while writing)
# ---------------------------------------------------------------------------

COLUMNS: dict[str, tuple[type, object]] = {
    "t": (np.float64, None),  # seconds since window start
    "acct": (np.int32, None),
    "kind": (np.int8, T.KIND_EVERYDAY),
    "p1": (np.int32, 0),  # topic / subject / template / suite*4+format
    "p2": (np.int64, 0),  # payload seed / item seed / coverage index
    "lang": (np.int8, 0),
    "conv": (np.int64, None),
    "turn": (np.int16, 0),
    "model": (np.int8, M_MAIN),
    "endpoint": (np.int8, 0),
    "sys": (np.int16, -1),
    "max_tokens": (np.int32, 2048),
    "temperature": (np.float64, 1.0),
    "top_p": (np.float64, 1.0),
    "n": (np.int8, 1),
    "logprobs": (np.bool_, False),
    "ctok": (np.int32, 200),
    "p429": (np.float32, 0.0),
    "ipslot": (np.int8, 0),
    "keyslot": (np.int8, 0),
    "pop": (np.int8, 0),
}


class Plan:
    """Collects request rows in parts and concatenates them into column arrays."""

    def __init__(self) -> None:
        self.parts: list[tuple[int, dict]] = []
        self.n_conv = 0

    def add(self, rows: int, /, **cols: object) -> None:
        """Add rows; scalars broadcast; conv (local ids) is made globally unique."""
        if rows <= 0:
            return
        conv = np.asarray(cols.pop("conv")) if "conv" in cols else np.arange(rows)
        cols["conv"] = conv + self.n_conv
        self.n_conv += int(conv.max()) + 1
        self.parts.append((rows, cols))

    def build(self) -> dict[str, np.ndarray]:
        """Return one array per column over all rows added so far."""
        out = {}
        for name, (dtype, default) in COLUMNS.items():
            chunks = []
            for n, cols in self.parts:
                v = cols.get(name, default)
                if v is None:
                    raise ValueError(f"column {name} missing in a plan part")
                chunks.append(
                    np.asarray(v, dtype=dtype) if np.ndim(v) else np.full(n, v, dtype=dtype)
                )
            out[name] = np.concatenate(chunks) if chunks else np.zeros(0, dtype=dtype)
        return out


@dataclass
class World:
    """Everything the planner needs to know about the window."""

    start_ms: int
    days: int
    start_weekday: int  # Monday = 0
    registry: Registry
    plan: Plan
    pop_codes: dict[str, int]

    @property
    def span(self) -> float:
        return self.days * DAY

    @property
    def release_s(self) -> float:
        return math.floor(self.days * RELEASE_AT_FRACTION) * DAY + RELEASE_HOUR * HOUR

    def hour_grid(
        self,
        profile: np.ndarray,
        tz: float,
        week: np.ndarray | None = None,
        weekend: float = 1.0,
        not_before: float = 0.0,
    ) -> np.ndarray:
        """Return activity weights for every hour of the window for a local time zone."""
        hours = np.arange(self.days * 24)
        local = hours + tz
        w = profile[np.floor(local % 24).astype(int)].astype(float)
        weekday = (self.start_weekday + np.floor(local / 24).astype(int)) % 7
        if week is not None:
            w = w * week[weekday]
        elif weekend != 1.0:
            w = np.where(weekday >= 5, w * weekend, w)
        if not_before > 0:
            w[hours < not_before / HOUR] = 0.0
        return w


# ---------------------------------------------------------------------------
# shared sampling helpers
# ---------------------------------------------------------------------------


def pick(rng: np.random.Generator, values: tuple, weights: tuple | None = None) -> Any:
    """Return one of values, optionally weighted."""
    if weights is None:
        return values[int(rng.integers(0, len(values)))]
    p = np.asarray(weights, dtype=float)
    return values[int(rng.choice(len(values), p=p / p.sum()))]


def session_rows(
    rng: np.random.Generator,
    grid: np.ndarray,
    n_sessions: int,
    mean_len: float,
    gap_median: float,
    p_continue: float,
    span: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (times, local conversation ids, turns) for sessions drawn from an hour grid."""
    p = grid / grid.sum()
    starts = np.sort((rng.choice(len(grid), n_sessions, p=p) + rng.random(n_sessions)) * HOUR)
    lens = rng.geometric(1.0 / mean_len, n_sessions)
    m = int(lens.sum())
    gaps = rng.lognormal(math.log(gap_median), 0.9, m)
    first = np.zeros(m, dtype=bool)
    first[np.cumsum(lens) - lens] = True
    gaps[first] = 0.0
    sess = np.repeat(np.arange(n_sessions), lens)
    cum = np.cumsum(gaps)
    base = cum[np.cumsum(lens) - lens]
    t = starts[sess] + cum - base[sess]
    new_conv = first | (rng.random(m) > p_continue)
    conv = np.cumsum(new_conv) - 1
    idx = np.arange(m)
    turn = idx - np.maximum.accumulate(np.where(new_conv, idx, 0))
    keep = t < span
    return t[keep], conv[keep], turn[keep]


def batch_times(
    rng: np.random.Generator,
    n_target: float,
    t0: float,
    t1: float,
    cadence: float,
    batch: tuple[int, int],
) -> np.ndarray:
    """Return sorted times of scripted batches: machine-paced runs started round the clock."""
    if n_target <= 0 or t1 <= t0:
        return np.zeros(0)
    mean_len = (batch[0] + batch[1]) / 2
    n_batches = max(1, int(rng.poisson(n_target / mean_len)))
    starts = rng.uniform(t0, t1, n_batches)
    lens = rng.integers(batch[0], batch[1] + 1, n_batches)
    gaps = cadence * rng.lognormal(0.0, 0.15, int(lens.sum()))
    first = np.cumsum(lens) - lens
    gaps[first] = 0.0
    cum = np.cumsum(gaps)
    sess = np.repeat(np.arange(n_batches), lens)
    t = starts[sess] + cum - cum[first][sess]
    return np.sort(t[t < t1])


def poisson_hours(rng: np.random.Generator, rate_per_hour: np.ndarray) -> np.ndarray:
    """Return sorted event times for an hour-by-hour Poisson rate."""
    counts = rng.poisson(rate_per_hour)
    hours = np.repeat(np.arange(len(rate_per_hour)), counts)
    return np.sort((hours + rng.random(len(hours))) * HOUR)


def models_for(
    rng: np.random.Generator,
    t: np.ndarray,
    base: np.ndarray | int,
    adopt_at: float,
    share_after: float,
) -> np.ndarray:
    """Return model ids: base before adopt_at, then the new model with share_after."""
    out = np.broadcast_to(np.asarray(base, dtype=np.int8), t.shape).copy()
    after = (t >= adopt_at) & (rng.random(len(t)) < share_after)
    out[after] = M_NEW
    return out


def lognormal_tokens(
    rng: np.random.Generator, n: int, median: float, sigma: float, cap: np.ndarray | int
) -> np.ndarray:
    """Return completion token counts, lognormal around median and capped."""
    v = rng.lognormal(math.log(median), sigma, n)
    return np.minimum(np.maximum(v, 1), cap).astype(np.int32)


def slots(rng: np.random.Generator, acct: Account, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Return (ip slot, key slot) per request for an account."""
    w = np.asarray(acct.ip_weights, dtype=float)
    ip = rng.choice(len(w), n, p=w / w.sum()) if len(w) > 1 else np.zeros(n, dtype=np.int8)
    key = rng.integers(0, len(acct.keys), n) if len(acct.keys) > 1 else np.zeros(n, np.int8)
    return ip, key


def person_model(
    rng: np.random.Generator, world: World, mean_delay_days: float, p_adopt: float
) -> tuple[int, float, float]:
    """Return (base model, adoption time, share after) for a person choosing models."""
    base = pick(rng, (M_MAIN, M_MINI, M_OLD), (0.55, 0.3, 0.15))
    if rng.random() < p_adopt:
        adopt = world.release_s + rng.exponential(mean_delay_days * DAY)
    else:
        adopt = math.inf
    return base, adopt, 0.85


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
    out = []
    for i in range(n):
        block, asn = blocks[int(rng.integers(0, len(blocks)))]
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
                user_agent=user_agent,
                payment=cards[i * len(cards) // n],
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
    kind = rng.choice(np.array(list(kinds)), m, p=np.array(list(kinds.values())))
    lang = np.where(rng.random(m) < p_foreign, rng.integers(1, 5, m), 0)
    lang = np.where((kind == T.KIND_COT) | (kind == T.KIND_EVERYDAY), lang, 0)
    ipslot, keyslot = slots(rng, acct, m)
    ctok = lognormal_tokens(rng, m, ctok_median, 0.45, max_tokens)
    ctok = np.where(kind == T.KIND_EVERYDAY, np.minimum(ctok, rng.integers(150, 700, m)), ctok)
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
    )


def plan_cot(rng: np.random.Generator, world: World, n: int) -> None:
    """Reasoning harvest: a handful of accounts asking for full reasoning at machine pace."""
    accts = _actor_accounts(
        rng, world, "cot_harvest", n, asns=(16509,), n_blocks=2,
        user_agent="aster-sdk-python/2.1.0 (CPython 3.10.12; Linux)", tier=("pro", "startup"),
        created_span=(12, 40), n_cards=2, country="US", n_keys=2,
    )  # fmt: skip
    for acct in accts:
        per_day = COT_PER_ACCOUNT_DAY * rng.uniform(0.7, 1.3)
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
    rel = world.release_s
    base = int(rng.integers(0, 10_000))  # where the actor's coverage starts
    for j, acct in enumerate(accts):
        per_day = SWEEP_PER_ACCOUNT_DAY * rng.uniform(0.7, 1.3)
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
        switch = rel + rng.uniform(0.5, 3.0) * HOUR
        model = models_for(rng, t, M_MAIN, switch, 0.97)
        m = len(t)
        if m == 0:
            continue
        ipslot, keyslot = slots(rng, acct, m)
        max_tok = 4096
        world.plan.add(
            m,
            t=t,
            acct=acct.idx,
            kind=T.KIND_SWEEP,
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
        )


def plan_rubric(rng: np.random.Generator, world: World, n: int) -> None:
    """Grading harvest: many items scored against rubrics."""
    accts = _actor_accounts(
        rng, world, "rubric_harvest", n, asns=(14061,), n_blocks=1,
        user_agent="aster-sdk-node/2.2.0 (node v20.11.0)", tier=("pro",), created_span=(5, 30),
        n_cards=1, country="GB",
    )  # fmt: skip
    for acct in accts:
        per_day = RUBRIC_PER_ACCOUNT_DAY * rng.uniform(0.7, 1.3)
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
    for acct in accts:
        per_day = PLAIN_PER_ACCOUNT_DAY * rng.uniform(0.7, 1.3)
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
    accts = []
    for _ in range(n):
        block, asn, country = blocks[int(rng.integers(0, len(blocks)))]
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
                user_agent="python-httpx/0.27.2",
                payment=cards[int(rng.integers(0, len(cards)))],
                ips=ips,
            )
        )
    period = DAY / (n * HYDRA_PER_ACCOUNT_DAY)
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


# ---------------------------------------------------------------------------
# sizes and finishing
# ---------------------------------------------------------------------------

PLANNERS = {
    "everyday": plan_everyday,
    "student": plan_students,
    "developer": plan_developers,
    "office": plan_offices,
    "backend": plan_backends,
    "researcher": plan_researchers,
    "cot_harvest": plan_cot,
    "capability_sweep": plan_sweep,
    "rubric_harvest": plan_rubric,
    "hydra": plan_hydra,
    "reseller": plan_reseller,
    "plain_harvest": plan_plain,
}
POPULATIONS = tuple(PLANNERS)


def population_sizes(accounts: int) -> dict[str, int]:
    """Return the number of accounts of each population for a total."""
    if accounts < MIN_ACCOUNTS:
        raise ValueError(f"accounts must be at least {MIN_ACCOUNTS} (got {accounts})")
    sizes = {p: max(MINIMUM[p], round(share * accounts)) for p, share in SHARES.items()}
    sizes["reseller"] = 1 + accounts // RESELLER_PER_ACCOUNTS
    sizes["everyday"] = accounts - sum(sizes.values())
    return {p: sizes[p] for p in POPULATIONS}


def finish(rng: np.random.Generator, cols: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Add status codes and latencies; zero the output of failed requests."""
    m = len(cols["t"])
    u = rng.random(m)
    status = np.full(m, 200, dtype=np.int16)
    status[u < cols["p429"]] = 429
    status[rng.random(m) < P_SERVER_ERROR] = 500
    ok = status == 200
    ctok = np.where(ok, cols["ctok"], 0).astype(np.int32)
    model = cols["model"].astype(int)
    latency = TTFB_MS[model] * rng.lognormal(0, 0.35, m) + ctok / np.maximum(
        cols["n"], 1
    ) * MS_PER_TOKEN[model] * rng.lognormal(0, 0.15, m)
    latency = np.where(status == 429, rng.uniform(8, 60, m), latency)
    latency = np.where(status == 500, rng.uniform(150, 30_000, m), latency)
    cols["status"] = status
    cols["ctok"] = ctok
    cols["latency"] = np.maximum(1, latency).astype(np.int32)
    return cols
