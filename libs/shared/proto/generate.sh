#!/usr/bin/env bash
# Regenerates the ts-proto interfaces from the .proto files. `generate.sh --check` fails when the
# committed output differs from a fresh generation, so protos and code never drift apart.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
BUF=../../../node_modules/.bin/buf

# ts-proto and its NestJS output type three things as 'any': the decode-depth counter it hangs on a
# reader, enum fromJSON arguments and method descriptors. The project allows no 'any', so they are
# rewritten to precise types; the behaviour is ts-proto's.
tighten_types() {
  local file
  while IFS= read -r file; do
    sed -i -E \
      -e 's/\(reader as any\)\.__tsProtoDecodeDepth/(reader as DepthCountedReader).__tsProtoDecodeDepth/g' \
      -e 's/FromJSON\(object: any\)/FromJSON(object: unknown)/g' \
      -e 's/const descriptor: any = (Reflect\.getOwnPropertyDescriptor\(constructor\.prototype, method\));/const descriptor = \1 as PropertyDescriptor;/' \
      "$file"
    if grep -q DepthCountedReader "$file"; then
      printf '\n/** A reader with the decode-depth counter ts-proto keeps on it. */\ntype DepthCountedReader = BinaryReader & { __tsProtoDecodeDepth?: number };\n' >>"$file"
    fi
  done < <(find "$1" -name '*.ts')
}
"$BUF" lint
if [ "${1:-}" = "--check" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  "$BUF" generate --template buf.gen.yaml --output "$tmp"
  tighten_types "$tmp/src/generated"
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
tighten_types src/generated
npx prettier --log-level warn --write src/generated >/dev/null
echo "generated into $(pwd)/src/generated"
