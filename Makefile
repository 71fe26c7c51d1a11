# Kansrijk — two commands on a fresh Debian machine: `make demo` and `make test`.
# Both bootstrap what they need: Debian packages (as root, via apt-get), a .venv, npm packages, translations.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.kansrijk-installed
NPM_STAMP := node_modules/.kansrijk-installed
VENDOR := src/kansrijk/web/static/vendor
VENDOR_STAMP := $(VENDOR)/.stamp
PO := $(wildcard src/kansrijk/*/locale/*/LC_MESSAGES/django.po)
MO := $(PO:.po=.mo)
# Django apps whose tests touch the database: these run a second time on PostgreSQL.
DB_TEST_DIRS := $(wildcard tests/web tests/accounts tests/fieldwork tests/results tests/cycle tests/api \
  tests/test_role_matrix.py tests/test_privacy.py tests/test_hardening.py tests/test_two_instances.py)
PYTEST := $(BIN)/python -m pytest
PYTEST_WORKERS ?= 2

.PHONY: help demo test lint format bootstrap system-packages assets messages test-sqlite test-postgres clean

help:  ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

system-packages:  ## Install the Debian packages Kansrijk needs (as root) when they are missing
	@scripts/ensure-debian-packages.sh $(SYSTEM_PROFILE)

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(VENDOR_STAMP): $(NPM_STAMP) tools/vendor_assets.py
	$(BIN)/python tools/vendor_assets.py
	@touch $@

%.mo: %.po
	msgfmt --check-format -o $@ $<

assets: $(VENDOR_STAMP)  ## Copy NL Design System CSS, htmx and Vega from npm into static/vendor
messages: $(STAMP) $(MO)  ## Compile translations; refuse an incomplete catalogue
	$(BIN)/python tools/check_messages.py

bootstrap: $(STAMP) assets messages  ## Create .venv and install everything (Python, npm, translations)

demo: SYSTEM_PROFILE = demo
demo: system-packages bootstrap  ## Set up the demo municipality on SQLite under var/ and serve http://127.0.0.1:8000
	$(BIN)/kansrijk demo

lint: $(STAMP) $(NPM_STAMP)  ## ruff, mypy, import contracts (import-linter) and the NL API Design Rules lint
	$(BIN)/ruff check src tests tools benchmarks
	$(BIN)/ruff format --check src tests tools benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python tools/adr_lint.py

format: $(STAMP)
	$(BIN)/ruff check --fix src tests tools benchmarks
	$(BIN)/ruff format src tests tools benchmarks

test: SYSTEM_PROFILE = test
test: system-packages bootstrap lint test-sqlite test-postgres  ## Lint and the whole suite: SQLite, then PostgreSQL if KANSRIJK_TEST_POSTGRES is set

test-sqlite: bootstrap
	$(PYTEST) -n $(PYTEST_WORKERS) -m "not postgres" tests

test-postgres: bootstrap
	@if [ -n "$$KANSRIJK_TEST_POSTGRES" ]; then \
	  echo "== PostgreSQL: $$KANSRIJK_TEST_POSTGRES"; \
	  KANSRIJK_TEST_DB=postgres $(PYTEST) -n $(PYTEST_WORKERS) --dist loadgroup -m "not browser" $(DB_TEST_DIRS); \
	else \
	  echo "KANSRIJK_TEST_POSTGRES not set: PostgreSQL run skipped (CI sets it)."; \
	  if [ "$$CI" = "true" ]; then echo "CI=true needs KANSRIJK_TEST_POSTGRES" >&2; exit 1; fi; \
	fi

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var .pytest_cache .mypy_cache .ruff_cache .hypothesis

messages-extract: $(STAMP)  ## Re-extract translatable strings into the English catalogue
	bash tools/extract_messages.sh

lock: $(STAMP)  ## Re-pin requirements.lock from the current .venv
	@(echo "# Pinned versions of every Python package Kansrijk and its test suite use (pip install -r requirements.lock)."; \
	  echo "# Regenerate after changing pyproject.toml: make lock"; \
	  $(BIN)/pip freeze --exclude-editable | grep -v '^kansrijk') > requirements.lock
