#!/usr/bin/env bash
# Server throughput of the account page (the heaviest page): the release server on demo data,
# 16 connections, signed in as the demo director. Prints ApacheBench's requests/s and latencies.
# Run from the crate root: bash bench/account_throughput.sh   (installs apache2-utils if missing)
# As a supervisor, on their own account's page (its first screen carries their sites' events):
#   KAMU_BENCH_AS=esimies@kamu.example bash bench/account_throughput.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${KAMU_TOOLS_DIR:-$HOME/.local/share/kamu-tools}/bin:$HOME/.cargo/bin:$PATH"
command -v ab >/dev/null || { apt-get update -qq && apt-get install -y -qq apache2-utils; }
[ -x target/release/kamu ] || make build-release
db=$(mktemp -d)/bench.db
log=$(dirname "$db")/server.log
LEPTOS_SITE_ROOT=target/site RUST_LOG=warn ./target/release/kamu --listen 127.0.0.1:3201 --db "$db" --demo --today 23.11.2026 2>"$log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -sf -o /dev/null http://127.0.0.1:3201/kirjaudu && break; sleep 1; done
curl -sf -o /dev/null http://127.0.0.1:3201/kirjaudu || { echo "the server did not start:"; cat "$log"; exit 1; }
session=$(curl -s -D - -o /dev/null -X POST -H "Origin: http://127.0.0.1:3201" -H "Accept: application/json" \
  --data-urlencode "email=${KAMU_BENCH_AS:-asiakkuusjohtaja@kamu.example}" -d "password=kamu2026" \
  http://127.0.0.1:3201/api/login |
  sed -n 's/^[Ss]et-[Cc]ookie: kamu_session=\([^;]*\).*/\1/p' | tr -d '\r')
# The first account in the person's list (account 1 for the demo director).
page=$(curl -s -b "kamu_session=$session" http://127.0.0.1:3201/ | grep -o 'href="/asiakkuus/[0-9]*"' | head -n1 | cut -d'"' -f2)
echo "page $page"
ab -n 100 -c 4 -C "kamu_session=$session" "http://127.0.0.1:3201$page" >/dev/null 2>&1 # warm up
ab -n "${KAMU_AB_REQUESTS:-1000}" -c 16 -C "kamu_session=$session" "http://127.0.0.1:3201$page" |
  grep -E "Document Length|Complete requests|Failed requests|Non-2xx|Requests per second|  50%|  99%"
# A panic kills its request (ab counts it as failed or short); name them, for they must be none.
echo "server panics: $(grep -c 'panicked' "$log" || true)"
