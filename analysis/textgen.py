"""Prompt and response grammars for the synthetic request log (no external text)."""

from __future__ import annotations

import json
import random
from functools import lru_cache, partial

from analysis import gen_text_banks as B
from analysis.gen_topics import (
    CASUAL_STEPS,
    CLOSERS,
    CONSTRAINTS,
    FOREIGN,
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

N_TOPICS = len(TOPICS)
N_STUDENT_SUBJECTS = 15
N_CODE_LANGS = len(B.CODE_LANGS)
N_BACKEND_TEMPLATES = len(B.BACKEND_TEMPLATES)
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
# developers (hand-typed) and the capability sweep (scripted coverage)
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


def sweep_prompt(r: random.Random, k: int) -> str:
    """Return the k-th item of a systematic coverage of code, tool-call and agent tasks."""
    section = k % 10
    j = k // 10
    if section < 6:
        lang = B.CODE_LANGS[j % N_CODE_LANGS]
        task = B.CODE_TASKS[(j // N_CODE_LANGS) % len(B.CODE_TASKS)]
        diff = B.CODE_DIFFICULTY[(j // (N_CODE_LANGS * len(B.CODE_TASKS))) % len(B.CODE_DIFFICULTY)]
        frame = _ch(r, B.SWEEP_CODE_FRAMES)
        return frame.format(lang=lang, task=task, diff=diff, extra=_ch(r, B.CODE_EXTRAS))
    if section < 8:
        req = B.TOOL_REQUESTS[j % len(B.TOOL_REQUESTS)]
        n_tools = 2 + (j // len(B.TOOL_REQUESTS)) % 4
        tools = r.sample(B.TOOLS, n_tools)
        return _ch(r, B.TOOL_FRAMES).format(schema=_schema_text(r, tools), req=req)
    goal = B.AGENT_GOALS[j % len(B.AGENT_GOALS)]
    tools = ", ".join(t[0] for t in r.sample(B.TOOLS, _ri(r, 3, 6)))
    return _ch(r, B.AGENT_FRAMES).format(goal=goal, tools=tools)


# ---------------------------------------------------------------------------
# reasoning harvest and grading harvest
# ---------------------------------------------------------------------------


def puzzle(r: random.Random) -> str:
    """Return a small logic or arithmetic puzzle."""
    a, b, c = r.sample(B.NOUNS_PLURAL, 3)
    n = _ri(r, 3, 97)
    return _ch(r, B.PUZZLE_TEMPLATES).format(
        a=a,
        b=b,
        c=c,
        p=f"{_ri(r, 1, 3)}.{_ri(r, 1, 9)}0",
        q=_ri(r, 1, 2),
        n=n,
        m=n + _ri(r, 2, 9),
        k=n * 2 + _ri(r, 1, 9),
        h=_ri(r, 1, 11),
        mm=f"{_ri(r, 0, 59):02d}",
        v=_ri(r, 40, 90),
        w=_ri(r, 95, 160),
        day=_ch(r, B.DAYS),
        big=_ch(r, (100, 500, 1000, 2026)),
    )


def harvest_question(r: random.Random) -> str:
    """Return a clean question from many subjects, as a harvesting script would send."""
    u = r.random()
    if u < 0.3:
        return cap(everyday_question(r, r.randrange(N_TOPICS))[0])
    if u < 0.55:
        return cap(study_problem(r, r.randrange(N_STUDENT_SUBJECTS)))
    if u < 0.7:
        return puzzle(r)
    if u < 0.82:
        return _ch(r, B.WHY_QUESTIONS)
    if u < 0.92:
        _, term, _ = _ch(r, B.MCQ_TERMS)
        return f"What is {term}, and how would you explain it to a first-year student?"
    return cap(_ch(r, B.DEV_HOWTO).format(task=_ch(r, B.CODE_TASKS), lang=_ch(r, B.CODE_LANGS)))


def cot_prompt(r: random.Random, lang: str = "en") -> str:
    """Return a question wrapped in a request for the full reasoning."""
    if lang != "en" and lang in B.COT_WRAPPERS_FOREIGN:
        bank = FOREIGN[lang]
        tmpl, items = _ch(r, bank.asks)
        q = cap(tmpl.format(x=_ch(r, items)))
        w = _ch(r, B.COT_WRAPPERS_FOREIGN[lang])
    else:
        q = harvest_question(r)
        w = _ch(r, B.COT_WRAPPERS_EN)
        if r.random() < 0.25:
            w2 = _ch(r, B.COT_WRAPPERS_EN)
            if w2 != w:
                w = w + " " + w2
    return _ch(r, B.COT_LAYOUTS).format(q=q, w=w)


def _rubric_body(r: random.Random, item: str) -> str:
    if item == "code submission":
        return _ch(r, B.DEV_SNIPPETS)
    if item == "customer support reply":
        return (
            f"Hi {_ch(r, B.FIRST_NAMES)}, thanks for reaching out. "
            + _ch(r, B.REVIEW_PARTS[1])
            + " We have issued a replacement and you should get it within "
            + f"{_ri(r, 2, 9)} days. Sorry for the trouble!"
        )
    if item == "product review":
        return review_text(r)
    if item == "cover letter":
        return (
            f"Dear hiring manager,\n\nI am writing to apply for the {_ch(r, ROLES)} role. "
            + paragraph(r, _ri(r, 2, 4))
            + f"\n\nBest regards,\n{_ch(r, B.FIRST_NAMES)}"
        )
    if item == "story opening":
        return (
            f"The rain had not stopped in {_ch(r, B.TOWNS)} for {_ri(r, 3, 40)} days when "
            f"{_ch(r, B.FIRST_NAMES)} found the letter. " + _ch(r, STORY_LINES)
        )
    if item == "lab report conclusion":
        return (
            f"In conclusion, increasing the temperature from {_ri(r, 10, 30)} to "
            f"{_ri(r, 35, 80)} degrees {_ch(r, ('increased', 'decreased', 'did not change'))} "
            f"the reaction rate by about {_ri(r, 5, 60)}%. " + _ch(r, STORY_LINES[3:])
        )
    if item == "short answer":
        _, term, definition = _ch(r, B.MCQ_TERMS)
        return f"Q: Define {term}.\nA: I think it is {definition}, " + _ch(
            r, ("for example in class we saw one.", "but I'm not sure.", "which matters a lot.")
        )
    return paragraph(r, _ri(r, 3, 8))


ROLES = ("junior analyst", "marketing assistant", "software engineer", "nurse", "teacher",
         "project coordinator", "barista", "data scientist")  # fmt: skip
STORY_LINES = (
    "It was addressed to someone who had been dead for years.",
    "Nobody in the house admitted to having seen it before.",
    "She read it twice, then burned it.",
    "Our results partly support the hypothesis, although measurement error was large.",
    "Further trials with more samples would be needed to confirm this.",
)


def rubric_prompt(r: random.Random) -> str:
    """Return a request to grade an item against a rubric."""
    item = _ch(r, B.RUBRIC_ITEMS)
    dims = r.sample(B.RUBRIC_DIMS, _ri(r, 2, 5))
    dims_text = ", ".join(dims[:-1]) + " and " + dims[-1]
    return _ch(r, B.RUBRIC_FRAMES).format(item=item, dims=dims_text, body=_rubric_body(r, item))


# ---------------------------------------------------------------------------
# templated product backends
# ---------------------------------------------------------------------------


def review_text(r: random.Random) -> str:
    """Return a short customer review."""
    p = _ch(r, B.PRODUCTS)
    parts = [_ch(r, B.REVIEW_PARTS[0]).format(p=p)]
    parts.extend(r.sample(B.REVIEW_PARTS[1], _ri(r, 1, 3)))
    parts.append(_ch(r, B.REVIEW_PARTS[2]))
    return noise(r, " ".join(parts), 0.1, 0.15, 0.0)


def email_text(r: random.Random) -> str:
    """Return a short customer email mentioning an order number."""
    order = f"#{_ri(r, 100000, 999999)}" if r.random() < 0.7 else f"A-{_ri(r, 1000, 99999)}"
    return " ".join(
        (
            _ch(r, B.EMAIL_PARTS[0]),
            _ch(r, B.EMAIL_PARTS[1]).format(o=order),
            _ch(r, B.EMAIL_PARTS[2]).format(n=_ch(r, B.FIRST_NAMES)),
        )
    )


def ticket_text(r: random.Random) -> str:
    """Return a short support ticket."""
    detail = " ".join(r.sample(B.TICKET_DETAILS, _ri(r, 1, 2))).format(
        day=_ch(r, B.DAYS),
        device=_ch(r, B.DEVICES),
        o=f"#{_ri(r, 100000, 999999)}",
        name=_ch(r, B.FIRST_NAMES).lower(),
        code=f"E{_ri(r, 100, 999)}",
    )
    return noise(r, f"{_ch(r, B.TICKET_PARTS)}. {detail}", 0.1, 0.2, 0.0)


def product_spec(r: random.Random) -> str:
    """Return a short product spec line."""
    parts = [f"{_ch(r, B.SPEC_ADJECTIVES)} {_ch(r, B.PRODUCTS)}"]
    parts.extend(r.sample(B.SPEC_FEATURES, _ri(r, 1, 2)))
    parts.append(_ch(r, B.SPEC_VARIANTS))
    return ", ".join(parts)


_PAYLOADS = {
    "{review}": ("review", review_text),
    "{email}": ("email", email_text),
    "{ticket}": ("ticket", ticket_text),
    "{product}": ("product", product_spec),
}


@lru_cache(maxsize=200_000)
def backend_prompt(template: int, payload_seed: int) -> str:
    """Return the user turn of a backend template filled with the payload for a seed."""
    r = random.Random(payload_seed)
    fmt = B.BACKEND_TEMPLATES[template % N_BACKEND_TEMPLATES][1]
    for slot, (name, make) in _PAYLOADS.items():
        if slot in fmt:
            return fmt.format(**{name: make(r)})
    return fmt


# ---------------------------------------------------------------------------
# benchmark-style evaluation items (identical text for a given item seed)
# ---------------------------------------------------------------------------


def _mcq(r: random.Random, fmt: int) -> str:
    letters = "ABCD"
    if r.random() < 0.3:
        a, b = _ri(r, 12, 99), _ri(r, 3, 49)
        op = _ch(r, ("+", "-", "*"))
        ans = a + b if op == "+" else a - b if op == "-" else a * b
        opts = [ans, ans + _ri(r, 1, 9), ans - _ri(r, 1, 9), ans + 10 * _ri(r, 1, 3)]
        q, subject = f"What is {a} {op} {b}?", "elementary mathematics"
    else:
        subject, term, definition = _ch(r, B.MCQ_TERMS)
        others = [d for s, t, d in B.MCQ_TERMS if t != term]
        if r.random() < 0.5:
            q = f"Which of the following best describes {term}?"
            opts = [definition, *r.sample(others, 3)]
        else:
            q = f"Which term refers to {definition}?"
            opts = [term, *r.sample([t for _s, t, _d in B.MCQ_TERMS if t != term], 3)]
    r.shuffle(opts)
    lines = "\n".join(
        (f"{letters[i]}. {o}" if fmt != 1 else f"({letters[i]}) {o}") for i, o in enumerate(opts)
    )
    return B.MCQ_HEADERS[fmt % len(B.MCQ_HEADERS)].format(subject=subject, q=q, opts=lines)


def _gsm(r: random.Random, fmt: int) -> str:
    n1, n2 = r.sample(B.FIRST_NAMES, 2)
    q = _ch(r, B.GSM_TEMPLATES).format(
        n1=n1,
        n2=n2,
        a=_ri(r, 2, 15),
        b=_ri(r, 2, 12),
        c=_ri(r, 1, 9),
        big=_ri(r, 40, 400),
        item=_ch(r, B.GSM_ITEMS),
    )
    heads = ("Question: {q}\nAnswer:", "{q}", "Solve the following problem.\n{q}", "Q: {q}\nA:")
    return heads[fmt % len(heads)].format(q=q)


def _reading(r: random.Random, fmt: int) -> str:
    name = _ch(r, B.FIRST_NAMES)
    town = _ch(r, B.TOWNS)
    passage = (
        f"{name} grew up in {town}, a small town known for its {_ch(r, B.PRODUCTS)} factory. "
        + paragraph(r, _ri(r, 3, 5))
        + f" Years later, {name} returned to {town} to open a school."
    )
    q = _ch(
        r,
        (
            f"According to the passage, why did {name} return to {town}?",
            f"What is {town} known for?",
            "What is the main argument of the passage?",
            "Which statement would the author most likely agree with?",
        ),
    )
    heads = (
        "Read the passage and answer the question.\n\nPassage: {p}\n\nQuestion: {q}\nAnswer:",
        "{p}\n\nQ: {q}",
        "Passage:\n{p}\n\nBased only on the passage above, {q}",
        "Context: {p}\nQuestion: {q}",
    )
    return heads[fmt % len(heads)].format(p=passage, q=q)


def _code_item(r: random.Random, fmt: int) -> str:
    name, args, ret, doc = _ch(r, B.CODE_COMPLETION_SPECS)
    example = ""
    if args.split(":")[1].strip().startswith("list[int]") and "," not in args:
        xs = [_ri(r, -9, 30) for _ in range(_ri(r, 3, 6))]
        example = f"\n\n    >>> {name}({xs})"
    elif r.random() < 0.5:
        example = (
            f"\n\n    Difficulty: {_ch(r, ('easy', 'medium', 'hard'))}. Case {_ri(r, 1, 999)}."
        )
    body = f'def {name}({args}) -> {ret}:\n    """{doc}{example}\n    """\n'
    heads = (
        "Complete the following Python function.\n\n{b}",
        "{b}",
        "# Implement the function below. Return only code.\n{b}",
        "Write the body of this function:\n```python\n{b}```",
    )
    return heads[fmt % len(heads)].format(b=body)


_BENCH_BUILDERS = (_mcq, _gsm, _reading, _code_item)


@lru_cache(maxsize=200_000)
def bench_prompt(suite: int, fmt: int, item_seed: int) -> str:
    """Return the evaluation item for a suite kind, harness format and item seed."""
    return _BENCH_BUILDERS[suite % len(_BENCH_BUILDERS)](random.Random(item_seed), fmt)


# ---------------------------------------------------------------------------
# responses (stored text is truncated; completion_tokens carries the true length)
# ---------------------------------------------------------------------------

_RESP_OPEN = (
    "Sure!",
    "Great question.",
    "Happy to help.",
    "Here's a quick overview.",
    "Good question, and a common one.",
    "Of course.",
    "Short answer: it depends, but here's a good starting point.",
)
_RESP_TOPICAL = (
    "When it comes to {x}, the basics matter most.",
    "For {x}, a good rule of thumb is to start simple.",
    "People often overcomplicate {x}.",
    "Here's how I'd approach {x}:",
    "There are a few things worth knowing about {x}.",
    "With {x}, the details depend a lot on your situation.",
)
_RESP_BODY = (
    "The most important thing is to start with the basics and build from there.",
    "A common mistake is trying to change everything at once.",
    "Here are a few options, from simplest to most involved:",
    "1. Start small and keep it consistent. 2. Check what you already have. 3. Review after a "
    "week and adjust.",
    "If anything feels off or gets worse, it's worth asking a professional.",
    "Many people find it easier to set a simple routine and stick to it.",
    "It also helps to write things down so you can see what changes.",
    "Treat this as a general guide rather than a rule.",
    "In most cases the cheaper option works just as well.",
    "There isn't one right answer here, but there are a few good rules of thumb.",
    "Would you like me to go into more detail on any of these?",
    "Let me know if you'd like a shorter version or an example.",
    "Timing matters more than most people expect.",
    "If you only do one thing, do the first step properly.",
    "Be careful with advice that sounds too good to be true.",
)
_RESP_FOREIGN = {
    "es": "¡Claro! Aquí tienes una explicación sencilla. Lo más importante es empezar por lo "
    "básico y avanzar poco a poco. ¿Quieres que lo detalle más?",
    "fr": "Bien sûr ! Voici une explication simple. Le plus important est de commencer par "
    "les bases et d'avancer petit à petit. Veux-tu plus de détails ?",
    "de": "Klar! Hier ist eine einfache Erklärung. Am wichtigsten ist, mit den Grundlagen "
    "anzufangen und Schritt für Schritt weiterzumachen. Soll ich mehr ins Detail gehen?",
    "pt": "Claro! Aqui vai uma explicação simples. O mais importante é começar pelo básico e "
    "avançar aos poucos. Quer que eu detalhe mais?",
    "it": "Certo! Ecco una spiegazione semplice. La cosa più importante è partire dalle basi "
    "e procedere un passo alla volta. Vuoi più dettagli?",
}
_RESP_STEPS = (
    "Let's work through this step by step.",
    "Okay, let me think about this carefully.",
    "First, let's write down what we know.",
    "Let me reason through it.",
    "Good one. Let's set it up properly.",
)
_RESP_STEP_BODY = (
    "Step 1: Identify the quantities given and what we need to find.",
    "Step 2: Set up the relationship between them.",
    "Step 3: Simplify, keeping track of units and signs.",
    "Substituting the values in gives an intermediate result of {n}.",
    "Checking the result by plugging it back in, both sides agree.",
    "Another way to see this is to reason about the extreme cases first.",
    "Rearranging, we isolate the unknown on one side.",
    "So the answer is {n}.",
)
_RESP_THINK = (
    "Hmm, wait, let me double-check that last line before going on.",
    "Now consider the alternative: if that assumption were false, we'd get a contradiction.",
    "Let me reconsider the second step, since it's easy to drop a sign there.",
    "Actually, I should first check whether the question is asking for {n} or something else.",
    "One possible approach is to enumerate the cases; another is to use symmetry.",
    "I'll note my assumptions explicitly: the setup is standard and nothing is hidden.",
    "That gives {n}, but let me sanity-check it against a rough estimate.",
    "Thinking about it differently: what would have to be true for the answer to be larger?",
    "Going back over each inference: the first two are solid, the third needs care.",
)
_RESP_CODE_INTRO = (
    "Here's a {x} implementation:",
    "Sure, in {x} you could write it like this:",
    "The problem is an off-by-one error in the loop bounds. A fixed {x} version:",
    "You're not awaiting the result before using it. In {x}:",
    "A clean, idiomatic {x} approach:",
)
_RESP_CODE_BODY = (
    "```\nfunction solve(items) {\n  const seen = new Set();\n  return items.filter(x => "
    "!seen.has(x.id) && seen.add(x.id));\n}\n```",
    "```\ndef solve(data):\n    seen = {}\n    out = []\n    for item in data:\n"
    "        key = item.get('id')\n        if key not in seen:\n            seen[key] = True\n"
    "            out.append(item)\n    return out\n```",
    "```\nfunc solve(xs []int) int {\n    total := 0\n    for _, x := range xs {\n"
    "        total += x\n    }\n    return total\n}\n```",
    "```\nclass RateLimiter:\n    def __init__(self, rate, burst):\n        self.rate = rate\n"
    "        self.tokens = burst\n        self.last = time.monotonic()\n```",
)
_RESP_CODE_TAIL = (
    "This runs in O(n) time and O(n) extra space.",
    "Make sure to handle the empty input case as well.",
    "If you need this to be thread-safe, wrap the state in a lock.",
    "Tests for the edge cases are below.",
)
_RESP_AGENT = (
    '{{"thought": "I need to gather the inputs first", "action": "{x}", "action_input": '
    '{{}}}}\n{{"thought": "Now verify the result before acting", "action": "search_docs", '
    '"action_input": {{"query": "runbook"}}}}',
    "Plan:\n1. Use {x} to collect what we need.\n2. Validate the results and handle errors.\n"
    "3. Summarise and ask the user to confirm before any irreversible step.",
    '[{{"tool": "{x}", "arguments": {{}}}}]',
)
_RESP_GRADE = (
    "Clarity: {a}/10. The main point is stated early, but several sentences are vague.\n"
    "Argument: {b}/10. The claim is reasonable but relies on one example.\n"
    "Evidence: {c}/10. Sources are mentioned without specifics.\nOverall: {d}/10.",
    '{{"scores": {{"clarity": {a}, "accuracy": {b}, "completeness": {c}}}, "overall": {d}, '
    '"rationale": "Mostly correct but misses key details and the structure is loose."}}',
    "Grade: C+. Organisation is the strongest criterion ({a}/10); grammar ({b}/10) and use "
    "of evidence ({c}/10) need work. Deductions: unclear thesis, no counterargument.",
    "Score: {d}/10. Strengths: clear structure and a confident tone. Weaknesses: the second "
    "paragraph makes claims without support ({b}/10 for evidence) and the ending is abrupt.",
)
_BACKEND_REPLIES = (
    (
        "The customer likes the product overall but is unhappy with the battery life.",
        "Reviewer reports the item broke after two weeks and wants a refund.",
        "Positive review praising easy setup and value for money.",
        "Mixed review: good build quality, slow shipping.",
    ),
    ("positive", "negative", "neutral", "mixed"),
    ('{{"order_number": "{o}"}}', '{{"order_number": "{o}"}}', '{{"order_number": null}}'),
    (
        "J'ai acheté ce produit le mois dernier. Il fonctionne bien, je le recommande.",
        "Il a cessé de fonctionner après deux semaines. Pas recommandé.",
        "Livraison lente, mais le produit est correct.",
    ),
    ("billing", "shipping", "account", "technical", "other"),
    (
        "Built to last and easy to love: this everyday essential keeps things simple, "
        "looks great anywhere and is backed by our 2-year guarantee.",
        "Thoughtfully designed for daily use, with durable materials and a clean look that "
        "fits any home.",
    ),
    (
        "Ich habe das Produkt letzten Monat gekauft. Es funktioniert gut.",
        "Nach zwei Wochen ging es kaputt. Nicht zu empfehlen.",
    ),
    ("Order not received after one week", "Double charge on recent order", "Return request"),
)


def _fill(
    r: random.Random, first: str, bodies: tuple[tuple[str, ...], ...], target: int, x: str
) -> str:
    pool = bodies[0] if len(bodies) == 1 else tuple(s for body in bodies for s in body)
    k = min(len(pool), target // 60 + 1)
    out = [first]
    size = len(first)
    for s in r.sample(pool, k):
        if size >= target:
            break
        if "{" in s:
            s = s.format(n=_ri(r, 2, 480), x=x)
        out.append(s)
        size += len(s) + 1
    return " ".join(out)


def _clip(s: str, target: int) -> str:
    if len(s) <= target:
        return s
    cut = s.rfind(" ", 0, target)
    return s[: cut if cut > target // 2 else target]


def _hint(r: random.Random, kind: int, p1: int, p2: int) -> str:
    """Return a short noun phrase the response can mention."""
    if kind == KIND_EVERYDAY:
        return _ch(r, TOPICS[p1 % N_TOPICS].items)
    if kind == KIND_DEV:
        return B.CODE_LANGS[p1 % N_CODE_LANGS]
    if kind == KIND_SWEEP:
        section, j = p2 % 10, p2 // 10
        if section < 6:
            return B.CODE_LANGS[j % N_CODE_LANGS]
        return B.TOOLS[j % len(B.TOOLS)][0]
    return ""


def response_text(
    r: random.Random, kind: int, target: int, p1: int = 0, p2: int = 0, lang: str = "en"
) -> str:
    """Return stored response text of about target characters (at most the gateway limit)."""
    target = max(1, min(target, STORED_RESPONSE_CHARS))
    x = _hint(r, kind, p1, p2)
    if kind == KIND_BACKEND:
        replies = _BACKEND_REPLIES[p1 % len(_BACKEND_REPLIES)]
        return _ch(r, replies).format(o=f"#{_ri(r, 100000, 999999)}")
    if kind == KIND_BENCH:
        suite = p1 // N_BENCH_FORMATS
        if suite == 0:
            return _ch(r, "ABCD") if target < 20 else f"The answer is ({_ch(r, 'ABCD')})."
        if suite == 3:
            return "    " + _ch(r, ("return sum(x for x in nums if x % 2 == 0)", "result = []"))
        if suite == 2:
            return _ch(r, ("To open a school.", "Its factory.", "The author is ambivalent."))
        s = _fill(r, _ch(r, _RESP_STEPS), (_RESP_STEP_BODY,), target - 12, x)
        return _clip(s, target - 12) + f"\n#### {_ri(r, 2, 400)}"
    if kind == KIND_STUDENT:
        s = _fill(r, _ch(r, _RESP_STEPS), (_RESP_STEP_BODY,), target, x)
    elif kind == KIND_COT:
        s = _fill(r, _ch(r, _RESP_STEPS), (_RESP_STEP_BODY, _RESP_THINK), target, x)
    elif kind == KIND_SWEEP and p2 % 10 >= 6:
        s = _ch(r, _RESP_AGENT).format(x=x)
    elif kind in (KIND_DEV, KIND_SWEEP):
        code = _ch(r, _RESP_CODE_BODY)
        s = f"{_ch(r, _RESP_CODE_INTRO).format(x=x)}\n\n{code}\n\n{_ch(r, _RESP_CODE_TAIL)}"
    elif kind == KIND_RUBRIC:
        s = _ch(r, _RESP_GRADE).format(
            a=_ri(r, 3, 9), b=_ri(r, 2, 9), c=_ri(r, 2, 9), d=_ri(r, 3, 8)
        )
    elif lang != "en":
        s = _RESP_FOREIGN[lang]
    else:
        first = _ch(r, _RESP_OPEN)
        if r.random() < 0.6:
            first += " " + _ch(r, _RESP_TOPICAL).format(x=x)
        s = _fill(r, first, (_RESP_BODY,), target, x)
    return _clip(s, target)
