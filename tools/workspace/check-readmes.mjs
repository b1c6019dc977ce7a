#!/usr/bin/env node
// Every library's README must mention every name its public API (src/index.ts) exports, so a README
// cannot silently go stale when code moves: `node tools/workspace/check-readmes.mjs` (run by npm test).
// Prints each README's missing names and exits 1 if any are missing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DECLARATION =
  /^export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:class|function\*?|const|let|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm;
const NAMED = /^export\s+(?:type\s+)?\{([^}]*)\}(?:\s+from\s+'([^']+)')?/gm;
const STAR = /^export\s+\*\s+from\s+'([^']+)'/gm;

function sourceOf(fromFile, specifier) {
  const base = resolve(dirname(fromFile), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) if (existsSync(candidate)) return candidate;
  return undefined;
}

/** The names a module exports, following `export *` and `export { … } from` into our own files. */
function exportedNames(file, seen = new Set()) {
  if (seen.has(file)) return [];
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  const names = [...text.matchAll(DECLARATION)].map((match) => match[1]);
  for (const match of text.matchAll(NAMED)) {
    for (const part of match[1].split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.replace(/^type\s+/, '')
        .trim();
      if (name) names.push(name);
    }
  }
  for (const match of text.matchAll(STAR)) {
    const target = sourceOf(file, match[1]);
    if (target) names.push(...exportedNames(target, seen));
  }
  return names;
}

function libraries() {
  const found = [];
  for (const scope of readdirSync(join(root, 'libs'))) {
    for (const name of readdirSync(join(root, 'libs', scope))) {
      const dir = join(root, 'libs', scope, name);
      if (existsSync(join(dir, 'src', 'index.ts'))) found.push(dir);
    }
  }
  return found;
}

let failures = 0;
for (const dir of libraries()) {
  const readmePath = join(dir, 'README.md');
  const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : '';
  const names = [...new Set(exportedNames(join(dir, 'src', 'index.ts')))].sort();
  const missing = names.filter((name) => !new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`).test(readme));
  if (missing.length > 0) {
    failures++;
    console.log(`${relative(root, readmePath)} does not mention: ${missing.join(', ')}`);
  }
}
if (failures > 0) {
  console.log(`${failures} library README(s) are missing names their index.ts exports`);
  process.exit(1);
}
console.log('every library README mentions everything its index.ts exports');
