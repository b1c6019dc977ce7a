import { repoRoot, SYSTEM_PATH, temporaryDirectory } from '@gatehouse/shared-testing';
import { spawn } from 'node:child_process';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CommandResult, Manifest, parseManifests } from './deploy-tools';

/** The API groups and kinds the chart renders: enough discovery for helm to map and look them up. */
const RESOURCES: Record<string, [plural: string, kind: string][]> = {
  v1: [
    ['secrets', 'Secret'],
    ['configmaps', 'ConfigMap'],
    ['services', 'Service'],
  ],
  'apps/v1': [
    ['deployments', 'Deployment'],
    ['statefulsets', 'StatefulSet'],
  ],
  'networking.k8s.io/v1': [['networkpolicies', 'NetworkPolicy']],
  'policy/v1': [['poddisruptionbudgets', 'PodDisruptionBudget']],
  'autoscaling/v2': [['horizontalpodautoscalers', 'HorizontalPodAutoscaler']],
};

export interface FakeKubeApi {
  /** Runs helm against this API server (its own HOME, so its discovery cache is its own). */
  helm(helm: string, args: string[]): Promise<CommandResult>;
  close(): Promise<void>;
}

/**
 * A Kubernetes API server of the least helm needs for `helm install --dry-run=server`, which is how the
 * chart's `lookup` calls can be tried without a cluster: version and discovery for the chart's kinds,
 * and GET of one object, answered from `secrets` (Secrets a release of `release` in `namespace` holds,
 * as helm rendered them) or 404. Nothing is ever written.
 */
export async function startFakeKubeApi(
  secrets: Manifest[],
  release: string,
  namespace: string,
): Promise<FakeKubeApi> {
  const stored = new Map(
    secrets.map((secret) => [secret.metadata.name, asStored(secret, release, namespace)]),
  );
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const send = (code: number, body: unknown) => {
      response.writeHead(code, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method !== 'GET') return send(405, status(405, 'MethodNotAllowed'));
    if (path === '/version') return send(200, { major: '1', minor: '31', gitVersion: 'v1.31.0' });
    if (path === '/api') return send(200, { kind: 'APIVersions', versions: ['v1'] });
    if (path === '/apis') {
      const groups = Object.keys(RESOURCES)
        .filter((groupVersion) => groupVersion.includes('/'))
        .map((groupVersion) => {
          const [name, version] = groupVersion.split('/');
          const preferred = { groupVersion, version };
          return { name, versions: [preferred], preferredVersion: preferred };
        });
      return send(200, { kind: 'APIGroupList', apiVersion: 'v1', groups });
    }
    const discovery = /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))$/.exec(path);
    if (discovery) {
      const groupVersion = discovery[1] ?? discovery[2];
      const resources = (RESOURCES[groupVersion] ?? []).map(([name, kind]) => ({
        name,
        singularName: kind.toLowerCase(),
        namespaced: true,
        kind,
        verbs: ['get', 'list', 'create', 'update', 'patch', 'delete'],
      }));
      return send(200, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources });
    }
    const secret = /^\/api\/v1\/namespaces\/([^/]+)\/secrets\/([^/]+)$/.exec(path);
    const found = secret && secret[1] === namespace ? stored.get(secret[2]) : undefined;
    return found ? send(200, found) : send(404, status(404, 'NotFound'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const home = temporaryDirectory('gatehouse-fake-kube-');
  const kubeconfig = join(home, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{ name: fake, cluster: { server: "http://127.0.0.1:${port}" } }]`,
      'users: [{ name: fake, user: {} }]',
      `contexts: [{ name: fake, context: { cluster: fake, user: fake, namespace: ${namespace} } }]`,
      'current-context: fake',
      '',
    ].join('\n'),
  );
  return {
    helm: (helm, args) => runAsync(helm, args, { HOME: home, KUBECONFIG: kubeconfig }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A rendered Secret as the API server would answer it: data only, owned by the release. */
function asStored(secret: Manifest, release: string, namespace: string): Manifest {
  const { stringData, data, ...rest } = secret as Manifest & { stringData?: Record<string, string> };
  const encoded = Object.fromEntries(
    Object.entries(stringData ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
  );
  return {
    ...rest,
    metadata: {
      ...secret.metadata,
      namespace,
      annotations: {
        ...(secret.metadata as { annotations?: Record<string, string> }).annotations,
        'meta.helm.sh/release-name': release,
        'meta.helm.sh/release-namespace': namespace,
      },
    } as Manifest['metadata'],
    data: { ...data, ...encoded },
  };
}

const status = (code: number, reason: string) => ({
  kind: 'Status',
  apiVersion: 'v1',
  status: 'Failure',
  reason,
  code,
});

/** Runs a command to completion without blocking the event loop (the fake API server answers on it). */
function runAsync(command: string, args: string[], env: Record<string, string>): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: join(repoRoot(), 'deploy'),
      env: { PATH: SYSTEM_PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), 60_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** What `helm install --dry-run=server -o json` answers: the objects and the rendered NOTES.txt. */
export function parseDryRun(stdout: string): { manifests: Manifest[]; notes: string } {
  const release = JSON.parse(stdout) as { manifest: string; info: { notes?: string } };
  return { manifests: parseManifests(release.manifest), notes: release.info.notes ?? '' };
}
