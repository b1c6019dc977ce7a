#!/usr/bin/env bash
# Installs npm dependencies when they are missing or older than package-lock.json; otherwise does nothing.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[deps] installing npm packages (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
# The console's browser suite drives Debian's Chromium (Playwright's own browser download cannot be reached here).
if ! command -v chromium >/dev/null 2>&1; then
  echo "[deps] installing chromium (apt)" >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get install -y --no-install-recommends chromium >/dev/null ||
    { $SUDO apt-get update -qq && $SUDO apt-get install -y --no-install-recommends chromium >/dev/null; }
fi
