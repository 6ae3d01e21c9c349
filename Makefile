# The two commands: `make run` serves the demo municipality, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Tests run with production-like settings unless the caller says otherwise.
TEST_ENV := SECRET_KEY=$${SECRET_KEY:-test-secret-key-not-for-production} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-testserver,localhost,127.0.0.1} SECURE_SSL_REDIRECT=0 \
	PORTAL_BASE_URL=$${PORTAL_BASE_URL:-https://portal.example.fi}
# Links in e-mails, feeds and the sitemap point at the address `make run` serves.
DEV_ENV := DEBUG=$${DEBUG:-1} PORTAL_BASE_URL=$${PORTAL_BASE_URL:-http://$(HOST):$(PORT)}

.PHONY: run test check install assets messages catalogues lint format bench worker beat clean

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	msgfmt --check-format -o $@ $<

install: $(VENV)/.installed node_modules/.installed messages

messages: locale/fi/LC_MESSAGES/django.mo locale/sv/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.mo

# Extract the interface strings into the catalogues. Entries are kept sorted and without source
# locations, so that two branches that add strings rarely touch the same lines.
catalogues: $(VENV)/.installed
	$(DEV_ENV) $(PY) manage.py makemessages -l fi -l sv -l en --no-location \
		--ignore=.venv --ignore=node_modules --ignore=var
	for po in locale/*/LC_MESSAGES/django.po; do \
		msgattrib --no-obsolete --sort-output --no-location -o $$po $$po && sed -i '/^"POT-Creation-Date:/d' $$po; done
	$(MAKE) messages

run: install
	@compgen -G '/usr/lib/*/libvoikko.so.1' >/dev/null && [ -f /usr/share/hunspell/sv_FI.dic ] \
		|| echo "Note: without voikko-fi, libvoikko1 and hunspell-sv (apt-get install) decision search matches only the words as written."
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py load_demo
	@echo "Serving the demo municipality on http://$(HOST):$(PORT)/fi/ (Ctrl+C stops)"
	$(DEV_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# The tests run in parallel, one pytest-xdist worker per CPU, each with a database of its own;
# `make test PYTEST_WORKERS=0` runs them in one process. The tests of a module with costly
# module-scoped fixtures stay on one worker (see tests/conftest.py).
PYTEST_WORKERS ?= logical
test: install
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(VENV)/bin/pytest --numprocesses $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# The static checks that CI runs besides the tests.
check: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run
	env -u DEBUG SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') \
		ALLOWED_HOSTS=portal.example.fi PORTAL_BASE_URL=https://portal.example.fi \
		$(PY) manage.py check --deploy --fail-level WARNING
	$(VENV)/bin/bandit -r portal accounts cms cases decisions participation indicators finance maturity -lll -q

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The benchmark: the demo municipality on PostgreSQL, served by gunicorn (see docs/operations.md).
# BENCH_DATASET=small or city grows the demo to that data set first (generate_scale, resumable);
# each run is saved as var/bench/<data set>.json, and BENCH_ARGS="--compare small city" compares.
# Each data set has a database of its own (portal_bench_demo, portal_bench_small,
# portal_bench_city), so that small and city stay side by side for the comparison.
BENCH_DATASET ?=
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal_bench_$(or $(BENCH_DATASET),demo)
BENCH_ENV := DATABASE_URL=$(BENCH_DATABASE_URL) SECRET_KEY=$${SECRET_KEY:-bench-secret-key-not-for-production} \
	PORTAL_BASE_URL=$${PORTAL_BASE_URL:-http://127.0.0.1:8000} ALLOWED_HOSTS=127.0.0.1,testserver SECURE_SSL_REDIRECT=0 DEMO_PASSWORD=$${DEMO_PASSWORD:-Bench-demo-Password-1}
bench: install
	psql "$(dir $(BENCH_DATABASE_URL))postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$(notdir $(BENCH_DATABASE_URL))'" | grep -q 1 \
		|| psql "$(dir $(BENCH_DATABASE_URL))postgres" -c "CREATE DATABASE $(notdir $(BENCH_DATABASE_URL))"
	@$(BENCH_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	@$(BENCH_ENV) $(PY) manage.py migrate --noinput --verbosity 0
	@$(BENCH_ENV) $(PY) manage.py load_demo > /dev/null
	@if [ -n "$(BENCH_DATASET)" ]; then $(BENCH_ENV) $(PY) manage.py generate_scale --size $(BENCH_DATASET); fi
	@$(BENCH_ENV) $(PY) manage.py bench --dataset $(or $(BENCH_DATASET),demo) $(BENCH_ARGS)

worker: install
	$(VENV)/bin/celery -A portal worker --loglevel=info

beat: install
	$(VENV)/bin/celery -A portal beat --loglevel=info

clean:
	rm -rf $(VENV) node_modules var db.sqlite3
