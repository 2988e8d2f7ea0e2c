"""Every account signal in one table: how it is computed (an SQL aggregate, or the stage
that computes it), whether and how it is scored, and the reason it gives in plain words.

Adding a signal is one entry here (plus its test). A behaviour signal's ``sql`` is an
aggregate over the account's requests ``a`` (every contract column, with ``ts`` for the
timestamp and token counts that fall back to text length / 4), and may read the per-account
CTEs of ``detection/sql.py`` (``g`` gap_stats, ``hs`` hour_stats, ``q`` quiet, ``ty``
typical day, ``p`` peak hour, ``t`` templates, ``rh`` release hits, ``e`` data end).
Signals with ``source`` other than "behaviour" come from the stage of that name in
``features.py``. Entries without an ``axis`` are shown to analysts but not scored.

Values below are tunables; where each came from is said next to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple


def _pct(v: float) -> str:
    return f"{v:.0%}"


def _num(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 10 else f"{v:,.1f}"


def _ratio(v: float) -> str:
    return f"{v:,.1f}x"


def _dist(v: float) -> str:
    return f"{v:.3f}"


# How a signal enters the score (axis, weight, scale, floor, direction, min_requests,
# reference). Two axes,
# because distillation needs both: "scale" says the account collects at machine scale;
# "harvest" says it takes what is worth training on. The risk is the geometric mean of the
# two, so a busy product backend (scale, short answers) or a student asking for worked
# steps (harvest, a few requests) stays low, and an account needs both to rise. Within an
# axis the evidence combines as a noisy-OR of weight * evidence: one strong signal is
# enough, more add up.
# Weights: 0.6-0.7 for signals an attacker cannot drop without losing what it came for
# (sustained volume, round-the-clock pace, output taken, reasoning, breadth); 0.3-0.4 for
# signals an honest heavy user also shows (new accounts, long answers, big caps); 0.1-0.2
# for what any scripted burst shows (an evaluation run, a batch job: peaks, templates) and
# for what evaluations share with extraction (release timing, logprobs, n > 1, unusual
# prompts, sending on through rate limits: at 0.3 that one put 15 of 120 researchers at
# high on the 20k-account log): together they lift an axis to about 0.3-0.4, not more. On
# the 20k-account benchmark, peaks at 0.35 and templates at 0.3 put 12 of 120 researchers
# (benchmark runs asking for step-by-step answers) at high.
# Floors: shares measured on the 25 sampled prompts (reasoning) have a standard error up to
# 0.1, so their spread is never taken below 0.1; a quiet-hours share needs 100 requests
# before a night owl and a scheduler differ.
# Volumes are those of a typical day (TYPICAL_DAY_QUANTILE): a benchmark run that fills one
# afternoon is not a sustained harvest; the same volume every day is.
# min_requests: a signal that means nothing on a few requests (a rhythm needs many) gives
# no evidence below it. The population is always every account: the heavy accounts alone
# may be mostly the attackers (in the sample, 150 of the 260 accounts with 50+ requests).
# reference: a typical day is zero for most people (idle most days), so its median and
# spread say nothing; it is compared with the population's average daily volume instead.
class Signal(NamedTuple):
    """One signal: where it comes from, how it is scored, what it says."""

    name: str
    sql: str | None = None  # aggregate over the account's requests (source "behaviour")
    source: str = "behaviour"  # or "reasoning", "topics", "distance" (features.py stages)
    axis: str | None = None  # "scale" or "harvest"; None: shown, not scored
    weight: float = 0.0
    scale: str = "linear"  # "log" or "linear"
    floor: float = 0.0  # smallest spread, in the scale's units
    direction: str = "higher"  # "lower" when small values are the suspicious ones
    min_requests: int = 0
    reference: str | None = None  # take the population's median and spread from this column
    peers: bool = False  # compared only with accounts that have min_requests too
    reason: str | None = None  # sentence with {v} (the account) and {m} (population median)
    fmt: Callable[[float], str] = _num  # how {v} and {m} are written
    # signals of one group measure one thing in parts and in sum: the group counts once in
    # its axis, at its strongest member's weight * evidence, and only that member's reason
    group: str | None = None

    def scoring(self) -> dict:
        """The fields that decide the score (recorded with every run)."""
        keys = ("axis", "weight", "scale", "floor", "direction", "min_requests", "reference",
                "peers", "group")  # fmt: skip
        return {k: getattr(self, k) for k in keys}


_PER_DAY = "greatest($min_days, (epoch(any_value(e.data_end)) - epoch(min(a.ts))) / 86400.0)"

SIGNALS: tuple[Signal, ...] = (
    # --- shown to analysts, not scored: behaviour from the SQL query (detection/sql.py) ---
    Signal("requests", "count(*)"),
    Signal("active_days", "count(DISTINCT CAST(a.ts AS DATE))"),
    Signal("requests_per_active_day", "count(*) / count(DISTINCT CAST(a.ts AS DATE))"),
    Signal("first_seen", "min(a.ts)"),
    Signal("last_seen", "max(a.ts)"),
    Signal("active_hours", "any_value(hs.active_hours)"),
    Signal("hour_entropy", "coalesce(any_value(hs.hour_entropy), 0)"),
    Signal("gap_cv", "any_value(g.gap_std) / nullif(any_value(g.gap_mean), 0)"),
    Signal("mean_output_tokens", "avg(a.completion_tokens)"),
    # sustained rates: per day from the account's first request to the end of the data
    Signal("requests_per_day", f"count(*) / {_PER_DAY}"),
    Signal("output_tokens_per_day", f"sum(a.completion_tokens) / {_PER_DAY}"),
    Signal("temp0_share", "avg(CASE WHEN a.temperature = 0 THEN 1.0 ELSE 0.0 END)"),
    Signal("mean_temperature", "avg(a.temperature)"),
    Signal("keys", "count(DISTINCT a.api_key_id)"),
    Signal("ips", "count(DISTINCT a.ip)"),
    Signal("asns", "count(DISTINCT a.asn)"),
    Signal("user_agents", "count(DISTINCT a.user_agent)"),
    Signal("skeleton_ratio", "any_value(t.skeletons) / count(*)"),
    # --- scored, scale axis ---
    Signal(
        "typical_day_requests", "any_value(ty.typical_day_requests)",
        axis="scale", weight=0.6, scale="log", floor=0.5, reference="requests_per_day",
        reason="{v} requests on a typical day, busy on most days (population median {m})",
    ),
    Signal(
        "quiet_share", "any_value(q.quiet_share)",
        axis="scale", weight=0.6, floor=0.03, min_requests=100, fmt=_pct,
        reason="round the clock: {v} of requests in its quietest six hours of the day "
        "(population median {m}; a person asleep sends almost none)",
    ),
    Signal(
        "peak_hour_requests", "any_value(p.peak_hour_requests)",
        axis="scale", weight=0.2, scale="log", floor=0.5,
        reason="up to {v} requests in one hour (population median {m})",
    ),
    Signal(
        "template_share", "any_value(t.template_share)",
        axis="scale", weight=0.15, floor=0.05, fmt=_pct,
        reason="{v} of requests reuse a prompt template (population median {m})",
    ),
    Signal(
        "typical_day_output_tokens", "any_value(ty.typical_day_output_tokens)",
        axis="scale", weight=0.6, scale="log", floor=0.5, reference="output_tokens_per_day",
        reason="takes {v} output tokens on a typical day (population median {m})",
    ),
    Signal(
        "param_tuple_share", "any_value(tu.param_tuple_share)",
        axis="scale", weight=0.15, floor=0.05, min_requests=20, fmt=_pct,
        reason="{v} of requests sent with one fixed parameter set (max_tokens, temperature, "
        "top_p, n; population median {m})",
    ),
    Signal(
        "retry_429_share", "any_value(rl.retry_429_share)",
        axis="scale", weight=0.15, floor=0.1, fmt=_pct,
        reason="kept sending through rate limits: {v} of its 429 responses were followed by "
        "another request within a minute (population median {m})",
    ),
    Signal(
        "age_at_first_days", "(epoch(min(a.ts)) - epoch(min(a.account_created_at))) / 86400.0",
        axis="scale", weight=0.3, scale="log", floor=0.5, direction="lower",
        reason="first request {v} days after the account was created (population median {m})",
    ),
    # --- scored, harvest axis (reasoning_share and topic_breadth come from features.py) ---
    # Reasoning and judging are one group with their union: an account that mixes the two
    # (a reseller harvesting 24% reasoning and 20% grading under customer traffic) is as
    # clear as one that sends either alone, but a pure harvester is not counted twice.
    Signal(
        "reasoning_share", source="reasoning",
        axis="harvest", weight=0.7, floor=0.1, fmt=_pct, group="wanted_types",
        reason="{v} of sampled prompts ask for step-by-step or hidden reasoning (in the prompt "
        "or system prompt, or answered with a reasoning block), each in a request of its own "
        "(population median {m})",
    ),
    Signal(
        "judging_share", source="reasoning",
        axis="harvest", weight=0.7, floor=0.1, fmt=_pct, group="wanted_types",
        reason="{v} of sampled prompts ask for a grade, score or verdict on an answer, each "
        "in a request of its own (judge or reward-model data; population median {m})",
    ),
    Signal(
        "reasoning_or_judging_share", source="reasoning",
        axis="harvest", weight=0.7, floor=0.1, fmt=_pct, group="wanted_types",
        reason="{v} of sampled prompts ask either for step-by-step reasoning or for a grade "
        "or verdict, each in a request of its own (population median {m})",
    ),
    # The response side: answers that are worked traces (written-out calculations, numbered
    # steps) are what a reasoning harvest keeps, asked for or volunteered by the model. In
    # the group, as it measures the same harvest; at a lower weight, as models volunteer
    # worked steps to anyone who asks a maths question.
    Signal(
        "trace_share", source="reasoning",
        axis="harvest", weight=0.5, floor=0.1, fmt=_pct, group="wanted_types",
        reason="{v} of sampled answers are worked traces (written-out calculations or "
        "numbered steps), each in a request of its own (population median {m})",
    ),
    # Tool calls and agent traces are what distillation of agentic skills wants, and also
    # what every agent product sends all day: the weight of signals honest heavy users show.
    Signal(
        "tool_share", source="reasoning",
        axis="harvest", weight=0.3, floor=0.1, fmt=_pct,
        reason="{v} of sampled prompts ask for tool calls or an agent trace, each in a "
        "request of its own (population median {m})",
    ),
    # Breadth is counted on the account's sample (25 requests), so it is compared only with
    # accounts that fill a sample too: an account with 8 requests cannot touch more than 8.
    Signal(
        "topic_breadth", source="topics",
        axis="harvest", weight=0.4, scale="log", floor=0.3, min_requests=25, peers=True,
        reason="its 25 sampled prompts spread over {v} topics (median of accounts with 25 "
        "requests or more: {m})",
    ),
    Signal(
        "single_turn_share", "avg(a.single_turn)",
        axis="harvest", weight=0.15, floor=0.05, min_requests=20, fmt=_pct,
        reason="{v} of requests are single-turn, never followed up in the same conversation "
        "(population median {m})",
    ),
    Signal(
        "out_in_ratio", "sum(a.completion_tokens) / nullif(sum(a.prompt_tokens), 0)",
        axis="harvest", weight=0.4, scale="log", floor=0.3, fmt=_ratio,
        reason="answers are {v} as long as the prompts (population median {m})",
    ),
    Signal(
        "mean_max_tokens", "avg(a.max_tokens)",
        axis="harvest", weight=0.35, scale="log", floor=0.3,
        reason="asks for {v} output tokens on average (population median {m})",
    ),
    Signal(
        "near_max_share",
        "avg(CASE WHEN a.max_tokens > 0 AND a.completion_tokens >= 0.95 * a.max_tokens "
        "THEN 1.0 ELSE 0.0 END)",
        axis="harvest", weight=0.3, floor=0.05, fmt=_pct,
        reason="{v} of answers hit the max_tokens cap (population median {m})",
    ),
    Signal(
        "release_48h_share", "any_value(rh.release_48h_share)",
        axis="harvest", weight=0.1, floor=0.05, fmt=_pct,
        reason="{v} of traffic within 48 h of a model release (population median {m})",
    ),
    Signal(
        "logprobs_share", "avg(CASE WHEN a.logprobs THEN 1.0 ELSE 0.0 END)",
        axis="harvest", weight=0.1, floor=0.05, fmt=_pct,
        reason="{v} of requests ask for logprobs (population median {m})",
    ),
    Signal(
        "n_gt1_share", "avg(CASE WHEN a.n > 1 THEN 1.0 ELSE 0.0 END)",
        axis="harvest", weight=0.1, floor=0.05, fmt=_pct,
        reason="{v} of requests ask for several completions (population median {m})",
    ),
    Signal(
        "prompt_distance", source="distance",
        axis="harvest", weight=0.1, floor=0.01, fmt=_dist,
        reason="prompts unlike the population's (distance {v}, population median {m})",
    ),
    # --- shown, not scored: from the content stages of features.py ---
    Signal("sampled_prompts", source="reasoning"),
    Signal("campaigns_touched", source="topics"),
    Signal("noise_share", source="topics"),
)  # fmt: skip

# Signals of a cohort (a network of linked accounts) as one entity, computed from its
# members' signals in detection/cohorts.py and compared with cohorts of the same size drawn
# at random from the population (not with single accounts). Pooled shares weigh each member
# by its requests (or sampled prompts); volumes are sums.
COHORT_SIGNALS: tuple[Signal, ...] = (
    Signal(
        "cohort_day_requests", source="cohort",
        axis="scale", weight=0.6, scale="log", floor=0.5,
        reason="together {v} requests on a typical day (same-size random cohorts: {m})",
    ),
    Signal(
        "cohort_day_output_tokens", source="cohort",
        axis="scale", weight=0.6, scale="log", floor=0.5,
        reason="together take {v} output tokens on a typical day (same-size random "
        "cohorts: {m})",
    ),
    # Registering dozens of accounts at once is an act of machine scale: the weight of a
    # sustained volume. Ordinary cohorts (offices, families) are created over months.
    Signal(
        "cohort_created_spread_days", source="cohort",
        axis="scale", weight=0.6, scale="log", floor=0.3, direction="lower",
        reason="accounts created within {v} days of each other (standard deviation; "
        "same-size random cohorts: {m})",
    ),
    # One parameter tuple and answer format across the members: one operator's script (or
    # one app's defaults: it weighs less than a batch registration).
    Signal(
        "cohort_shape_share", source="cohort",
        axis="scale", weight=0.3, floor=0.05, fmt=_pct,
        reason="{v} of them send with one parameter set and answer format (same-size "
        "random cohorts: {m})",
    ),
    Signal(
        "cohort_age_days", source="cohort",
        axis="scale", weight=0.3, scale="log", floor=0.5, direction="lower",
        reason="typical member started {v} days after its account was created "
        "(same-size random cohorts: {m})",
    ),
    Signal(
        "cohort_reasoning_share", source="cohort",
        axis="harvest", weight=0.7, floor=0.05, fmt=_pct,
        reason="{v} of their sampled prompts ask for step-by-step or hidden reasoning "
        "(same-size random cohorts: {m})",
    ),
    Signal(
        "cohort_judging_share", source="cohort",
        axis="harvest", weight=0.7, floor=0.05, fmt=_pct,
        reason="{v} of their sampled prompts ask for a grade, score or verdict "
        "(same-size random cohorts: {m})",
    ),
    Signal(
        "cohort_tool_share", source="cohort",
        axis="harvest", weight=0.3, floor=0.05, fmt=_pct,
        reason="{v} of their sampled prompts ask for tool calls or an agent trace "
        "(same-size random cohorts: {m})",
    ),
    # One recipe across the members is also what the users of one app or tool share: it
    # says how they ask, not that they harvest, so it weighs little on its own.
    Signal(
        "cohort_recipe_share", source="cohort",
        axis="harvest", weight=0.2, floor=0.05, fmt=_pct,
        reason="{v} of their requests use one instruction recipe (same-size random "
        "cohorts: {m})",
    ),
    Signal(
        "cohort_single_turn_share", source="cohort",
        axis="harvest", weight=0.2, floor=0.05, fmt=_pct,
        reason="{v} of their requests are single-turn (same-size random cohorts: {m})",
    ),
)  # fmt: skip
COHORT_SCORED: dict[str, Signal] = {s.name: s for s in COHORT_SIGNALS}

# Shares measured on the account's sampled prompts (sampled_prompts of them) as counts:
# what a member of a cohort counts as evidence of its own (cohorts.own_content_evidence).
COUNTED_SHARES = {
    "reasoning_share": "ask for step-by-step or hidden reasoning",
    "judging_share": "ask for a grade, score or verdict on an answer",
    "tool_share": "ask for tool calls or an agent trace",
}

BY_NAME: dict[str, Signal] = {s.name: s for s in SIGNALS}
# The scored signals, in the order of the table (the order in which evidence combines
# and equal reasons are listed).
SCORED: dict[str, Signal] = {s.name: s for s in SIGNALS if s.axis}
# Facts about an account that the behaviour query returns but that are not signals.
NOT_SIGNALS = ("first_seen", "last_seen")


def behaviour() -> tuple[Signal, ...]:
    """The signals computed by the behaviour query, in the table's order."""
    return tuple(s for s in SIGNALS if s.source == "behaviour")


def _check(signals: tuple[Signal, ...]) -> None:
    names = [s.name for s in signals]
    assert len(names) == len(set(names)), "a signal is defined twice"
    for s in signals:
        assert s.name.isidentifier(), s.name  # names become SQL identifiers
        assert (s.sql is not None) == (s.source == "behaviour"), s.name
        assert s.source != "cohort", f"{s.name}: cohort signals live in COHORT_SIGNALS"
        assert s.axis in (None, "scale", "harvest"), s.name
        assert not s.axis or (s.reason and s.weight > 0), f"{s.name}: scored without a reason"
        assert s.scale in ("log", "linear") and s.direction in ("higher", "lower"), s.name
        assert s.reference is None or s.reference in names, s.name


_check(SIGNALS)
assert not set(COHORT_SCORED) & {s.name for s in SIGNALS}
