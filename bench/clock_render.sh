#!/usr/bin/env bash
# Issue 4's render benchmark: an account with 150 sites and their monthly quality and
# satisfaction visits (150 × 12 × 2 = 3,600 occurrences, plus the account's own events), rendered
# as wheel and list in Debian's Chromium at 360×740. Reports load/hydrate/render times and the
# SVG element count. Needs a build (`make build-release` for the real figures, or `make build`).
#   bash bench/clock_render.sh            # release binary if present, else debug
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=target/release/kamu
[ -x "$BIN" ] || BIN=target/debug/kamu
DB=$(mktemp -d)/bench.db
PORT=${PORT:-3300}
export LEPTOS_SITE_ROOT=target/site RUST_LOG=warn

# 1. Demo data, then stop.
"$BIN" --listen 127.0.0.1:$PORT --db "$DB" --demo --today 23.11.2026 &
pid=$!
for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$PORT/kirjaudu" && break; sleep 1; done
kill $pid; wait $pid 2>/dev/null || true

# 2. Grow the biggest account to 150 sites, each with a monthly quality and satisfaction visit.
python3 - "$DB" <<'PY'
import sqlite3, sys, uuid
db = sqlite3.connect(sys.argv[1])
acc, = db.execute("SELECT account_id FROM sites GROUP BY account_id ORDER BY COUNT(*) DESC, account_id LIMIT 1").fetchone()
have, = db.execute("SELECT COUNT(*) FROM sites WHERE account_id = ?", (acc,)).fetchone()
db.execute("""UPDATE site_records SET account_id = ? WHERE id IN (
    SELECT id FROM sites WHERE account_id <> ? ORDER BY id LIMIT ?)""", (acc, acc, 150 - have))
db.execute("DELETE FROM clock_events WHERE site_id IN (SELECT id FROM sites WHERE account_id = ?)", (acc,))
db.execute("DELETE FROM clock_events WHERE site_id IS NOT NULL AND account_id = ?", (acc,))
sites = db.execute("SELECT id FROM sites WHERE account_id = ?", (acc,)).fetchall()
rows = []
for (site,) in sites:
    for month in range(1, 13):
        for kind, day in (("quality_visit", 5 + site % 15), ("satisfaction_visit", 8 + site % 15)):
            status = "done" if month < 11 else "planned"
            rows.append((str(uuid.uuid4()), acc, 2026, kind, "", f"2026-{month:02d}-{day:02d}", "supervisor", site, status))
db.executemany("""INSERT INTO clock_events (id, account_id, year, kind, title, starts_on, owner_role, site_id, status)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows)
db.commit()
total, = db.execute("SELECT COUNT(*) FROM clock_events WHERE account_id = ? AND year = 2026", (acc,)).fetchone()
print(f"account {acc}: 150 sites, {len(rows)} visits, {total} events in 2026")
open(sys.argv[1] + ".account", "w").write(str(acc))
PY

# 3. Serve it and measure.
"$BIN" --listen 127.0.0.1:$PORT --db "$DB" --today 23.11.2026 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$PORT/kirjaudu" && break; sleep 1; done
(cd end2end && KAMU_URL="http://127.0.0.1:$PORT" ACCOUNT="$(cat "$DB.account")" node clock_render_bench.mjs)
