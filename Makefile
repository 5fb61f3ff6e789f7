# ADALAZAMAT layout pipeline. `make pdf` and `make test` do all the set-up themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ISSUE  := issue
PDF    := build/adalazamat-2023-01.pdf
# reproducible builds: the PDF's dates are the last commit's, so the same input gives the same bytes
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

.PHONY: install pdf test lint verify impose preflight handoff proof watch bench fuzz typo clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -qq --upgrade pip
	$(BIN)/pip install -qq -e ".[test]"
	touch $(STAMP)

pdf: $(STAMP)
	$(BIN)/layout build $(ISSUE) -o $(PDF)

proof: $(STAMP)
	$(BIN)/layout proof $(ISSUE)
	$(BIN)/layout preview build/adalazamat-2023-01-proof.pdf -o build/preview

watch: $(STAMP)
	$(BIN)/layout watch $(ISSUE)

preflight: pdf
	$(BIN)/layout preflight $(PDF)

impose: pdf
	$(BIN)/layout impose $(PDF) --sheet SRA3
	$(BIN)/layout impose $(PDF) --reader

# one folder for the printer: PDF/X-4, SRA3 sheets, preflight report, job ticket
handoff: $(STAMP)
	$(BIN)/layout handoff $(ISSUE)

verify: pdf
	$(BIN)/layout verify $(PDF) $(ISSUE)

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check layout tests

typo: pdf
	$(BIN)/python -m layout.checks.typo $(PDF)

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -q tests/checks/test_verify_property.py

bench: $(STAMP)
	$(BIN)/python -m layout.bench

clean:
	rm -rf build .pytest_cache
