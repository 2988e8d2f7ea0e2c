# Distillation Watch. `make run` serves the dashboard; `make test` runs lint and the tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
SAMPLE_ARGS := --accounts 1500 --days 14 --seed 7

.PHONY: run test check-reliability lint format bench sample clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.run-deps $@

run: $(VENV)/.run-deps
	$(BIN)/python -m analysis build-sample
	$(BIN)/streamlit run app.py --server.port $(PORT)

lint: $(VENV)/.dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	DW_RELIABILITY_OUT=$(VENV)/reliability.json $(BIN)/python -m pytest -q
	$(BIN)/python tests/reliability_line.py $(VENV)/reliability.json

# Faults, hostile input and fuzzing only (they are also part of `make test`).
check-reliability: $(VENV)/.dev-deps
	DW_RELIABILITY_OUT=$(VENV)/reliability.json $(BIN)/python -m pytest -q \
		tests/test_label_safety.py tests/test_fuzz_ingest.py tests/app/test_browser.py \
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

clean:
	rm -rf data .pytest_cache .ruff_cache
