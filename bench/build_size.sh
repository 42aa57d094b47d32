#!/usr/bin/env bash
# Measures what the closing note reports: release build time, and the release wasm's size raw,
# gzip and brotli. Run from the crate root after `make tools`: bash bench/build_size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${KAMU_TOOLS_DIR:-$HOME/.local/share/kamu-tools}/bin:$PATH"

start=$(date +%s)
cargo leptos build --release >/dev/null 2>&1
end=$(date +%s)
echo "release build (incremental from current target/): $((end - start)) s"

wasm=target/site/pkg/kamu.wasm
js=target/site/pkg/kamu.js
css=target/site/pkg/kamu.css
for f in "$wasm" "$js" "$css"; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  printf '%-28s raw %8d B   gzip %8d B   brotli %8d B\n' "$(basename "$f")" "$raw" "$gz" "$br"
done
