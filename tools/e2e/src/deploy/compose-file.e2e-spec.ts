import { repoRoot } from '@gatehouse/shared-testing';
import Ajv2019 from 'ajv/dist/2019';
import { existsSync, readFileSync } from 'node:fs';
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
import { gatewayConfigVariables, runSpliceScript, SPLICED, undocumentedVariables } from './settings-contract';

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
      expect(secret.file).toMatch(/^\.\/secrets\/[a-z-]+$/);
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
});
