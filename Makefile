# Two commands: `make site` builds the briefing, `make test` runs every check.
# Both create and reuse a local virtual environment in .venv/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# axe-core for the accessibility test, from tests/axe/package-lock.json (npm registry only).
AXE := tests/axe/node_modules/axe-core/axe.min.js

.PHONY: site serve test lint check bench bench-parts clean workflows lighthouse

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

test: lint workflows $(AXE)
	NO_MKDOCS_2_WARNING=1 $(BIN)/pytest

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache

# The pipeline at 1x, 10x, 100x and 1000x the seed (SIZES=1,10 for a subset): a table, and
# bench/results.json. The component benchmarks (validation, hostile YAML, graphics): bench-parts.
SIZES ?= 1,10,100,1000
bench: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python bench/scale.py --sizes $(SIZES)

bench-parts: $(STAMP)
	$(BIN)/python bench/generate.py
	$(BIN)/python bench/refuse.py
	$(BIN)/python bench/graphics.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/python bench/preview.py

# The whole briefing as one PDF (needs Chromium): briefing.pdf, A4.
.PHONY: pdf
pdf: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/briefing pdf
# The Pages workflow: valid against GitHub's schema, and clean under zizmor's audit (offline).
workflows: $(STAMP)
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/zizmor --offline .github/workflows

$(AXE): tests/axe/package-lock.json
	cd tests/axe && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Lighthouse (mobile) and axe-core scores per page; installs bench/node_modules on first run.
lighthouse: $(STAMP)
	$(BIN)/python bench/lighthouse.py
