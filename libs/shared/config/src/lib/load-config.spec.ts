import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { z } from 'zod';

import { httpListenSchema, logSettingsSchema, redisUrlSchema } from './common-settings';
import { ConfigError, loadConfig } from './load-config';

// One folder for the file-reading tests, removed afterwards (shared-testing's temporaryDirectory would
// make this lib depend on one that depends on it).
const dir = mkdtempSync(join(tmpdir(), 'gatehouse-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const schema = z.object({
  http: httpListenSchema(3000),
  redis: z.object({ url: redisUrlSchema }),
  shutdownTimeoutMs: z.number().int().default(10_000),
  debugMode: z.boolean().default(false),
  tags: z.array(z.string()).default([]),
  log: logSettingsSchema,
});

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe(loadConfig.name, () => {
  it('builds a nested typed object from prefixed variables, with defaults', () => {
    const { config, warnings } = loadConfig('demo-app', schema, {
      GATEHOUSE_DEMO_APP_HTTP_PORT: '8088',
      GATEHOUSE_DEMO_APP_REDIS_URL: 'redis://127.0.0.1:6379',
      GATEHOUSE_DEMO_APP_DEBUG_MODE: 'true',
      GATEHOUSE_DEMO_APP_TAGS: '["eu","edge"]',
      PATH: '/usr/bin',
    });
    expect(config).toEqual({
      http: { host: '127.0.0.1', port: 8088 },
      redis: { url: 'redis://127.0.0.1:6379' },
      shutdownTimeoutMs: 10_000,
      debugMode: true,
      tags: ['eu', 'edge'],
      log: { level: 'info', format: 'json' },
    });
    expect(warnings).toEqual([]);
  });

  it('accepts comma-separated lists', () => {
    const { config } = loadConfig('x', schema, {
      GATEHOUSE_X_REDIS_URL: 'redis://r:1',
      GATEHOUSE_X_TAGS: 'eu, edge',
    });
    expect(config.tags).toEqual(['eu', 'edge']);
  });

  it('names every bad key with its variable', () => {
    const problems = problemsOf(() =>
      loadConfig('x', schema, {
        GATEHOUSE_X_HTTP_PORT: 'eighty',
        GATEHOUSE_X_REDIS_URL: 'http://not-redis',
        GATEHOUSE_X_LOG_LEVEL: 'loud',
      }),
    );
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toContain('http.port (GATEHOUSE_X_HTTP_PORT)');
    expect(problems.join('\n')).toContain('redis.url (GATEHOUSE_X_REDIS_URL)');
    expect(problems.join('\n')).toContain('log.level (GATEHOUSE_X_LOG_LEVEL)');
  });

  it('reports a missing required key', () => {
    expect(problemsOf(() => loadConfig('x', schema, {}))).toEqual([
      expect.stringMatching(/^redis \(GATEHOUSE_X_REDIS\): /),
    ]);
  });

  it('warns about prefixed variables that match no setting', () => {
    const { warnings } = loadConfig('x', schema, {
      GATEHOUSE_X_REDIS_URL: 'redis://r:1',
      GATEHOUSE_X_HTTP_PROT: '1',
    });
    expect(warnings).toEqual(['GATEHOUSE_X_HTTP_PROT is not a x setting and was ignored']);
  });

  it('reads a JSON file and lets the environment override it key by key', () => {
    const file = join(dir, 'x.json');
    writeFileSync(
      file,
      JSON.stringify({ http: { port: 1234, host: '0.0.0.0' }, redis: { url: 'redis://file:1' } }),
    );
    const { config } = loadConfig('x', schema, {
      GATEHOUSE_X_CONFIG_FILE: file,
      GATEHOUSE_X_HTTP_PORT: '4321',
    });
    expect(config.http).toEqual({ host: '0.0.0.0', port: 4321 });
    expect(config.redis.url).toBe('redis://file:1');
  });

  it('rejects a config file that is not a JSON object, naming the file', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "http": ');
    expect(problemsOf(() => loadConfig('x', schema, { GATEHOUSE_X_CONFIG_FILE: file }))[0]).toContain(file);
    expect(
      problemsOf(() => loadConfig('x', schema, { GATEHOUSE_X_CONFIG_FILE: join(dir, 'missing.json') }))[0],
    ).toContain('GATEHOUSE_X_CONFIG_FILE');
  });
});

describe('loadConfig with a Tyk-style file and legacy variables', () => {
  const tykLike = z.object({
    listen_port: z.number().int().default(8080),
    storage: z.object({ host: z.string().default('localhost'), port: z.number().default(6379) }).prefault({}),
  });
  const legacyEnv = { prefix: 'TYK_GW_', segment: (key: string) => key.replace(/_/g, '').toUpperCase() };

  it('reports file keys the schema does not declare, without refusing the file', () => {
    const file = join(dir, 'tyk.conf');
    writeFileSync(
      file,
      JSON.stringify({ listen_port: 9000, enable_jsvm: true, storage: { host: 'r', max_idle: 5 } }),
    );
    const { config, warnings } = loadConfig('gw', tykLike, { GATEHOUSE_GW_CONFIG_FILE: file });
    expect(config).toEqual({ listen_port: 9000, storage: { host: 'r', port: 6379 } });
    expect(warnings).toEqual([
      `${file}: "enable_jsvm" is not supported and was ignored`,
      `${file}: "storage.max_idle" is not supported and was ignored`,
    ]);
  });

  it('reads legacy variables, with our own variables winning', () => {
    const env = {
      TYK_GW_LISTENPORT: '9001',
      TYK_GW_STORAGE_HOST: 'tyk-redis',
      GATEHOUSE_GW_STORAGE_HOST: 'our-redis',
    };
    const { config } = loadConfig('gw', tykLike, env, { legacyEnv });
    expect(config).toEqual({ listen_port: 9001, storage: { host: 'our-redis', port: 6379 } });
  });

  describe('<NAME>_FILE', () => {
    const secretSchema = z.object({
      redis: z.object({ url: redisUrlSchema }),
      secret: z.string().default(''),
      tls: z.object({ cert: z.string().default(''), certFile: z.string().default('') }).prefault({}),
    });
    const base = { GATEHOUSE_X_REDIS_URL: 'redis://r:1' };

    it('reads a setting from the file it names, without the final line break', () => {
      const file = join(dir, 'secret');
      writeFileSync(file, 'from a mounted secret\n');
      const { config, warnings } = loadConfig('x', secretSchema, { ...base, GATEHOUSE_X_SECRET_FILE: file });
      expect(config.secret).toBe('from a mounted secret');
      expect(warnings).toEqual([]);
    });

    it('refuses both forms at once, and an unreadable file, naming the variables but not the value', () => {
      const file = join(dir, 'both');
      writeFileSync(file, 'hidden-value');
      const both = problemsOf(() =>
        loadConfig('x', secretSchema, {
          ...base,
          GATEHOUSE_X_SECRET: 'inline',
          GATEHOUSE_X_SECRET_FILE: file,
        }),
      );
      expect(both).toEqual(['GATEHOUSE_X_SECRET and GATEHOUSE_X_SECRET_FILE are both set: set one of them']);
      const missing = problemsOf(() =>
        loadConfig('x', secretSchema, { ...base, GATEHOUSE_X_SECRET_FILE: join(dir, 'nowhere') }),
      );
      expect(missing).toEqual([
        expect.stringMatching(/^GATEHOUSE_X_SECRET_FILE: cannot read .*nowhere: ENOENT$/),
      ]);
      expect([...both, ...missing].join('\n')).not.toContain('hidden-value');
    });

    it('leaves a variable that names a setting of its own to that setting', () => {
      const { config } = loadConfig('x', secretSchema, {
        ...base,
        GATEHOUSE_X_TLS_CERT_FILE: '/etc/cert.pem',
      });
      expect(config.tls).toEqual({ cert: '', certFile: '/etc/cert.pem' });
    });
  });
});
