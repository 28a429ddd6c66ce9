# The verbs a newcomer needs. Everything installs into .venv from requirements.lock.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV_VERSION := 0.13.9
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run install test lint typecheck pytest eval bench load faults audit e2e e2e-deps lock clean demo migrate

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/python -m pip install -q --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/uv pip install -q --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	touch $@

install: $(VENV)/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py createcachetable

demo: migrate
	$(BIN)/mend demo

run: demo
	$(BIN)/mend serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy mend config

pytest: install
	$(BIN)/python manage.py makemigrations --check --dry-run -v 1
	$(BIN)/pytest -n 2 --dist loadfile --cov --cov-report=term:skip-covered --cov-fail-under=85

test: lint typecheck pytest

eval: install
	$(BIN)/python -m eval.run

bench: install
	$(BIN)/python -m bench.coach_speed

load: install
	$(BIN)/python -m bench.load $(ARGS)

faults: install
	$(BIN)/python -m bench.faults $(ARGS)

audit: install
	$(BIN)/pip-audit --strict -r requirements.lock --disable-pip --no-deps

# Browser journeys, axe, screenshots (out/screenshots/) with Debian's chromium; nothing is downloaded.
e2e: install e2e-deps
	$(BIN)/pytest -m e2e tests/e2e -p no:randomly

e2e-deps:
	@test -x /usr/bin/chromium || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium)

lock:
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --universal -q -o requirements.lock

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .coverage
