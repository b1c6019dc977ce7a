#!/usr/bin/env bash
# Creates a library skeleton: tools/workspace/new-lib.sh <scope> <name> <type> "<one-line purpose>"
#   scope: shared | dashboard | bridge | gateway | pump
#   type:  feature | data-access | domain | util | proto | testing
# Adds the @gatehouse/<scope>-<name> path alias, tags, lint/test/typecheck targets and a README.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=project-files.sh
source "$ROOT/tools/workspace/project-files.sh"
[ $# -eq 4 ] || { echo "usage: $0 <scope> <name> <type> \"<purpose>\"" >&2; exit 2; }
scope=$1 name=$2 type=$3 purpose=$4
dir="libs/$scope/$name"
alias="@gatehouse/$scope-$name"
[ "$scope" = shared ] && alias="@gatehouse/shared-$name"
[ -e "$ROOT/$dir" ] && { echo "$dir exists" >&2; exit 1; }
mkdir -p "$ROOT/$dir/src/lib"
cd "$ROOT/$dir"
cat >project.json <<JSON
{
  "name": "$scope-$name",
  "\$schema": "../../../node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "library",
  "tags": ["scope:$scope", "type:$type"],
  "targets": {
    "typecheck": {}
  }
}
JSON
write_project_files ../../.. "$scope-$name" "$alias" "$purpose"
echo "export {};" >src/index.ts
node -e '
const fs=require("fs"),p=process.argv[1]+"/tsconfig.base.json",c=JSON.parse(fs.readFileSync(p,"utf8"));
c.compilerOptions.paths[process.argv[2]]=[process.argv[3]+"/src/index.ts"];
c.compilerOptions.paths=Object.fromEntries(Object.entries(c.compilerOptions.paths).sort());
fs.writeFileSync(p,JSON.stringify(c,null,2)+"\n");' "$ROOT" "$alias" "$dir"
npx --no-install prettier --write "$ROOT/tsconfig.base.json" --log-level warn
echo "created $dir ($alias)"
