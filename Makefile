# ADALAZAMAT layout pipeline. `make pdf` and `make test` do all the set-up themselves.
# Every issue target takes the issue folder: `make proof ISSUE=issue-2` (default: issue/).
# Outputs go to build/<issue>/ beside the issue folder, wherever make runs (`make -f path/to/Makefile` works too).
PYTHON ?= python3
HERE   := $(dir $(abspath $(lastword $(MAKEFILE_LIST))))
VENV   := $(HERE).venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ISSUE  ?= issue
# the PDF of that issue (build/<magazine>-<year>-<nn>/<magazine>-<year>-<nn>.pdf), asked when a target needs it
PDF     = $(shell $(BIN)/layout output $(ISSUE))
# reproducible builds: the PDF's dates are the last commit's, so the same input gives the same bytes
export SOURCE_DATE_EPOCH ?= $(shell git -C $(HERE) log -1 --format=%ct 2>/dev/null)

.PHONY: install pdf screen check-screen test lint verify impose preflight handoff proof watch serve diff send new bench \
        fuzz typo hostile clean

install: $(STAMP)

$(STAMP): $(HERE)pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -qq --upgrade pip
	$(BIN)/pip install -qq -e "$(HERE)[test]"
	touch $(STAMP)

pdf: $(STAMP)
	$(BIN)/layout build $(ISSUE)

# the screen edition: build/<issue>/<issue>-screen.pdf, tagged PDF/UA-1 in sRGB
screen: $(STAMP)
	$(BIN)/layout build --edition screen $(ISSUE)

check-screen: screen
	$(BIN)/layout check-screen $(basename $(PDF))-screen.pdf $(ISSUE)

proof: $(STAMP)
	$(BIN)/layout proof $(ISSUE)

watch: $(STAMP)
	$(BIN)/layout watch $(ISSUE)

serve: $(STAMP)
	$(BIN)/layout serve $(ISSUE)

diff: $(STAMP)
	$(BIN)/layout diff --issue $(ISSUE)

# the working proof round, proofed once more and marked sent: kept as it is from now on
send: $(STAMP)
	$(BIN)/layout proof --send $(ISSUE)

new: $(STAMP)
	$(BIN)/layout new $(ISSUE)

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

# the Debian tools some tests read PDFs back with are installed first when this machine
# allows it (root or sudo); otherwise their tests skip, each naming its tool (tests/tools.py).
# The suite runs on every core, one test file per worker (a file's fixtures are built once).
test: $(STAMP)
	cd $(HERE) && $(BIN)/python -m tests.tools
	cd $(HERE) && $(BIN)/pytest -q -n auto --dist loadfile

lint: $(STAMP)
	$(BIN)/ruff check layout tests

# `make typo`: the real issue beside first fit, then the test issue beside Typst;
# `make typo ISSUE=DIR`: that issue beside Typst
TYPO_ISSUE := tests/issues/mixed
ifeq ($(origin ISSUE),command line)
typo: $(STAMP)
	$(BIN)/python -m layout.checks.typst_side $(ISSUE)
else
typo: pdf
	$(BIN)/python -m layout.checks.typo $(PDF) --issue $(ISSUE)
	$(BIN)/python -m layout.checks.typst_side $(TYPO_ISSUE)
endif

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -q tests/checks/test_verify_property.py \
		tests/compose/test_text_property.py

# the long hostile run (tests/hostile.py: ~100 cases, several minutes; not in `make test`)
hostile: $(STAMP)
	cd $(HERE) && $(BIN)/python -m tests.hostile

bench: $(STAMP)
	$(BIN)/python -m layout.bench

clean:
	rm -rf build .pytest_cache
