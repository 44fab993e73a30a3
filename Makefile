# Two commands: `make run` and `make test`. Both create .venv on first use; later calls reinstall
# only when pyproject.toml changes.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; \
	done)
VENV := .venv
BIN := $(VENV)/bin
# setuptools reports every editable install of a flat layout ("Editable installation. Please be careful
# with folders...") as a warning; that one line of information is all it silences.
PIP_INSTALL := PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install -q

.PHONY: run test bench model lock clean

run: $(BIN)/.installed
	$(BIN)/altitude run

test: $(BIN)/.installed-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(BIN)/.installed-test
	$(BIN)/python bench/run_all.py

# The offline engine's shipped models: the classifier, from the labelled decisions in
# bot/examples/training/, and the question model, from the labelled question sets (the same data
# always gives the same bytes; tests/training/test_build.py checks the shipped files are current).
model: $(BIN)/.installed-test
	$(BIN)/python -m bot.training
	$(BIN)/python -m bot.training.questions

# The image's pinned, hashed dependencies (and the build backend it installs the package with), for
# Linux x86_64 and Python 3.11 as in deploy/Dockerfile; tests/test_deploy.py checks it against pyproject.toml.
lock: $(BIN)/.installed
	$(BIN)/python -m pip install -q 'uv>=0.5'
	@mkdir -p build
	$(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")' > build/backend.in
	$(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 --python-platform x86_64-unknown-linux-gnu \
		--custom-compile-command 'make lock' --output-file deploy/requirements.lock pyproject.toml build/backend.in

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Altitude needs Python 3.11 or newer: install it, or run make PYTHON=/path/to/python3.11"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(BIN)/.installed: pyproject.toml | $(BIN)/python
	$(PIP_INSTALL) -e .
	@touch $@

$(BIN)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP_INSTALL) -e '.[test]'
	@touch $@ $(BIN)/.installed

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
