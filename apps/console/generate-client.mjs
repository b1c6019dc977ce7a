#!/usr/bin/env node
// Generates the console's API types from the committed OpenAPI document, so the console cannot drift from the
// dashboard API. `--check` exits 1 when the committed types differ from a fresh generation (npm test runs it).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const documentPath = join(root, 'docs/openapi/dashboard.json');
const target = join(root, 'apps/console/src/api/generated/dashboard-api.d.ts');

const document = JSON.parse(readFileSync(documentPath, 'utf8'));
const header = `// Generated from ${relative(root, documentPath)} by apps/console/generate-client.mjs; do not edit.\n`;
const source = header + astToString(await openapiTS(document, { alphabetize: true }));
const formatted = await prettier.format(source, {
  ...(await prettier.resolveConfig(target)),
  filepath: target,
});

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // A missing file is stale too.
  }
  if (committed !== formatted) {
    console.error(`${relative(root, target)} is stale: run \`node apps/console/generate-client.mjs\``);
    process.exit(1);
  }
} else {
  writeFileSync(target, formatted);
  console.log(`wrote ${relative(root, target)}`);
}
