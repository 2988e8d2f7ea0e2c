"""Scripted prompts: capability sweep, reasoning and grading harvest, backends, benchmark items."""

from __future__ import annotations

import random
from functools import lru_cache

from analysis.synth import template_banks as TB
from analysis.synth import text_banks as B
from analysis.synth.languages import FOREIGN
from analysis.synth.prompts import (
    N_BACKEND_TEMPLATES,
    N_CODE_LANGS,
    N_STUDENT_SUBJECTS,
    N_TOPICS,
    _ch,
    _ri,
    _schema_text,
    cap,
    everyday_question,
    noise,
    paragraph,
    study_problem,
)

# ---------------------------------------------------------------------------
# the capability sweep (scripted coverage)
# ---------------------------------------------------------------------------


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
        _, term, _ = _ch(r, TB.MCQ_TERMS)
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
        _, term, definition = _ch(r, TB.MCQ_TERMS)
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
    fmt = TB.BACKEND_TEMPLATES[template % N_BACKEND_TEMPLATES][1]
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
        subject, term, definition = _ch(r, TB.MCQ_TERMS)
        others = [d for s, t, d in TB.MCQ_TERMS if t != term]
        if r.random() < 0.5:
            q = f"Which of the following best describes {term}?"
            opts = [definition, *r.sample(others, 3)]
        else:
            q = f"Which term refers to {definition}?"
            opts = [term, *r.sample([t for _s, t, _d in TB.MCQ_TERMS if t != term], 3)]
    r.shuffle(opts)
    lines = "\n".join(
        (f"{letters[i]}. {o}" if fmt != 1 else f"({letters[i]}) {o}") for i, o in enumerate(opts)
    )
    return TB.MCQ_HEADERS[fmt % len(TB.MCQ_HEADERS)].format(subject=subject, q=q, opts=lines)


def _gsm(r: random.Random, fmt: int) -> str:
    n1, n2 = r.sample(B.FIRST_NAMES, 2)
    q = _ch(r, TB.GSM_TEMPLATES).format(
        n1=n1,
        n2=n2,
        a=_ri(r, 2, 15),
        b=_ri(r, 2, 12),
        c=_ri(r, 1, 9),
        big=_ri(r, 40, 400),
        item=_ch(r, TB.GSM_ITEMS),
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
    name, args, ret, doc = _ch(r, TB.CODE_COMPLETION_SPECS)
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
