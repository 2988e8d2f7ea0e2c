"""Request types: a classifier trained on the shipped multilingual set, judged on the
held-out set written separately (tests/data); pieces of long texts; scores cached per
classifier version; shares read from the prompt, the system prompt and the response."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import config, ingest, store
from analysis.detection import DetectionRun, features
from analysis.detection import request_types as rt

HELD_OUT = Path(__file__).resolve().parents[1] / "data" / "request_types_heldout.jsonl"


@pytest.fixture(scope="module")
def clf() -> rt.RequestTypeClassifier:
    return rt.RequestTypeClassifier().fit()


@pytest.fixture(scope="module")
def held_out(clf) -> pd.DataFrame:
    held = pd.DataFrame(rt.read_examples(HELD_OUT))
    scores = clf.score(held["text"].tolist())
    for i, kind in enumerate(rt.TYPES):
        held[kind] = scores[:, i] >= config.REQUEST_TYPE_THRESHOLD
    return held


def test_the_two_splits_share_no_text_and_cover_44_languages():
    train = pd.DataFrame(rt.read_examples(rt.DATA))
    held = pd.DataFrame(rt.read_examples(HELD_OUT))
    norm = lambda s: " ".join(s.lower().split())  # noqa: E731
    assert not set(train["text"].map(norm)) & set(held["text"].map(norm))
    for split in (train, held):
        assert split["lang"].nunique() >= 44
        counts = split.groupby(["lang", "label"]).size().unstack(fill_value=0)
        assert (counts[["reasoning", "judging", "tool", "ordinary"]] >= 5).all().all()


def test_held_out_reasoning_is_found_and_ordinary_text_is_not(held_out):
    # measured figures (README "Request types"), with a margin: a change that makes the
    # classifier worse on text it was not trained on fails here
    pos = held_out[held_out["label"] == "reasoning"]
    neg = held_out[held_out["label"] != "reasoning"]
    assert pos["reasoning"].mean() >= 0.87  # measured 0.902
    assert neg["reasoning"].mean() <= 0.05  # measured 0.043
    for kind, recall in (("judging", 0.89), ("tool", 0.88)):  # measured 0.938, 0.931
        assert held_out[held_out["label"] == kind][kind].mean() >= recall
        assert held_out[held_out["label"] != kind][kind].mean() <= 0.025  # 0.019, 0.015


def test_no_language_of_the_held_out_split_falls_far_behind(held_out):
    # per language (12-16 reasoning, 5-7 judging, 5-7 tool texts each): measured lowest
    # recall 69% reasoning (nl), 71% judging and tool; highest false positives 18%
    # reasoning (cs), 7% judging, 4% tool (README "Request types"). One more miss than the
    # worst language today passes; a language that collapses does not.
    for lang, g in held_out.groupby("lang"):
        for kind, recall, fpr in (("reasoning", 0.68, 0.20), ("judging", 0.57, 0.10),
                                  ("tool", 0.57, 0.10)):  # fmt: skip
            assert g[g["label"] == kind][kind].mean() >= recall, (lang, kind)
            assert g[g["label"] != kind][kind].mean() <= fpr, (lang, kind)


def test_languages_with_no_training_text_are_read_no_worse_than_measured(clf):
    # eight languages the training set has none of (ca sk bg hr lt et ta af), written
    # apart: what transfers from related languages. Measured: reasoning recall 0.75 (ca hr
    # sk 0.92), false positives 0.071; judging 0.925 / 0.039; tool 0.775 / 0.004.
    unseen = pd.DataFrame(
        rt.read_examples(HELD_OUT.with_name("request_types_unseen_languages.jsonl"))
    )
    assert not set(unseen["lang"]) & set(pd.DataFrame(rt.read_examples(rt.DATA))["lang"])
    scores = clf.score(unseen["text"].tolist())
    for i, (kind, recall, fpr) in enumerate(
        (("reasoning", 0.6, 0.09), ("judging", 0.8, 0.07), ("tool", 0.65, 0.02))
    ):
        hit = scores[:, i] >= config.REQUEST_TYPE_THRESHOLD
        assert hit[unseen["label"] == kind].mean() >= recall, kind
        assert hit[unseen["label"] != kind].mean() <= fpr, kind


def test_negations_are_not_reasoning_requests(clf):
    texts = [
        "Respond with the final answer only, no explanation.",
        "Just give me the number, don't show your work.",
        "Réponds seulement avec le résultat, sans explication.",
        "Solo la respuesta final, sin explicar nada.",
        "Nur das Ergebnis bitte, ohne Rechenweg.",
    ]
    scores = clf.score(texts)[:, rt.TYPES.index("reasoning")]
    assert (scores < config.REQUEST_TYPE_THRESHOLD).all(), dict(zip(texts, scores, strict=True))


def test_an_instruction_in_the_middle_of_a_long_prompt_is_read(clf):
    payload = " ".join(f"Line {i} of the report: the totals did not match." for i in range(30))
    ask = "Explain your reasoning step by step and show every intermediate calculation."
    with_ask, without = clf.score([f"{payload} {ask} {payload}", f"{payload} {payload}"])
    k = rt.TYPES.index("reasoning")
    assert with_ask[k] >= config.REQUEST_TYPE_THRESHOLD > without[k]


def test_pieces_cover_the_whole_text_and_long_sentences_in_windows():
    long_sentence = " ".join(f"w{i:03d}" for i in range(200))  # 999 characters, no end
    parts = rt.pieces(f"Hi. First real sentence here. {long_sentence}")
    assert "First real sentence here." in parts
    windows = [p for p in parts if p.startswith("w") or p.startswith(" w")]
    assert len(windows) >= 4 and all(len(p) <= config.REQUEST_TYPE_WINDOW for p in windows)
    assert rt.pieces("") == [] and rt.pieces(None) == [] and rt.pieces("ok") == []
    one, two = "第一句很长很长很长。", "第二句也很长很长很长。"
    assert rt.pieces(one + two) == [one, two, one + two]
    many = " ".join(f"Sentence number {i} is here." for i in range(300))
    kept = rt.pieces(many)
    assert len(kept) == config.REQUEST_TYPE_MAX_PIECES
    assert kept[0] == "Sentence number 0 is here." and kept[-1] == "Sentence number 299 is here."


def test_unknown_labels_in_training_data_are_a_clear_error():
    with pytest.raises(ValueError, match="unknown request-type labels"):
        rt.RequestTypeClassifier().fit([{"text": "x", "label": "reasoning"},
                                        {"text": "y", "label": "poetry"}])  # fmt: skip


def _log(tmp_path, records) -> store.duckdb.DuckDBPyConnection:
    log = tmp_path / "log.jsonl"
    base = {"timestamp": "2026-10-01T00:00:00Z", "account_id": "a"}
    log.write_text("".join(json.dumps(base | r) + "\n" for r in records))
    con = store.connect(tmp_path / "r.duckdb")
    ingest.ingest_paths(con, [str(log)])
    return con


def test_shares_read_prompt_system_prompt_and_response_and_scores_are_cached(tmp_path, clf):
    records = [
        {"request_id": "r0", "prompt": "Think step by step and show all your working: 2+2?"},
        {"request_id": "r1", "prompt": "What is 17 times 3?",
         "system_prompt": "You are a tutor who always writes out every step of the reasoning."},
        {"request_id": "r2", "prompt": "What is a roux?", "response": "<think>hmm</think> A roux"},
        {"request_id": "r3", "prompt": "What is a roux?"},
        {"request_id": "r4", "prompt": "Rate this answer from 1 to 10: 'Paris is in Spain.'"},
    ]  # fmt: skip
    con = _log(tmp_path, records)
    with DetectionRun(con, per_account=40) as inputs:
        quiet = lambda _m: None  # noqa: E731
        assert rt.update_scores(inputs.con, clf, log=quiet) == 5  # 4 prompts + 1 system prompt
        assert rt.update_scores(inputs.con, clf, log=quiet) == 0  # cached
        shares = features.reasoning(inputs, clf, log=quiet).iloc[0]
    con.close()
    assert shares["sampled_prompts"] == 5
    assert shares["reasoning_share"] == pytest.approx(3 / 5)  # prompt, system, think block
    assert shares["judging_share"] == pytest.approx(1 / 5)
    assert shares["tool_share"] == 0


def test_another_training_set_is_another_version(tmp_path, clf):
    other = tmp_path / "train.jsonl"
    other.write_text(
        json.dumps({"lang": "en", "label": "ordinary", "form": "plain", "text": "hello"}) + "\n"
        + rt.DATA.read_text(encoding="utf-8"), encoding="utf-8"
    )  # fmt: skip
    assert rt.RequestTypeClassifier(other).version != clf.version
    assert clf.detector_id("judging") == f"judging-{clf.version}"


@pytest.mark.slow  # trains the classifier twice (about 20 s)
def test_the_fitted_model_is_cached_per_version_and_a_broken_file_is_retrained(
    tmp_path, monkeypatch, clf
):
    monkeypatch.setattr(config, "REQUEST_TYPE_CACHE", tmp_path)
    (tmp_path / "request-types-oldversion.pkl").write_bytes(b"an earlier version")
    first = rt.RequestTypeClassifier().fit()
    path = tmp_path / f"request-types-{first.version}.pkl"
    assert path.exists() and not (tmp_path / "request-types-oldversion.pkl").exists()
    texts = ["Think step by step and show your work.", "What is the capital of Peru?"]
    again = rt.RequestTypeClassifier().fit()  # loaded, not trained
    assert again.model_ is not first.model_
    # the same training set gives the same model up to float rounding (threaded BLAS sums)
    assert np.allclose(again.score(texts), clf.score(texts), atol=1e-4)
    path.write_bytes(b"not a pickle")
    retrained = rt.RequestTypeClassifier().fit()
    assert np.allclose(retrained.score(texts), clf.score(texts), atol=1e-4)
    assert path.stat().st_size > 1000


CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora"


@pytest.mark.skipif(not (CORPORA / "gsm8k_test.jsonl").exists(), reason="corpora not found")
def test_worked_traces_on_real_answers():
    # real text none of us wrote: GSM8K worked solutions are traces; AlpacaEval answers
    # (everyday instructions, many as numbered lists) and HH assistant turns mostly are not
    import gzip

    lines = (CORPORA / "gsm8k_test.jsonl").read_text().splitlines()
    gsm = [json.loads(line)["answer"] for line in lines if line.strip()]
    alpaca = [
        d["output"]
        for d in json.loads((CORPORA / "alpaca_eval_llama3_8b_outputs.json").read_text())
    ]
    hh = []
    with gzip.open(CORPORA / "hh_harmless_base_test.jsonl.gz", "rt") as fh:
        for line in fh:
            for turn in json.loads(line)["chosen"].split("\n\nAssistant:")[1:]:
                hh.append(turn.split("\n\nHuman:")[0])
    rate = lambda texts: sum(map(rt.is_worked_trace, texts)) / len(texts)  # noqa: E731
    assert rate(gsm) >= 0.9  # measured 0.943
    assert rate(alpaca) <= 0.03  # measured 0.012, each a worked calculation read rightly
    assert rate(hh) <= 0.005  # measured 0 of 5,764


@pytest.mark.skipif(not (CORPORA / "gsm8k_test.jsonl").exists(), reason="corpora not found")
def test_real_prompts_are_seldom_called_reasoning_requests(clf):
    # GSM8K questions, AlpacaEval instructions and HH human turns: a few rightly ask for
    # an explanation step by step; most are ordinary questions, chat and bare word problems
    import gzip
    import re

    lines = (CORPORA / "gsm8k_test.jsonl").read_text().splitlines()
    texts = [json.loads(line)["question"] for line in lines if line.strip()]
    alpaca = json.loads((CORPORA / "alpaca_eval_llama3_8b_outputs.json").read_text())
    texts += [d["instruction"] for d in alpaca]
    with gzip.open(CORPORA / "hh_harmless_base_test.jsonl.gz", "rt") as fh:
        for line in fh:
            chosen = json.loads(line)["chosen"]
            texts += re.findall(r"\n\nHuman:(.*?)(?=\n\nAssistant:|$)", chosen, re.S)
    texts = sorted({t.strip() for t in texts if t.strip()})
    called = clf.score(texts)[:, rt.TYPES.index("reasoning")] >= config.REQUEST_TYPE_THRESHOLD
    assert len(texts) > 7000
    assert called.mean() <= 0.07  # measured 0.047 (it was 0.108 before the chat negatives)
