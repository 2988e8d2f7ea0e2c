# Distillation Watch. `make run` serves the dashboard; `make test` runs lint and the tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
SAMPLE_ARGS := --accounts 1500 --days 14 --seed 7
# pip-compile as `make lock` runs it (docs/dependencies.md). LOCK_ARGS adds options, e.g.
# `make lock LOCK_ARGS="--upgrade-package streamlit"` or `make lock LOCK_ARGS=--upgrade`.
LOCK_ARGS ?=
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet \
	--generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links

.PHONY: run test test-fast check-reliability lint format bench sample lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs come from the locks only: every package pinned, every file checked against its hash.
# The last step of an install is `analysis prepare`: it distils the fast embedding model from
# MiniLM (once) and fills numba's cache of UMAP/HDBSCAN/pynndescent code (data/), so the first
# analysis does not pay for either.
$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/python -m analysis prepare
	touch $@

# requirements-dev.txt is the whole development set: the runtime lock plus the tools.
$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.txt
	$(BIN)/python -m analysis prepare
	touch $(VENV)/.run-deps $@

run: $(VENV)/.run-deps
	$(BIN)/python -m analysis build-sample
	$(BIN)/streamlit run app.py --server.port $(PORT)

# ruff (lint and formatting) and import-linter (the contracts in .importlinter).
lint: $(VENV)/.dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: lint
	DW_RELIABILITY_OUT=$(VENV)/reliability.json $(BIN)/python -m pytest -q
	$(BIN)/python tests/reliability_line.py $(VENV)/reliability.json

# The inner loop: the suite without the slow and browser tests, and no lint.
test-fast: $(VENV)/.dev-deps
	$(BIN)/python -m pytest -q -m "not slow and not browser"

# Faults, hostile input and fuzzing only (they are also part of `make test`).
check-reliability: $(VENV)/.dev-deps
	DW_RELIABILITY_OUT=$(VENV)/reliability.json $(BIN)/python -m pytest -q \
		tests/labels/test_label_safety.py tests/ingest/test_fuzz_ingest.py tests/app/test_browser.py \
		tests/app/test_roles.py tests/app/test_pages.py
	$(BIN)/python tests/reliability_line.py $(VENV)/reliability.json

format: $(VENV)/.dev-deps
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.dev-deps
	$(BIN)/python -m bench

# Rebuild sample_data/ (deterministic for the seed) and the sample database.
sample: $(VENV)/.run-deps
	$(BIN)/python -m analysis generate --out sample_data $(SAMPLE_ARGS)
	$(BIN)/python -m analysis build-sample --force

# Re-lock after editing requirements.in or requirements-dev.in: resolves every transitive
# dependency and records its hashes in requirements.txt and requirements-dev.txt (which is
# constrained to requirements.txt, so the runtime lock goes first). Pins already in a lock
# stay unless LOCK_ARGS upgrades them. Needs the package index: under a minute when nothing
# changed, about 9 minutes from empty locks.
lock: $(VENV)/.dev-deps
	$(PIP_COMPILE) $(LOCK_ARGS) --output-file=requirements.txt requirements.in
	$(PIP_COMPILE) $(LOCK_ARGS) --output-file=requirements-dev.txt requirements-dev.in

clean:
	rm -rf data .pytest_cache .ruff_cache
