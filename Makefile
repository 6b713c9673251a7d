# Mieruka: `make` builds the site, `make test` runs every check. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: all site data test check serve clean

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

## site: parse the sheets and build the static site into site/
site: $(STAMP)
	$(PY) -m builder build

## test: install what the tests need, then run them
test: $(TEST_STAMP)
	$(PY) -m pytest

clean:
	rm -rf site .site-* $(VENV)
