# Pivot Check: two commands do everything.
#   make run    re-run every notebook in a clean kernel and render the collection to build/site/
#   make test   unit tests, data validation and nbval (strict) on every notebook
# Both create .venv and install the pinned dependencies (requirements.txt) on first use.

SHELL := /bin/bash
# Let Python cache compiled modules in __pycache__ (git-ignored) even where the environment says
# not to: otherwise every run recompiles the helpers and pytest re-rewrites every test module
# (about 4 s per test process).
unexport PYTHONDONTWRITEBYTECODE
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
# reveal.js (make slides) and axe-core (make browser-test), installed by npm from tools/slides/
REVEAL := tools/slides/node_modules/reveal.js/dist/reveal.js

.DEFAULT_GOAL := help
.PHONY: help setup run test test-thorough check-determinism browser-test bench validate record codebook lab slides student lock clean update-data

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# Refuse early, with a sentence rather than a traceback, if Python is missing or too old.
$(STAMP): requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: '$(PYTHON)' not found. Install Python 3.11 or newer, or run: make PYTHON=/path/to/python3.11 ..." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || { echo "error: Python 3.11 or newer is needed; '$(PYTHON)' is $$($(PYTHON) -V 2>&1). Run: make PYTHON=/path/to/python3.11 ..." >&2; exit 1; }
	@test -x $(BIN)/python || { echo "creating $(VENV) with $$($(PYTHON) -V)"; $(PYTHON) -m venv $(VENV); }
	@echo "installing pinned dependencies into $(VENV) (first time: a few minutes)"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
	  || $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

setup: $(STAMP)  ## create .venv and install the pinned dependencies

# Nothing may reach the network while the collection runs: see src/helpers/offline.py. Notebooks
# executed for the record show each claim's published rule instead of live controls
# (src/helpers/controls.py), so that every run gives the same files.
OFFLINE := PIVOT_CHECK_OFFLINE=1 PIVOT_CHECK_STATIC=1

# All or nothing: the notebooks are replaced only if every one ran (run_notebooks), and the data's
# hashes are recorded only at the end, after a successful run, so a failed run leaves the
# changed-file warning in place.
run: $(STAMP)  ## validate data/, regenerate the codebook, re-execute every notebook, render build/site/, record data/
	$(OFFLINE) $(BIN)/python -m helpers.cli.validate
	$(OFFLINE) $(BIN)/python -m helpers.cli.codebook --write
	$(OFFLINE) $(BIN)/python -m helpers.cli.run_notebooks $(NOTEBOOKS)
	$(OFFLINE) $(BIN)/python -m helpers.cli.render_site build/site
	@$(OFFLINE) $(BIN)/python -m helpers.cli.validate --record >/dev/null

test: $(STAMP)  ## lint and format check (ruff), unit tests, data validation, nbval strict on every notebook (all cores)
	$(BIN)/ruff check src tests notebooks
	$(BIN)/ruff format --check src tests
	$(OFFLINE) $(BIN)/python -m pytest -n auto --dist loadscope

test-thorough: $(STAMP)  ## the same tests with 200 examples per property test instead of 20 (slower)
	HYPOTHESIS_PROFILE=thorough $(OFFLINE) $(BIN)/python -m pytest -n auto --dist loadscope

bench: $(STAMP)  ## measure the collection against its floor; table + build/bench.json (several minutes)
	$(OFFLINE) $(BIN)/python -m helpers.cli.bench

check-determinism: $(STAMP)  ## run every notebook twice and compare with the committed files, byte for byte
	$(OFFLINE) $(BIN)/python -m helpers.cli.check_determinism $(NOTEBOOKS)

browser-test: $(STAMP) $(REVEAL)  ## the site, slides and JupyterLab in headless Chromium: no script from data, axe-core WCAG 2 A/AA, keyboard (needs chromium, npm)
	@command -v chromium >/dev/null 2>&1 || { echo "error: Chromium not found: apt-get install chromium chromium-driver (Debian), then make browser-test" >&2; exit 1; }
	$(OFFLINE) $(BIN)/python -m pytest -m browser tests/browser -p no:xdist

validate: $(STAMP)  ## validate data/ against data/datapackage.json (one line per problem)
	@$(BIN)/python -m helpers.cli.validate


# reveal.js (make slides) and axe-core (make browser-test), both pinned in tools/slides/package-lock.json.
$(REVEAL): tools/slides/package.json tools/slides/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "error: 'make slides' and 'make browser-test' need npm (Node.js) to install reveal.js and axe-core; everything else needs only Python." >&2; exit 1; }
	npm ci --prefix tools/slides --no-audit --no-fund --ignore-scripts
	@touch $@

slides: $(STAMP) $(REVEAL)  ## reveal.js slide decks of every notebook in build/slides/ (offline; needs npm once)
	$(BIN)/python -m helpers.cli.slides build/slides

student: $(STAMP)  ## student copies of the notebooks, solutions removed, in build/student/
	$(BIN)/python -m helpers.cli.student_copies build/student

record: $(STAMP)  ## validate data/ and record each file's hash in data/datapackage.json (nothing to do if unchanged)
	@$(BIN)/python -m helpers.cli.validate --record

codebook: $(STAMP)  ## regenerate data/README.md from datapackage.json and the data
	$(BIN)/python -m helpers.cli.codebook --write

# The one command that goes online, so it alone runs without $(OFFLINE). It prints a summary and
# changes nothing unless APPLY=1; see "Update the data" in README.md.
update-data: $(STAMP)  ## fetch the latest IMF and World Bank figures (online); summary only, APPLY=1 writes
	@$(BIN)/python -m helpers.cli.update_data $(if $(APPLY),--apply)

# Offline, no news pop-up, notebooks open unmodified, --allow-root only as root: src/helpers/cli/lab.py.
lab: $(STAMP)  ## open the collection in JupyterLab
	$(BIN)/python -m helpers.cli.lab

lock: $(STAMP)  ## after editing requirements.txt: write environment.yml from it
	$(BIN)/python -m helpers.cli.environment --write

clean:  ## remove build/ and caches (keeps .venv)
	rm -rf build .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -not -path './$(VENV)/*' -exec rm -rf {} +
