#!/usr/bin/env bash
# Creates an application skeleton: tools/workspace/new-app.sh <name> "<one-line purpose>"
# Tags it scope:<name> type:app and gives it build (webpack + tsc), typecheck, lint, test and serve targets.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=project-files.sh
source "$ROOT/tools/workspace/project-files.sh"
[ $# -eq 2 ] || { echo "usage: $0 <name> \"<purpose>\"" >&2; exit 2; }
name=$1 purpose=$2
dir="$ROOT/apps/$name"
[ -e "$dir" ] && { echo "apps/$name exists" >&2; exit 1; }
mkdir -p "$dir/src/app"
cd "$dir"
cat >project.json <<JSON
{
  "name": "$name",
  "\$schema": "../../node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "apps/$name/src",
  "projectType": "application",
  "tags": ["scope:$name", "type:app"],
  "targets": {
    "build": {},
    "typecheck": {},
    "serve": {
      "executor": "nx:run-commands",
      "dependsOn": ["build"],
      "options": { "command": "node dist/apps/$name/main.js" }
    }
  }
}
JSON
write_project_files ../.. "$name" "$name" "$purpose"
cat >tsconfig.app.json <<'JSON'
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "types": ["node"] },
  "include": ["src/**/*.ts"],
  "exclude": ["src/**/*.spec.ts", "src/**/*.int-spec.ts", "src/**/*.spec-helper.ts"]
}
JSON
cat >webpack.config.cjs <<JSON
const nodeAppConfig = require('../../tools/webpack/node-app.cjs');

module.exports = nodeAppConfig({ app: '$name' });
JSON
echo "created apps/$name"
