#!/usr/bin/env bash
# The meeting-to-deal forecast on the full demo (issue 19): its backtest against the naive
# deals-per-meeting ratio on held-out past years, and how long the door takes (it fits the
# portfolio's curve, the band and the backtest on every call). Release server, signed in as
# management. Run from the crate root: bash bench/forecast.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${KAMU_TOOLS_DIR:-$HOME/.local/share/kamu-tools}/bin:$HOME/.cargo/bin:$PATH"
port=3204
if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "forecast: port $port is already answering; stop that server first" >&2
  exit 1
fi
[ -x target/release/kamu ] || make build-release
db=$(mktemp -d)/bench.db
log=$(dirname "$db")/server.log
LEPTOS_SITE_ROOT=target/site RUST_LOG=warn ./target/release/kamu --listen 127.0.0.1:$port --db "$db" --demo --today 23.11.2026 2>"$log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -sf -o /dev/null http://127.0.0.1:$port/kirjaudu && break; sleep 1; done
curl -sf -o /dev/null http://127.0.0.1:$port/kirjaudu || { echo "the server did not start:"; cat "$log"; exit 1; }
session=$(curl -s -D - -o /dev/null -X POST -H "Origin: http://127.0.0.1:$port" -H "Accept: application/json" \
  --data-urlencode "email=johtoryhma@kamu.example" -d "password=kamu2026" \
  http://127.0.0.1:$port/api/login |
  sed -n 's/^[Ss]et-[Cc]ookie: kamu_session=\([^;]*\).*/\1/p' | tr -d '\r')
ask() {
  curl -s -b "kamu_session=$session" -H "Origin: http://127.0.0.1:$port" -X POST -d "account=$1" \
    -w '\n%{time_total}\n' "http://127.0.0.1:$port/api/kam/forecast"
}
answer=$(ask 1)
echo "$answer" | head -n1 | python3 -c '
import json, sys
a = json.load(sys.stdin)
b, f = a["backtest"], a["forecast"]
print("account-years behind the curve:", a["account_years"])
print("backtest, held-out years %s, %d account-years:" % (b["years"], b["predictions"]))
print("  mean absolute error, forecast: %.3f deals per account-year" % b["forecast_error"])
print("  mean absolute error, naive deals-per-meeting ratio: %.3f" % b["naive_error"])
print("account 1 at %d meetings: %.2f deals (80 %% band %.2f-%.2f), next meeting adds %.3f, half at %.1f, turning point %s"
      % (f["meetings"], f["expected"], f["low"], f["high"], f["next_meeting_adds"], f["half_at"], f["turning_point"]))
'
times=()
for account in 1 2 3 4 5 6 7 8 9 10 11; do times+=("$(ask $account | tail -n1)"); done
printf '%s\n' "${times[@]}" | sort -n | awk '{t[NR]=$1} END {printf "door time over %d calls: median %.0f ms, max %.0f ms\n", NR, t[int((NR+1)/2)]*1000, t[NR]*1000}'
echo "server panics: $(grep -c 'panicked' "$log" || true)"
