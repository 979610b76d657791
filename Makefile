# Two entry points: `make run` opens the app, `make test` runs the whole suite.
# Both create .venv on first use and keep it in step with pyproject.toml.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench package clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	bash packaging/system-deps.sh gui
	$(PY) -m desktop $(ARGS)

test: $(STAMP)
	bash packaging/system-deps.sh test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run.py

package: $(STAMP)
	bash packaging/build.sh

clean:
	rm -rf $(VENV) build dist
