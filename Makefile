# Two commands: `make run` and `make test`. Both create .venv on first use; later calls reinstall
# only when pyproject.toml changes.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; \
	done)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench model clean

run: $(BIN)/.installed
	$(BIN)/altitude run

test: $(BIN)/.installed-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(BIN)/.installed-test
	$(BIN)/python bench/run_all.py

# The offline engine's shipped model, from the labelled sets in bot/examples/training/ (the same data
# always gives the same bytes; tests/training/test_build.py checks the shipped file is current).
model: $(BIN)/.installed-test
	$(BIN)/python -m bot.training

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Altitude needs Python 3.11 or newer: install it, or run make PYTHON=/path/to/python3.11"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(BIN)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	@touch $@

$(BIN)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@ $(BIN)/.installed

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
