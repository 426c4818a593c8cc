# taper-tui — two commands: `make run` and `make test`. `make help` lists the rest.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
CONSTRAINTS := constraints.txt
# Every install is pinned to the versions the tests last passed with (see `make lock`).
PIP_INSTALL := $(BIN)/python -m pip install --quiet -c $(CONSTRAINTS)
# `make test` runs `make lint` (ruff format --check, ruff check, mypy) between lint-imports and
# pytest; `make test LINT_IN_TEST=no` skips it while a change is half-way.
LINT_IN_TEST ?= yes

.PHONY: help run test lint format install install-test lock screenshots bench soak clean

## List the targets with what each one does.
help:
	@awk '/^## /{doc = doc (doc ? " " : "") substr($$0, 4); next} \
		/^[a-zA-Z_-]+:/{if (doc) {split($$0, t, ":"); printf "  make %-13s %s\n", t[1], doc}; doc = ""; next} \
		{doc = ""}' $(MAKEFILE_LIST)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "taper-tui needs Python 3.11 or newer; $(PYTHON) is older (try: make PYTHON=python3.11 ...)"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "could not create $(VENV): on Debian or Ubuntu, install venv first: sudo apt install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(PIP_INSTALL) -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(PIP_INSTALL) -e '.[test]'
	touch $@ $(STAMP)

## Install the app into .venv (pinned by constraints.txt).
install: $(STAMP)
## Install the app and the test and lint tools into .venv (pinned by constraints.txt).
install-test: $(TEST_STAMP)

## Open the app on the default data file (creates .venv and installs on first use).
run: $(STAMP)
	$(BIN)/taper-tui

## Check the layering contract (only tui/ui imports Textual), lint, then run every test.
test: $(TEST_STAMP)
	$(BIN)/lint-imports
	$(if $(filter yes,$(LINT_IN_TEST)),$(MAKE) --no-print-directory lint)
	$(BIN)/python -m pytest -q

## Check formatting (ruff format), lint rules (ruff check) and types (mypy tui); changes nothing.
lint: $(TEST_STAMP)
	$(BIN)/ruff format --check tui tests scripts
	$(BIN)/ruff check tui tests scripts
	$(BIN)/mypy tui

## Rewrite the code in place with ruff format and ruff's safe fixes.
format: $(TEST_STAMP)
	$(BIN)/ruff format tui tests scripts
	$(BIN)/ruff check --fix tui tests scripts

## Re-pin constraints.txt to the newest versions pyproject.toml allows (in a fresh throwaway venv);
## run after changing a dependency, then `make test` and commit both files.
lock:
	rm -rf $(VENV)-lock
	$(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/python -m pip install --quiet --upgrade pip
	$(VENV)-lock/bin/python -m pip install --quiet -e '.[test]'
	{ echo "# Exact versions the tests passed with; every make install uses them (pip install -c)."; \
	  echo "# Regenerate with 'make lock' after changing a dependency in pyproject.toml."; \
	  $(VENV)-lock/bin/python -m pip freeze --exclude-editable | grep -v -E '^(pip|setuptools|wheel)=='; } > $(CONSTRAINTS)
	rm -rf $(VENV)-lock

## Remove .venv and the build and test caches.
clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info

## Regenerate screenshots/*.svg from the demo data (fixed "today"): every view, the Chart's a and L modes,
## plan history, Today's supply line and the own crisis lines list; byte-identical on a second run.
screenshots: $(TEST_STAMP)
	$(BIN)/python scripts/export_screenshots.py

## Time start-up, view switches and first openings, the Log, memory, `log`/`status`, the CSV
## export, saving, the chart and the planner against references measured in the same run, on
## compiled bytecode; prints each target with PASS/MISS, writes bench-results.json (docs/PERFORMANCE.md).
bench: $(TEST_STAMP)
	$(BIN)/python scripts/bench.py

## Crash, lock, import and form-input soak at full size (minutes); exits non-zero on any loss
## (docs/RELIABILITY.md). A short version runs in `make test`.
soak: $(TEST_STAMP)
	$(BIN)/python scripts/soak.py
