import { DeployTools, deployTools, INSTALL_TIMEOUT_MS, Manifest, parseManifests, run } from './deploy-tools';
import {
  A_REGION,
  CHART,
  EnvVar,
  NO_SERVICE_MONITORS,
  PRODUCTION,
  renderChart,
  RENDERINGS,
  tlsSources,
} from './chart-renderings';
import {
  byKind,
  filePathsOf,
  filesNamedIn,
  gatehouseDeployments,
  podSpecOf,
  unmountedReason,
} from './pod-specs';
import { gatewayConfigVariables, runSpliceScript, SPLICED, undocumentedVariables } from './settings-contract';

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

  const render = (args: string[]) => renderChart(tools, args);

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
});
