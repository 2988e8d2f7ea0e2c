"""Frame mining: instructions that repeat across texts are frames, payloads are not."""

from __future__ import annotations

import random

import duckdb
import pandas as pd
from helpers import PAYLOAD_WORDS, random_payload

from analysis.recipes import frames as F
from analysis.recipes import sql

_WORDS = PAYLOAD_WORDS
_R = random.Random(7)
# 72 payloads that share no phrase: random word sequences
QUESTIONS = [random_payload(_R, 8, 12) for _ in range(72)]
EVERYDAY = [
    "what is the best way to store fresh basil",
    "how do i fix a squeaky door hinge",
    "write a short poem about autumn leaves",
    "what is the capital of australia",
    "can you recommend a good book about the history of rome",
    "what is the difference between a crocodile and an alligator",
]
FRAME = "Solve the following problem carefully, reasoning step by step before you answer:"


def _mine(texts, window=48, **kw):
    df = pd.DataFrame(
        {
            "text_key": [f"{i:06d}" for i in range(len(texts))],
            "system_prompt": [s for s, _ in texts],
            "prompt": [p for _, p in texts],
        }
    )
    table = sql.token_windows(duckdb.connect(), window, df)
    args = dict(min_prompts=10, min_run=5, family_jaccard=0.5, core_ratio=0.5)
    args.update(kw)
    return F.mine(table, **args)


def test_frame_is_the_repeated_instruction_not_the_payload():
    texts = [(None, f"{FRAME} {q}") for q in QUESTIONS] + [(None, e) for e in EVERYDAY * 3]
    mined = _mine(texts)
    frames = mined.frames[: len(QUESTIONS)]
    assert len(set(frames)) == 1
    frame = frames[0]
    assert "step by step" in frame and "solve the following problem" in frame
    assert not set(frame.split()) & set(_WORDS)
    # everyday prompts repeated 3 times (under min_prompts) have no frame
    assert set(mined.frames[len(QUESTIONS) :]) == {""}


def test_frame_in_the_system_prompt_and_at_the_end():
    system = "You are a strict grader. Reply with JSON only, with a score from one to ten."
    texts = [(system, f"Question: {q}\nAnswer: about four hours") for q in QUESTIONS]
    texts += [
        (None, f"{q} Think it through step by step and show all your working.") for q in QUESTIONS
    ]
    mined = _mine(texts)
    graded, tail = mined.frames[: len(QUESTIONS)], mined.frames[len(QUESTIONS) :]
    assert all("strict grader" in f for f in graded)
    assert all("show all your working" in f for f in tail)
    assert mined.family[graded[0]] != mined.family[tail[0]]


def test_noise_variants_fall_into_one_family_and_paraphrases_do_not():
    r = random.Random(3)
    base = "please explain your reasoning in detail step by step and then give the final answer"
    other = "translate the text below into german and keep the original formatting intact"
    texts = []
    for q in QUESTIONS:
        words = base.split()
        if r.random() < 0.5:
            words.insert(r.randrange(len(words)), "kindly")
        texts.append((None, " ".join(words) + ": " + q))
        texts.append((None, other + ": " + q))
    mined = _mine(texts)
    fams = {mined.family[f] for f in mined.frames[0::2]}
    assert len(fams) == 1
    assert mined.family[mined.frames[1]] not in fams


def test_cjk_frames_are_found_without_spaces():
    frame = "请一步一步地解决下面的问题并解释你的推理过程"
    texts = [(None, f"{frame}：{q}") for q in QUESTIONS]
    mined = _mine(texts)
    assert len(set(mined.frames)) == 1
    assert "步" in mined.frames[0] and not set(mined.frames[0].split()) & set(_WORDS)


def test_sampled_counting_finds_the_same_frame():
    texts = [(None, f"{FRAME} {q} ({i})") for i in range(20) for q in QUESTIONS[:30]]
    full = _mine(texts)
    sampled = _mine(texts, sample=150, seed=1)
    assert full.frames[0] and sampled.frames[0] == full.frames[0]


def test_nothing_repeats_nothing_is_a_frame():
    mined = _mine([(None, q) for q in QUESTIONS[:8]] + [(None, "")])
    assert mined.frames == [""] * 9 and not mined.prompts
