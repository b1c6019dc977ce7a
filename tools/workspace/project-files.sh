#!/usr/bin/env bash
# Files every project has, whatever its kind. Sourced by new-lib.sh and new-app.sh.
# write_project_files <relative path back to the root, e.g. ../..> <jest display name> <purpose title> <purpose>
write_project_files() {
  local up=$1 name=$2 title=$3 purpose=$4
  cat >tsconfig.json <<JSON
{
  "extends": "$up/tsconfig.base.json",
  "compilerOptions": { "types": ["node", "jest"] },
  "include": ["src/**/*.ts"]
}
JSON
  cat >tsconfig.spec.json <<'JSON'
{
  "extends": "./tsconfig.json",
  "compilerOptions": { "isolatedModules": true },
  "include": ["src/**/*.ts"]
}
JSON
  cat >jest.config.cjs <<JSON
module.exports = {
  displayName: '$name',
  preset: '$up/jest.preset.cjs',
  rootDir: __dirname,
};
JSON
  cat >eslint.config.mjs <<JSON
import baseConfig from '$up/eslint.config.mjs';

export default [...baseConfig];
JSON
  printf '# %s\n\n%s\n' "$title" "$purpose" >README.md
}
