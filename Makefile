# One command to serve the site, one to run every test. Both set everything up first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: serve test setup setup-test browser build check dedup ingest-check bench calibrate fit-order lint clean browser-mutations mutation setup-mutation

serve: setup  ## install the site's requirements and serve it with live reload
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:$(PORT)

test: setup-test browser  ## install everything (Python packages and Debian's chromium) and run all tests
	$(PY) -m ruff check scripts tests examples
	$(PY) -m pytest

setup: $(VENV)/.site-installed
setup-test: $(VENV)/.test-installed

$(VENV)/.site-installed: requirements.txt requirements-meaning.txt constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-meaning.txt -c constraints.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-test.txt constraints.txt $(VENV)/.site-installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt -c constraints.txt
	touch $@

browser:  ## Debian's chromium for the browser tests (Playwright's own download is not used)
	scripts/install-browser.sh

build: setup  ## strict build into site/, replaced only when the build succeeds
	$(PY) scripts/handbook_cli.py build

check: setup  ## validate content and sources, de-duplicate
	$(PY) scripts/handbook_cli.py check

dedup: setup  ## the de-duplication table, and build/dedup-report.json
	$(PY) scripts/handbook_cli.py dedup

ingest-check: setup  ## are sources/*.yml up to date with ../shared/seeds?
	$(PY) scripts/handbook_cli.py ingest --check

bench: setup  ## time the pipeline and the build
	$(PY) scripts/benchmark.py

calibrate: setup  ## de-duplication precision and recall on the labelled sets (tests/data/dedup_labels)
	$(PY) scripts/calibrate.py

fit-order: setup  ## fit the learned candidate order on the labels: weights to paste, leave-one-set-out figures
	$(PY) scripts/fit_candidate_order.py
	$(PY) scripts/fit_candidate_order.py --cross-validate

setup-mutation: $(VENV)/.mutation-installed

$(VENV)/.mutation-installed: requirements-mutation.txt constraints.txt $(VENV)/.test-installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-mutation.txt -c constraints.txt
	touch $@

MUTATION_SAMPLE ?= 600
mutation: setup-mutation  ## mutmut over scripts/handbook/ with the fast tests, in a staging copy (not in CI); MUTATION_SAMPLE=0 tests every mutant (hours)
	$(PY) scripts/mutation.py --sample $(MUTATION_SAMPLE)

browser-mutations: setup-test browser  ## hand-made mutations of docs/javascripts, one at a time in a copy: the browser tests must catch each
	$(PY) scripts/browser_mutations.py

lint: setup-test
	$(PY) -m ruff check scripts tests examples

clean:
	rm -rf site build .pytest_cache
