# Engineer → AI Engineer. `make run` serves the site; `make test` runs every test.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
PYTHON_OK := import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)
PYTHON ?= $(firstword $(foreach p,python3.13 python3.12 python3,$(shell command -v $(p) >/dev/null 2>&1 && $(p) -c "$(PYTHON_OK)" >/dev/null 2>&1 && echo $(p))))
SERVE_ENV := DJANGO_DEBUG=0 DJANGO_SECRET_KEY=local-serve-not-a-secret-$(shell hostname) \
	DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost DJANGO_SSL_REDIRECT=0 PORT=$(PORT)

.PHONY: help run serve test lint format check-content schemas quiz-report bench bench-quiz clean

help:
	@echo "make run            set up .venv, migrate SQLite, serve http://127.0.0.1:$(PORT)"
	@echo "make test           set up .venv with test extras, run the whole suite"
	@echo "make serve          gunicorn with production settings on SQLite (as in the Dockerfile)"
	@echo "make check-content  validate content/ (schema, references, quiz balance)"
	@echo "make quiz-report    print the quiz balance table"
	@echo "make schemas        regenerate JSON Schemas in schemas/"
	@echo "make lint           ruff check + ruff format --check"
	@echo "make bench          benchmark pages against /healthz/live"
	@echo "make bench-quiz     post 500 quizzes over 16 connections"

$(VENV)/.python-ok:
	@if [ -z "$(PYTHON)" ]; then echo "Python 3.12 or newer is needed: install it (pyenv, apt or python.org) and run make again." >&2; exit 1; fi
	@$(PYTHON) -m venv $(VENV)
	@touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.python-ok
	@$(PY) -m pip install --quiet --upgrade pip
	@$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	@$(PY) -m pip install --quiet -e ".[test]"
	@touch $@

# The Nu HTML Checker (vnu.jar) for tests/pages/test_html_valid.py; without npm that test skips.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@; \
	else echo "No npm: the HTML validity test will be skipped (apt-get install npm)."; fi

run: $(VENV)/.installed
	@$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

serve: $(VENV)/.installed
	@$(SERVE_ENV) $(PY) manage.py collectstatic --no-input -v 0
	@$(SERVE_ENV) $(PY) manage.py migrate --no-input -v 0
	$(SERVE_ENV) $(VENV)/bin/gunicorn -c gunicorn.conf.py roadmap_site.wsgi

test: $(VENV)/.installed-test node_modules/.installed
	@if [ ! -x /usr/bin/chromium ]; then echo "No Chromium at /usr/bin/chromium: browser tests will be skipped (apt-get install chromium)."; fi
	$(PY) -m pytest

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/hadolint Dockerfile

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-content: $(VENV)/.installed
	$(PY) manage.py check_content

quiz-report: $(VENV)/.installed
	$(PY) manage.py quiz_report

schemas: $(VENV)/.installed
	$(PY) manage.py export_schemas

bench: $(VENV)/.installed-test
	$(PY) scripts/bench_pages.py

bench-quiz: $(VENV)/.installed-test
	$(PY) scripts/bench_quiz.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache db.sqlite3
