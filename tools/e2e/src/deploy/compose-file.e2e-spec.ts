import { repoRoot, temporaryDirectory } from '@gatehouse/shared-testing';
import Ajv2019 from 'ajv/dist/2019';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import {
  ComposeFile,
  composeVariables,
  dependenciesOf,
  exampleEnvironment,
  interpolatedCompose,
  namedVolumesOf,
  networksOf,
  sourcesOf,
} from './compose-model';
import { deployFile, deployTools, INSTALL_TIMEOUT_MS } from './deploy-tools';
import { filesNamedIn } from './pod-specs';
import { gatewayConfigVariables, runSpliceScript, SPLICED, undocumentedVariables } from './settings-contract';
import { certificateFacts, mutualTlsHandshake } from './tls-check';

/** Formats the schema names for strings it leaves to the implementation; their values are checked below. */
const COMPOSE_FORMATS = ['duration', 'expose', 'ports', 'subnet_ip_address'];
const GATEHOUSE_IMAGES = /^gatehouse\/(dashboard|bridge|gateway|pump):/;

/**
 * The schema as docker-compose 1.29 ships it declares draft 2019-09 under a URI Ajv does not know (with a
 * trailing #) and labels its sub-schemas with draft-04 `id`s that nothing refers to: both are dropped so
 * Ajv's 2019-09 validator can compile the rest unchanged.
 */
function compilableSchema(text: string): object {
  const schema = JSON.parse(text) as Record<string, unknown>;
  delete schema['$schema'];
  const dropIds = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(dropIds);
    if (node === null || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    if (typeof object['id'] === 'string') delete object['id'];
    Object.values(object).forEach(dropIds);
  };
  dropIds(schema);
  return schema;
}

/**
 * deploy/compose/compose.yaml, offline: valid against the Compose Specification's JSON schema (from
 * tools/deploy/install-tools.sh), and what the schema cannot see: every secret, config, network, volume
 * and dependency it names is declared, Gatehouse containers are hardened and take secrets as files, and
 * every setting it passes exists.
 */
describe('the compose file', () => {
  let compose: ComposeFile;
  const gatehouseServices = () =>
    Object.entries(compose.services).filter(([, service]) => GATEHOUSE_IMAGES.test(service.image ?? ''));

  beforeAll(() => {
    compose = interpolatedCompose();
  });

  it(
    'is valid against the Compose Specification schema',
    async () => {
      const { composeSchema } = await deployTools();
      const ajv = new Ajv2019({ allErrors: true, strict: false });
      for (const format of COMPOSE_FORMATS) ajv.addFormat(format, true);
      const validate = ajv.compile(compilableSchema(readFileSync(composeSchema, 'utf8')));
      expect(validate(compose) ? [] : validate.errors).toEqual([]);
      // The schema can fail: an unknown service key is refused.
      const broken = structuredClone(compose);
      Object.assign(broken.services['dashboard'], { read_onyl: true });
      expect(validate(broken)).toBe(false);
    },
    INSTALL_TIMEOUT_MS,
  );

  it('declares every secret, config, network, volume and service it refers to', () => {
    const declared = (section?: Record<string, unknown>) => Object.keys(section ?? {});
    const services = Object.keys(compose.services);
    for (const [name, service] of Object.entries(compose.services)) {
      const refs = { name, missing: [] as string[] };
      const need = (names: string[], have: string[]) =>
        refs.missing.push(...names.filter((n) => !have.includes(n)));
      need(sourcesOf(service.secrets), declared(compose.secrets));
      need(sourcesOf(service.configs), declared(compose.configs));
      need(networksOf(service), declared(compose.networks));
      need(namedVolumesOf(service), declared(compose.volumes));
      need(dependenciesOf(service), services);
      expect(refs).toEqual({ name, missing: [] });
      if (service.network_mode === undefined)
        expect({ name, networks: networksOf(service).length > 0 }).toEqual({ name, networks: true });
    }
    for (const config of Object.values(compose.configs ?? {}))
      expect(existsSync(join(repoRoot(), 'deploy', 'compose', config.file ?? ''))).toBe(true);
    // Secret files are made by init-secrets.sh (or by you, the node token) and never committed.
    for (const secret of Object.values(compose.secrets ?? {}))
      expect(secret.file).toMatch(/^\.\/secrets\/(tls\/)?[a-z-]+(\.(crt|key))?$/);
  });

  it('runs every Gatehouse container as the image user on a read-only root, without capabilities', () => {
    expect(
      gatehouseServices()
        .map(([name]) => name)
        .sort(),
    ).toEqual(['bridge', 'central-pump', 'dashboard', 'gateway', 'region-pump', 'region-pump-config']);
    for (const [name, service] of gatehouseServices()) {
      expect({ name, ...service }).toMatchObject({
        name,
        user: '10001:10001',
        read_only: true,
        tmpfs: ['/tmp'],
        cap_drop: ['ALL'],
        security_opt: ['no-new-privileges:true'],
      });
      const dockerfile = service.build?.dockerfile ?? '';
      expect(dockerfile).toMatch(/^deploy\/docker\/(dashboard|bridge|gateway|pump)\.Dockerfile$/);
      expect(existsSync(join(repoRoot(), dockerfile))).toBe(true);
    }
  });

  it('passes secrets only as files, and only documented settings', () => {
    const variables: string[] = [];
    for (const [name, service] of gatehouseServices()) {
      const mounted = sourcesOf(service.secrets).map((secret) => `/run/secrets/${secret}`);
      for (const [variable, value] of Object.entries(service.environment ?? {})) {
        variables.push(variable);
        if (/SECRET|API_KEY|TOKEN/.test(variable))
          expect({ name, variable, value }).toMatchObject({ variable: expect.stringMatching(/_FILE$/) });
        if (variable.endsWith('_FILE') && value.startsWith('/run/secrets/'))
          expect({ name, variable, mounted: mounted.includes(value) }).toMatchObject({ mounted: true });
      }
    }
    const gatewayConfig = JSON.parse(deployFile('compose', 'config', 'gateway.json')) as Record<
      string,
      unknown
    >;
    expect(undocumentedVariables([...variables, ...gatewayConfigVariables(gatewayConfig)])).toEqual([]);
  });

  it('waits for healthy dependencies, and checks the health of every long-running service', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const conditions = Array.isArray(service.depends_on) ? [] : Object.values(service.depends_on ?? {});
      for (const { condition } of conditions)
        expect(['service_healthy', 'service_completed_successfully']).toContain(condition);
      if (name !== 'region-pump-config')
        expect({ name, test: service.healthcheck?.test?.[0] }).toMatchObject({ test: 'CMD' });
    }
  });

  it('reads only variables that .env.example sets', () => {
    const example = exampleEnvironment();
    expect(
      composeVariables(deployFile('compose', 'compose.yaml')).filter((name) => !(name in example)),
    ).toEqual([]);
  });

  it("splices the node token into the regional pump's sinks before the pump starts", () => {
    const splicer = compose.services['region-pump-config'];
    expect(runSpliceScript(splicer.command?.[2] ?? '')).toEqual({ written: SPLICED, mode: 0o600 });
    // The template names the secret the splicer mounts, and the pump reads what the splicer wrote.
    const template = deployFile('compose', 'config', 'region-pumps.json');
    expect(template).toContain('"@file:/run/secrets/node_token"');
    expect(sourcesOf(splicer.secrets)).toContain('node_token');
    expect(splicer.command?.slice(3)).toEqual([
      '/etc/gatehouse/region-pumps.json',
      '/run/gatehouse/pumps.json',
    ]);
    expect(compose.services['region-pump'].environment?.['GATEHOUSE_PUMP_PUMPS_FILE']).toBe(
      '/run/gatehouse/pumps.json',
    );
  });
  describe('TLS between the region and the bridge, on by default', () => {
    const configFile = (name: string) => JSON.parse(deployFile('compose', 'config', name));
    /** The bridge TLS settings of the gateway (slave_options) and of the regional pump's bridge sink (meta). */
    const regionClients = (): [string, Record<string, unknown>][] => [
      ['gateway', configFile('gateway.json').slave_options],
      ['region-pump', configFile('region-pumps.json').control_plane.meta],
    ];
    const bridgeEnv = () => compose.services['bridge'].environment ?? {};
    /** The compose secret a service mounts at `path` (/run/secrets/<name>), or why not. */
    const mountedSecret = (service: string, path: unknown) => {
      const name = typeof path === 'string' ? /^\/run\/secrets\/([a-z_]+)$/.exec(path)?.[1] : undefined;
      if (!name) return `${String(path)}: not under /run/secrets`;
      return sourcesOf(compose.services[service].secrets).includes(name)
        ? name
        : `${name}: not mounted in ${service}`;
    };

    it('has no plaintext opt-in; the bridge asks for client certificates and the region presents one', () => {
      for (const file of [['compose.yaml'], ['config', 'gateway.json'], ['config', 'region-pumps.json']])
        expect({ file, optIns: deployFile('compose', ...file).match(/allow_insecure/gi) }).toEqual({
          file,
          optIns: null,
        });
      const env = bridgeEnv();
      expect({
        cert: mountedSecret('bridge', env['GATEHOUSE_BRIDGE_GRPC_TLS_CERT_FILE']),
        key: mountedSecret('bridge', env['GATEHOUSE_BRIDGE_GRPC_TLS_KEY_FILE']),
        clientCa: mountedSecret('bridge', env['GATEHOUSE_BRIDGE_GRPC_TLS_CLIENT_CA_FILE']),
      }).toEqual({ cert: 'bridge_tls_cert', key: 'bridge_tls_key', clientCa: 'tls_ca' });
      for (const [service, options] of regionClients()) {
        // server_name is the bridge's service name, which is also the host the region dials.
        expect({ service, ...options }).toMatchObject({
          service,
          use_ssl: true,
          server_name: 'bridge',
          connection_string: 'bridge:50051',
        });
        expect({
          service,
          ca: mountedSecret(service, options['ca_file']),
          cert: mountedSecret(service, options['cert_file']),
          key: mountedSecret(service, options['key_file']),
        }).toEqual({ service, ca: 'tls_ca', cert: 'region_eu_tls_cert', key: 'region_eu_tls_key' });
        expect(filesNamedIn(options)).toHaveLength(3);
      }
      expect(Object.keys(compose.services)).toContain('bridge');
    });

    it('init-secrets.sh makes every file compose mounts but the node token, once, and they make a mutual TLS handshake', async () => {
      const dir = join(temporaryDirectory('gatehouse-compose-secrets-'), 'secrets');
      const init = () =>
        spawnSync('sh', [join(repoRoot(), 'deploy', 'compose', 'init-secrets.sh'), dir], {
          encoding: 'utf8',
          timeout: 60_000,
        });
      const first = init();
      expect({ code: first.status, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
      const fileOf = (secret: string) =>
        join(dir, (compose.secrets?.[secret]?.file ?? '').replace(/^\.\/secrets\//, ''));
      const made = Object.keys(compose.secrets ?? {}).filter((name) => name !== 'node_token');
      expect(made).toEqual(expect.arrayContaining(['tls_ca', 'bridge_tls_cert', 'region_eu_tls_key']));
      const text = Object.fromEntries(made.map((name) => [name, readFileSync(fileOf(name), 'utf8')]));
      // Readable by the containers' user (compose bind-mounts the files); the folders are the owner's only.
      for (const name of made)
        expect({ name, readable: statSync(fileOf(name)).mode & 0o444 }).toEqual({ name, readable: 0o444 });
      for (const folder of [dir, join(dir, 'tls')]) expect(statSync(folder).mode & 0o777).toBe(0o700);
      // The CA's key stays on the host: no service mounts it.
      expect(existsSync(join(dir, 'tls', 'ca.key'))).toBe(true);
      expect(Object.values(compose.secrets ?? {}).map((secret) => secret.file)).not.toContain(
        './secrets/tls/ca.key',
      );
      // Again: nothing changes.
      const second = init();
      expect({ code: second.status, stdout: second.stdout }).toEqual({ code: 0, stdout: '' });
      for (const name of made)
        expect({ name, same: readFileSync(fileOf(name), 'utf8') === text[name] }).toEqual({
          name,
          same: true,
        });

      const ca = text['tls_ca'];
      expect(certificateFacts(text['bridge_tls_cert'], ca)).toEqual({
        dnsNames: ['bridge'],
        signedByCa: true,
      });
      expect(certificateFacts(text['region_eu_tls_cert'], ca).signedByCa).toBe(true);
      const bridge = { cert: text['bridge_tls_cert'], key: text['bridge_tls_key'], clientCa: ca };
      const region = {
        ca,
        serverName: 'bridge',
        cert: text['region_eu_tls_cert'],
        key: text['region_eu_tls_key'],
      };
      expect(await mutualTlsHandshake(bridge, region)).toEqual({ ok: true });
      expect(await mutualTlsHandshake(bridge, { ca, serverName: 'bridge' })).toMatchObject({ ok: false });
    });
  });
});
