import { repoRoot } from '@gatehouse/shared-testing';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface DeployTools {
  helm: string;
  kubernetesValidate: string;
  composeSchema: string;
}

/** The first install builds helm from source: minutes on 2 cores. Later runs find everything cached. */
export const INSTALL_TIMEOUT_MS = 20 * 60_000;

/**
 * Installs (once, cached under .cache/deploy-tools) and locates helm, kubernetes-validate and the
 * Compose schema through tools/deploy/install-tools.sh, so a fresh machine gets them from npm test.
 */
export async function deployTools(): Promise<DeployTools> {
  const child = spawn('bash', [join(repoRoot(), 'tools', 'deploy', 'install-tools.sh')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`tools/deploy/install-tools.sh exited ${code}:\n${stderr}`);
  const paths = Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((line) => line.split('=', 2) as [string, string]),
  );
  return {
    helm: paths['HELM'],
    kubernetesValidate: paths['KUBERNETES_VALIDATE'],
    composeSchema: paths['COMPOSE_SCHEMA'],
  };
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (input on its stdin), with the deploy folder as cwd. */
export function run(command: string, args: string[], input?: string): CommandResult {
  const result = spawnSync(command, args, {
    cwd: join(repoRoot(), 'deploy'),
    input,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A Kubernetes object as rendered: only the fields the checks read are typed. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

/** The objects of a multi-document YAML stream, empty documents left out. */
export function parseManifests(text: string): Manifest[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null);
}

/** The text of a file under deploy/. */
export function deployFile(...path: string[]): string {
  return readFileSync(join(repoRoot(), 'deploy', ...path), 'utf8');
}
