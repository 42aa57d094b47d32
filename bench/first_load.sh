#!/usr/bin/env bash
# First load of every main page (Lighthouse mobile preset) against the release build on demo data.
# Run from the crate root: bash bench/first_load.sh   (KAMU_LH_RUNS=3 for medians of three)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${KAMU_TOOLS_DIR:-$HOME/.local/share/kamu-tools}/bin:$HOME/.cargo/bin:$PATH"
# A server left running on either port would be measured instead of this build: refuse.
for port in 3200 3210; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "first_load: port $port is already answering; stop that server first" >&2
    exit 1
  fi
done
[ -x target/release/kamu ] && [ -f target/site/pkg/kamu.wasm.br ] || make build-release
# The empty Leptos app beside it, with Kamu's locked versions (first build about 10 minutes).
(cd bench/empty_leptos && cp ../../Cargo.lock . &&
  { [ -x target/release/empty_leptos ] && [ -f target/site/pkg/empty_leptos.wasm.br ] ||
    cargo leptos build --release --precompress; })
(cd bench/empty_leptos && LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_ADDR=127.0.0.1:3210 exec ./target/release/empty_leptos) &
empty=$!
(cd bench/first_load && { [ -d node_modules/lighthouse ] || npm install --no-audit --no-fund; })
db=$(mktemp -d)/bench.db
LEPTOS_SITE_ROOT=target/site RUST_LOG=warn ./target/release/kamu --listen 127.0.0.1:3200 --db "$db" --demo --today 23.11.2026 &
server=$!
trap 'kill $server $empty 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -sf -o /dev/null http://127.0.0.1:3200/kirjaudu && break; sleep 1; done
for _ in $(seq 30); do curl -sf -o /dev/null http://127.0.0.1:3210/ && break; sleep 1; done
KAMU_BASE=http://127.0.0.1:3200 KAMU_EMPTY_BASE=http://127.0.0.1:3210 node bench/first_load/run.mjs
