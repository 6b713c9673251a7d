# Mieruka: `make` builds the site, `make test` runs every check. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
NODE_STAMP := node_modules/.installed

BENCH_VENV := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed

.PHONY: all site data test check serve clean bench

all: site

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

## data: regenerate content/data/ from content/sheets/
data: $(STAMP)
	$(PY) -m builder data

## site: parse the sheets and build the static site into site/ (plotly.js comes from node_modules/)
site: $(STAMP) $(NODE_STAMP)
	$(PY) -m builder build

## serve: build, then preview the site on http://127.0.0.1:8000 (this machine only)
serve: site
	$(PY) -m builder serve

# npm packages pinned by package-lock.json (axe-core, vnu-jar, plotly.js). --ignore-scripts:
# vnu-jar's postinstall only fetches a Java runtime; the jar itself ships in the tarball.
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

## test: install what the tests need (Python, npm and system packages), then run them
test: $(TEST_STAMP) $(NODE_STAMP)
	bash .ci/install-system-deps
	$(PY) -m pytest

## check: run the browser gates (accessibility, HTML, links, hostile input) on the built site/
check: $(TEST_STAMP) $(NODE_STAMP)
	bash .ci/install-system-deps
	MIERUKA_SITE=site $(PY) -m pytest tests/browser

# Pelican and MkDocs for bench/peers.py, pinned, in their own virtualenv
$(BENCH_STAMP): bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet -r bench/requirements.txt
	touch $@

## bench: the performance figures (clean builds of 1,000 to 10,000 sheets, Pelican and MkDocs, rebuilds, in one table; page weight, index pages at city scale, Lighthouse on Debian's chromium); several minutes
bench: $(TEST_STAMP) $(NODE_STAMP) $(BENCH_STAMP)
	$(PY) -m bench.summary --pelican $(BENCH_VENV)/bin/pelican --mkdocs $(BENCH_VENV)/bin/mkdocs
	$(PY) -m bench.page_weight
	$(PY) -m bench.lighthouse
	$(PY) -m bench.city_pages

clean:
	rm -rf site .site-* $(VENV) $(BENCH_VENV)
