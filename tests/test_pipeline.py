"""The pipeline on a small generated sample: the sample database is built under a temporary
name and renamed when complete, reused when it exists, and a missing sample is a clear
error; ingest_and_analyse ingests, maps campaigns and scores.

The fast tests use the session's fast model for every embedding backend and cheap campaign
stages (PCA, HDBSCAN, the first two dimensions as the map); one slow test runs the real
default stages (UMAP, HDBSCAN, UMAP)."""

from __future__ import annotations

import json

import duckdb
import pytest
from helpers import FirstDims, PcaReducer, quiet

from analysis import config, pipeline, store
from analysis.campaigns import HdbscanClusterer, embed
from analysis.campaigns import run as campaign_run
from analysis.synth import generate_dataset


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """A generated sample folder (requests.jsonl.gz, releases.csv) and its counts."""
    folder = tmp_path_factory.mktemp("sample")
    info = generate_dataset(folder, accounts=60, days=3, seed=5)  # 60 is the generator's least
    return folder, info


@pytest.fixture
def backends(monkeypatch, fast_model):
    """Every embedding backend is the session's fast model; returns the names asked for."""
    asked: list[str] = []

    def load_backend(name: str):
        asked.append(name)
        return fast_model

    monkeypatch.setattr(embed, "load_backend", load_backend)  # pipeline.detector()
    monkeypatch.setattr(campaign_run, "load_backend", load_backend)  # run_campaigns
    return asked


@pytest.fixture
def cheap_stages(monkeypatch):
    monkeypatch.setattr(
        campaign_run, "default_stages", lambda *_: (PcaReducer(10), HdbscanClusterer(), FirstDims())
    )


def count(db, sql: str) -> int:
    con = store.connect(db, read_only=True)
    try:
        return con.execute(sql).fetchall()[0][0]
    finally:
        con.close()


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".building" in p.name)


def test_a_missing_sample_names_the_command_that_rebuilds_it(tmp_path):
    db = tmp_path / "db" / "sample.duckdb"
    with pytest.raises(FileNotFoundError, match="python -m analysis generate --out") as exc:
        pipeline.build_sample_db(db, source=tmp_path / "nothing", log=quiet)
    assert str(tmp_path / "nothing" / pipeline.SAMPLE_LOG) in str(exc.value)
    assert not db.exists() and not (db.parent.exists() and leftovers(db.parent))


@pytest.mark.slow  # about 3-4 s (a generated log, campaigns, scores)
def test_the_sample_database_is_built_under_a_temporary_name(
    tmp_path, sample, backends, cheap_stages, monkeypatch
):
    source, info = sample
    db = tmp_path / "sample.duckdb"
    partial = tmp_path / "sample.duckdb.building"
    seen = []
    real_analyse = pipeline.analyse

    def analyse(con, *args, **kw):
        seen.append((db.exists(), partial.exists(), store.database_path(con)))
        return real_analyse(con, *args, **kw)

    monkeypatch.setattr(pipeline, "analyse", analyse)
    partial.write_bytes(b"left by an interrupted build")  # is replaced, never opened
    assert pipeline.build_sample_db(db, log=quiet, source=source) is True
    assert seen == [(False, True, partial)]  # analysed under the temporary name
    assert db.exists() and leftovers(tmp_path) == []
    assert set(backends) == {config.EMBED_BACKEND}  # request types need no embedding model
    assert count(db, "SELECT count(*) FROM requests") == info["requests"]
    assert count(db, "SELECT count(*) FROM model_releases") > 0
    assert count(db, "SELECT count(*) FROM campaign_runs") == 1
    assert count(db, "SELECT count(*) FROM account_scores") == info["accounts"]

    mtime = db.stat().st_mtime_ns
    messages = []
    assert pipeline.build_sample_db(db, log=messages.append, source=source) is False
    assert len(seen) == 1 and db.stat().st_mtime_ns == mtime  # not rebuilt
    assert messages == [f"sample database {db} exists; using it"]


@pytest.mark.slow  # about 3-4 s
def test_ingest_and_analyse(tmp_path, sample, backends, cheap_stages):
    source, info = sample
    stages = []
    con = store.connect(tmp_path / "a.duckdb")
    try:
        files, result = pipeline.ingest_and_analyse(
            con,
            [str(source / pipeline.SAMPLE_LOG)],
            log=quiet,
            progress=lambda f, m: stages.append((f, m)),
        )
        scores = con.execute("SELECT count(*), count(DISTINCT run_id) FROM account_scores")
        assert scores.fetchall() == [(info["accounts"], 1)]
        campaigns = con.execute("SELECT count(*) FROM campaigns WHERE campaign_id >= 0")
        assert campaigns.fetchall()[0][0] > 0
    finally:
        con.close()
    [log] = files
    assert log.stored == info["requests"] and log.quarantined == 0
    assert len(result.accounts) == info["accounts"]
    assert result.accounts["risk_score"].is_monotonic_decreasing
    assert [f for f, _ in stages] == sorted(f for f, _ in stages) and stages[-1] == (1.0, "done")


@pytest.mark.slow
def test_the_sample_build_with_the_real_campaign_stages(tmp_path, sample, backends, monkeypatch):
    source, info = sample
    monkeypatch.setattr(config, "SAMPLE_CAMPAIGN_FIT", 1500)  # fit a sample, place the rest
    db = tmp_path / "sample.duckdb"
    assert pipeline.build_sample_db(db, log=quiet, source=source) is True
    assert leftovers(tmp_path) == []
    con = duckdb.connect(str(db), read_only=True)
    try:
        [(params,)] = con.execute("SELECT params FROM campaign_runs").fetchall()
        scored = con.execute("SELECT count(*) FROM account_scores").fetchall()[0][0]
    finally:
        con.close()
    params = json.loads(params)
    assert params["reducer"]["kind"] == "umap" and params["clusterer"]["kind"] == "hdbscan"
    assert params["mapper"]["kind"] == "umap" and params["sample"] == 1500
    assert scored == info["accounts"]
