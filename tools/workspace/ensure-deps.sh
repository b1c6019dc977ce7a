#!/usr/bin/env bash
# Installs npm dependencies when they are missing or older than package-lock.json; otherwise does nothing.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[deps] installing npm packages (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
