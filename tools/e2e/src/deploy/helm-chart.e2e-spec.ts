import { DeployTools, deployTools, INSTALL_TIMEOUT_MS, Manifest, parseManifests, run } from './deploy-tools';
import { FakeKubeApi, parseDryRun, startFakeKubeApi } from './fake-kube-api';
import {
  byKind,
  filePathsOf,
  filesNamedIn,
  gatehouseDeployments,
  PodSpec,
  podSpecOf,
  secretBehind,
  unmountedReason,
} from './pod-specs';
import { gatewayConfigVariables, runSpliceScript, SPLICED, undocumentedVariables } from './settings-contract';
import { certificateFacts, mutualTlsHandshake } from './tls-check';

const CHART = 'helm/gatehouse';
const PRODUCTION = ['-f', `${CHART}/values-production.yaml`];
/** kubernetes-validate has no schema for the Prometheus Operator's CRD: ServiceMonitors are checked below. */
const NO_SERVICE_MONITORS = ['--set', 'metrics.serviceMonitor.enabled=false'];
const A_REGION = [
  '--set',
  'region.enabled=true',
  '--set',
  'region.nodeToken=test-token',
  '--set',
  'region.orgId=org-1',
];

const RENDERINGS: Record<string, string[]> = {
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

interface EnvVar {
  name: string;
  value?: string;
}

type SecretManifest = Manifest & { type?: string; data?: Record<string, string> };
type BridgeTlsOptions = Record<string, string | boolean>;

const RELEASE_NAMESPACE = 'gatehouse-test';

/** A key of a Secret the chart rendered with `data`, decoded. */
function secretText(manifests: Manifest[], name: string, key: string): string {
  const secret = byKind(manifests, 'Secret').find((m) => m.metadata.name === name) as
    SecretManifest | undefined;
  const value = secret?.data?.[key];
  if (value === undefined) throw new Error(`no ${key} in Secret ${name}`);
  return Buffer.from(value, 'base64').toString('utf8');
}

function podOf(manifests: Manifest[], name: string): PodSpec {
  const deployment = gatehouseDeployments(manifests).find((d) => d.metadata.name === name);
  if (!deployment) throw new Error(`no Deployment ${name}`);
  return podSpecOf(deployment);
}

function configOf(manifests: Manifest[], name: string, key: string) {
  return JSON.parse(
    byKind(manifests, 'ConfigMap').find((m) => m.metadata.name === name)?.data?.[key] ?? '{}',
  );
}

/** The bridge TLS settings of the gateways (slave_options) and the regional pump's bridge sink (meta). */
function regionTlsOptions(manifests: Manifest[]): [string, BridgeTlsOptions][] {
  return [
    ['gatehouse-gateway', configOf(manifests, 'gatehouse-gateway', 'gateway.json').slave_options],
    ['gatehouse-region-pump', configOf(manifests, 'gatehouse-region-pump', 'sinks.json').control_plane.meta],
  ];
}

/** Where the bridge's TLS settings and the region's come from: `secret:<name>/<key>` per file. */
function tlsSources(manifests: Manifest[]) {
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

/**
 * deploy/helm/gatehouse, offline: helm lint, helm template for Kubernetes 1.31 with the default and the
 * production values validated by kubernetes-validate --strict, and what a schema cannot see (secrets
 * mounted where the settings point, hardening, availability, documented settings).
 */
describe('the Helm chart', () => {
  let tools: DeployTools;

  beforeAll(async () => {
    tools = await deployTools();
  }, INSTALL_TIMEOUT_MS);

  function render(args: string[]): Manifest[] {
    const result = run(tools.helm, ['template', 'gatehouse', CHART, '--kube-version', '1.31.0', ...args]);
    if (result.code !== 0) throw new Error(`helm template ${args.join(' ')} failed:\n${result.stderr}`);
    return parseManifests(result.stdout);
  }

  it.each([
    ['defaults', []],
    ['production', PRODUCTION],
  ])('passes helm lint --strict with the %s', (_, args) => {
    const result = run(tools.helm, ['lint', '--strict', CHART, ...args]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it.each(Object.entries(RENDERINGS))('renders the %s as valid Kubernetes 1.31 objects', (_, args) => {
    const rendered = run(tools.helm, ['template', 'gatehouse', CHART, '--kube-version', '1.31.0', ...args]);
    expect(rendered.code).toBe(0);
    const validated = run(tools.kubernetesValidate, ['-k', '1.31', '--strict', '-'], rendered.stdout);
    const lines = validated.stdout.trim().split('\n');
    expect(lines.filter((line) => !line.startsWith('INFO'))).toEqual([]);
    // Every object met a schema: kubernetes-validate only warns (exit 0) about kinds it does not know.
    expect(lines.filter((line) => line.includes('passed for resource'))).toHaveLength(
      parseManifests(rendered.stdout).length,
    );
    expect(validated.code).toBe(0);
  });

  it.each(Object.entries(RENDERINGS))('mounts every file a setting names (%s)', (_, args) => {
    for (const workload of gatehouseDeployments(render(args))) {
      const pod = podSpecOf(workload);
      for (const container of [...pod.containers, ...(pod.initContainers ?? [])])
        for (const { variable, path } of filePathsOf(container))
          expect({ variable, problem: unmountedReason(pod, container, path) }).toEqual({ variable });
    }
  });

  it('sets only documented settings, in the environment and in the gateway config file', () => {
    const manifests = Object.values(RENDERINGS).flatMap(render);
    const names = gatehouseDeployments(manifests).flatMap((deployment) =>
      podSpecOf(deployment).containers.flatMap((container) =>
        (container.env ?? []).map((v: EnvVar) => v.name),
      ),
    );
    expect(names.length).toBeGreaterThan(20);
    const gatewayConfigs = byKind(manifests, 'ConfigMap').filter((map) => map.data?.['gateway.json']);
    const configNames = gatewayConfigs.flatMap((map) =>
      gatewayConfigVariables(JSON.parse(map.data?.['gateway.json'] ?? '{}')),
    );
    expect(configNames).toContain('GATEHOUSE_GATEWAY_SLAVE_OPTIONS_USE_SSL');
    expect(undocumentedVariables([...new Set([...names, ...configNames])])).toEqual([]);
  });

  describe('production values', () => {
    let manifests: Manifest[];
    beforeAll(() => (manifests = render([...PRODUCTION, ...NO_SERVICE_MONITORS])));

    it('runs every component hardened: non-root, read-only root, no capabilities, RuntimeDefault seccomp', () => {
      const deployments = gatehouseDeployments(manifests);
      expect(
        deployments.map((deployment) => deployment.metadata.labels?.['app.kubernetes.io/component']).sort(),
      ).toEqual(['bridge', 'central-pump', 'dashboard', 'gateway', 'region-pump']);
      for (const deployment of deployments) {
        const pod = podSpecOf(deployment);
        expect(pod.securityContext).toMatchObject({
          runAsNonRoot: true,
          seccompProfile: { type: 'RuntimeDefault' },
        });
        for (const container of [...pod.containers, ...(pod.initContainers ?? [])])
          expect(container.securityContext).toMatchObject({
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
          });
        const app = pod.containers[0];
        expect(app.volumeMounts).toContainEqual(expect.objectContaining({ mountPath: '/tmp', name: 'tmp' }));
        expect(pod.volumes).toContainEqual(
          expect.objectContaining({ name: 'tmp', emptyDir: expect.anything() }),
        );
        expect(app.readinessProbe?.httpGet?.path).toBe('/health');
        expect(app.livenessProbe?.httpGet).toBeDefined();
        expect(app.resources?.requests?.memory).toMatch(/Mi$/);
        expect(app.resources?.limits?.memory).toMatch(/Mi$/);
      }
    });

    it('keeps two or more of everything, across zones, behind disruption budgets; gateways autoscale', () => {
      const hpa = byKind(manifests, 'HorizontalPodAutoscaler');
      expect(hpa.map((h) => h.spec?.['scaleTargetRef'])).toEqual([
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'gatehouse-gateway' },
      ]);
      expect(hpa[0].spec?.['minReplicas']).toBeGreaterThanOrEqual(2);
      const budgets = byKind(manifests, 'PodDisruptionBudget').map((pdb) => pdb.metadata.name);
      for (const deployment of gatehouseDeployments(manifests)) {
        const { name } = deployment.metadata;
        // No replicas field: the HPA checked above owns the count.
        const replicas = (deployment.spec?.['replicas'] as number | undefined) ?? 2;
        expect({ name, atLeastTwo: replicas >= 2, budget: budgets.includes(name) }).toEqual({
          name,
          atLeastTwo: true,
          budget: true,
        });
        const pod = podSpecOf(deployment);
        expect(pod.topologySpreadConstraints?.map((c) => c.topologyKey)).toEqual([
          'topology.kubernetes.io/zone',
        ]);
        expect(pod.affinity).toHaveProperty('podAntiAffinity');
      }
    });

    it('speaks TLS between regions and bridges, and HTTPS on the gateways, with no Secret values in the chart', () => {
      const env = (name: string) =>
        gatehouseDeployments(manifests)
          .filter((deployment) => deployment.metadata.name === name)
          .flatMap((deployment) => podSpecOf(deployment).containers[0].env ?? [])
          .map((variable: EnvVar) => variable.name);
      expect(env('gatehouse-bridge')).toEqual(
        expect.arrayContaining([
          'GATEHOUSE_BRIDGE_GRPC_TLS_CERT_FILE',
          'GATEHOUSE_BRIDGE_GRPC_TLS_KEY_FILE',
          'GATEHOUSE_BRIDGE_GRPC_TLS_CLIENT_CA_FILE',
        ]),
      );
      expect(env('gatehouse-bridge')).not.toContain('GATEHOUSE_BRIDGE_GRPC_ALLOW_INSECURE');
      const config = JSON.parse(
        byKind(manifests, 'ConfigMap').find((m) => m.data?.['gateway.json'])?.data?.['gateway.json'] ?? '',
      );
      expect(config.slave_options).toMatchObject({ use_ssl: true, allow_insecure_bridge: false });
      expect(config.http_server_options).toMatchObject({ use_ssl: true });
      const sinks = JSON.parse(
        byKind(manifests, 'ConfigMap').find((m) => m.data?.['sinks.json']?.includes('hybrid'))?.data?.[
          'sinks.json'
        ] ?? '',
      );
      expect(sinks.control_plane.meta).toMatchObject({
        use_ssl: true,
        api_key: '@file:/etc/gatehouse/secrets/node-token',
      });
      expect(byKind(manifests, 'Secret')).toEqual([]);
    });

    it('mounts every file the gateways tyk.conf and the regional pumps sinks name', () => {
      const configOf = (name: string, key: string) =>
        JSON.parse(byKind(manifests, 'ConfigMap').find((m) => m.metadata.name === name)?.data?.[key] ?? '{}');
      const checks: [string, unknown][] = [
        ['gatehouse-gateway', configOf('gatehouse-gateway', 'gateway.json')],
        ['gatehouse-region-pump', configOf('gatehouse-region-pump', 'sinks.json')],
      ];
      for (const [name, config] of checks) {
        const deployment = gatehouseDeployments(manifests).find((d) => d.metadata.name === name);
        const pod = deployment ? podSpecOf(deployment) : { containers: [] };
        const paths = filesNamedIn(config);
        expect(paths.length).toBeGreaterThanOrEqual(3);
        for (const path of paths)
          expect({ name, path, problem: unmountedReason(pod, pod.containers[0], path) }).toEqual({
            name,
            path,
          });
      }
    });

    it('takes the TLS Secrets the values name, as before', () => {
      const client = {
        ca: 'secret:gatehouse-bridge-ca/ca.crt',
        cert: 'secret:gatehouse-region-eu-client-tls/tls.crt',
        key: 'secret:gatehouse-region-eu-client-tls/tls.key',
      };
      expect(tlsSources(manifests)).toEqual({
        'gatehouse-bridge': {
          cert: 'secret:gatehouse-bridge-tls/tls.crt',
          key: 'secret:gatehouse-bridge-tls/tls.key',
          clientCa: 'secret:gatehouse-bridge-client-ca/ca.crt',
        },
        'gatehouse-gateway': client,
        'gatehouse-region-pump': client,
      });
      const alone = render([...PRODUCTION, ...NO_SERVICE_MONITORS, '--set', 'controlPlane.enabled=false']);
      expect(tlsSources(alone)).toEqual({ 'gatehouse-gateway': client, 'gatehouse-region-pump': client });
      expect(byKind(alone, 'Secret')).toEqual([]);
    });

    it('opens only the gateways traffic port to everyone', () => {
      const policies = byKind(manifests, 'NetworkPolicy');
      expect(policies.map((p) => p.metadata.name).sort()).toEqual([
        'gatehouse-bridge',
        'gatehouse-central-pump',
        'gatehouse-dashboard',
        'gatehouse-gateway',
        'gatehouse-region-pump',
      ]);
      const open = policies.flatMap((policy) =>
        (policy.spec?.['ingress'] as { from?: unknown; ports: { port: string }[] }[])
          .filter((rule) => rule.from === undefined)
          .map((rule) => `${policy.metadata.name}:${rule.ports.map((p) => p.port).join()}`),
      );
      expect(open).toEqual(['gatehouse-gateway:http']);
    });
  });

  it('renders a ServiceMonitor per component, each selecting a Service that has its port', () => {
    const rendered = run(tools.helm, [
      'template',
      'gatehouse',
      CHART,
      '--kube-version',
      '1.31.0',
      ...PRODUCTION,
    ]);
    const manifests = parseManifests(rendered.stdout);
    const monitors = byKind(manifests, 'ServiceMonitor');
    expect(monitors).toHaveLength(5);
    const services = byKind(manifests, 'Service');
    for (const monitor of monitors) {
      const spec = monitor.spec as {
        selector: { matchLabels: Record<string, string> };
        endpoints: { port: string }[];
      };
      const selected = services.filter((service) =>
        Object.entries(spec.selector.matchLabels).every(
          ([key, value]) => service.metadata.labels?.[key] === value,
        ),
      );
      expect(selected).toHaveLength(1);
      const ports = (selected[0].spec?.['ports'] as { name: string }[]).map((port) => port.name);
      expect(ports).toContain(spec.endpoints[0].port);
    }
    const validated = run(
      tools.kubernetesValidate,
      ['-k', '1.31', '--strict', '--quiet', '-'],
      rendered.stdout,
    );
    const unknown = validated.stdout.trim().split('\n');
    expect(unknown).toHaveLength(5);
    for (const line of unknown) expect(line).toMatch(/Couldn't find schema for kind ServiceMonitor/);
  });

  it('refuses a region without its node token', () => {
    const template = ['template', 'gatehouse', CHART, '--kube-version', '1.31.0'];
    const region = run(tools.helm, [...template, '--set', 'region.enabled=true', '--set', 'region.orgId=o']);
    expect(region.code).not.toBe(0);
    expect(region.stderr).toContain('region.nodeToken (or region.existingSecret) is required');
  });

  it('makes random control-plane secrets long enough for key hashing when none are given', () => {
    const secret = byKind(render([]), 'Secret').find((s) => s.metadata.name === 'gatehouse-control-plane') as
      (Manifest & { stringData: Record<string, string> }) | undefined;
    if (!secret) throw new Error('no gatehouse-control-plane Secret');
    expect(Object.keys(secret.stringData).sort()).toEqual(['admin-secret', 'key-hashing-secret']);
    for (const value of Object.values(secret.stringData)) expect(value.length).toBeGreaterThanOrEqual(32);
  });

  it("splices the node token into the regional pump's sinks with its init container", () => {
    const pump = gatehouseDeployments(render(A_REGION)).find(
      (d) => d.metadata.name === 'gatehouse-region-pump',
    );
    const script = pump ? (podSpecOf(pump).initContainers?.[0].command?.[2] ?? '') : '';
    expect(runSpliceScript(script)).toEqual({ written: SPLICED, mode: 0o600 });
  });
  describe('TLS between regions and bridges, on by default', () => {
    let manifests: Manifest[];
    beforeAll(() => (manifests = render([...A_REGION, '--namespace', RELEASE_NAMESPACE])));

    it('renders no plaintext opt-in with the default values', () => {
      for (const rendering of [render([]), manifests]) {
        const names = gatehouseDeployments(rendering).flatMap((deployment) =>
          podSpecOf(deployment).containers.flatMap((container) =>
            (container.env ?? []).map((v: EnvVar) => v.name),
          ),
        );
        expect(names).toContain('GATEHOUSE_BRIDGE_GRPC_TLS_CERT_FILE');
        expect(names).not.toContain('GATEHOUSE_BRIDGE_GRPC_ALLOW_INSECURE');
      }
      for (const [name, options] of regionTlsOptions(manifests))
        expect({ name, ...options }).toMatchObject({ name, use_ssl: true, allow_insecure_bridge: false });
    });

    it('makes a CA, the bridges certificate and the regions client certificate, mounted where the settings point', () => {
      expect(
        byKind(manifests, 'Secret')
          .map((secret) => `${secret.metadata.name} ${(secret as SecretManifest).type}`)
          .sort(),
      ).toEqual([
        'gatehouse-control-plane Opaque',
        'gatehouse-region Opaque',
        'gatehouse-tls-bridge kubernetes.io/tls',
        'gatehouse-tls-ca Opaque',
        'gatehouse-tls-region kubernetes.io/tls',
      ]);
      const client = {
        ca: 'secret:gatehouse-tls-ca/ca.crt',
        cert: 'secret:gatehouse-tls-region/tls.crt',
        key: 'secret:gatehouse-tls-region/tls.key',
      };
      expect(tlsSources(manifests)).toEqual({
        // Mutual TLS: the bridges ask for a client certificate from the chart's CA.
        'gatehouse-bridge': {
          cert: 'secret:gatehouse-tls-bridge/tls.crt',
          key: 'secret:gatehouse-tls-bridge/tls.key',
          clientCa: 'secret:gatehouse-tls-ca/ca.crt',
        },
        'gatehouse-gateway': client,
        'gatehouse-region-pump': client,
      });
      // The CA's key is for helm only: no pod mounts it.
      const projected = gatehouseDeployments(manifests).flatMap((deployment) =>
        (podSpecOf(deployment).volumes ?? [])
          .filter((volume) => volume.secret?.secretName === 'gatehouse-tls-ca')
          .flatMap((volume) => volume.secret?.items?.map((item) => item.key) ?? ['every key']),
      );
      expect([...new Set(projected)]).toEqual(['ca.crt']);
    });

    it('signs the bridges certificate for their Service names, and the region is let in with its own', async () => {
      const ca = secretText(manifests, 'gatehouse-tls-ca', 'ca.crt');
      const service = 'gatehouse-bridge';
      const bridge = {
        cert: secretText(manifests, 'gatehouse-tls-bridge', 'tls.crt'),
        key: secretText(manifests, 'gatehouse-tls-bridge', 'tls.key'),
        clientCa: ca,
      };
      expect(certificateFacts(bridge.cert, ca)).toEqual({
        dnsNames: [
          service,
          `${service}.${RELEASE_NAMESPACE}`,
          `${service}.${RELEASE_NAMESPACE}.svc`,
          `${service}.${RELEASE_NAMESPACE}.svc.cluster.local`,
        ],
        signedByCa: true,
      });
      const cert = secretText(manifests, 'gatehouse-tls-region', 'tls.crt');
      const key = secretText(manifests, 'gatehouse-tls-region', 'tls.key');
      expect(certificateFacts(cert, ca).signedByCa).toBe(true);
      for (const name of ['gatehouse-tls-bridge', 'gatehouse-tls-region'])
        expect({ name, ca: secretText(manifests, name, 'ca.crt') }).toEqual({ name, ca });
      // The name the gateways dial (connection_string) and the cluster's full name both verify.
      const dialled = String(regionTlsOptions(manifests)[0][1].connection_string).split(':')[0];
      expect(dialled).toBe(service);
      for (const serverName of [dialled, `${service}.${RELEASE_NAMESPACE}.svc.cluster.local`])
        expect({ serverName, ...(await mutualTlsHandshake(bridge, { ca, serverName, cert, key })) }).toEqual({
          serverName,
          ok: true,
        });
      // Without the region's certificate, or dialling another name, no.
      expect(await mutualTlsHandshake(bridge, { ca, serverName: dialled })).toMatchObject({ ok: false });
      expect(
        await mutualTlsHandshake(bridge, { ca, serverName: 'gatehouse-dashboard', cert, key }),
      ).toMatchObject({ ok: false });
    });

    it('leaves a region whose bridges are elsewhere on the Secrets it names, or the system roots', () => {
      const alone = render(RENDERINGS['a region alone, its bridges elsewhere']);
      for (const [name, options] of regionTlsOptions(alone)) {
        expect({ name, ...options }).toMatchObject({ name, use_ssl: true, allow_insecure_bridge: false });
        expect({ name, files: filesNamedIn(options) }).toEqual({ name, files: [] });
      }
      expect(byKind(alone, 'Secret').map((secret) => secret.metadata.name)).toEqual(['gatehouse-region']);
    });

    describe('against a fake Kubernetes API (helm install --dry-run=server, so lookup reads it)', () => {
      /** Renders as helm would in a namespace that holds `stored`: the objects and NOTES.txt. */
      async function install(stored: Manifest[], args: string[]) {
        let api: FakeKubeApi | undefined;
        try {
          api = await startFakeKubeApi(stored, 'gatehouse', RELEASE_NAMESPACE);
          const result = await api.helm(tools.helm, [
            'install',
            'gatehouse',
            CHART,
            '--namespace',
            RELEASE_NAMESPACE,
            '--dry-run=server',
            '--disable-openapi-validation',
            '-o',
            'json',
            ...args,
          ]);
          if (result.code !== 0) throw new Error(`helm install --dry-run=server failed:\n${result.stderr}`);
          return parseDryRun(result.stdout);
        } finally {
          await api?.close();
        }
      }
      const secretsOf = (manifests: Manifest[]) => byKind(manifests, 'Secret');
      const dataOf = (manifests: Manifest[], name: string) =>
        (secretsOf(manifests).find((secret) => secret.metadata.name === name) as SecretManifest | undefined)
          ?.data;

      it('keeps the CA and certificates it made, and signs a region added later with the same CA', async () => {
        const first = await install([], []);
        expect(secretsOf(first.manifests).map((secret) => secret.metadata.name)).toEqual(
          expect.arrayContaining(['gatehouse-tls-ca', 'gatehouse-tls-bridge']),
        );
        const second = await install(secretsOf(first.manifests), A_REGION);
        for (const name of ['gatehouse-tls-ca', 'gatehouse-tls-bridge'])
          expect({ name, data: dataOf(second.manifests, name) }).toEqual({
            name,
            data: dataOf(first.manifests, name),
          });
        const ca = secretText(first.manifests, 'gatehouse-tls-ca', 'ca.crt');
        const region = secretText(second.manifests, 'gatehouse-tls-region', 'tls.crt');
        expect(certificateFacts(region, ca).signedByCa).toBe(true);
        const third = await install(secretsOf(second.manifests), A_REGION);
        for (const name of ['gatehouse-tls-ca', 'gatehouse-tls-bridge', 'gatehouse-tls-region'])
          expect({ name, data: dataOf(third.manifests, name) }).toEqual({
            name,
            data: dataOf(second.manifests, name),
          });
      });

      it('signs a certificate again when the CA it holds is not the current one, or its names changed', async () => {
        // Both for the same names: only the CA differs.
        const current = render(['--namespace', RELEASE_NAMESPACE]);
        const stale = render(['--namespace', RELEASE_NAMESPACE]);
        const stored = [
          ...secretsOf(current).filter((secret) => secret.metadata.name === 'gatehouse-tls-ca'),
          ...secretsOf(stale).filter((secret) => secret.metadata.name === 'gatehouse-tls-bridge'),
        ];
        const { manifests: renewed } = await install(stored, []);
        const ca = secretText(current, 'gatehouse-tls-ca', 'ca.crt');
        expect(secretText(renewed, 'gatehouse-tls-ca', 'ca.crt')).toBe(ca);
        const bridge = secretText(renewed, 'gatehouse-tls-bridge', 'tls.crt');
        expect(bridge).not.toBe(secretText(stale, 'gatehouse-tls-bridge', 'tls.crt'));
        expect(certificateFacts(bridge, ca).signedByCa).toBe(true);
        // Or when its names changed (another cluster domain), still by the same CA.
        const currentBridge = secretsOf(current).filter(
          (secret) => secret.metadata.name === 'gatehouse-tls-bridge',
        );
        const { manifests: renamed } = await install(
          [...stored.slice(0, 1), ...currentBridge],
          ['--set', 'tls.generated.clusterDomain=cluster.example'],
        );
        const facts = certificateFacts(secretText(renamed, 'gatehouse-tls-bridge', 'tls.crt'), ca);
        expect(facts).toMatchObject({ signedByCa: true });
        expect(facts.dnsNames).toContain(`gatehouse-bridge.${RELEASE_NAMESPACE}.svc.cluster.example`);
      });

      it('renders plaintext only with tls.enabled=false, and then warns in NOTES.txt', async () => {
        const secure = await install([], A_REGION);
        expect(secure.notes).not.toMatch(/WARNING/);
        expect(secure.notes).toContain('gatehouse-tls-ca');
        const plain = await install([], [...A_REGION, '--set', 'tls.enabled=false']);
        expect(plain.notes).toContain('WARNING: tls.enabled is false');
        const bridgeEnv = podOf(plain.manifests, 'gatehouse-bridge').containers[0].env ?? [];
        expect(bridgeEnv).toContainEqual({ name: 'GATEHOUSE_BRIDGE_GRPC_ALLOW_INSECURE', value: 'true' });
        for (const [name, options] of regionTlsOptions(plain.manifests))
          expect({ name, ...options }).toMatchObject({ name, use_ssl: false, allow_insecure_bridge: true });
        expect(
          secretsOf(plain.manifests)
            .map((secret) => secret.metadata.name)
            .sort(),
        ).toEqual(['gatehouse-control-plane', 'gatehouse-region']);
      });
    });
  });
});
