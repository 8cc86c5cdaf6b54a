# Two commands matter (see README): `make demo` and `make test`. Both start from a fresh
# clone: they create .venv, install what they need into it and build the extensions.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
BUILD_STAMP := $(VENV)/.built
SOURCES := $(shell find src -name '*.pyx' -o -name '*.pxd' -o -name '*.pxi' -o -name '*.h' 2>/dev/null) setup.py pyproject.toml

.PHONY: demo test test-compiled test-pure test-asterisk-real bench build clean venv api

# Subsystems add their own Python test dependencies as requirements/<subsystem>.txt
REQS := $(wildcard requirements/*.txt)

$(STAMP): pyproject.toml $(REQS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip setuptools wheel
	$(PIP) install --quiet "Cython==3.3.1"
	$(PIP) install --quiet --no-build-isolation -e '.[test]'
	for f in $(REQS); do $(PIP) install --quiet -r $$f || exit 1; done
	touch $@

venv: $(STAMP)

$(BUILD_STAMP): $(STAMP) $(SOURCES)
	$(PY) setup.py --quiet build_ext --inplace
	touch $@

build: $(BUILD_STAMP)

# the gRPC API's generated code from proto/acd/v1: Python (bindings/python/acdcore_api) and, once
# bindings/node has its node_modules, the TypeScript types. Run after editing a .proto and commit
# the result; deliberately not part of `build`, so tests/grpc's drift tests catch a forgotten run
api: venv
	$(PY) tools/gen_protos.py $$(test -d bindings/node/node_modules && echo --node)

# the busy hour through the real gRPC API: a server subprocess, simulated agents and callers
demo: build
	$(VENV)/bin/acdcore demo

test: build
	$(PY) -m pytest -q -p no:cacheprovider tests
	ACDCORE_PURE=1 $(PY) -m pytest -q -p no:cacheprovider tests

# the hook against a real Asterisk 22 (not in CI: Debian 12 has no package); see asterisk/README.md
test-asterisk-real: build
	@test -n "$(ACDCORE_ASTERISK)" || { echo "set ACDCORE_ASTERISK=/path/to/asterisk (an Asterisk 22 binary)"; exit 2; }
	ACDCORE_ASTERISK=$(ACDCORE_ASTERISK) $(PY) -m pytest -q -p no:cacheprovider tests/asterisk/test_ast_real.py -rs
	ACDCORE_PURE=1 ACDCORE_ASTERISK=$(ACDCORE_ASTERISK) $(PY) -m pytest -q -p no:cacheprovider tests/asterisk/test_ast_real.py -rs

test-compiled: build
	$(PY) -m pytest -q tests

test-pure: build
	ACDCORE_PURE=1 $(PY) -m pytest -q tests

# one JSON per suite: `make bench BENCHES="core routes"` runs a subset
BENCHES ?= core routes rtp grpc asterisk desk growth
bench: build
	mkdir -p bench-results
	for b in $(BENCHES); do \
	  $(PY) -m pytest benchmarks/bench_$$b.py -q -p no:cacheprovider --benchmark-json=bench-results/$$b.json $(BENCH_ARGS) || exit 1; \
	done
	$(PY) benchmarks/report.py $(BENCHES:%=bench-results/%.json)

clean:
	rm -rf build $(VENV) src/*.egg-info
	find src -name '*.so' -delete
	find src -name '*.c' -path '*acdcore*' -delete
