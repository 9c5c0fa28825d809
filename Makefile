# Rapport: `make run` to try it, `make test` for everything CI runs, `make bench` for the figures.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export ANONYMIZED_TELEMETRY := False
export TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS :=
export HF_HUB_OFFLINE := 1

.PHONY: install run ingest test lint unit evals bench clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

ingest: install
	$(BIN)/rapport ingest
	$(BIN)/rapport client import

run: ingest
	$(BIN)/rapport serve

lint: install
	$(BIN)/ruff check assistant knowledge guardrails api evals tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

unit: install
	$(BIN)/pytest

evals: install
	$(BIN)/rapport eval retrieval --gate
	$(BIN)/rapport eval pii --gate
	$(BIN)/rapport eval injection --gate
	@echo "held-out retrieval set (reported, not gated):"
	$(BIN)/rapport eval retrieval --data evals/data/holdout

test: lint unit evals

bench: install
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev,bench]"
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .rapport .pytest_cache .mypy_cache .ruff_cache
