#!/usr/bin/env bash
# Packages one app for its container image:
#   tools/release/package.sh [--no-build] <dashboard|bridge|gateway|pump> [<folder>]
# Writes dist/release/<app>/ (or <folder>), exactly the tree deploy/docker/<app>.Dockerfile copies into
# its final stage: the webpack bundle with its run-time assets (dist/apps/<app>: main.js, its source map,
# the bridge's .proto files), a package.json naming the packages it requires, and a production
# node_modules holding only those packages and their dependency closure, at the versions
# package-lock.json pins, copied from the workspace's node_modules (so packaging needs no network).
# --no-build packages dist/apps/<app> as it is.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

build=true
if [ "${1:-}" = --no-build ]; then
  build=false
  shift
fi
app=${1:-}
case $app in
dashboard | bridge | gateway | pump) ;;
*)
  echo "usage: tools/release/package.sh [--no-build] <dashboard|bridge|gateway|pump> [<folder>]" >&2
  exit 2
  ;;
esac
folder=$(realpath -m "${2:-$ROOT/dist/release/$app}")

cd "$ROOT"
if [ "$build" = true ]; then
  bash tools/workspace/ensure-deps.sh
  # The dashboard's package carries the web console it serves.
  projects=$app
  [ "$app" = dashboard ] && projects="dashboard,console"
  NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false npx nx run-many -t build -p "$projects" --output-style=static >&2
fi
exec node tools/release/package-app.mjs "$app" "$folder"
