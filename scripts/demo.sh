#!/usr/bin/env bash
# `make demo`: replica -> subscribe -> crawl -> extract -> search -> one cycle (alerts) -> serve the UI.
# Everything lands in ./data/demo/ (a SQLite database and the downloaded files).
set -euo pipefail
cd "$(dirname "$0")/.."
FW=.venv/bin/filingwatch
DEMO_DIR=data/demo
rm -rf "$DEMO_DIR"
mkdir -p "$DEMO_DIR"
export FILINGWATCH_DATABASE_URL="sqlite:///$DEMO_DIR/filingwatch.db"
export FILINGWATCH_FILES_DIR="$DEMO_DIR/files"
export FILINGWATCH_ADMIN_TOKEN="${FILINGWATCH_ADMIN_TOKEN:-demo-token}"
export FILINGWATCH_CRAWL_RATE=0  # our own replica: no need to be polite

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Database schema"
$FW db upgrade

step "Starting the offline HKEXnews replica (last 7 days)"
.venv/bin/python -m crawler.replica --port 0 --days 7 > "$DEMO_DIR/replica.log" 2>&1 &
REPLICA_PID=$!
trap 'kill $REPLICA_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$DEMO_DIR/replica.log" | head -1 || true)
  [ -n "$URL" ] && break
  sleep 0.1
done
[ -n "$URL" ] || { echo "replica did not start; see $DEMO_DIR/replica.log" >&2; exit 1; }
echo "replica at $URL"

step "Subscribe to a director of the corpus (before the crawl, so the new filings alert)"
$FW subscribe "TSANG Wing Hong" --feed

step "Crawling the last 7 days (both languages; politeness off: it is our own replica)"
$FW crawl --lang both --base-url "$URL" --rate 0

step "Extracting facts from every fetched announcement"
$FW extract --pending

step "Search: continuing connected transactions with caps in RMB"
$FW search '"annual cap"' --currency RMB --per-page 5
step "Search: a prefix and an exclusion"
$FW search 'connect* -results' --per-page 5

step "One nightly cycle against the replica: crawl the new window, extract, match, deliver"
$FW run-once --base-url "$URL"
$FW alerts

step "Serving the UI (Ctrl-C to stop)"
echo "open http://127.0.0.1:8000/search"
$FW serve --host 127.0.0.1 --port 8000
