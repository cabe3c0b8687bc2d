#!/usr/bin/env bash
# `make demo`: replica -> subscribe -> crawl -> extract -> search -> one cycle (alerts) -> serve the UI.
# Everything lands in ./data/demo/ (a SQLite database, the downloaded files, the crawl logs);
# the README's quickstart commands work on it after
#   export FILINGWATCH_DATABASE_URL=sqlite:///data/demo/filingwatch.db
# DEMO_SERVE=0 stops before serving (tests/test_readme.py builds the demo's data this way);
# FILINGWATCH_DEMO_HOME runs it in another directory (data/demo/ is then made there).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
cd "${FILINGWATCH_DEMO_HOME:-$REPO}"
PY="${DEMO_PYTHON:-$REPO/.venv/bin/python}"
FW="$PY -m cli"
export PYTHONPATH="$REPO${PYTHONPATH:+:$PYTHONPATH}"
DEMO_DIR=data/demo
rm -rf "$DEMO_DIR"
mkdir -p "$DEMO_DIR"
export FILINGWATCH_DATABASE_URL="sqlite:///$DEMO_DIR/filingwatch.db"
export FILINGWATCH_FILES_DIR="$DEMO_DIR/files"
export FILINGWATCH_LOG_DIR="$DEMO_DIR/logs"
export FILINGWATCH_ADMIN_TOKEN="${FILINGWATCH_ADMIN_TOKEN:-demo-token}"
export FILINGWATCH_SECRET_KEY="${FILINGWATCH_SECRET_KEY:-demo-secret-key}"
export FILINGWATCH_PUBLIC_URL="${FILINGWATCH_PUBLIC_URL:-http://127.0.0.1:8000}"
export FILINGWATCH_CRAWL_RATE=0  # our own replica: no need to be polite

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Database schema ($DEMO_DIR/filingwatch.db)"
$FW db upgrade

step "Starting the offline HKEXnews replica (last 7 days)"
$PY -m crawler.replica --port 0 --days 7 > "$DEMO_DIR/replica.log" 2>&1 &
REPLICA_PID=$!
trap 'kill $REPLICA_PID 2>/dev/null || true' EXIT
URL=""
for _ in $(seq 1 300); do
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

step "Extracting facts from every fetched announcement, and the real Kingsoft 2012 sample"
$FW extract --pending
$FW load-sample

step "Search: continuing connected transactions with caps in RMB"
$FW search '"annual cap"' --currency RMB --per-page 5
step "Search: a prefix and an exclusion"
$FW search 'connect* -results' --per-page 5

step "One nightly cycle against the replica: crawl the new window, extract, pair, match, deliver"
$FW run-once --base-url "$URL"
$FW alerts

cat <<EOF

The demo's data is in $DEMO_DIR/ (database, files, crawl logs). To work on it:
  export FILINGWATCH_DATABASE_URL=sqlite:///$DEMO_DIR/filingwatch.db
  filingwatch search 何家俊
EOF
[ "${DEMO_SERVE:-1}" = "0" ] && exit 0

step "Serving the UI (Ctrl-C to stop)"
echo "open http://127.0.0.1:8000/search"
$FW serve --host 127.0.0.1 --port 8000
