"""Rewritten instruction frames of harvesting requests (adversary mode, knob p_paraphrase).

A frame is the fixed instruction a harvesting script wraps around the changing payload
("Solve step by step and show your reasoning: <question>"). For a planned row with the
paraphrase flag, `paraphrased_prompt` draws the instruction from the larger banks of
paraphrase_banks.py (other wording, another language for P_FOREIGN of them), places it
before or after the payload, around it, or in the system prompt, and adds light
per-request noise (casing, final punctuation, a filler word). The payload is drawn as the
plain generator draws it and is never altered.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from analysis.synth import paraphrase_banks as PB
from analysis.synth import text_banks as B
from analysis.synth.languages import FOREIGN
from analysis.synth.prompts import (
    KIND_COT,
    KIND_RUBRIC,
    KIND_SWEEP,
    N_CODE_LANGS,
    _ch,
    _ri,
    _schema_text,
    cap,
)
from analysis.synth.scripted_prompts import _rubric_body, harvest_question

FRAMED_KINDS = (KIND_COT, KIND_SWEEP, KIND_RUBRIC)  # kinds whose requests carry a frame

P_FOREIGN = 0.35  # instruction written in one of the eight other languages (uniformly)
P_SYSTEM = 0.2  # instruction moved into the system prompt, the payload alone as user turn
P_AFTER = 0.3  # instruction after the payload (otherwise before it)
P_SPLIT = 0.12  # reasoning asks only: instruction before, a short reminder after
P_LABEL = 0.3  # reasoning asks only: a label such as "Question: " before the question
# per-request noise on the instruction
P_LOWER = 0.2  # all lower case
P_FIRST_LOWER = 0.1  # first letter lower case
P_PUNCT = 0.35  # final punctuation dropped, doubled or replaced
P_FILLER = 0.3  # a filler word before or after ("please", "ok so", "bitte", ...)
P_SPACE = 0.08  # a doubled space or a trailing space
SEPARATORS = ("\n\n", "\n", " ")
_FINAL = ".?!:。？！：)）"
_CJK = ("zh", "ja", "ko")


@dataclass(frozen=True)
class Framed:
    """One rewritten request: user prompt, system prompt (or None), frame, its wording, language.

    frame is what stays when the payload changes: the layout with the noised instruction
    (slots unfilled) and {q} where the payload goes; wording is the bank entry it came from.
    """

    prompt: str
    system: str | None
    frame: str
    wording: str
    lang: str


def intent(kind: int, p2: int) -> str | None:
    """Return the instruction bank of a row's kind ("cot", "grade", ...), None when unframed."""
    if kind == KIND_COT:
        return "cot"
    if kind == KIND_RUBRIC:
        return "grade"
    if kind == KIND_SWEEP:
        section = p2 % 10
        return "code" if section < 6 else "tool" if section < 8 else "agent"
    return None


def _payload(r: random.Random, name: str, p2: int, lang: str) -> tuple[str, dict[str, str]]:
    """Return (payload text, slot values of the instruction) for an intent."""
    if name == "cot":
        if lang != "en" and lang in FOREIGN:
            tmpl, items = _ch(r, FOREIGN[lang].asks)
            return cap(tmpl.format(x=_ch(r, items))), {}
        return harvest_question(r), {}
    if name == "grade":
        item = _ch(r, B.RUBRIC_ITEMS)
        dims = r.sample(B.RUBRIC_DIMS, _ri(r, 2, 5))
        dims_text = ", ".join(dims[:-1]) + " and " + dims[-1]
        return _rubric_body(r, item), {"item": item, "dims": dims_text}
    j = p2 // 10
    if name == "code":
        code_lang = B.CODE_LANGS[j % N_CODE_LANGS]
        task = B.CODE_TASKS[(j // N_CODE_LANGS) % len(B.CODE_TASKS)]
        diff = B.CODE_DIFFICULTY[(j // (N_CODE_LANGS * len(B.CODE_TASKS))) % len(B.CODE_DIFFICULTY)]
        slots = {"lang": code_lang, "diff": diff, "extra": _ch(r, B.CODE_EXTRAS)}
        return _ch(r, PB.CODE_TASK_FORMS).format(task=task), slots
    if name == "tool":
        req = B.TOOL_REQUESTS[j % len(B.TOOL_REQUESTS)]
        tools = r.sample(B.TOOLS, 2 + (j // len(B.TOOL_REQUESTS)) % 4)
        return f"{_schema_text(r, tools)}\n\n{_ch(r, PB.REQUEST_LEADS)}{req}", {}
    goal = B.AGENT_GOALS[j % len(B.AGENT_GOALS)]
    tools = ", ".join(t[0] for t in r.sample(B.TOOLS, _ri(r, 3, 6)))
    return cap(goal) + ".", {"tools": tools}


def noisy(r: random.Random, s: str, lang: str) -> str:
    """Return an instruction with light per-request noise (casing, punctuation, filler)."""
    if r.random() < P_LOWER:
        s = s.lower()
    elif r.random() < P_FIRST_LOWER:
        s = s[:1].lower() + s[1:]
    if r.random() < P_PUNCT:
        body = s.rstrip(_FINAL)
        end = s[len(body) :]
        u = r.random()
        if u < 0.5 or not end:
            s = body
        elif u < 0.75:
            s = body + end[-1] * 2
        else:
            s = body + ("！" if lang in _CJK else _ch(r, ("!", "..", " :)", ";")))
    if r.random() < P_FILLER:
        before, after = PB.FILLERS[lang]
        if r.random() < 0.6:
            f = _ch(r, before)
            s = f + (s if lang in _CJK else s[:1].lower() + s[1:])
        else:
            s = s.rstrip(_FINAL) + _ch(r, after)
    if r.random() < P_SPACE:
        s = s.replace(" ", "  ", 1) if r.random() < 0.5 else s + " "
    return s


def paraphrased_prompt(r: random.Random, kind: int, p2: int, lang: str) -> Framed:
    """Return a framed kind's request with its instruction rewritten (see the module doc)."""
    name = intent(kind, p2)
    if name is None:
        raise ValueError(f"kind {kind} carries no instruction frame")
    payload, slots = _payload(r, name, p2, lang)
    wlang = _ch(r, PB.FOREIGN_FRAME_LANGS) if r.random() < P_FOREIGN else "en"
    wording = _ch(r, PB.BANKS[name][wlang])
    tmpl = noisy(r, wording, wlang)
    w = tmpl.format(**slots).strip() if slots else tmpl
    label = _ch(r, PB.LABELS[wlang]) if name == "cot" and r.random() < P_LABEL else ""
    sep = _ch(r, SEPARATORS)
    q = label + payload
    u = r.random()
    if u < P_SYSTEM:
        return Framed(q, w, f"[system] {tmpl} [user] {label}{{q}}", wording, wlang)
    if name == "cot" and u < P_SYSTEM + P_SPLIT:
        tail = _ch(r, PB.COT_REMINDERS[wlang])
        frame = f"{tmpl}{sep}{label}{{q}}{sep}{tail}"
        return Framed(f"{w}{sep}{q}{sep}{tail}", None, frame, wording, wlang)
    if u < P_SYSTEM + P_SPLIT + P_AFTER:
        return Framed(f"{q}{sep}{w}", None, f"{label}{{q}}{sep}{tmpl}", wording, wlang)
    return Framed(f"{w}{sep}{q}", None, f"{tmpl}{sep}{label}{{q}}", wording, wlang)
