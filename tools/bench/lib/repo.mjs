// Where the repository and its built apps are, and building those apps with Nx.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { log } from './log.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const appBundle = (app) => join(root, 'dist/apps', app, 'main.js');

/** Builds `apps`; with `rebuild` false, bundles that are already in dist are used as they are. */
export function buildApps(apps, { rebuild = true, timeoutMs } = {}) {
  if (!rebuild && apps.every((app) => existsSync(appBundle(app)))) return;
  log(`building ${new Intl.ListFormat('en-GB').format(apps)}`);
  execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', ...apps, '--output-style=static'], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, NX_DAEMON: 'false' },
    timeout: timeoutMs,
  });
}
