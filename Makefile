# Mieruka: `make` builds the site, `make test` runs every check. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
NODE_STAMP := node_modules/.installed

BENCH_VENV := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed

.PHONY: all site data test test-fast lint check serve clean bench lock

all: site

# Python packages: pyproject.toml names the direct dependencies; requirements/*.lock pin every
# package installed, with hashes (made by `make lock`). pip is the installer, pinned here.
PIP_VERSION := 26.3
UV_VERSION := 0.13.8
MAIN_LOCK := requirements/main.lock
TEST_LOCK := requirements/test.lock

$(STAMP): pyproject.toml $(MAIN_LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet pip==$(PIP_VERSION)
	$(PY) -m pip install --quiet --require-hashes -r $(MAIN_LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(TEST_STAMP): $(STAMP) $(TEST_LOCK)
	$(PY) -m pip install --quiet --require-hashes -r $(TEST_LOCK)
	touch $@

## lock: pin again every Python package (after a change of pyproject.toml's dependencies; needs PyPI).
## uv keeps a pinned version it can still choose; `make lock UPGRADE=--upgrade` takes the newest allowed.
lock: $(STAMP)
	$(PY) -m pip install --quiet uv==$(UV_VERSION)
	$(VENV)/bin/uv pip compile pyproject.toml $(UPGRADE) --python-version 3.11 --generate-hashes --no-header \
		--quiet -o $(MAIN_LOCK)
	$(VENV)/bin/uv pip compile pyproject.toml --extra test -c $(MAIN_LOCK) $(UPGRADE) --python-version 3.11 \
		--generate-hashes --no-header --quiet -o $(TEST_LOCK)

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

## test: install what the tests need (Python, npm and system packages), check the code, then run every test
test: lint $(NODE_STAMP)
	bash .ci/install-system-deps
	$(PY) -m pytest -n auto --dist loadfile

## test-fast: the edit loop: every test but the browser and slow ones (pytest -m "not browser and not slow")
test-fast: $(TEST_STAMP) $(NODE_STAMP)
	$(PY) -m pytest -m "not browser and not slow"

## lint: ruff (lint rules and formatting) over builder/, tests/, bench/ and mypy over builder/ (pyproject.toml)
lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check builder tests bench
	$(VENV)/bin/ruff format --check builder tests bench
	$(VENV)/bin/mypy

## check: run the browser gates (accessibility, HTML, links, hostile input) on the built site/
check: $(TEST_STAMP) $(NODE_STAMP)
	bash .ci/install-system-deps
	MIERUKA_SITE=site $(PY) -m pytest tests/browser

# Pelican and MkDocs for bench/peers.py, pinned, in their own virtualenv
$(BENCH_STAMP): bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet -r bench/requirements.txt
	touch $@

## bench: the performance figures (clean builds of 1,000 to 10,000 sheets, Pelican and MkDocs, rebuilds, in one table; the share cards' cost; page weight, index pages at city scale, Lighthouse on Debian's chromium); several minutes
bench: $(TEST_STAMP) $(NODE_STAMP) $(BENCH_STAMP)
	$(PY) -m bench.summary --pelican $(BENCH_VENV)/bin/pelican --mkdocs $(BENCH_VENV)/bin/mkdocs
	$(PY) -m bench.cards
	$(PY) -m bench.page_weight
	$(PY) -m bench.lighthouse
	$(PY) -m bench.city_pages

clean:
	rm -rf site .site-* $(VENV) $(BENCH_VENV)
