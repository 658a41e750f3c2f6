# Proofs, numeric cross-check and torch checks for the phi claims.
#   make all    set up (apt + venv), prove, then run the numeric cross-check
#   make test   set up, prove, then run the test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
DIGITS ?= 50
COQ_APT := coq libcoq-coquelicot libcoq-interval
# Headless Chromium renders the report in the tests; pdflatex and bibtex compile the citations.
APT_EXTRA := chromium texlive-latex-base

.PHONY: lint forget-proofs all setup setup-apt setup-py prove coq audit check test bench report coqgen clean require-coq scan-seeds scan-corpus wheels

all: setup prove check

setup: setup-apt setup-py

# Coq 8.16, Coquelicot and Interval, Chromium and TeX (pdflatex, bibtex), from Debian (needs root or sudo).
setup-apt:
	@if command -v coqc >/dev/null && [ -d "$$(coqc -where)/user-contrib/Interval" ] \
	    && [ -d "$$(coqc -where)/user-contrib/Coquelicot" ] && command -v chromium >/dev/null \
	    && command -v pdflatex >/dev/null && command -v bibtex >/dev/null; then \
	  echo "Coq with Coquelicot and Interval, Chromium, pdflatex and bibtex: found"; \
	else \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q $(COQ_APT) $(APT_EXTRA); \
	fi

setup-py: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[all]'
	touch $@

require-coq:
	@command -v coqc >/dev/null && command -v coq_makefile >/dev/null || { \
	  echo "error: coqc not found; install Coq 8.16 with Coquelicot and Interval:" \
	       "'apt-get install -y $(COQ_APT)' (or run 'make setup')" >&2; exit 2; }

# Vet coq/, copy the listed sources into an emptied build/prove/coq, compile them there with coqc
# and fixed flags (no makefile of the project), then audit that tree: coqchk over the closure,
# Print Assumptions, the locks, non-vacuity; Lean when a toolchain exists; writes build/proofs.json.
# Nothing under build/ from an earlier run is read.
prove: setup-py require-coq forget-proofs
	$(PY) -m pynum coqgen --check
	$(PY) -m pynum audit

# A failed build must not leave an earlier run's record behind for the tests to trust.
forget-proofs:
	rm -f build/proofs.json

# A plain compile of the listed sources for editing (coq_makefile, -j2) in build/coq, never in coq/
# (make prove refuses compiled files there) and never read by make prove.
coq: require-coq
	rm -rf build/coq && mkdir -p build/coq
	cd coq && cp --parents _CoqProject $$(sed -n '/^[^-#].*\.v$$/p' _CoqProject) ../build/coq/
	cd build/coq && coq_makefile -f _CoqProject -o CoqMakefile && $(MAKE) --no-print-directory -f CoqMakefile -j2

# Regenerate coq/Constants.v and coq/Enclosures.v from pynum/constants/registry.py.
coqgen: setup-py
	$(PY) -m pynum coqgen

check: setup-py
	$(PY) -m pynum check --digits $(DIGITS)

test: setup prove wheels lint
	$(PY) -m pytest

# ruff (lint and format) and mypy over pynum, torchcheck, bench and tests (pinned in the dev extra).
LINTED := pynum torchcheck bench tests
lint: setup-py
	$(PY) -m ruff check $(LINTED)
	$(PY) -m ruff format --check $(LINTED)
	$(PY) -m mypy

# The verification report: build/report/index.html and report.md.
report: setup prove
	$(PY) -m pynum report

bench: setup prove
	@status=0; for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || status=1; done; \
	if [ $$status -ne 0 ]; then echo "make bench: a target was missed or a benchmark failed (see above)"; fi; exit $$status

# The scan of the seed texts, committed as results/scan-seeds.json (seeds in $(SHARED)/seeds).
SHARED ?= ../shared
scan-seeds: setup-py
	$(PY) -m pynum scan $(SHARED)/seeds --root $(SHARED) --json --out results/scan-seeds.json

# Precision of the scan on code no one here wrote: the wheels of numpy, scipy, mpmath and sympy
# (pinned in pynum/scan/corpus.py), scanned into results/scan-corpus.json.
CORPUS_WHEELS := numpy==2.4.6 scipy==1.17.1 mpmath==1.4.1 sympy==1.14.0
scan-corpus: setup-py
	$(PY) -m pip download -q --no-deps --only-binary :all: --python-version 3.11 -d .whl/corpus $(CORPUS_WHEELS)
	$(PY) -m pynum.scan.corpus $$(for w in $(CORPUS_WHEELS); do n=$${w%%==*}; v=$${w##*==}; ls .whl/corpus/$$n-$$v-*.whl; done) \
	  --out results/scan-corpus.json

# The two watkins-nn releases the scan tests read from .whl/ (downloaded here, never at test time).
wheels: .whl/watkins_nn-0.1.1-py3-none-any.whl .whl/watkins_nn-4.0.0-py3-none-any.whl

.whl/watkins_nn-%-py3-none-any.whl: | setup-py
	$(PY) -m pip download -q --no-deps -d .whl watkins-nn==$*

# Also removes what an in-place compile leaves in coq/ (make prove refuses it by name).
clean:
	rm -rf build .lake coq/CoqMakefile coq/CoqMakefile.conf coq/.CoqMakefile.d
	find coq \( -name '*.vo' -o -name '*.vos' -o -name '*.vok' -o -name '*.glob' -o -name '.*.aux' \
	  -o -name '.*.cache' \) -delete
