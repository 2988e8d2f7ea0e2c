"""Traffic-plan basics: models, population shares, rhythms, rates, Plan, World, sampling helpers."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from analysis.synth import prompts as T
from analysis.synth.accounts import Account, Registry
from analysis.synth.languages import LANGS

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
    # benign heavy users of adversary mode (evasion > 0), see hard_negatives.py
    "translation_backend": "power_user",
    "tutoring_backend": "power_user",
    "ci_runner": "power_user",
    "power_human": "power_user",
    "shared_office": "benign",
    # ordinary users and products in many languages, every run (see multilingual.py)
    "multilingual_everyday": "benign",
    "support_bot": "power_user",
    "tutoring_product": "power_user",
    "translation_product": "power_user",
}
CAMPAIGN = {
    "cot_harvest": "C-cot",
    "capability_sweep": "C-sweep",
    "rubric_harvest": "C-rubric",
    "hydra": "C-hydra",
    "reseller": "C-reseller",
    "plain_harvest": "C-plain",
    "grading_harvest": "C-grade",  # adversary mode only (evasion > 0)
    "lowslow_cot": "C-lowslow",  # adversary mode only (evasion > 0)
}
NETWORK = {
    "cot_harvest": "N-cot",
    "capability_sweep": "N-sweep",
    "rubric_harvest": "N-rubric",
    "hydra": "N-hydra",
    "reseller": "N-reseller",
    "plain_harvest": "N-plain",
    "grading_harvest": "N-grade",
    "lowslow_cot": "N-lowslow",
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
    "grading_harvest": 0.01,
    "lowslow_cot": 0.01,
    "translation_backend": 0.004,
    "tutoring_backend": 0.004,
    "ci_runner": 0.006,
    "power_human": 0.006,
    "shared_office": 0.002,
    "multilingual_everyday": 0.002,
    "support_bot": 0.004,
    "tutoring_product": 0.004,
    "translation_product": 0.004,
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
    "para": (np.int8, 0),  # 1 = the instruction frame is rewritten (adversary mode)
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
    evasion: float = 0.0  # adversary strength 0..1 (see evasion.py); 0 = the plain generator
    # draws of the paraphrase knob (evasion > 0 only): a generator of their own, so the
    # actors' accounts, schedules and prompt kinds are those of the same strength without it
    paraphrase_rng: np.random.Generator | None = None

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
