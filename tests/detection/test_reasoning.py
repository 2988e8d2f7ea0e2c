"""Reasoning elicitation: paraphrases and other languages are found, ordinary prompts are not,
and scores are cached per detector version."""

from __future__ import annotations

import json

import pytest

from analysis import config, ingest, store
from analysis.detection import DetectionRun, features, reasoning

# Written for this test, none of them in the example banks: other words, other languages.
HELD_OUT = [
    "Please spell out every step of your reasoning before you give the final number.",
    "Narrate your reasoning in detail as you solve this.",
    "Show the complete logic that leads you to the conclusion.",
    "Muestra cada paso de tu razonamiento antes de la respuesta final.",
    "Montre chaque étape de ta réflexion avant de conclure.",
    "Zeig mir jeden Schritt deiner Überlegung, bevor du antwortest.",
    "Mostra ogni passaggio del tuo ragionamento prima di rispondere.",
    "在回答之前，请详细写出你的每一步推理。",
    "Покажи каждый шаг своих рассуждений перед ответом.",
]
ORDINARY = [
    "What are the steps to renew a passport in the UK?",
    "Write a haiku about autumn leaves.",
    "I think I left my keys at work, what should I do?",
    "Translate 'good morning' into Japanese.",
    "How many calories are in a banana?",
    "Give me three names for a bakery.",
    "Summarise the plot of Hamlet in two sentences.",
    "Can you recommend a step aerobics routine for beginners?",
]


@pytest.fixture(scope="module")
def detector(minilm_model, fast_model):
    return reasoning.ReasoningDetector(minilm_model, fast_model).fit()


def test_paraphrases_and_other_languages_are_found(detector):
    flags = detector.score(HELD_OUT) >= config.REASONING_THRESHOLD
    assert flags.sum() >= len(HELD_OUT) - 1, list(zip(HELD_OUT, flags, strict=True))


def test_ordinary_requests_are_not(detector):
    flags = detector.score(ORDINARY) >= config.REASONING_THRESHOLD
    assert not flags.any(), [t for t, f in zip(ORDINARY, flags, strict=True) if f]


def test_a_reasoning_sentence_inside_a_longer_prompt(detector):
    prompts = [
        "A train leaves at 9:40 and arrives at 13:05. How long is the trip? "
        "Lay out your full thought process, one step at a time.",
        "A train leaves at 9:40 and arrives at 13:05. How long is the trip?",
    ]
    scores = reasoning.prompt_scores(prompts, detector)
    assert scores[0] >= config.REASONING_THRESHOLD > scores[1]


def test_sentences_split_and_keep_both_ends():
    text = "Hi. " + " ".join(f"Sentence number {i} here." for i in range(20)) + " Think hard!"
    parts = reasoning.sentences(text)
    k = config.REASONING_SENTENCES_EACH_END
    assert len(parts) == 2 * k
    assert parts[0] == "Sentence number 0 here." and parts[-1] == "Think hard!"
    assert reasoning.sentences("") == [] and reasoning.sentences("ok") == []
    assert reasoning.sentences("第一句。第二句很长很长很长。") == ["第二句很长很长很长。"]


def test_scores_are_cached_per_detector(tmp_path, detector, minilm_model):
    log = tmp_path / "log.jsonl"
    prompts = ["Think step by step: 2+2?", "What is a roux?", "What is a roux?"]
    records = [
        {"request_id": f"r{i}", "timestamp": "2026-10-01T00:00:00Z", "account_id": "a", "prompt": p}
        for i, p in enumerate(prompts)
    ]
    log.write_text("".join(json.dumps(r) + "\n" for r in records))
    con = store.connect(tmp_path / "r.duckdb")
    ingest.ingest_paths(con, [str(log)])
    with DetectionRun(con, per_account=40) as inputs:
        assert reasoning.update_scores(inputs.con, detector, log=lambda _m: None) == 2  # unique
        assert reasoning.update_scores(inputs.con, detector, log=lambda _m: None) == 0  # cached
        share = features.reasoning_shares(inputs, detector.detector_id)
        assert share["reasoning_share"].iat[0] == pytest.approx(1 / 3)
        # another detector version (no prefilter) does not reuse those scores
        other = reasoning.ReasoningDetector(minilm_model).fit()
        assert other.detector_id != detector.detector_id
        assert reasoning.update_scores(inputs.con, other, log=lambda _m: None) == 2
    con.close()
