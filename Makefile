# One command each: `make demo` runs the bot on its embedded default, `make test` runs the
# tests, `make check` runs every check. Each creates .venv on a fresh machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test check lint format bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# seed --demo: this year's plan and a year of invented contacts; never run it on real data
# (`harmonibot seed --demo --remove` takes the contacts out again).
demo: $(STAMP)
	$(BIN)/harmonibot db upgrade
	$(BIN)/harmonibot seed --demo
	$(BIN)/harmonibot serve --clock

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

check: lint test

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python bench/bench_standards.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache harmonibot.db harmonibot.db-*
