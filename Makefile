# drplan — one Makefile for people and CI (CI runs `make test`).
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PORT ?= 8000
WASM_TARGET := wasm32-unknown-unknown
PKG := web-demo/pkg
VENV := .venv
# Real AWS Backup documents, read where they sit beside the repository (never committed to it).
CORPUS ?= ../shared/corpus
export CARGO_TERM_COLOR ?= never
# wasm-bindgen-test-runner drives Debian's Chromium through this chromedriver (as root its
# defaults, headless and no-sandbox, suffice; extra Chrome flags go in wasm/webdriver.json).
export CHROMEDRIVER ?= /usr/bin/chromedriver
WASM_RUNNER := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

demo: ## set up, build the wasm package (when its sources changed) and serve the web demo on 127.0.0.1:$(PORT)
	@scripts/setup.sh demo
	$(MAKE) --no-print-directory wasm
	echo "drplan demo: http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory web-demo

# Everything the wasm package is built from: the package is rebuilt (cargo, wasm-bindgen) only when
# one of these is newer than it. `make -B wasm` rebuilds regardless. No wasm-opt pass: on the
# `wasm-release` profile (opt-level "z") every binaryen level measured made the module smaller raw
# but larger compressed, which is what a visitor downloads (BENCHMARKS.md, "Web demo").
WASM_SOURCES := Cargo.toml Cargo.lock core/Cargo.toml wasm/Cargo.toml README.md ARCHITECTURE.md Makefile \
  $(shell find core/src wasm/src -type f 2>/dev/null)

wasm: $(PKG)/drplan_wasm_bg.wasm ## build the wasm package (size-optimized) into web-demo/pkg, when its sources changed

$(PKG)/drplan_wasm_bg.wasm: $(WASM_SOURCES)
	@cargo build --profile wasm-release -p drplan-wasm --target $(WASM_TARGET)
	rm -rf $(PKG) && mkdir -p $(PKG)
	wasm-bindgen --target web --remove-name-section --remove-producers-section --out-dir $(PKG) \
	  target/$(WASM_TARGET)/wasm-release/drplan_wasm.wasm
	printf 'wasm: %s bytes raw, %s bytes gzip\n' "$$(stat -c %s $(PKG)/drplan_wasm_bg.wasm)" "$$(gzip -9c $(PKG)/drplan_wasm_bg.wasm | wc -c)"

python: ## build the Python extension into .venv (release profile without LTO)
	@VIRTUAL_ENV=$(abspath $(VENV)) PATH=$(abspath $(VENV))/bin:$$PATH \
	  $(VENV)/bin/maturin develop --profile ci --manifest-path python/Cargo.toml -q

test: ## set up everything and run every test: native, wasm (Node + Chromium), Node, Python, browser
	@scripts/setup.sh test
	start=$$(date +%s)
	echo "== native: unit, integration (golden vectors), doctests"
	cargo test --workspace
	$(MAKE) --no-print-directory corpus
	echo "== retention: live differential against the real restic and borg (fresh random cases)"
	python3 tests/vectors/retention/generate.py --live 20 || { rc=$$?; [ $$rc -eq 2 ] && echo "restic/borg not installed: live comparison skipped"; [ $$rc -eq 2 ]; }
	echo "== wasm-bindgen tests in Node"
	$(WASM_RUNNER) cargo test -p drplan-wasm --target $(WASM_TARGET)
	echo "== wasm-bindgen tests in headless Chromium"
	$(WASM_RUNNER) WASM_BINDGEN_USE_BROWSER=1 cargo test -p drplan-wasm --target $(WASM_TARGET)
	$(MAKE) --no-print-directory wasm
	echo "== TypeScript: generated typings and the README/JS examples"
	node_modules/.bin/tsc -p tests/js/tsconfig.json
	echo "== Node: golden vectors, bad inputs, README tour against the wasm package"
	node --test tests/js/
	$(MAKE) --no-print-directory python
	echo "== Python: pytest (golden vectors, bad inputs, README tour), stubs"
	$(VENV)/bin/python -m pytest -q python/tests
	$(VENV)/bin/python -m mypy.stubtest drplan._native --allowlist python/stubtest-allowlist.txt
	$(VENV)/bin/python -m mypy --strict python/tests/typing_check.py python/examples/plan_bill.py python/drplan/frames.py python/drplan/plots.py python/drplan/display.py python/drplan/_optional.py python/drplan/__main__.py python/drplan/columns.py python/drplan/polars_frames.py python/drplan/estate.py
	echo "== browser: the web demo in Chromium"
	node --test tests/e2e/
	echo "== all tests passed in $$(( $$(date +%s) - start )) s"

lint: ## rustfmt and clippy, warnings are errors
	@cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p drplan-wasm --target $(WASM_TARGET) -- -D warnings

fmt: ## format the Rust code
	@cargo fmt --all

bench: ## benchmarks (criterion; figures go to BENCHMARKS.md by hand)
	@cargo bench -p drplan

corpus: ## lint every document of $(CORPUS)/backup-plans through the CLI and read $(CORPUS)/cli-exports with read_estate; compare with tests/corpus/
	@if [ -d "$(CORPUS)/cli-exports" ]; then
	  echo "== corpus: $(CORPUS)/cli-exports through read_estate, against tests/corpus/cli-exports.json"
	  DRPLAN_CORPUS="$(abspath $(CORPUS))" cargo test -q -p drplan --test it estate_corpus -- --nocapture
	else echo "== corpus: $(CORPUS)/cli-exports not found: skipped"; fi
	if [ ! -d "$(CORPUS)/backup-plans" ]; then echo "== corpus: $(CORPUS)/backup-plans not found: skipped"; exit 0; fi
	echo "== corpus: $(CORPUS)/backup-plans through drplan lint, against tests/corpus/backup-plans.json"
	cargo build -q -p drplan-cli
	python3 scripts/corpus.py --drplan target/debug/drplan --corpus "$(CORPUS)/backup-plans" --expect tests/corpus/backup-plans.json

contract: ## rewrite the files generated from the table of contract functions (Python exports and stubs, README table)
	@DRPLAN_CONTRACT_WRITE=1 cargo test -p drplan --test it contract
	git --no-pager diff --stat -- python/drplan README.md

bless: ## regenerate tests/golden/<module>/<case>/expected.json — review the diff, never bless blindly
	@DRPLAN_BLESS=1 cargo test -p drplan --test it golden
	git --no-pager diff --stat -- tests/golden

.PHONY: help demo wasm python test lint fmt bench corpus contract bless
