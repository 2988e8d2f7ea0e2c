"""The planner of each population, account counts per population and the finishing pass."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from analysis.synth.adversary import plan_grading, plan_lowslow
from analysis.synth.campaigns import (
    plan_cot,
    plan_hydra,
    plan_plain,
    plan_reseller,
    plan_rubric,
    plan_sweep,
)
from analysis.synth.evasion import ADVERSARY_POPULATIONS, adversary_sizes, scale_sizes
from analysis.synth.hard_negatives import HARD_NEGATIVES, hard_negative_sizes
from analysis.synth.hard_negatives import PLANNERS as HARD_NEGATIVE_PLANNERS
from analysis.synth.multilingual import MULTILINGUAL, STREAM, multilingual_sizes
from analysis.synth.multilingual import PLANNERS as MULTILINGUAL_PLANNERS
from analysis.synth.populations import (
    plan_backends,
    plan_developers,
    plan_everyday,
    plan_offices,
    plan_researchers,
    plan_students,
)
from analysis.synth.world import (
    MIN_ACCOUNTS,
    MINIMUM,
    MS_PER_TOKEN,
    P_SERVER_ERROR,
    RESELLER_PER_ACCOUNTS,
    SHARES,
    TTFB_MS,
    Plan,
    World,
)

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
    # adversary mode only (evasion > 0); planned after the others, codes after theirs
    "grading_harvest": plan_grading,
    "lowslow_cot": plan_lowslow,
    # benign heavy users (hard negatives), adversary mode only, planned last
    **HARD_NEGATIVE_PLANNERS,
}
EXTRA_POPULATIONS = ADVERSARY_POPULATIONS + HARD_NEGATIVES  # present only when evasion > 0
POPULATIONS = tuple(p for p in PLANNERS if p not in EXTRA_POPULATIONS)


def populations_for(evasion: float = 0.0) -> tuple[str, ...]:
    """Return the populations planned at an evasion strength (the extra ones when > 0).

    The multilingual populations, planned in every run after these, are not included
    (all_populations adds them).
    """
    return POPULATIONS + EXTRA_POPULATIONS if evasion > 0 else POPULATIONS


def all_populations(evasion: float = 0.0) -> tuple[str, ...]:
    """Return every population of a run in the order of their codes (multilingual last)."""
    return populations_for(evasion) + MULTILINGUAL


def population_sizes(accounts: int, evasion: float = 0.0) -> dict[str, int]:
    """Return the number of accounts of each population for a total.

    At evasion > 0 the evasive actors get more accounts and the extra campaigns and the
    benign heavy users are added, all on top of the total (evasion.py, hard_negatives.py).
    """
    if accounts < MIN_ACCOUNTS:
        raise ValueError(f"accounts must be at least {MIN_ACCOUNTS} (got {accounts})")
    sizes = {p: max(MINIMUM[p], round(share * accounts)) for p, share in SHARES.items()}
    sizes["reseller"] = 1 + accounts // RESELLER_PER_ACCOUNTS
    sizes["everyday"] = accounts - sum(sizes.values())
    sizes = scale_sizes(sizes, evasion)
    sizes.update(adversary_sizes(accounts, evasion))
    sizes.update(hard_negative_sizes(accounts, evasion))
    sizes.update(multilingual_sizes(accounts))
    return {p: sizes[p] for p in all_populations(evasion)}


def plan_multilingual(world: World, seed: int, accounts: int) -> dict[str, np.ndarray]:
    """Plan the multilingual populations after all others; return their finished columns.

    Their accounts come last in the registry (ids and addresses drawn from a generator of
    their own), their rows go into a plan of their own (conversation numbers after the
    others') and are finished with a generator of their own: the other populations' rows
    stay what they are without them.
    """
    reg = world.registry
    reg.rng = reg.book.rng = np.random.default_rng([seed, STREAM, 0])
    for pop in MULTILINGUAL:
        world.pop_codes[pop] = len(world.pop_codes)
    plan = Plan()
    plan.n_conv = world.plan.n_conv
    own = replace(world, plan=plan)
    sizes = multilingual_sizes(accounts)
    for i, pop in enumerate(MULTILINGUAL, start=1):
        MULTILINGUAL_PLANNERS[pop](np.random.default_rng([seed, STREAM, i]), own, sizes[pop])
    return finish(np.random.default_rng([seed, STREAM, 99]), plan.build())


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
