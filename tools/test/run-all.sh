#!/usr/bin/env bash
# `npm test`: everything a change must pass, from a fresh clone. Installs what is missing, starts the real
# services (tools/stack), runs format, proto, lint, typecheck and build checks, then every unit,
# integration and end-to-end spec in one Jest run, stops the services it started, and ends with one line
# of totals: `N passed, N failed[, N skipped]`. Exits non-zero if any step failed.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
export TZ=UTC NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false

bash tools/workspace/ensure-deps.sh || exit 1

stack_was_up=false
[ -f .cache/stack/run/stack.json ] && stack_was_up=true
bash tools/stack/stack.sh up redis mongo mosquitto kafka redis-eu redis-us kafka-outage || { echo "the service stack did not start" >&2; exit 1; }
if [ "$stack_was_up" = false ]; then
  trap 'bash tools/stack/stack.sh down' EXIT
fi

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
step "lint, typecheck, build" npx nx run-many -t lint typecheck build --output-style=static
results=.cache/test-results.json
rm -f "$results"
step "unit, integration and e2e tests" npx jest -c jest.config.cjs --ci --maxWorkers=2 --json --outputFile="$results"

echo
if [ ${#failed_steps[@]} -gt 0 ]; then
  printf 'failed steps: %s\n' "$(IFS=';'; echo "${failed_steps[*]}")"
fi
node tools/test/print-totals.cjs "$results" || failed_steps+=("test totals")
[ ${#failed_steps[@]} -eq 0 ]
