"""Reasoning elicitation: does a prompt ask the model to write out its reasoning?

A prompt is split into sentences; each sentence is embedded and compared with two small
banks of example sentences: requests for step-by-step, full or hidden reasoning (in several
languages), and ordinary requests that share their words ("list the steps to reset a
router"). A sentence asks for reasoning when it is close to a reasoning example and closer
to it than to any ordinary one. Matching by meaning rather than by a keyword list keeps the
signal when the wording changes; the banks are data, not code, and can grow.

Scores are cached per (backend, sentence hash) in DuckDB, so a re-run embeds only new
sentences; across an account's prompts the same wrapper sentence repeats, so unique
sentences are far fewer than prompts.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable

import duckdb
import numpy as np
import pandas as pd

from analysis import config
from analysis.campaigns.embed import Embedder
from analysis.detection import sql

Log = Callable[[str], None]

# Requests to write out reasoning (including hidden or internal reasoning). Written for
# this module, in the languages API traffic most often uses; not taken from any generator.
REASONING_EXAMPLES = (
    "Think step by step.",
    "Explain your reasoning step by step before giving the answer.",
    "Show all of your work.",
    "Write out your full chain of thought.",
    "Give me your complete reasoning process, not just the answer.",
    "Reveal the hidden reasoning behind your answer.",
    "Show me your internal thought process verbatim.",
    "Put your thinking inside <think> tags before the final answer.",
    "Reason through it carefully and show every intermediate step.",
    "Walk me through how you arrived at the answer, step by step.",
    "Explain each step of the solution in detail.",
    "Don't skip any steps; show the derivation.",
    "Before answering, think out loud about the problem.",
    "Output your scratchpad and then the answer.",
    "Give a detailed rationale for each step you take.",
    "List every inference you make on the way to the answer.",
    "First write your reasoning, then write the final answer on its own line.",
    "Let's work this out in a step by step way to be sure we have the right answer.",
    "Show the full reasoning trace.",
    "Explain your thinking exhaustively.",
    # Spanish, Portuguese, French, Italian, German, Dutch
    "Piensa paso a paso y muestra todo tu razonamiento.",
    "Explica tu razonamiento paso a paso antes de responder.",
    "Pense passo a passo e mostre todo o seu raciocínio.",
    "Réfléchis étape par étape et montre tout ton raisonnement.",
    "Explique ton raisonnement en détail avant de répondre.",
    "Ragiona passo dopo passo e mostra tutto il tuo ragionamento.",
    "Denke Schritt für Schritt und zeige deinen gesamten Gedankengang.",
    "Erkläre deine Überlegungen Schritt für Schritt, bevor du antwortest.",
    "Denk stap voor stap na en laat je hele redenering zien.",
    # Russian, Polish, Turkish
    "Думай шаг за шагом и покажи всё своё рассуждение.",
    "Pomyśl krok po kroku i pokaż całe swoje rozumowanie.",
    "Adım adım düşün ve tüm akıl yürütmeni göster.",
    # Chinese, Japanese, Korean
    "请一步一步地思考，并写出完整的推理过程。",
    "请展示你的思考过程。",
    "ステップバイステップで考えて、推論の過程をすべて書いてください。",
    "단계별로 생각하고 전체 추론 과정을 보여 주세요.",
)

# Ordinary requests that share words with reasoning requests but ask for something else.
ORDINARY_EXAMPLES = (
    "List the steps to reset my router.",
    "What are the next steps in my job search?",
    "Write a step-by-step recipe for banana bread.",
    "Give me a step-by-step guide to installing Python on Windows.",
    "What do you think about this plan?",
    "Explain what photosynthesis is.",
    "Explain this error message.",
    "Summarise this article in three sentences.",
    "Show me an example of a SQL join.",
    "Write a short story about a dragon.",
    "What is the answer to question 3?",
    "Translate this paragraph into French.",
    "I think my code has a bug, can you help?",
    "How should I reason with my toddler when she is upset?",
    "Describe the process of making cheese.",
    "What is the capital of Australia?",
    "Fix the grammar in this email.",
    "Dame una receta paso a paso para hacer pan.",
    "Erkläre mir, was Photosynthese ist.",
    "Explique-moi ce qu'est la photosynthèse.",
)

_SPLIT = re.compile(r"(?<=[.!?。！？])\s+|[\n\r]+|(?<=[。！？])")


def sentences(prompt: str) -> list[str]:
    """Return the prompt's sentences worth testing (the first and last few, trimmed)."""
    parts = [s.strip() for s in _SPLIT.split(prompt or "")]
    parts = [s for s in parts if config.REASONING_MIN_CHARS <= len(s) <= config.REASONING_MAX_CHARS]
    k = config.REASONING_SENTENCES_EACH_END
    if len(parts) > 2 * k:
        parts = parts[:k] + parts[-k:]
    return parts


class Remembering:
    """An embedder that keeps the vectors it has made, so detectors that read the same
    sentences (reasoning, then judging) embed each one once."""

    def __init__(self, inner: Embedder):
        self.inner = inner
        self.backend_id = inner.backend_id
        self.dim = inner.dim
        self.memo: dict[str, np.ndarray] = {}

    def __call__(self, texts: list[str]) -> np.ndarray:
        todo = list(dict.fromkeys(t for t in texts if t not in self.memo))
        if todo:
            self.memo.update(zip(todo, self.inner(todo), strict=True))
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return np.stack([self.memo[t] for t in texts])


class ReasoningDetector:
    """Scores sentences by meaning against the example banks.

    Two stages keep it affordable: the fast static model passes on every sentence within
    REASONING_PREFILTER of a reasoning example (recall first), and MiniLM, which reads word
    order, decides on those (precision). ``fit`` embeds the banks.
    """

    name = "reasoning"
    positives: tuple[str, ...] = REASONING_EXAMPLES
    negatives: tuple[str, ...] = ORDINARY_EXAMPLES

    def __init__(self, precise: Embedder, prefilter: Embedder | None = None):
        self.precise = precise
        self.prefilter = prefilter

    @property
    def detector_id(self) -> str:
        """Names the banks, models and rule; cached scores are only reused for the same id."""
        parts = [
            *self.positives, *self.negatives, self.precise.backend_id,
            self.prefilter.backend_id if self.prefilter else "-",
            str(config.REASONING_PREFILTER), str(config.REASONING_MARGIN),
            str(config.REASONING_SENTENCES_EACH_END), str(config.REASONING_MIN_CHARS),
            str(config.REASONING_MAX_CHARS),
        ]  # fmt: skip
        return f"{self.name}-" + hashlib.md5("\n".join(parts).encode()).hexdigest()[:12]

    def judging(self) -> ReasoningDetector:
        """The judging detector (JudgingDetector) on the same models."""
        return JudgingDetector(self.precise, self.prefilter)

    def fit(self) -> ReasoningDetector:
        self.reasoning_ = self.precise(list(self.positives))
        self.ordinary_ = self.precise(list(self.negatives))
        if self.prefilter is not None:
            self.prefilter_reasoning_ = self.prefilter(list(self.positives))
        return self

    def score(self, texts: list[str]) -> np.ndarray:
        """Return (n,) float32 scores: cosine similarity to the nearest reasoning example,
        or 0 when an ordinary example is nearly as near or the prefilter rejected it."""
        out = np.zeros(len(texts), np.float32)
        if not texts:
            return out
        keep = np.arange(len(texts))
        if self.prefilter is not None:
            near = (self.prefilter(texts) @ self.prefilter_reasoning_.T).max(axis=1)
            keep = np.flatnonzero(near >= config.REASONING_PREFILTER)
            if len(keep) == 0:
                return out
        X = self.precise([texts[i] for i in keep])
        pos = (X @ self.reasoning_.T).max(axis=1)
        neg = (X @ self.ordinary_.T).max(axis=1)
        out[keep] = np.where(pos - neg >= config.REASONING_MARGIN, pos, 0.0)
        return out


# Requests for a verdict on someone else's answer: grading, judging, scoring against a
# rubric, choosing the better of two responses (the data of reward models and judges).
# Written for this module, in several phrasings and languages; not taken from any generator.
JUDGING_EXAMPLES = (
    "Rate the following answer on a scale from 1 to 10.",
    "Grade the response below for correctness and completeness.",
    "You are an impartial judge: score the assistant's reply.",
    "Which of the two responses is better, A or B?",
    "Compare response 1 and response 2 and say which one you prefer.",
    "Evaluate the quality of this answer against the rubric.",
    "Score the candidate answer and give a short justification as JSON.",
    "Decide whether the model output is correct; reply with a verdict.",
    "Rank these completions from best to worst.",
    "Assess the helpfulness and harmlessness of the assistant's message.",
    "Give the answer a score and explain what it gets wrong.",
    "Check this solution against the reference answer and grade it.",
    "Act as a reviewer and assign a quality score to the text below.",
    "Label each response as acceptable or unacceptable.",
    "Califica la siguiente respuesta del 1 al 10.",
    "¿Cuál de las dos respuestas es mejor?",
    "Évalue la réponse suivante et attribue-lui une note.",
    "Bewerte die folgende Antwort auf einer Skala von 1 bis 10.",
    "Avalie a resposta abaixo e dê uma nota.",
    "Оцени следующий ответ по шкале от 1 до 10.",
    "请为下面的回答打分（1到10分）。",
    "以下の回答を1から10で採点してください。",
    "다음 답변을 1점에서 10점 사이로 평가하세요.",
)

# Ordinary requests that share words with judging requests but ask for something else.
JUDGING_ORDINARY = (
    "What is a good score on the SAT?",
    "Who won the match yesterday?",
    "Which is better for a beginner, Python or JavaScript?",
    "Compare the iPhone and the Pixel cameras.",
    "How are Olympic gymnastics routines scored?",
    "Explain how a credit score works.",
    "Write a review of my favourite restaurant.",
    "Rate my chances of getting into medical school.",
    "What grade should a 10 year old be in?",
    "Is this sentence grammatically correct?",
    "Translate this review into Spanish.",
    "Summarise the judge's ruling in this case.",
)


class JudgingDetector(ReasoningDetector):
    """Scores sentences against the judging banks, the same way (and with the same
    cache table, under its own detector id)."""

    name = "judging"
    positives = JUDGING_EXAMPLES
    negatives = JUDGING_ORDINARY


def prompt_scores(prompts: list[str], detector: ReasoningDetector) -> np.ndarray:
    """Return (n,) float32: each prompt's best sentence score (0 when it has none)."""
    per = [sentences(p) for p in prompts]
    unique = sorted({s for ss in per for s in ss})
    score_of: dict[str, float] = {}
    batch = config.REASONING_BATCH
    for lo in range(0, len(unique), batch):
        chunk = unique[lo : lo + batch]
        score_of.update(zip(chunk, detector.score(chunk).tolist(), strict=True))
    return np.array([max((score_of[s] for s in ss), default=0.0) for ss in per], np.float32)


def update_scores(
    con: duckdb.DuckDBPyConnection, detector: ReasoningDetector, log: Log = print
) -> int:
    """Score the sampled prompts (sql.account_sample) not yet scored by this detector,
    store them in reasoning_scores; return how many prompts were scored now."""
    todo = sql.unscored_sample_prompts(con, detector.detector_id)
    if todo.empty:
        return 0
    started = time.perf_counter()
    if not hasattr(detector, "reasoning_"):
        detector.fit()
    scores = prompt_scores(todo["prompt"].tolist(), detector)
    rows = pd.DataFrame(
        {"detector": detector.detector_id, "prompt_hash": todo["prompt_hash"], "score": scores}
    )
    sql.insert_reasoning_scores(con, rows)
    took = time.perf_counter() - started
    log(f"  reasoning: scored {len(todo):,} prompts in {took:.1f} s")
    return len(todo)
