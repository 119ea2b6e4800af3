# Two commands: `make run` answers questions (chat, or the bots when tokens are set);
# `make test` installs the dev tools and runs lint, types and the test suite.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: run test install dev lint bench clean

$(BIN)/policybot: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.dev: $(BIN)/policybot
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/policybot

dev: $(VENV)/.dev

run: install
	$(BIN)/policybot run

lint: dev
	$(BIN)/ruff check retrieval bot tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/retrieval_bench.py
	$(BIN)/python bench/embed_bench.py
	$(BIN)/python bench/scale_bench.py

clean:
	rm -rf .policybot .pytest_cache .mypy_cache .ruff_cache
