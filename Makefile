# One virtual environment in the checkout; every target creates it when missing.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test check lint types bench validate clean native native-clean native-test

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/crisis

# Everything, on every core: what CI runs (.ci/run). `-m ""` lifts the default's "not slow".
test: $(STAMP)
	$(BIN)/python -m pytest -m ""

# The fast default after each change: all but the long statistical and monkey tests (marked slow).
check: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check game tests bench

types: $(STAMP)
	$(BIN)/mypy game

validate: $(STAMP)
	$(BIN)/crisis validate

bench: $(STAMP)
	$(BIN)/python bench/perf_bench.py

# Optional: the engine's hot modules compiled with mypyc (needs a C compiler); pure Python without it.
native: $(STAMP)
	$(BIN)/python bench/native.py --inplace

native-clean: $(STAMP)
	$(BIN)/python bench/native.py --clean

clean:
	rm -rf $(VENV)

# The compiled engine against pure Python (a C build; opt-in because it takes minutes on a busy machine).
native-test: $(STAMP)
	CRISIS_TEST_NATIVE=1 $(BIN)/python -m pytest -m "" -n0 tests/test_native.py
