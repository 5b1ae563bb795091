# Two commands do all the set-up: `make run` (the service) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint test-dates setup system-deps bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/valor run

system-deps:
	./scripts/system-deps.sh

# JOBS: pytest-xdist workers (auto: one per core).
JOBS ?= auto

test: $(STAMP) system-deps lint
	$(BIN)/python -m pytest -n $(JOBS)

# Static checks: ruff over the whole tree, then types over the service packages
# (configuration of both in pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check --quiet .
	$(BIN)/python -m mypy

# The suite on 31 December and on 29 February (faked with faketime).
test-dates:
	JOBS=$(JOBS) ./scripts/test-dates.sh

bench: $(STAMP)
	./scripts/bench.sh

clean:
	rm -rf $(VENV) .pytest_cache test-output
