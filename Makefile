# Two commands do all the set-up: `make run` (the service) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup system-deps bench clean

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

test: $(STAMP) system-deps
	$(BIN)/python -m pytest

bench: $(STAMP)
	./scripts/bench.sh

clean:
	rm -rf $(VENV) .pytest_cache test-output
