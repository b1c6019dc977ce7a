#!/usr/bin/env bash
# Regenerates the ts-proto interfaces from the .proto files. `generate.sh --check` fails when the
# committed output differs from a fresh generation, so protos and code never drift apart.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
BUF=../../../node_modules/.bin/buf
"$BUF" lint
if [ "${1:-}" = "--check" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  "$BUF" generate --template buf.gen.yaml --output "$tmp"
  npx prettier --config ../../../.prettierrc --log-level warn --write "$tmp/src/generated" >/dev/null
  if ! diff -r "$tmp/src/generated" src/generated; then
    echo "generated protobuf code is stale: run 'npm run proto:generate' and commit the result" >&2
    exit 1
  fi
  echo "generated protobuf code is current"
  exit 0
fi
rm -rf src/generated
"$BUF" generate --template buf.gen.yaml
npx prettier --log-level warn --write src/generated >/dev/null
echo "generated into $(pwd)/src/generated"
