# Balise — `make demo` runs the app with demo data; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DJANGO_ADMIN := DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/django-admin
# Test processes of make test (pytest-xdist): one per core; TEST_WORKERS=0 runs the suite in one.
TEST_WORKERS ?= auto
# Debian packages the project needs at run time (WeasyPrint: Pango; fonts) and in tests (pdftoppm).
# gettext: makemessages/compilemessages.
# chromium: the browser Playwright drives in the end-to-end tests (never a downloaded browser).
DEBIAN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils chromium gettext libreoffice-writer-nogui

.PHONY: demo test venv system-deps lint format migrate messages clean

# The demo's "today": the 2024 evaluation is being written, the 2024 reports are not due yet.
DEMO_TODAY ?= 2025-02-17

demo: venv system-deps
	$(BIN)/balise migrate
	BALISE_TODAY=$(DEMO_TODAY) $(BIN)/balise demo
	DEBUG=false BALISE_DEMO=1 BALISE_TODAY=$(DEMO_TODAY) $(BIN)/balise serve --port 8000 --with-worker

test: venv system-deps
	$(BIN)/ruff check balise config tests benchmarks
	$(BIN)/mypy balise config
	$(DJANGO_ADMIN) compilemessages --ignore=.venv
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Installs what is missing from Debian's packages (root only; otherwise says what to install).
system-deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "please install these Debian packages:$$missing" >&2; exit 1; fi; \
	fi

lint: venv
	$(BIN)/ruff check balise config tests benchmarks
	$(BIN)/ruff format --check balise config tests benchmarks
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy balise config

format: venv
	$(BIN)/ruff format balise config tests benchmarks
	$(BIN)/ruff check --fix balise config tests benchmarks

migrate: venv
	$(BIN)/balise migrate

# From the repository root so that LOCALE_PATHS (locale/) receives the catalogues. Locations name
# the file without its line: parallel branches then stop conflicting on every moved line.
messages: venv system-deps
	$(DJANGO_ADMIN) makemessages -l fr -l nl -l de --no-obsolete --add-location=file --ignore=.venv --ignore=tests --ignore=var --ignore=benchmarks --ignore=docs
	$(DJANGO_ADMIN) compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
