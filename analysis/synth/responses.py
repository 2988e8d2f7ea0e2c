"""Response text per request kind, as the gateway stores it (truncated)."""

from __future__ import annotations

import random

from analysis.synth import text_banks as B
from analysis.synth.prompts import (
    KIND_BACKEND,
    KIND_BENCH,
    KIND_COT,
    KIND_DEV,
    KIND_EVERYDAY,
    KIND_RUBRIC,
    KIND_STUDENT,
    KIND_SWEEP,
    N_BENCH_FORMATS,
    N_CODE_LANGS,
    N_TOPICS,
    STORED_RESPONSE_CHARS,
    _ch,
    _ri,
)
from analysis.synth.topics import TOPICS

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
