# Allies: `make run` sets up and starts the app, `make test` sets up and runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint package translations bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Allies needs Python 3.11 or newer"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	bash tools/ensure_system_deps.sh
	$(BIN)/allies $(ARGS)

test: $(STAMP)
	bash tools/ensure_system_deps.sh --xvfb --packaging
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check app ui tests

translations: $(STAMP)
	$(BIN)/python tools/update_translations.py

package: $(STAMP)
	bash packaging/build.sh

bench: $(STAMP)
	for b in tests/benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info
