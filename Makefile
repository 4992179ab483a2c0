# Coltiva: `make run` serves the app, `make test` runs every test. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
export COLTIVA_DATA_DIR ?= $(CURDIR)/var
PORT ?= 8000

.PHONY: run dev test lint docs docs-check format typecheck migrate bench bench-render demo lock vendor messages clean help

help:
	@echo "make run    - install if needed, migrate, serve on http://127.0.0.1:8000 (PORT=8101: another port)"
	@echo "make dev    - install the development tools (pytest, ruff, mypy) without running anything"
	@echo "make test   - install if needed, run every test"
	@echo "make lint   - ruff check, ruff format --check, mypy, import-linter, make docs-check"
	@echo "make docs   - regenerate docs/cli.md from the commands' own --help (cog)"
	@echo "make bench  - benchmarks: medium book on SQLite (BENCH_SIZE=large, BENCH_DB=postgres; bench/README.md)"
	@echo "make demo   - create demo@coltiva.local with a small book (prints the password)"

$(VENV):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the lock file or the project's metadata changed.
$(STAMP): requirements/base.lock pyproject.toml | $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/base.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(DEV_STAMP): requirements/dev.lock $(STAMP)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.lock
	touch $@

migrate: $(STAMP)
	$(BIN)/coltiva migrate --no-input

run: migrate
	$(BIN)/coltiva serve --port $(PORT)

dev: $(DEV_STAMP)

test: $(DEV_STAMP)
	$(BIN)/python scripts/ensure_browser.py
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(MAKE) --no-print-directory docs-check

# docs/cli.md's body is every command's --help, written by cog (scripts/cli_reference.py).
COG := $(BIN)/cog -I scripts
docs: $(DEV_STAMP)
	$(COG) -r docs/cli.md

docs-check: $(DEV_STAMP)
	@$(COG) --check --diff docs/cli.md || { echo "docs/cli.md is out of date: run make docs" >&2; exit 1; }

format: $(DEV_STAMP)
	$(BIN)/ruff format src tests bench scripts
	$(BIN)/ruff check --fix src tests bench scripts

messages: $(DEV_STAMP)
	cd src/coltiva && ../../$(BIN)/coltiva makemessages -l it --no-location --ignore "bench/*"
	cd src/coltiva && ../../$(BIN)/coltiva compilemessages -l it

bench: $(DEV_STAMP)
	$(BIN)/python bench/run.py

# Issue 13: the two row-rendering paths measured alternately in one run (bench/README.md).
bench-render: $(DEV_STAMP)
	$(BIN)/python bench/render_compare.py

demo: migrate
	$(BIN)/coltiva demo --user demo@coltiva.local --size small --create

# Re-pin the lock files after changing dependencies in pyproject.toml.
lock: $(VENV)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -o requirements/base.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements/dev.lock

# Refresh the vendored front-end files from the npm registry (needs npm; running does not).
vendor:
	scripts/vendor.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
