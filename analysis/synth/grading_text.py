"""Text of the grading harvest (adversary mode): fixed judging templates and short JSON verdicts."""

from __future__ import annotations

import json
import random

from analysis.synth import responses as R
from analysis.synth import scripted_prompts as S
from analysis.synth.prompts import KIND_EVERYDAY, KIND_STUDENT, N_STUDENT_SUBJECTS, N_TOPICS

# Each actor account fills one or two of these, always the same ones: {q} question, {a} answer.
GRADE_TEMPLATES = (
    "You are a strict grader. Read the question and the candidate answer below and rate the "
    "answer from 1 (useless) to 10 (perfect). Reply with JSON only, exactly in the form "
    '{{"score": <1-10>, "rationale": "<one sentence>"}}.\n\nQuestion:\n{q}\n\nAnswer:\n{a}',
    "Act as an impartial judge. Score the response to the user question for correctness, "
    "completeness and clarity on a 1-10 scale.\n\n[QUESTION]\n{q}\n\n[RESPONSE]\n{a}\n\n"
    'Output a single JSON object: {{"score": int, "rationale": str}}. No other text.',
    "Evaluate the following answer.\nQ: {q}\nA: {a}\n\nReturn JSON with keys score (integer "
    "1-10) and rationale (max 25 words). Be harsh: reserve 9-10 for flawless answers.",
    "### Task\nGrade the answer to the question.\n### Question\n{q}\n### Answer\n{a}\n"
    '### Format\n{{"score": 1-10, "rationale": "..."}}\nRespond with the JSON object and '
    "nothing else.",
    "You are an expert reviewer scoring model outputs for a quality dataset. Question: {q}\n"
    "Candidate answer: {a}\nGive a score from 1 to 10 and a short justification as JSON "
    '({{"score": ..., "rationale": ...}}).',
    "Rate this answer 1-10 (10 = fully correct, well explained). Only JSON, keys score and "
    "rationale.\n\n<question>{q}</question>\n<answer>{a}</answer>",
)
N_GRADE_TEMPLATES = len(GRADE_TEMPLATES)

_GOOD = (
    "Correct and clearly explained, with a relevant example.",
    "Accurate and complete; the steps are easy to follow.",
    "Answers the question directly and covers the main cases.",
    "Mostly correct, well organised, minor omissions only.",
)
_MID = (
    "Partly correct but skips an important step.",
    "Reasonable overview, though it stays vague on the key point.",
    "Relevant but too long and slightly off focus.",
    "Correct conclusion with weak justification.",
)
_BAD = (
    "Misreads the question and gives an unrelated answer.",
    "Contains a factual error that changes the conclusion.",
    "Too short to be useful and does not explain anything.",
    "Confidently wrong on the central claim.",
)


def grade_answer(r: random.Random) -> str:
    """Return a candidate answer to grade, built from the response banks."""
    target = r.randint(120, 600)
    if r.random() < 0.5:
        s = R.response_text(r, KIND_EVERYDAY, target, r.randrange(N_TOPICS))
    else:
        s = R.response_text(r, KIND_STUDENT, target, r.randrange(N_STUDENT_SUBJECTS))
    end = max(s.rfind("."), s.rfind("?"), s.rfind("!"))
    return s[: end + 1] if end > len(s) // 3 else s  # end on a whole sentence


def grade_prompt(r: random.Random, template: int) -> str:
    """Return a fixed judging template filled with a fresh question/answer pair."""
    q = S.harvest_question(r)
    a = grade_answer(r)
    return GRADE_TEMPLATES[template % N_GRADE_TEMPLATES].format(q=q, a=a)


def grade_response(r: random.Random) -> str:
    """Return a short JSON verdict."""
    score = r.randint(1, 10)
    bank = _GOOD if score >= 8 else _MID if score >= 4 else _BAD
    return json.dumps({"score": score, "rationale": bank[r.randrange(len(bank))]})
