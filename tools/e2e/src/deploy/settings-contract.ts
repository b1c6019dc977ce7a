import { repoRoot, temporaryDirectory } from '@gatehouse/shared-testing';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const configurationDocs = () => readFileSync(join(repoRoot(), 'docs', 'configuration.md'), 'utf8');

/**
 * GATEHOUSE_* variables that are no setting of their app: each must be documented in
 * docs/configuration.md itself, or be `<documented setting>_FILE` (the value from a file). An unknown
 * variable only earns a warning at start, so a typo here would silently leave a setting unset.
 */
export function undocumentedVariables(names: string[]): string[] {
  const docs = configurationDocs();
  const documented = (name: string) => docs.includes(`\`${name}\``);
  return names.filter(
    (name) => name.startsWith('GATEHOUSE_') && !documented(name) && !documented(name.replace(/_FILE$/, '')),
  );
}

/** The variable that sets each leaf of a gateway config file (tyk.conf): `slave_options.use_ssl` -> GATEHOUSE_GATEWAY_SLAVE_OPTIONS_USE_SSL. */
export function gatewayConfigVariables(
  config: Record<string, unknown>,
  prefix = 'GATEHOUSE_GATEWAY',
): string[] {
  return Object.entries(config).flatMap(([key, value]) => {
    const name = `${prefix}_${key.toUpperCase()}`;
    const nested = value !== null && typeof value === 'object' && !Array.isArray(value);
    return nested ? gatewayConfigVariables(value as Record<string, unknown>, name) : [name];
  });
}

/**
 * Runs a deployment's "@file:" splice script (the pumps' init step) with node on a template naming
 * a secret file; answers what it wrote and that file's mode.
 */
export function runSpliceScript(script: string): { written: unknown; mode: number } {
  const dir = temporaryDirectory('gatehouse-splice-');
  const token = join(dir, 'node-token');
  writeFileSync(token, 'a "quoted" token\n');
  const template = join(dir, 'template.json');
  writeFileSync(template, JSON.stringify({ sink: { meta: { api_key: `@file:${token}`, group_id: 'eu' } } }));
  const out = join(dir, 'out.json');
  const result = spawnSync(process.execPath, ['-e', script, template, out], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`the splice script failed: ${result.stderr}`);
  return { written: JSON.parse(readFileSync(out, 'utf8')), mode: statSync(out).mode & 0o777 };
}

/** What runSpliceScript's template becomes when the script works. */
export const SPLICED = { sink: { meta: { api_key: 'a "quoted" token', group_id: 'eu' } } };
