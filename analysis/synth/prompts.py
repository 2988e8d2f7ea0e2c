"""Text kinds, phrasing helpers and the hand-typed prompts: everyday, student, developer."""

from __future__ import annotations

import json
import random
from functools import partial

from analysis.synth import template_banks as TB
from analysis.synth import text_banks as B
from analysis.synth.languages import FOREIGN
from analysis.synth.topics import (
    CASUAL_STEPS,
    CLOSERS,
    CONSTRAINTS,
    GENERIC_FOLLOW,
    OPENERS,
    TOPICS,
)

# Kinds of text a request row carries; the planner stores these codes per row.
KIND_EVERYDAY = 0
KIND_STUDENT = 1
KIND_DEV = 2
KIND_BACKEND = 3
KIND_BENCH = 4
KIND_COT = 5
KIND_SWEEP = 6
KIND_RUBRIC = 7
KIND_GRADE = 8  # adversary mode: fixed judging template filled with a question/answer pair
# benign heavy users of adversary mode (hard_negatives.py; text in hard_negative_text.py)
KIND_TRANSLATE = 9  # translation product backend: p1 target language, p2 text seed
KIND_TUTOR = 10  # tutoring product backend: p1 subject + 16 * user template
KIND_CI = 11  # CI test suite: p2 suite seed * 4096 + test index

N_TOPICS = len(TOPICS)
N_STUDENT_SUBJECTS = 15
N_CODE_LANGS = len(B.CODE_LANGS)
N_BACKEND_TEMPLATES = len(TB.BACKEND_TEMPLATES)
BENCH_SUITES = ("mcq", "gsm", "reading", "code")
N_BENCH_FORMATS = 4

# Everyday phrasing rates (share of English everyday prompts).
P_FRAGMENT = 0.12  # search-box fragments of 2-6 words
P_LONG = 0.12  # several context sentences, sometimes a pasted paragraph
P_OPENER = 0.35  # greeting or lead-in before the question
P_CONTEXT = 0.35  # one chatty context sentence
P_CONSTRAINT = 0.25  # "keep it short", "bullet points please", ...
P_CLOSER = 0.2  # "thanks!", "ty", ...
P_CASUAL_STEPS = 0.03  # ordinary users asking for a step-by-step explanation
P_BENIGN_GRADING = 0.15  # writing/career questions that ask for a score on the user's own work
GRADING_TOPICS = ("writing_help", "careers")
P_TYPO = 0.15  # one mistyped word
P_LOWER = 0.3  # all lower case
P_NO_PUNCT = 0.25  # no final punctuation
# Student phrasing: share of prompts with explicit step-by-step / show-your-working asks.
P_STUDENT_STEPS = 0.55
# Reasoning harvest: share of questions written in a language other than English.
P_COT_FOREIGN = 0.08

STORED_RESPONSE_CHARS = 400  # the gateway truncates stored responses to this many chars


# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------


def _ch(r: random.Random, seq):
    """Return a uniformly chosen element of seq (faster than Random.choice)."""
    return seq[int(r.random() * len(seq))]


def _ri(r: random.Random, a: int, b: int) -> int:
    """Return a uniform integer in [a, b] (faster than Random.randint)."""
    return a + int(r.random() * (b - a + 1))


def typo(r: random.Random, s: str) -> str:
    """Return s with one word mistyped (swap, drop or double a letter)."""
    words = s.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not idx:
        return s
    i = _ch(r, idx)
    w = words[i]
    j = r.randrange(1, len(w) - 1)
    op = r.random()
    if op < 0.4:
        w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    elif op < 0.7:
        w = w[:j] + w[j + 1 :]
    else:
        w = w[:j] + w[j] + w[j:]
    words[i] = w
    return " ".join(words)


def noise(r: random.Random, s: str, typo_p: float, lower_p: float, strip_p: float) -> str:
    """Return s with optional typo, lower-casing and dropped final punctuation."""
    if r.random() < typo_p:
        s = typo(r, s)
    if r.random() < lower_p:
        s = s.lower()
    if r.random() < strip_p:
        s = s.rstrip("?.!")
    return s


def cap(s: str) -> str:
    """Return s with its first letter upper-cased."""
    return s[:1].upper() + s[1:] if s else s


def join_parts(r: random.Random, parts: list[str], p_newline: float = 0.25) -> str:
    """Join prompt parts with '. ', ' ' or a newline, never doubling punctuation."""
    out = parts[0]
    for p in parts[1:]:
        if r.random() < p_newline:
            out += "\n" + p
        elif out[-1:] in ".?!:,":
            out += " " + p
        else:
            out += (". " if r.random() < 0.5 else " ") + p
    return out


def approx_tokens(s: str) -> int:
    """Return a rough token count for s (about four characters per token)."""
    return len(s) // 4 + 1


def paragraph(r: random.Random, n: int) -> str:
    """Return an opinion-style paragraph of n sentences on a random topic."""
    t = _ch(r, B.ESSAY_TOPICS)
    sents = r.sample(B.ESSAY_SENTENCES, min(n, len(B.ESSAY_SENTENCES)))
    out = [s.format(t=t, o=_ch(r, B.OUTCOMES)) for s in sents]
    return cap(" ".join(out))


# ---------------------------------------------------------------------------
# everyday questions
# ---------------------------------------------------------------------------


def everyday_question(r: random.Random, topic: int) -> tuple[str, str]:
    """Return (bare question, slot value) for an English everyday topic."""
    t = TOPICS[topic]
    x = _ch(r, t.items)
    return _ch(r, t.asks).format(x=x), x


def _foreign_prompt(r: random.Random, lang: str, turn: int) -> str:
    bank = FOREIGN[lang]
    tmpl, items = _ch(r, bank.asks)
    if turn > 0:
        return _ch(r, bank.follow).format(x=_ch(r, items))
    q = tmpl.format(x=_ch(r, items))
    parts = []
    if r.random() < 0.4:
        parts.append(_ch(r, bank.openers))
    parts.append(q)
    if r.random() < 0.04:
        parts.append(_ch(r, bank.steps))
    if r.random() < 0.25:
        parts.append(_ch(r, bank.closers))
    return noise(r, " ".join(parts), 0.08, 0.3, 0.2)


def _everyday_long(r: random.Random, topic: int) -> str:
    t = TOPICS[topic]
    q, _ = everyday_question(r, topic)
    ctx = r.sample(t.contexts, min(len(t.contexts), _ri(r, 2, 3)))
    parts = [_ch(r, OPENERS)] if r.random() < 0.5 else []
    parts.extend(ctx)
    if t.name in ("writing_help", "email_drafting") or r.random() < 0.15:
        parts.append("Here's what I have so far:\n\n" + paragraph(r, _ri(r, 3, 7)))
        if r.random() < 0.4:
            parts.append("\n\n" + paragraph(r, _ri(r, 2, 5)))
        if r.random() < 0.15:
            q = _ch(r, B.BENIGN_GRADING)
        parts.append("\n\n" + cap(q))
    else:
        parts.append(cap(q))
    if r.random() < 0.4:
        parts.append(_ch(r, CONSTRAINTS) + ".")
    if r.random() < 0.3:
        parts.append(_ch(r, CLOSERS))
    return " ".join(parts)


def everyday_prompt(r: random.Random, topic: int, lang: str = "en", turn: int = 0) -> str:
    """Return one everyday user prompt for a topic, language and conversation turn."""
    if lang != "en":
        return _foreign_prompt(r, lang, turn)
    t = TOPICS[topic]
    if turn > 0:
        if r.random() < 0.6:
            s = _ch(r, t.follow).format(x=_ch(r, t.items))
        else:
            s = _ch(r, GENERIC_FOLLOW)
        return noise(r, s, P_TYPO, 0.5, P_NO_PUNCT)
    u = r.random()
    if u < P_FRAGMENT:
        return noise(r, _ch(r, t.frags).format(x=_ch(r, t.items)), P_TYPO, 0.7, 0.0)
    if u < P_FRAGMENT + P_LONG:
        return noise(r, _everyday_long(r, topic), P_TYPO, 0.15, 0.1)
    q, _ = everyday_question(r, topic)
    parts = []
    if r.random() < P_OPENER:
        parts.append(_ch(r, OPENERS))
    if r.random() < P_CONTEXT:
        parts.append(_ch(r, t.contexts))
    parts.append(cap(q) if r.random() < 0.6 else q)
    if r.random() < P_CONSTRAINT:
        parts.append(_ch(r, CONSTRAINTS))
    if r.random() < P_CASUAL_STEPS:
        parts.append(_ch(r, CASUAL_STEPS))
    if t.name in GRADING_TOPICS and r.random() < P_BENIGN_GRADING:
        parts.append(_ch(r, B.BENIGN_GRADING))
    if r.random() < P_CLOSER:
        parts.append(_ch(r, CLOSERS))
    if len(parts) > 2 and r.random() < 0.3:  # context after the question
        parts[-1], parts[-2] = parts[-2], parts[-1]
    return noise(r, join_parts(r, parts, 0.04), P_TYPO, P_LOWER, P_NO_PUNCT)


# ---------------------------------------------------------------------------
# study problems (students; also a question source for reasoning harvest)
# ---------------------------------------------------------------------------


def _signed(v: int) -> str:
    return f"+ {v}" if v >= 0 else f"- {-v}"


def study_problem(r: random.Random, subject: int) -> str:
    """Return a homework-style problem statement for a subject index."""
    ri = partial(_ri, r)
    s = subject % N_STUDENT_SUBJECTS
    if s == 0:
        return f"solve {ri(2, 12)}x {_signed(ri(-30, 30))} = {ri(-40, 90)}"
    if s == 1:
        a, b = ri(-9, 9), ri(-9, 9)
        return f"solve x^2 {_signed(-(a + b))}x {_signed(a * b)} = 0"
    if s == 2:
        return (
            f"find the derivative of f(x) = {ri(2, 9)}x^{ri(3, 6)} {_signed(ri(-9, 9))}x^2 "
            f"{_signed(ri(-20, 20))}x"
            if r.random() < 0.6
            else f"differentiate y = x^{ri(2, 5)} * sin({ri(2, 7)}x)"
        )
    if s == 3:
        return f"integrate {ri(2, 9)}x^{ri(1, 4)} {_signed(ri(-9, 9))} from 0 to {ri(1, 6)}"
    if s == 4:
        return (
            f"a car accelerates from {ri(0, 20)} m/s at {ri(1, 6)} m/s^2 for {ri(3, 15)} s. "
            "how far does it travel?"
        )
    if s == 5:
        c = _ch(r, B.COMPOUNDS)
        return (
            f"what is the molar mass of {c}?"
            if r.random() < 0.5
            else f"how many moles are in {ri(5, 250)} g of {c}?"
        )
    if s == 6:
        if r.random() < 0.5:
            return f"what's the probability of rolling a sum of {ri(3, 11)} with two dice?"
        return (
            f"a bag has {ri(2, 9)} red and {ri(2, 9)} blue balls. two are drawn without "
            "replacement. what is the probability both are red?"
        )
    if s == 7:
        xs = ", ".join(str(ri(1, 60)) for _ in range(ri(6, 11)))
        return f"find the {_ch(r, B.STAT_WORDS)} of {xs}"
    if s == 8:
        p = ri(4, 20)
        q = ri(100, 900)
        return (
            f"the price of a good rises from ${p} to ${p + ri(1, 6)} and quantity demanded "
            f"falls from {q} to {q - ri(10, 90)}. calculate the price elasticity of demand"
        )
    if s == 9:
        if r.random() < 0.5:
            return f"help me write a thesis statement about {_ch(r, B.ESSAY_TOPICS)}"
        return f"what are the main themes in {_ch(r, B.BOOKS)} and how are they shown?"
    if s == 10:
        return f"what were the causes of {_ch(r, B.EVENTS)}? I need to compare them"
    if s == 11:
        return f"explain {_ch(r, B.BIO_TOPICS)} for my biology exam"
    if s == 12:
        return f"write a python program that {_ch(r, B.CODE_TASKS[:12])}"
    if s == 13:
        return (
            f"a {ri(3, 24)} V battery is connected to a {ri(2, 100)} ohm resistor. find the "
            "current and the power dissipated"
        )
    return (
        f"a triangle has sides {ri(3, 15)} cm and {ri(3, 15)} cm with an angle of "
        f"{ri(20, 150)} degrees between them. find its area"
    )


STUDENT_FOLLOW = (
    "ok but why does step {n} work?",
    "wait how did you get {m}?",
    "can you do another one like this so I can practice",
    "i got {m} instead, where did i go wrong?",
    "thanks!! and what if the numbers were different?",
    "can you explain the second step again more slowly",
    "is there a faster method?",
    "would my teacher accept this method?",
)


def student_prompt(r: random.Random, subject: int, turn: int = 0) -> str:
    """Return a student's homework prompt, often asking for worked steps."""
    if turn > 0:
        s = _ch(r, STUDENT_FOLLOW).format(n=_ri(r, 2, 4), m=_ri(r, 2, 99))
        return noise(r, s, 0.12, 0.6, 0.3)
    prob = study_problem(r, subject)
    parts = []
    if r.random() < 0.3:
        parts.append(_ch(r, B.STUDENT_PLEAS))
    parts.append(prob)
    u = r.random()
    if u < P_STUDENT_STEPS:
        parts.append(_ch(r, B.STUDENT_STEPS))
    elif u < P_STUDENT_STEPS + 0.2:
        parts.append(_ch(r, B.STUDENT_PLAIN))
    if len(parts) > 1 and r.random() < 0.35:
        parts.reverse()
    return noise(r, join_parts(r, parts), 0.12, 0.45, 0.2)


# ---------------------------------------------------------------------------
# developers (hand-typed); the capability sweep is in scripted_prompts.py
# ---------------------------------------------------------------------------


def _schema_text(r: random.Random, tools: list[tuple[str, str, str]]) -> str:
    out = []
    for name, desc, params in tools:
        props = {}
        for p in params.split(","):
            k, typ = p.split(":")
            props[k] = {"type": typ}
        out.append(
            {
                "name": name,
                "description": desc,
                "parameters": {"type": "object", "properties": props, "required": list(props)},
            }
        )
    return json.dumps(out, indent=None if r.random() < 0.6 else 1)


DEV_FOLLOW = (
    "that didn't work, same error",
    "ok that fixed it, but now I get {err}",
    "why does that work though?",
    "can you make it async?",
    "what about performance with {n} million rows?",
    "thanks. how would I test this?",
    "can you do it without the extra dependency",
    "how would that look in {lang}?",
    "and if the input is empty?",
    "our linter complains about line {n}, any idea?",
    "nice. can you add retries and logging",
    "is this safe to run from {n} threads at once?",
)
DEV_PROJECTS = (
    "a small SaaS backend",
    "an internal dashboard",
    "a mobile app API",
    "a data pipeline",
    "a side project",
    "a microservice at work",
    "a CLI tool",
)


def dev_prompt(r: random.Random, lang: int, turn: int = 0) -> str:
    """Return a developer's hand-typed coding, API or tool-use question."""
    language = B.CODE_LANGS[lang % N_CODE_LANGS]
    if turn > 0:
        s = _ch(r, DEV_FOLLOW).format(
            err=_ch(r, B.DEV_ERRORS), n=_ri(r, 2, 90), lang=_ch(r, B.CODE_LANGS)
        )
        return noise(r, s, 0.1, 0.5, 0.2)
    u = r.random()
    code = ""
    if u < 0.3:
        code = "\n\n" + _ch(r, B.DEV_SNIPPETS) + "\n\n" + _ch(r, B.DEV_ERRORS)
        s = _ch(r, ("why does this fail?", "what's wrong here", "getting this error:", "help",
                    f"{language} question, why is this broken", "any idea?"))  # fmt: skip
    elif u < 0.55:
        s = _ch(r, B.DEV_HOWTO).format(task=_ch(r, B.CODE_TASKS), lang=language)
    elif u < 0.7:
        s = _ch(r, B.DEV_CONCEPTS)
        v = r.random()
        if v < 0.3:
            s += f" in {language}"
        elif v < 0.6:
            s += f", this is for {_ch(r, DEV_PROJECTS)}"
    elif u < 0.8:
        s = _ch(r, B.DEV_API).format(res=_ch(r, B.RESOURCES))
        if r.random() < 0.4:
            s += f" ({language}, {_ch(r, DEV_PROJECTS)})"
    elif u < 0.9:
        tool = _ch(r, B.TOOLS)
        s = _ch(r, (
            f"I'm writing a function calling tool ({tool[0]}) to {tool[1].lower()}. schema:",
            f"here's my tool definition for {tool[0]}:",
            f"function calling question. my {tool[0]} tool looks like this:",
        ))  # fmt: skip
        code = "\n" + _schema_text(r, [tool]) + "\n" + _ch(r, (
            "the model sometimes skips required args or invents new ones. what am I doing wrong?",
            "is this schema ok or should I split it into two tools?",
            "how do I make the model fill in the date in ISO format?",
            "it keeps calling this tool even when the user didn't ask for it",
        ))  # fmt: skip
    else:
        s = _ch(r, (
            "my agent keeps calling the same tool in a loop, how do I stop it",
            "how should an agent decide when to stop calling tools?",
            "best way to pass tool results back to the model in a multi step agent?",
            "how do I make my agent ask the user for confirmation before sending emails",
            "should each tool return json or plain text?",
            "how many tools is too many for one agent?",
            "my agent plan looks fine but it skips step 2 half the time, ideas?",
        ))  # fmt: skip
        if r.random() < 0.4:
            s += f" (using {language})"
    if r.random() < 0.25:
        s = _ch(r, B.DEV_CONTEXT) + ". " + s
    return noise(r, s, 0.1, 0.4, 0.2) + code
