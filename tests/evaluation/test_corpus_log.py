"""The real-text request log of bench/corpus_log.py: it meets the contract (ingested with
nothing quarantined), its truth is usable, it is a pure function of the seed, and its attack
frames are its own (none is text of the traffic generator, analysis/synth)."""

from __future__ import annotations

import ast
import gzip
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from analysis.evaluation import scores as evaluate

ROOT = Path(__file__).resolve().parents[2]
SYNTH = ROOT / "analysis" / "synth"
FILES = ("requests.jsonl.gz", "truth.csv", "populations.csv", "releases.csv")
SCALE = 0.1  # a tenth of the accounts: a few thousand requests
MIN_SHARED = 24  # characters of common text that count as copied


def _load_corpus_log():
    # by path, so the test does not depend on the project root being on sys.path
    spec = importlib.util.spec_from_file_location("corpus_log", ROOT / "bench" / "corpus_log.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


CL = _load_corpus_log()
needs_corpora = pytest.mark.skipif(
    bool(CL.missing_files(CL.CORPORA)), reason=f"corpora not found in {CL.CORPORA}"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus-log") / "log"
    CL.build(out, seed=5, scale=SCALE)
    return out


@needs_corpora
def test_log_ingests_with_nothing_quarantined(built, tmp_path):
    db = tmp_path / "log.duckdb"
    log = built / "requests.jsonl.gz"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "ingest",
            str(log),
            "--db",
            str(db),
            "--releases",
            str(built / "releases.csv"),
            "--quiet",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    with gzip.open(log, "rt", encoding="utf-8") as fh:
        lines = sum(1 for _ in fh)
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored, accounts = con.execute(
            "SELECT count(*), count(DISTINCT account_id) FROM requests"
        ).fetchone()
        quarantined = con.execute("SELECT count(*) FROM quarantine").fetchone()[0]
        releases = con.execute("SELECT count(*) FROM model_releases").fetchone()[0]
        extras = con.execute("SELECT count(*) FROM requests WHERE extra IS NOT NULL").fetchone()[0]
    finally:
        con.close()
    truth = pd.read_csv(built / "truth.csv", dtype=str, keep_default_na=False)
    assert quarantined == 0
    assert stored == lines > 1000
    assert accounts == len(truth)
    assert releases == 3
    assert extras == 0  # every column is a contract column


@needs_corpora
def test_truth_roles_and_populations(built):
    truth = evaluate.read_truth(str(built / "truth.csv"))  # raises on an unknown role
    assert set(truth["role"]) == set(evaluate.ROLES)
    ext = truth["role"] == "extraction"
    assert (truth.loc[ext, "campaign_id"] != "").all()
    assert (truth.loc[ext, "network_id"] != "").all()
    assert (truth.loc[~ext, ["campaign_id", "network_id"]] == "").all().all()
    assert set(truth.loc[ext, "campaign_id"]) == {"R-cot", "R-judge", "R-mark", "R-sweep"}
    pops = pd.read_csv(built / "populations.csv", dtype=str, keep_default_na=False)
    assert list(pops.columns) == ["account_id", "population", "language"]
    assert set(pops["account_id"]) == set(truth["account_id"])
    merged = truth.merge(pops, on="account_id")
    framed = merged[merged["language"] != ""]
    assert set(framed["campaign_id"]) == {"R-cot"}
    assert framed["language"].nunique() >= 3


@needs_corpora
def test_same_seed_same_bytes_other_seed_other_log(built, tmp_path):
    CL.build(tmp_path / "again", seed=5, scale=SCALE)
    for name in FILES:
        assert (tmp_path / "again" / name).read_bytes() == (built / name).read_bytes(), name
    CL.build(tmp_path / "other", seed=6, scale=SCALE)
    assert (tmp_path / "other" / FILES[0]).read_bytes() != (built / FILES[0]).read_bytes()


def _generator_strings() -> list[str]:
    """Every string constant of the generator's modules, pipe-separated banks split."""
    out = []
    for path in sorted(SYNTH.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.extend(node.value.split("|"))
    return [s for s in out if s.strip()]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _chunks(frame: str) -> list[str]:
    """The literal pieces of a frame between its placeholders."""
    return [_norm(p) for p in re.split(r"\$\w+", frame) if len(_norm(p)) >= MIN_SHARED]


def test_attack_frames_are_not_the_generators():
    generated = _generator_strings()
    assert len(generated) > 500  # the banks were found
    gen_norm = {_norm(s) for s in generated}
    gen_text = "\n".join(gen_norm)
    frames = CL.ATTACK_FRAMES
    assert len(frames) >= 20
    for frame in frames:
        assert _norm(frame) not in gen_norm, frame
        for chunk in _chunks(frame):
            assert chunk not in gen_text, (frame, chunk)
    ours = "\n".join(_norm(f) for f in frames)
    long_generated = [g for g in gen_norm if len(g) >= MIN_SHARED]
    assert not [g for g in long_generated if g in ours]
