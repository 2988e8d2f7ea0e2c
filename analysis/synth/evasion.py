"""Adversary mode: how the extraction campaigns evade detection at an evasion strength s.

`generate_dataset(..., evasion=s)` / `python -m analysis generate --evasion s`, s in [0, 1].
At s = 0 nothing here draws a random number and the output is byte-identical to the plain
generator for the same seed. At s > 0 each knob moves linearly from its value at 0 to its
value at 1, and two extra extraction campaigns are planted (see adversary.py).

Knobs (applied to the evasive actors cot_harvest, capability_sweep, rubric_harvest,
plain_harvest and hydra; p_paraphrase also to lowslow_cot; the reseller is one business
account and stays as it is; the grading harvest keeps its one or two fixed templates):

=================  ======  ======  ==========================================================
knob               s = 0   s = 1   meaning
=================  ======  ======  ==========================================================
account_factor     1.0     3.0     accounts per actor are multiplied by this (rounded) and
                                   each account's request rate divided by it: the same total
                                   harvest spread over more, quieter accounts. The extra
                                   accounts come on top of --accounts (benign sizes stay).
p_own_block        0.0     0.95    share of an actor's accounts given their own /24 (drawn
                                   from the actor's ASNs plus hosting and residential-proxy
                                   ASNs) instead of one of the actor's few shared /24s
p_own_ua           0.0     0.95    share given their own user agent string (SDK, HTTP tool
                                   or browser, distinct within the actor) instead of the
                                   actor's one client string
p_own_card         0.0     0.95    share given their own payment fingerprint instead of one
                                   of the actor's shared cards
p_human            0.0     0.85    share of each account's requests re-timed to the everyday
                                   human rhythm (EVERYDAY_HOURS in the local time of the
                                   account's country) instead of round-the-clock batches
p_mix              0.0     0.35    share of each account's requests replaced by everyday,
                                   benign-looking prompts (KIND_EVERYDAY, short answers)
p_paraphrase       0.0     0.9     share of each account's framed requests (reasoning,
                                   grading, coding, tool and agent asks) whose instruction
                                   frame is rewritten (paraphrase.py): another wording from a
                                   larger bank, 35% of them in es/de/fr/pt/zh/ja/ko/ru, before
                                   or after the payload, split around it or in the system
                                   prompt, with per-request casing, punctuation and filler
                                   noise. Everyday prompts have no frame and stay as they are.
=================  ======  ======  ==========================================================

Extra campaigns, present for any s > 0 (their size does not depend on s):

- grading_harvest (C-grade / N-grade): GRADING_ACCOUNTS accounts sending one or two fixed
  judging templates filled with question/answer pairs, GRADING_PER_DAY requests a day each
  at daytime working-hour rhythm, small max_tokens, short JSON answers.
- lowslow_cot (C-lowslow / N-lowslow): LOWSLOW_ACCOUNTS new free-tier accounts with
  LOWSLOW_REQUESTS requests each over the whole window at human rhythm, rotating residential
  addresses, one user agent per account, payment fingerprints shared by pairs, chain-of-thought
  asks wrapped around changing questions.

Benign heavy users (hard negatives a detector must not flag) are planted too for any s > 0,
on top of --accounts: see hard_negatives.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from analysis.synth.accounts import HOSTING_ASNS, TOOL_UAS, browser_ua, sdk_ua
from analysis.synth.paraphrase import FRAMED_KINDS
from analysis.synth.world import EVERYDAY_HOURS, HOUR, M_MAIN, M_NEW, World

ACCOUNT_FACTOR_MAX = 3.0
P_OWN_BLOCK_MAX = 0.95
P_OWN_UA_MAX = 0.95
P_OWN_CARD_MAX = 0.95
P_HUMAN_MAX = 0.85
P_MIX_MAX = 0.35
P_PARAPHRASE_MAX = 0.9

EVASIVE = ("cot_harvest", "capability_sweep", "rubric_harvest", "plain_harvest", "hydra")
# Residential ASNs rented through proxy services (a sample of the geography's home lines).
PROXY_ASNS = (7922, 7018, 20115, 2856, 5089, 3320, 3215, 1136, 24560, 28573)
# Local UTC offsets used to place human-rhythm traffic, by the country an account claims.
ACTOR_TZ = {"US": -5.0, "GB": 0.0, "DE": 1.0, "FR": 1.0, "NL": 1.0, "SG": 8.0}

GRADING_ACCOUNTS = (3, 0.002)  # (minimum, share of --accounts)
GRADING_PER_DAY = (20.0, 70.0)  # requests a day per grading account (uniform range)
LOWSLOW_ACCOUNTS = (24, 0.03)  # (minimum, share of --accounts)
LOWSLOW_REQUESTS = (30, 70)  # requests per low-and-slow account over the whole window
ADVERSARY_POPULATIONS = ("grading_harvest", "lowslow_cot")
PARAPHRASED = (*EVASIVE, "lowslow_cot")  # populations whose frames p_paraphrase rewrites


@dataclass(frozen=True)
class Knobs:
    """The evasion knobs at one strength (see the module docstring)."""

    strength: float
    account_factor: float
    p_own_block: float
    p_own_ua: float
    p_own_card: float
    p_human: float
    p_mix: float
    p_paraphrase: float

    @property
    def on(self) -> bool:
        return self.strength > 0


def check_evasion(evasion: float) -> float:
    """Return evasion as a float or raise ValueError unless it is a number in [0, 1]."""
    try:
        s = float(evasion)
    except (TypeError, ValueError):
        raise ValueError(
            f"evasion must be a number between 0.0 and 1.0 (got {evasion!r})"
        ) from None
    if math.isnan(s) or not 0.0 <= s <= 1.0:
        raise ValueError(f"evasion must be between 0.0 and 1.0 (got {evasion!r})")
    return s


def knobs(evasion: float) -> Knobs:
    """Return the knob values for an evasion strength in [0, 1]."""
    s = check_evasion(evasion)
    return Knobs(
        strength=s,
        account_factor=1.0 + (ACCOUNT_FACTOR_MAX - 1.0) * s,
        p_own_block=P_OWN_BLOCK_MAX * s,
        p_own_ua=P_OWN_UA_MAX * s,
        p_own_card=P_OWN_CARD_MAX * s,
        p_human=P_HUMAN_MAX * s,
        p_mix=P_MIX_MAX * s,
        p_paraphrase=P_PARAPHRASE_MAX * s,
    )


def adversary_sizes(accounts: int, evasion: float) -> dict[str, int]:
    """Return account counts of the extra campaigns (empty at evasion 0)."""
    if check_evasion(evasion) <= 0:
        return {}
    return {
        "grading_harvest": max(GRADING_ACCOUNTS[0], round(GRADING_ACCOUNTS[1] * accounts)),
        "lowslow_cot": max(LOWSLOW_ACCOUNTS[0], round(LOWSLOW_ACCOUNTS[1] * accounts)),
    }


def scale_sizes(sizes: dict[str, int], evasion: float) -> dict[str, int]:
    """Return sizes with the evasive actors' account counts multiplied by account_factor."""
    k = knobs(evasion)
    if not k.on:
        return sizes
    return {p: round(n * k.account_factor) if p in EVASIVE else n for p, n in sizes.items()}


# ---------------------------------------------------------------------------
# per-account rotation
# ---------------------------------------------------------------------------


def own_user_agent(rng: np.random.Generator, used: set[str]) -> str:
    """Return a client string not yet used by the actor (SDK, HTTP tool or browser)."""
    ua = ""
    for _ in range(30):
        u = rng.random()
        if u < 0.45:
            ua = sdk_ua(rng)
        elif u < 0.6:
            ua = TOOL_UAS[int(rng.integers(0, len(TOOL_UAS)))]
        else:
            ua = browser_ua(rng)
        if ua not in used:
            break
    used.add(ua)
    return ua


def rotate(
    rng: np.random.Generator,
    world: World,
    k: Knobs,
    block: tuple[str, int],
    asns: tuple[int, ...],
    user_agent: str,
    payment: str,
    used_uas: set[str],
) -> tuple[tuple[str, int], str, str]:
    """Return (block, user agent, payment) for one account, rotated with the knobs' shares."""
    if not k.on:
        return block, user_agent, payment
    if rng.random() < k.p_own_block:
        pool = asns + HOSTING_ASNS + PROXY_ASNS
        asn = pool[int(rng.integers(0, len(pool)))]
        block = (world.registry.book.block24(asn), asn)
    if rng.random() < k.p_own_ua:
        user_agent = own_user_agent(rng, used_uas)
    if rng.random() < k.p_own_card:
        payment = world.registry.new_id("pf_", 10)
    return block, user_agent, payment


# ---------------------------------------------------------------------------
# timing and mixing
# ---------------------------------------------------------------------------


def grid_times(rng: np.random.Generator, grid: np.ndarray, n: int) -> np.ndarray:
    """Return n sorted times drawn from an hour-by-hour activity grid."""
    if n <= 0:
        return np.zeros(0)
    p = grid / grid.sum()
    return np.sort((rng.choice(len(grid), n, p=p) + rng.random(n)) * HOUR)


def humanize(
    rng: np.random.Generator,
    world: World,
    k: Knobs,
    t: np.ndarray,
    country: str,
    model: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray | None]:
    """Re-time a share p_human of requests to the everyday rhythm; return sorted (t, model).

    Rows moved before the release fall back from the new model to the main one.
    """
    if not k.on or len(t) == 0:
        return t, model
    move = rng.random(len(t)) < k.p_human
    t = np.asarray(t, dtype=float).copy()
    grid = world.hour_grid(EVERYDAY_HOURS, ACTOR_TZ.get(country, 0.0))
    t[move] = rng.permutation(grid_times(rng, grid, int(move.sum())))
    order = np.argsort(t, kind="stable")
    t = t[order]
    if model is not None:
        model = np.asarray(model).copy()[order]
        model[(model == M_NEW) & (t < world.release_s)] = M_MAIN
    return t, model


def mix_kinds(rng: np.random.Generator, k: Knobs, kind: np.ndarray, everyday: int) -> np.ndarray:
    """Replace a share p_mix of the row kinds by the everyday kind."""
    if not k.on or len(kind) == 0:
        return kind
    return np.where(rng.random(len(kind)) < k.p_mix, everyday, kind)


def paraphrase_flags(
    rng: np.random.Generator | None, k: Knobs, kind: np.ndarray
) -> np.ndarray | int:
    """Return per-row flags (1 = rewrite the frame) for a share p_paraphrase of framed rows.

    Returns 0 without drawing when the knobs are off. rng is the world's paraphrase_rng.
    """
    if not k.on or len(kind) == 0:
        return 0
    if rng is None:
        raise ValueError("paraphrase flags need the world's paraphrase_rng when evading")
    framed = np.isin(kind, FRAMED_KINDS)
    return ((rng.random(len(kind)) < k.p_paraphrase) & framed).astype(np.int8)
