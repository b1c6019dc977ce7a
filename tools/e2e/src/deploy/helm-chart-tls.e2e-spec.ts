import { DeployTools, deployTools, INSTALL_TIMEOUT_MS, Manifest } from './deploy-tools';
import {
  A_REGION,
  CHART,
  EnvVar,
  podOf,
  regionTlsOptions,
  RELEASE_NAMESPACE,
  renderChart,
  RENDERINGS,
  SecretManifest,
  secretText,
  tlsSources,
} from './chart-renderings';
import { FakeKubeApi, parseDryRun, startFakeKubeApi } from './fake-kube-api';
import { byKind, filesNamedIn, gatehouseDeployments, podSpecOf } from './pod-specs';
import { certificateFacts, mutualTlsHandshake } from './tls-check';

/**
 * The chart's TLS between regions and bridges, on by default: what it generates when no Secret is
 * named, where it mounts it, that it survives upgrades (against a fake Kubernetes API for `lookup`), and
 * that the certificates it makes complete a mutual TLS handshake.
 */
describe('the Helm chart: TLS', () => {
  let tools: DeployTools;

  beforeAll(async () => {
    tools = await deployTools();
  }, INSTALL_TIMEOUT_MS);

  const render = (args: string[]) => renderChart(tools, args);

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
