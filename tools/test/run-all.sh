#!/usr/bin/env bash
# `npm test`: everything a change must pass, from a fresh clone. Installs what is missing, starts the real
# services (tools/stack), runs format, proto, lint, typecheck and build checks, then every unit,
# integration and end-to-end spec in one Jest run, stops the services it started (only those), and ends with one line
# of totals: `N passed, N failed[, N skipped]`. Exits non-zero if any step failed.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
export TZ=UTC NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false

bash tools/workspace/ensure-deps.sh || exit 1

# Stops exactly the services this run started (none if the stack was already up), quietly: the totals
# line stays the last line. Also on Ctrl-C, through the trap.
started=.cache/test-started-services
mkdir -p .cache && : >"$started"
stop_started() {
  trap - EXIT INT TERM
  # shellcheck disable=SC2046
  [ -s "$started" ] && bash tools/stack/stack.sh stop $(cat "$started") >/dev/null 2>&1
  rm -f "$started"
}
trap stop_started EXIT
trap 'stop_started; exit 130' INT TERM
bash tools/stack/stack.sh up --record "$started" redis mongo mosquitto kafka redis-eu redis-us kafka-outage ||
  { echo "the service stack did not start" >&2; exit 1; }

failed_steps=()
step() {
  local name=$1
  shift
  echo
  echo "=== $name"
  if ! "$@"; then
    failed_steps+=("$name")
  fi
}

step "format (prettier)" npx prettier --check . --log-level warn
step "protobuf code is current" bash libs/shared/proto/generate.sh --check
step "library READMEs mention their exports" node tools/workspace/check-readmes.mjs
step "lint, typecheck, build" npx nx run-many -t lint typecheck build --output-style=static
results=.cache/test-results.json
rm -f "$results"
step "unit, integration and e2e tests" npx jest -c jest.config.cjs --ci --maxWorkers=2 --json --outputFile="$results"

stop_started
echo
if [ ${#failed_steps[@]} -gt 0 ]; then
  printf 'failed steps: %s\n' "$(IFS=';'; echo "${failed_steps[*]}")"
fi
node tools/test/print-totals.cjs "$results" || failed_steps+=("test totals")
[ ${#failed_steps[@]} -eq 0 ]
