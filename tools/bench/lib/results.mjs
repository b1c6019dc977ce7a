// The JSON result file that every benchmark writes to tools/bench/results.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

import { root } from './repo.mjs';

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown'; // not a git checkout
  }
}

/** The fields every result file opens with: numbers only compare for the same commit and machine. */
export function reportHeader(benchmark) {
  return {
    benchmark,
    date: new Date().toISOString(),
    commit: gitCommit(),
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
  };
}

/** Writes `report` as results/<benchmark>-<date>.json; returns the file's path. */
export function writeResult(report) {
  const outDir = join(root, 'tools/bench/results');
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, `${report.benchmark}-${report.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
  return outFile;
}
