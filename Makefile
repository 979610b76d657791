# Two entry points: `make run` opens the app, `make test` runs the whole suite.
# Both create .venv on first use and keep it in step with pyproject.toml.
PYTHON ?= python3
SHELL := bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench package clean

# pip's own lines are filtered to one line per package, so a first install shows what it
# fetches instead of sitting silent for a minute or two.
$(STAMP): pyproject.toml
	@echo "== Setting up Medius in $(VENV): Python packages for the window (PySide6/Qt, about 250 MB),"
	@echo "   charts, PDF letters, storage and the tests. The first time takes about 1-3 minutes"
	@echo "   (depends on the network); later runs skip this step until pyproject.toml changes."
	@start=$$(date +%s); set -o pipefail; \
	$(PYTHON) -m venv $(VENV) && \
	$(PY) -m pip install --disable-pip-version-check --upgrade pip 2>&1 | grep -E "^(Successfully|ERROR)" ; \
	$(PY) -m pip install --disable-pip-version-check -e ".[test]" 2>&1 \
	  | grep --line-buffered -E "^(Collecting|Successfully installed|ERROR)" \
	  | sed -u -e 's/^Collecting /   fetching /' -e 's/ (from .*//' ; \
	status=$${PIPESTATUS[0]}; [ $$status -eq 0 ] || { echo "== Installing failed (pip exit $$status); run: $(PY) -m pip install -e '.[test]' to see why"; exit $$status; }; \
	echo "== Set up in $$(( $$(date +%s) - start )) s"
	@touch $(STAMP)

run: $(STAMP)
	@bash packaging/system-deps.sh gui
	@echo "== Starting Medius (a new data folder opens the set-up assistant first)"
	$(PY) -m desktop $(ARGS)

test: $(STAMP) lint
	bash packaging/system-deps.sh test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

# Style, layer contracts (pyproject.toml [tool.importlinter]) and strict types; `make test` runs them first.
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run.py

package: $(STAMP)
	bash packaging/build.sh

clean:
	rm -rf $(VENV) build dist
