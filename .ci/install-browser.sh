#!/usr/bin/env bash
# Install what the browser tests need (Debian's chromium and a CJK font), only if missing.
# Idempotent: a no-op when /usr/bin/chromium is already there. Never `playwright install`.
set -euo pipefail

if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "wqy"; then
  echo "chromium and fonts-wqy-zenhei already installed"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium fonts-wqy-zenhei
/usr/bin/chromium --version
