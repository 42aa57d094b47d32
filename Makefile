# Kamu task runner. The two commands a new user needs:
#   make run    build and start the app with demo data (http://127.0.0.1:3000)
#   make test   run every test: unit, server-over-HTTP, and end-to-end in Chromium
# Both install what they need first (scripts/install-tools.sh skips what is already there).

TOOLS_DIR ?= $(HOME)/.local/share/kamu-tools
export PATH := $(TOOLS_DIR)/bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test tools e2e-deps build build-release unit e2e lint bench-build bench-sync bench-channel fuzz

# --demo (re)creates the demo data; it refuses a database that holds real data (SECURITY.md).
run: tools build-release
	LEPTOS_SITE_ROOT=target/site ./target/release/kamu --demo

# The browser tests run against the release build: what users get (wasm-opt included), with the
# size budget (size_budget.json) checked page by page.
test: tools e2e-deps unit build-release e2e

tools:
	@bash scripts/install-tools.sh

e2e-deps:
	@cd end2end && if [ ! -d node_modules/@playwright/test ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi

build:
	cargo leptos build

# --precompress writes brotli (quality 11) and gzip twins of the site's files; the server sends
# them as they are instead of compressing the 5 MB wasm on every request.
build-release:
	cargo leptos build --release --precompress

# Domain rules, server code and the HTTP tests (they start the server on a temporary database).
unit:
	cargo test --features ssr

# Playwright starts the release server on its own demo database and drives Debian's Chromium.
e2e:
	cd end2end && npx playwright test

lint:
	cargo fmt --all -- --check
	cargo clippy --features ssr --all-targets -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --features hydrate -- -D warnings

# Release build timings and wasm size (raw and brotli) for the closing note.
bench-build:
	bash bench/build_size.sh

# Sync over HTTP: first sync, incremental pull (scale 1 and 10), push of 1,000 edits.
bench-sync:
	cargo bench --features ssr --bench sync

bench-channel:
	cargo bench --features ssr --bench channel

# The parsers an outsider reaches (sync push bodies, CSV imports), 100,000 generated inputs each
# over HTTP; `make test` runs 1,500 of each.
fuzz:
	KAMU_FUZZ_CASES=100000 cargo test --release --features ssr --test fuzz_inputs -- --nocapture
