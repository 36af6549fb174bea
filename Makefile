# Two commands: `make site` builds the briefing, `make test` runs every check.
# Both create and reuse a local virtual environment in .venv/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test lint check bench clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $(STAMP)

site: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/briefing build

serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/briefing serve

check: $(STAMP)
	$(BIN)/briefing check

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

test: lint
	NO_MKDOCS_2_WARNING=1 $(BIN)/pytest

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache

bench: $(STAMP)
	$(BIN)/python bench/generate.py

# The whole briefing as one PDF (needs Chromium): briefing.pdf, A4.
.PHONY: pdf
pdf: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/briefing pdf
