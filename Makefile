# Two commands do everything on a fresh machine with Python 3.11 and pip:
#   make demo   — set up, run the nightly pipeline on sample data, start the dashboards, print a summary
#   make test   — set up, run the test suite against real PostgreSQL, Airflow, dbt, GX and Superset
PYTHON ?= python3.11
VENVS := .venvs
UV := $(VENVS)/tools/bin/uv
PIPELINE := $(VENVS)/pipeline
SUPERSET := $(VENVS)/superset
CLI := $(PIPELINE)/bin/customs-risk

.PHONY: setup demo stop test test-slow bench bench-history lint format lock clean help

help:
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/\t/'

setup: $(PIPELINE)/.synced $(SUPERSET)/.synced  ## build both environments from the lock files (incremental)

$(UV):
	$(PYTHON) -m venv $(VENVS)/tools
	$(VENVS)/tools/bin/pip install -q uv==0.13.9

$(PIPELINE)/.synced: requirements/pipeline.txt pyproject.toml | $(UV)
	test -x $(PIPELINE)/bin/python || $(UV) venv -q --python $(PYTHON) $(PIPELINE)
	$(UV) pip sync -q --python $(PIPELINE)/bin/python requirements/pipeline.txt
	$(UV) pip install -q --python $(PIPELINE)/bin/python --no-deps -e .
	touch $@

$(SUPERSET)/.synced: requirements/superset.txt | $(UV)
	test -x $(SUPERSET)/bin/python || $(UV) venv -q --python $(PYTHON) $(SUPERSET)
	$(UV) pip sync -q --python $(SUPERSET)/bin/python requirements/superset.txt
	touch $@

demo: setup  ## the main job: nightly pipeline on sample data + dashboards, then a summary
	scripts/ensure_chromium.sh
	$(CLI) demo

stop:  ## stop the Airflow UI, Superset and the embedded PostgreSQL
	@test -x $(CLI) && $(CLI) stop || true

test: setup  ## the default test suite (well under 30 minutes)
	scripts/ensure_chromium.sh
	$(PIPELINE)/bin/pytest

test-slow: setup  ## slow suites on demand
	scripts/ensure_chromium.sh
	$(PIPELINE)/bin/pytest -m slow

bench: setup  ## benchmarks on demand; reports under bench/reports/
	$(PIPELINE)/bin/python bench/run_bench.py --preset $${PRESET:-district}

bench-history: setup  ## the night at 30 vs DAYS days of history, incremental vs full refresh, chart queries
	$(PIPELINE)/bin/python bench/history_bench.py --preset $${PRESET:-ci} --days $${DAYS:-180}

lint: setup  ## ruff + sqlfluff
	$(PIPELINE)/bin/ruff check .
	$(PIPELINE)/bin/ruff format --check .
	cd dbt_project && ../$(PIPELINE)/bin/sqlfluff lint models

format: setup
	$(PIPELINE)/bin/ruff format .
	$(PIPELINE)/bin/ruff check --fix .

lock: | $(UV)  ## re-resolve the pinned lock files after editing requirements/*.in
	$(UV) pip compile -q --python-version 3.11 requirements/pipeline.in -o requirements/pipeline.txt
	$(UV) pip compile -q --python-version 3.11 requirements/superset.in -o requirements/superset.txt

clean: stop  ## remove environments, state and build output
	rm -rf $(VENVS) .state dbt_project/target dbt_project/logs
