# Allies: `make run` sets up and starts the app, `make test` sets up and runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV    := $(VENV)/.installed-dev

.PHONY: run test lint package translations bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Allies needs Python 3.11 or newer"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(DEV): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,package]"
	touch $(DEV)

# Allies' own modules are compiled to bytecode ahead (only what changed; an instant when
# nothing did), as an installed package is: the first start, and every start where
# PYTHONDONTWRITEBYTECODE is set, would otherwise compile them (≈ 0.25 s more).
run: $(STAMP)
	bash tools/ensure_system_deps.sh
	$(BIN)/python -m compileall -q app ui
	$(BIN)/allies $(ARGS)

# The whole suite: the desktop bundle is built and self-checked first, then pytest, on
# one worker process per core (pytest-xdist; each worker starts its own test servers).
PYTEST_WORKERS ?= auto
test: $(DEV)
	bash tools/ensure_system_deps.sh --xvfb --packaging --servers
	bash packaging/build.sh
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: $(DEV)
	$(BIN)/ruff check app ui tests

translations: $(DEV)
	$(BIN)/python tools/update_translations.py

package: $(DEV)
	bash packaging/build.sh

bench: $(DEV)
	for b in tests/benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info
