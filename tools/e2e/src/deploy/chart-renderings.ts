// The Helm chart's renderings and what the chart specs read out of them (helm-chart*.e2e-spec.ts).
import { DeployTools, Manifest, parseManifests, run } from './deploy-tools';
import { byKind, gatehouseDeployments, PodSpec, podSpecOf, secretBehind } from './pod-specs';

export const CHART = 'helm/gatehouse';
export const PRODUCTION = ['-f', `${CHART}/values-production.yaml`];
/** kubernetes-validate has no schema for the Prometheus Operator's CRD: ServiceMonitors are checked below. */
export const NO_SERVICE_MONITORS = ['--set', 'metrics.serviceMonitor.enabled=false'];
export const A_REGION = [
  '--set',
  'region.enabled=true',
  '--set',
  'region.nodeToken=test-token',
  '--set',
  'region.orgId=org-1',
];

export const RENDERINGS: Record<string, string[]> = {
  defaults: [],
  'defaults with a region': A_REGION,
  'defaults with a region, plaintext': [...A_REGION, '--set', 'tls.enabled=false'],
  'a region alone, its bridges elsewhere': [...A_REGION, '--set', 'controlPlane.enabled=false'],
  production: [...PRODUCTION, ...NO_SERVICE_MONITORS],
  'production, one region alone': [
    ...PRODUCTION,
    ...NO_SERVICE_MONITORS,
    '--set',
    'controlPlane.enabled=false',
  ],
  'production with an HTTPS dashboard': [
    ...PRODUCTION,
    ...NO_SERVICE_MONITORS,
    '--set',
    'controlPlane.dashboard.tls.secretName=gatehouse-dashboard-tls',
  ],
};

export interface EnvVar {
  name: string;
  value?: string;
}

export type SecretManifest = Manifest & { type?: string; data?: Record<string, string> };
export type BridgeTlsOptions = Record<string, string | boolean>;

export const RELEASE_NAMESPACE = 'gatehouse-test';

/** A key of a Secret the chart rendered with `data`, decoded. */
export function secretText(manifests: Manifest[], name: string, key: string): string {
  const secret = byKind(manifests, 'Secret').find((m) => m.metadata.name === name) as
    SecretManifest | undefined;
  const value = secret?.data?.[key];
  if (value === undefined) throw new Error(`no ${key} in Secret ${name}`);
  return Buffer.from(value, 'base64').toString('utf8');
}

export function podOf(manifests: Manifest[], name: string): PodSpec {
  const deployment = gatehouseDeployments(manifests).find((d) => d.metadata.name === name);
  if (!deployment) throw new Error(`no Deployment ${name}`);
  return podSpecOf(deployment);
}

export function configOf(manifests: Manifest[], name: string, key: string) {
  return JSON.parse(
    byKind(manifests, 'ConfigMap').find((m) => m.metadata.name === name)?.data?.[key] ?? '{}',
  );
}

/** The bridge TLS settings of the gateways (slave_options) and the regional pump's bridge sink (meta). */
export function regionTlsOptions(manifests: Manifest[]): [string, BridgeTlsOptions][] {
  return [
    ['gatehouse-gateway', configOf(manifests, 'gatehouse-gateway', 'gateway.json').slave_options],
    ['gatehouse-region-pump', configOf(manifests, 'gatehouse-region-pump', 'sinks.json').control_plane.meta],
  ];
}

/** Where the bridge's TLS settings and the region's come from: `secret:<name>/<key>` per file. */
export function tlsSources(manifests: Manifest[]) {
  const from = (pod: PodSpec, path: unknown) =>
    typeof path === 'string' ? secretBehind(pod, pod.containers[0], path) : undefined;
  const sources: Record<string, Record<string, string | undefined>> = {};
  if (gatehouseDeployments(manifests).some((d) => d.metadata.name === 'gatehouse-bridge')) {
    const bridge = podOf(manifests, 'gatehouse-bridge');
    const env = Object.fromEntries((bridge.containers[0].env ?? []).map((v: EnvVar) => [v.name, v.value]));
    sources['gatehouse-bridge'] = {
      cert: from(bridge, env['GATEHOUSE_BRIDGE_GRPC_TLS_CERT_FILE']),
      key: from(bridge, env['GATEHOUSE_BRIDGE_GRPC_TLS_KEY_FILE']),
      clientCa: from(bridge, env['GATEHOUSE_BRIDGE_GRPC_TLS_CLIENT_CA_FILE']),
    };
  }
  for (const [name, options] of regionTlsOptions(manifests)) {
    const pod = podOf(manifests, name);
    sources[name] = {
      ca: from(pod, options.ca_file),
      cert: from(pod, options.cert_file),
      key: from(pod, options.key_file),
    };
  }
  return sources;
}

/** `helm template` of the chart for Kubernetes 1.31 with `args`, parsed; throws with helm's message. */
export function renderChart(tools: DeployTools, args: string[]): Manifest[] {
  const result = run(tools.helm, ['template', 'gatehouse', CHART, '--kube-version', '1.31.0', ...args]);
  if (result.code !== 0) throw new Error(`helm template ${args.join(' ')} failed:\n${result.stderr}`);
  return parseManifests(result.stdout);
}
