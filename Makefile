# taper-tui — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test install install-test screenshots bench soak clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "taper-tui needs Python 3.11 or newer; $(PYTHON) is older (try: make PYTHON=python3.11 ...)"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "could not create $(VENV): on Debian or Ubuntu, install venv first: sudo apt install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP)

install: $(STAMP)
install-test: $(TEST_STAMP)

## Open the app on the default data file (creates .venv and installs on first use).
run: $(STAMP)
	$(BIN)/taper-tui

## Check the layering contract (only tui/ui imports Textual), then run every test.
test: $(TEST_STAMP)
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info

## Regenerate screenshots/*.svg of every view from the demo data (fixed "today").
screenshots: $(TEST_STAMP)
	$(BIN)/python scripts/export_screenshots.py

## Time start-up, saving, key presses, the chart, the planner and memory against references
## measured in the same run; prints a table and writes bench-results.json (docs/PERFORMANCE.md).
bench: $(TEST_STAMP)
	$(BIN)/python scripts/bench.py

## Crash, lock, import and form-input soak at full size (minutes); exits non-zero on any loss
## (docs/RELIABILITY.md). A short version runs in `make test`.
soak: $(TEST_STAMP)
	$(BIN)/python scripts/soak.py
