"""Prompts, system prompts and responses of the multilingual populations (multilingual.py).

Rows of those populations carry their own kinds (KIND_ML_*); p1 is the language's index in
ML_LANGS (tutoring: plus 32 * ask style; translation: the pair's index) and p2 a seed. Text
is drawn from the random.Random the writer keeps for these rows only, so the text of every
other row is what it would be without them. Banks: ml_everyday_*.py, ml_support_text.py,
ml_tutoring_text.py.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass

from analysis.synth.ml_everyday_asia import BANKS as _ASIA
from analysis.synth.ml_everyday_eurasia import BANKS as _EURASIA
from analysis.synth.ml_everyday_europe import BANKS as _EUROPE
from analysis.synth.ml_support_text import SUPPORT, TRANSLATION
from analysis.synth.ml_tutoring_text import TUTORING

KIND_ML_EVERYDAY = 20  # ordinary person writing in their language: p1 language
KIND_SUPPORT = 21  # customer-support product: p1 language
KIND_TUTORING_PRODUCT = 22  # homework-help product: p1 language + 32 * ask style
KIND_TRANSLATION_PRODUCT = 23  # translation product: p1 pair, p2 text seed
KINDS = (KIND_ML_EVERYDAY, KIND_SUPPORT, KIND_TUTORING_PRODUCT, KIND_TRANSLATION_PRODUCT)

ML_LANGS = ("ko", "ja", "zh", "ru", "ar", "hi", "vi", "id", "tr", "th",
            "fa", "es", "fr", "de", "pt", "it", "pl", "nl", "uk", "sv")  # fmt: skip
ML_LANG_INDEX = {lang: i for i, lang in enumerate(ML_LANGS)}
SUPPORT_LANGS = ("ko", "ja", "ru", "es", "ar", "de")  # in the order products are added
TUTORING_LANGS = ("ko", "ja", "zh", "vi", "id", "tr", "hi")
TRANSLATION_PAIRS = (("ja", "en"), ("de", "fr"))
# Ask styles of a tutoring conversation: the answer only, a hint, a short explanation, the
# solution explained; most students want one of the first three.
TUTOR_STYLES = ("answer", "hint", "short", "explain")
N_TUTOR_STYLES = len(TUTOR_STYLES)
TUTOR_STYLE_SHARES = (0.35, 0.25, 0.22, 0.18)
P_FOLLOW = 0.6  # later turns that are a follow-up rather than a new question
STORED_RESPONSE_CHARS = 400  # as prompts.STORED_RESPONSE_CHARS
COMMA = {"ar": "، ", "fa": "، ", "hi": " ", "th": " "}  # before a closer; ", " elsewhere
# Tutoring questions are in the same order in every language; these have a number as answer.
NUMERIC_QUESTIONS = (0, 1, 2, 3, 4, 5, 12, 13, 14)

_SLOT = re.compile(r"\{(\w+)\}")


def _split(s: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in s.split("|") if p.strip())


def _templates(block: str) -> tuple[str, ...]:
    """Return one template a line; a line of just {para} joins the one before it."""
    out: list[str] = []
    blank = False
    for line in block.split("\n"):
        line = line.strip()
        if not line:
            blank = True
            continue
        if line == "{para}" and out:
            out[-1] += ("\n\n" if blank else "\n") + line
        else:
            out.append(line)
        blank = False
    return tuple(out)


@dataclass(frozen=True)
class Everyday:
    templates: tuple[str, ...]
    slots: dict[str, tuple[str, ...]]
    openers: tuple[str, ...]
    closers: tuple[str, ...]
    follow: tuple[str, ...]
    replies: tuple[str, ...]
    join: str


def _everyday(b: dict) -> Everyday:
    names = ("dish", "place", "ill", "item", "who", "phrase", "topic")
    slots = {k: _split(b[k]) for k in names}
    slots["para"] = tuple(b["paras"])
    return Everyday(_templates(b["templates"]), slots, _split(b["open"]), _split(b["close"]),
                    _split(b["follow"]), _split(b["reply"]), b["join"])  # fmt: skip


EVERYDAY = {lang: _everyday(b) for lang, b in {**_ASIA, **_EURASIA, **_EUROPE}.items()}
SUPPORT_Q = {lang: _templates(b["questions"]) for lang, b in SUPPORT.items()}
TUTOR_Q = {lang: _templates(b["questions"]) for lang, b in TUTORING.items()}


def _ch(r: random.Random, seq):
    return seq[int(r.random() * len(seq))]


def _ri(r: random.Random, a: int, b: int) -> int:
    return a + int(r.random() * (b - a + 1))


def approx_tokens(s: str) -> int:
    """Return a rough token count: four ASCII characters, or 1.5 other characters, a token."""
    ascii_chars = len(s.encode("ascii", "ignore"))
    return ascii_chars // 4 + (len(s) - ascii_chars) * 2 // 3 + 1


def clip(s: str, target: int) -> str:
    """Return s cut to at most target characters, at a space when one is near the end."""
    if len(s) <= target:
        return s
    cut = s.rfind(" ", 0, target)
    return s[: cut if cut > target // 2 else target]


def _attach(q: str, extra: str, join: str, before: bool, lang: str) -> str:
    """Put an opener before q, or a closer or an ask after it, in the language's way."""
    if not join:  # Japanese and Chinese
        if before:
            return f"{extra}\n{q}"
        return q + extra if q[-1:] in "？?！!。" else f"{q}。{extra}"
    if before:
        if extra[-1:] in ",:":
            return f"{extra} {q}"
        return f"{extra}\n{q}" if len(q) % 3 == 0 else f"{extra}! {q}"
    if q[-1:].isalnum():
        return f"{q}{COMMA.get(lang, ', ')}{extra}"
    return f"{q} {extra}"


def _reply(r: random.Random, sentences: tuple[str, ...], join: str, k: int, target: int) -> str:
    picked = r.sample(sentences, min(k, len(sentences)))
    return clip(join.join(picked), target)


# ---------------------------------------------------------------------------
# everyday people
# ---------------------------------------------------------------------------


def everyday_prompt(r: random.Random, lang: str, turn: int) -> str:
    b = EVERYDAY[lang]
    if turn and r.random() < P_FOLLOW:
        return _ch(r, b.follow)
    q = _SLOT.sub(lambda m: _ch(r, b.slots[m[1]]), _ch(r, b.templates))
    if not turn and r.random() < 0.25:
        q = _attach(q, _ch(r, b.openers), b.join, True, lang)
    if r.random() < 0.15:
        q = _attach(q, _ch(r, b.closers), b.join, False, lang)
    return q


# ---------------------------------------------------------------------------
# products
# ---------------------------------------------------------------------------


def _order(r: random.Random, lang: str) -> str:
    if lang == "es":  # airline booking reference
        return "".join(_ch(r, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))
    return str(_ri(r, 10_000_000, 99_999_999))


def support_prompt(r: random.Random, lang: str, turn: int) -> str:
    b = SUPPORT[lang]
    if turn and r.random() < P_FOLLOW:
        return _ch(r, _split(b["follow"]))
    q = _ch(r, SUPPORT_Q[lang])
    return q.replace("{order}", _order(r, lang)).replace("{n}", str(_ri(r, 2, 5)))


def _tutor_item(p2: int) -> tuple[int, int, int, int]:
    """Return (question index, a, b, c) of a tutoring row: a pure function of its seed."""
    rr = random.Random(p2)
    a, b = rr.randint(2, 12), rr.randint(1, 30)
    return rr.randrange(16), a, b, b + a * rr.randint(1, 9)


def _num(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def tutor_answer(q: int, a: int, b: int, c: int) -> str:
    """Return the answer of a numeric tutoring question ("" for the others)."""
    answers = {
        0: _num((c - b) / a),
        1: _num(a * b / 2),
        2: str(math.lcm(a, b)),
        3: str(a * b),
        4: _num(2 * 3.14 * a),
        5: f"x = {_num((c + a) / 2)}, y = {_num((c - a) / 2)}",
        12: _num(a * b / 100),
        13: f"{a + b}/{c}",
        14: "5",
    }
    return answers.get(q, "")


def _tutor_follows(p2: int, turn: int) -> bool:
    return bool(turn) and p2 % 100 < P_FOLLOW * 100


def tutor_prompt(r: random.Random, lang: str, style: int, turn: int, p2: int) -> str:
    b = TUTORING[lang]
    if _tutor_follows(p2, turn):
        return _ch(r, _split(b["follow"])).replace("{x}", str(_ri(r, 2, 60)))
    q, a, bb, c = _tutor_item(p2)
    text = TUTOR_Q[lang][q].format(a=a, b=bb, c=c)
    return _attach(text, _ch(r, _split(b["styles"][style])), b["join"], False, lang)


def tutor_response(r: random.Random, lang: str, style: int, p2: int, turn: int, target: int):
    """Return the tutor's reply: the answer, a hint, a short or a worked explanation."""
    b = TUTORING[lang]
    sents = [_split(x) for x in b["reply"]]
    answer = ""
    if not _tutor_follows(p2, turn):
        q, a, bb, c = _tutor_item(p2)
        answer = tutor_answer(q, a, bb, c)
    if style == 0 and not answer:  # a fact question: the short explanation is the answer
        style = 2
    if style == N_TUTOR_STYLES - 1:  # the solution explained: every step, in order
        text = b["join"].join(sents[style])
        if answer:
            text += b["join"] + sents[0][0]
    else:
        text = _ch(r, sents[style])
    return clip(text.replace("{x}", answer or str(_ri(r, 2, 60))), target)


def translation_text(pair: int, seed: int) -> tuple[str, str]:
    """Return (pasted source text, its translation): a pure function of the seed."""
    src, dst = TRANSLATION_PAIRS[pair]
    sents = TRANSLATION[(src, dst)][1]
    rr = random.Random(seed)
    idx = rr.sample(range(len(sents)), rr.randint(1, 4))
    lines = rr.random() < 0.3
    sep_src = "\n" if lines else ("" if src in ("ja", "zh") else " ")
    sep_dst = "\n" if lines else " "
    return (sep_src.join(sents[i][0] for i in idx), sep_dst.join(sents[i][1] for i in idx))


# ---------------------------------------------------------------------------
# one row
# ---------------------------------------------------------------------------


def row_prompt(r: random.Random, kind: int, p1: int, p2: int, turn: int) -> tuple[str, str | None]:
    """Return (prompt, system prompt or None) of a row of the multilingual populations."""
    if kind == KIND_ML_EVERYDAY:
        return everyday_prompt(r, ML_LANGS[p1], turn), None
    if kind == KIND_SUPPORT:
        lang = ML_LANGS[p1]
        return support_prompt(r, lang, turn), SUPPORT[lang]["system"]
    if kind == KIND_TUTORING_PRODUCT:
        lang = ML_LANGS[p1 % 32]
        return tutor_prompt(r, lang, p1 // 32, turn, p2), TUTORING[lang]["system"]
    return translation_text(p1, p2)[0], TRANSLATION[TRANSLATION_PAIRS[p1]][0]


def row_response(r: random.Random, kind: int, p1: int, p2: int, turn: int, target: int) -> str:
    """Return the stored response (at most target characters) of a multilingual row."""
    target = max(1, min(target, STORED_RESPONSE_CHARS))
    if kind == KIND_ML_EVERYDAY:
        b = EVERYDAY[ML_LANGS[p1]]
        return _reply(r, b.replies, b.join, _ri(r, 2, 4), target)
    if kind == KIND_SUPPORT:
        b = SUPPORT[ML_LANGS[p1]]
        return _reply(r, _split(b["reply"]), b["join"], _ri(r, 1, 3), target)
    if kind == KIND_TUTORING_PRODUCT:
        return tutor_response(r, ML_LANGS[p1 % 32], p1 // 32, p2, turn, target)
    return clip(translation_text(p1, p2)[1], target)
