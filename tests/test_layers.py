"""The layout's rules, checked on the source: files stay small, only the SQL layers and the
store talk to DuckDB, nothing in analysis/ imports streamlit, and the import contracts of
.importlinter hold (and fail when broken)."""

from __future__ import annotations

import ast
import configparser
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ANALYSIS = ROOT / "analysis"
CONFIG = ROOT / ".importlinter"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
MAX_LINES = 600
# calls on a connection that run SQL or put a frame in its catalog
SQL_CALLS = {"execute", "executemany", "sql"}
CATALOG_CALLS = {"register", "unregister"}


def sources() -> list[Path]:
    files = sorted(ANALYSIS.rglob("*.py"))
    assert len(files) > 20, "the package was not found"
    return files


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def calls(path: Path, names: set[str], on: str | None = None) -> list[str]:
    """file:line and call text of every call of a method (attribute) called one of names
    (on the name `on` only, when given)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in names
            and (on is None or ast.unparse(node.func.value) == on)
        ):
            out.append(f"{rel(path)}:{node.lineno}: {ast.unparse(node.func)}(...)")
    return out


def is_sql_layer(path: Path) -> bool:
    """analysis/<stage>/sql.py, or a module of the package analysis/<stage>/sql/"""
    parts = path.relative_to(ANALYSIS).parts
    return (len(parts) == 2 and parts[1] == "sql.py") or (len(parts) == 3 and parts[1] == "sql")


def in_store(path: Path) -> bool:
    return path.relative_to(ANALYSIS).parts[0] == "store"


def test_no_file_is_over_600_lines():
    long = {rel(p): n for p in sources() if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert not long, f"files over {MAX_LINES} lines: {long}"


def test_only_the_sql_layers_and_the_store_run_sql():
    offenders = [
        call
        for p in sources()
        if not (is_sql_layer(p) or in_store(p))
        for call in calls(p, SQL_CALLS)
    ]
    assert not offenders, "SQL outside analysis/*/sql.py and analysis/store/:\n" + "\n".join(
        offenders
    )


def test_only_the_store_registers_frames_and_opens_databases():
    offenders = [
        call
        for p in sources()
        if not in_store(p)
        for call in calls(p, CATALOG_CALLS) + calls(p, {"connect"}, on="duckdb")
    ]
    assert not offenders, (
        "register/unregister (use store.registered) or duckdb.connect (use store.connect) "
        "outside analysis/store/:\n" + "\n".join(offenders)
    )


def test_the_scans_see_what_they_look_for():
    # the store itself does all three, so a scan that found nothing there would be blind
    db = ANALYSIS / "store" / "db.py"
    assert calls(db, SQL_CALLS) and calls(db, CATALOG_CALLS)
    assert calls(db, {"connect"}, on="duckdb")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.append((node.lineno, node.module))
    return out


def test_nothing_in_analysis_imports_streamlit():
    offenders = [
        f"{rel(p)}:{line}: import {name}"
        for p in sources()
        for line, name in imported_modules(p)
        if name == "streamlit" or name.startswith("streamlit.")
    ]
    assert not offenders, offenders


# --- import-linter -------------------------------------------------------------------------

needs_config = pytest.mark.skipif(
    not CONFIG.exists(), reason=".importlinter (the import contracts) is not in the repository"
)


def lint_imports(cwd: Path, config: Path) -> subprocess.CompletedProcess:
    if not LINT_IMPORTS.exists():
        pytest.skip(f"lint-imports is not installed ({LINT_IMPORTS}); see requirements-dev.in")
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(config), "--no-cache", "--no-logo"],
        cwd=cwd, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def flat(text: str) -> str:
    """The output with its line wrapping undone."""
    return re.sub(r"\s+", " ", text)


@needs_config
def test_the_import_contracts_hold():
    res = lint_imports(ROOT, CONFIG)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "0 broken" in res.stdout


@needs_config
def test_a_broken_contract_fails_the_check(tmp_path):
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in ("analysis", "ui", "pages"):
        if (ROOT / package).is_dir():
            shutil.copytree(ROOT / package, tmp_path / package, ignore=ignore)
    config = tmp_path / ".importlinter"
    shutil.copyfile(CONFIG, config)
    synth = tmp_path / "analysis" / "synth" / "__init__.py"
    synth.write_text(synth.read_text() + "\nimport analysis.ingest  # a deliberate violation\n")

    res = lint_imports(tmp_path, config)
    assert res.returncode != 0, res.stdout
    # the contract(s) forbidding analysis.synth -> analysis.ingest, named as broken
    parser = configparser.ConfigParser()
    parser.read(config)
    names = [
        parser[s]["name"]
        for s in parser.sections()
        if parser[s].get("type") == "forbidden"
        and "analysis.synth" in parser[s].get("source_modules", "").split()
        and "analysis.ingest" in parser[s].get("forbidden_modules", "").split()
    ]
    assert names, "no contract forbids analysis.synth -> analysis.ingest"
    out = flat(res.stdout)
    for name in names:
        assert f"{flat(name)} BROKEN" in out, res.stdout
    assert "analysis.synth -> analysis.ingest" in out
