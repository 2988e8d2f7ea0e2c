"""Tests for the paraphrase knob of adversary mode (rewritten instruction frames)."""

from __future__ import annotations

import random
import re
from collections import defaultdict

import numpy as np
import pytest

from analysis.synth import paraphrase_banks as PB
from analysis.synth import prompts as T
from analysis.synth import text_banks as B
from analysis.synth.evasion import EVASIVE, PARAPHRASED
from analysis.synth.generate import build_plan, parse_start
from analysis.synth.languages import LANGS
from analysis.synth.paraphrase import FRAMED_KINDS, paraphrased_prompt
from analysis.synth.template_banks import SYSTEM_PROMPTS

# Scripts no plain-generator prompt of an extraction actor is written in.
NON_LATIN = re.compile(r"[\u0400-\u04ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


@pytest.fixture(scope="module")
def plans() -> dict[float, tuple]:
    start = parse_start("2026-10-01")
    return {ev: build_plan(120, 4, 5, start, ev) for ev in (0.0, 1.0)}


def _frames(world, cols, pop: str) -> list:
    """Render the paraphrased rows of one population (a fresh generator, same draws)."""
    r = random.Random(0)
    sel = np.flatnonzero((cols["pop"] == world.pop_codes[pop]) & (cols["para"] == 1))
    return [
        paraphrased_prompt(r, int(cols["kind"][i]), int(cols["p2"][i]), LANGS[cols["lang"][i]])
        for i in sel
    ]


def test_no_frame_is_rewritten_at_zero(plans):
    _world, cols = plans[0.0]
    assert not cols["para"].any()


def test_rewritten_share_follows_the_knob(plans):
    world, cols = plans[1.0]
    codes = [world.pop_codes[p] for p in PARAPHRASED]
    mine = np.isin(cols["pop"], codes) & np.isin(cols["kind"], FRAMED_KINDS)
    assert 0.85 < cols["para"][mine].mean() < 0.95  # p_paraphrase = 0.9 at full strength
    assert not cols["para"][~mine].any()  # everyday prompts, other populations: never


def test_many_distinct_frames_per_actor_some_not_english(plans):
    world, cols = plans[1.0]
    for pop in (*EVASIVE, "lowslow_cot"):
        frames = _frames(world, cols, pop)
        if pop == "plain_harvest":  # everyday questions carry no frame
            assert not frames
            continue
        assert len(frames) >= 40, pop
        assert len({f.frame for f in frames}) >= 0.8 * len(frames), pop
        assert len({f.wording for f in frames}) >= 25, pop
        langs = {f.lang for f in frames}
        assert "en" in langs and len(langs) >= 7, (pop, langs)
        assert any(f.system for f in frames), pop


def test_wordings_are_new():
    plain = set(B.COT_WRAPPERS_EN) | set(B.RUBRIC_FRAMES) | set(B.SWEEP_CODE_FRAMES)
    plain |= set(B.TOOL_FRAMES) | set(B.AGENT_FRAMES)
    plain |= {w for ws in B.COT_WRAPPERS_FOREIGN.values() for w in ws}
    for bank in PB.BANKS.values():
        assert set(bank) == set(PB.FRAME_LANGS)
        for wordings in bank.values():
            assert not set(wordings) & plain


def test_payload_is_kept_and_frame_surrounds_it():
    r = random.Random(3)
    shapes = defaultdict(int)
    for _ in range(400):
        f = paraphrased_prompt(r, T.KIND_COT, 0, "en")
        head, tail = f.frame.split("{q}")
        if f.system is not None:
            shapes["system"] += 1
            assert head.startswith("[system] ") and f.system == head[9:].split(" [user] ")[0]
            assert f.prompt.startswith(head.split(" [user] ")[1])
        else:
            shapes["before" if head.strip() and not tail.strip() else "after/split"] += 1
            assert f.prompt.startswith(head) and f.prompt.endswith(tail)
            assert len(f.prompt) > len(head) + len(tail)
    assert min(shapes.values()) > 40, shapes


def test_rewritten_text_reaches_the_log(pair):
    def evasive_rows(ev):
        rows, _, pops, _ = pair[ev]
        return [r for r in rows if pops[r["account_id"]] in PARAPHRASED]

    def foreign_script(rows):
        return sum(bool(NON_LATIN.search(r["prompt"] + (r["system_prompt"] or ""))) for r in rows)

    def new_system_prompts(rows):
        return {r["system_prompt"] for r in rows if r["system_prompt"]} - set(SYSTEM_PROMPTS)

    plain, evasive = evasive_rows(0.0), evasive_rows(1.0)
    assert foreign_script(plain) == 0 and not new_system_prompts(plain)
    assert foreign_script(evasive) > 0.05 * len(evasive)
    assert len(new_system_prompts(evasive)) > 100


def test_knob_moves_no_other_draw(plans, monkeypatch):
    """Flags come from their own generator: without them the plan is the same, row by row."""
    import analysis.synth.campaigns as C

    monkeypatch.setattr(C, "paraphrase_flags", lambda *_args: 0)
    _world, off = build_plan(120, 4, 5, parse_start("2026-10-01"), 1.0)
    _world, on = plans[1.0]
    for col in ("t", "acct", "kind", "p1", "p2", "lang", "model", "pop", "status"):
        assert np.array_equal(on[col], off[col]), col
    assert on["para"].any() and not off["para"].any()
