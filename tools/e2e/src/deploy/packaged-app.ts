import { repoRoot, StartedProcess, startProcess, temporaryDirectory } from '@gatehouse/shared-testing';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import type { AppName } from '../app-process';

/**
 * The user the images run as (deploy/docker/*.Dockerfile: `USER 10001:10001`). A test running as root
 * starts the apps as this user, so root's permission to write anywhere cannot hide a write the image
 * would refuse; any other user runs them as itself (it cannot switch), bound by the same permissions.
 */
export const IMAGE_USER = 10001;

const runAsImageUser = () => process.getuid?.() === 0;

/**
 * Runs tools/release/package.sh --no-build for `app` (the e2e suite runs the built bundles), writing its
 * tree into `folder`.
 */
async function packageApp(app: AppName, folder: string): Promise<void> {
  const script = join(repoRoot(), 'tools', 'release', 'package.sh');
  const child = spawn('bash', [script, '--no-build', app, folder], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`tools/release/package.sh ${app} exited ${code}:\n${output}`);
}

/** Makes `dir` and everything in it read-only (or writable again, for removal), as an image layer is. */
export function setReadOnly(dir: string, readOnly: boolean): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isSymbolicLink()) continue;
    chmodSync(path, entry.isDirectory() ? (readOnly ? 0o555 : 0o755) : readOnly ? 0o444 : 0o644);
  }
  chmodSync(dir, readOnly ? 0o555 : 0o755);
}

/**
 * Packages `app` into a fresh folder outside the repository and makes it read-only, as an image layer
 * is; proves that no folder above it holds a node_modules, so a package missing from the tree fails to
 * load instead of being found in the workspace's.
 */
export async function packageOutsideRepository(app: AppName): Promise<string> {
  const parent = temporaryDirectory(`gatehouse-packaged-${app}-`);
  chmodSync(parent, 0o755);
  const dir = join(parent, app);
  if (!relative(repoRoot(), dir).startsWith('..')) throw new Error(`${dir} is inside the repository`);
  for (let above = parent; ; above = dirname(above)) {
    if (existsSync(join(above, 'node_modules'))) throw new Error(`${above}/node_modules would be used`);
    if (dirname(above) === above) break;
  }
  await packageApp(app, dir);
  setReadOnly(dir, true);
  return dir;
}

/**
 * Starts `node main.js` (or node with `args`) in `dir` with `env` as its whole environment (no
 * NODE_PATH), as the image user when the test runs as root. Output is kept for assertions and failures.
 */
export function startPackagedApp(
  dir: string,
  env: Record<string, string>,
  args = ['main.js'],
): StartedProcess {
  const user = runAsImageUser() ? { uid: IMAGE_USER, gid: IMAGE_USER } : {};
  return startProcess(
    process.execPath,
    args,
    { PATH: dirname(process.execPath), TMPDIR: '/tmp', ...env },
    { cwd: dir, ...user },
  );
}

/** The process's resident set size in MiB, from /proc (Linux). */
export function residentMebibytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'));
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Math.round(Number(line.split(/\s+/)[1]) / 1024);
}

/** Every file and folder under `dir` with its mode, modification time and content hash, to compare later. */
export function fileFingerprints(dir: string): Record<string, string> {
  const fingerprints: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    const stats = statSync(path);
    const content = entry.isFile() ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'folder';
    fingerprints[relative(dir, path)] = `${stats.mode.toString(8)} ${stats.mtimeMs} ${content}`;
  }
  return fingerprints;
}
