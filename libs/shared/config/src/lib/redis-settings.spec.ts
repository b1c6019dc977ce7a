import { z } from 'zod';

import { ConfigError, loadConfig } from './load-config';
import { requiredRedisSchema, snakeCaseRedisSchema } from './redis-settings';

const schema = z.object({ redis: requiredRedisSchema });
const load = (env: Record<string, string>) => loadConfig('bridge', schema, env).config.redis;
const problems = (env: Record<string, string>) => {
  try {
    load(env);
  } catch (error) {
    return (error as ConfigError).problems.join('\n');
  }
  throw new Error('expected the configuration to be refused');
};

describe('redis settings', () => {
  it('reads sentinels and cluster nodes from comma-separated variables', () => {
    expect(
      load({
        GATEHOUSE_BRIDGE_REDIS_SENTINELS: '10.0.0.1:26379, sentinel-2:26380,[::1]:26381',
        GATEHOUSE_BRIDGE_REDIS_MASTER_NAME: 'gatehouse',
        GATEHOUSE_BRIDGE_REDIS_SENTINEL_PASSWORD: 's3cret',
      }),
    ).toMatchObject({
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: 'sentinel-2', port: 26380 },
        { host: '::1', port: 26381 },
      ],
      masterName: 'gatehouse',
      sentinelPassword: 's3cret',
      cluster: false,
    });
    expect(
      load({ GATEHOUSE_BRIDGE_REDIS_CLUSTER: 'true', GATEHOUSE_BRIDGE_REDIS_NODES: 'a:7000,b:7001' }).nodes,
    ).toEqual([
      { host: 'a', port: 7000 },
      { host: 'b', port: 7001 },
    ]);
  });

  it('refuses sentinels without a master name, naming the field', () => {
    expect(problems({ GATEHOUSE_BRIDGE_REDIS_SENTINELS: 'h:26379' })).toContain(
      'GATEHOUSE_BRIDGE_REDIS_MASTER_NAME',
    );
  });

  it('refuses each bad combination at the field to change', () => {
    const url = 'redis://127.0.0.1:6379';
    expect(problems({ GATEHOUSE_BRIDGE_REDIS_STARTUP_TIMEOUT_MS: '100' })).toMatch(
      /REDIS_URL.*required \(or sentinels with masterName/,
    );
    expect(problems({ GATEHOUSE_BRIDGE_REDIS_MASTER_NAME: 'm' })).toContain(
      'GATEHOUSE_BRIDGE_REDIS_SENTINELS',
    );
    expect(
      problems({
        GATEHOUSE_BRIDGE_REDIS_SENTINELS: 'h:1',
        GATEHOUSE_BRIDGE_REDIS_MASTER_NAME: 'm',
        GATEHOUSE_BRIDGE_REDIS_CLUSTER: 'true',
        GATEHOUSE_BRIDGE_REDIS_NODES: 'h:2',
      }),
    ).toMatch(/REDIS_CLUSTER.*cannot be combined with sentinels/);
    expect(problems({ GATEHOUSE_BRIDGE_REDIS_CLUSTER: 'true' })).toContain('GATEHOUSE_BRIDGE_REDIS_NODES');
    expect(problems({ GATEHOUSE_BRIDGE_REDIS_URL: url, GATEHOUSE_BRIDGE_REDIS_NODES: 'h:2' })).toContain(
      'GATEHOUSE_BRIDGE_REDIS_CLUSTER',
    );
    expect(
      problems({
        GATEHOUSE_BRIDGE_REDIS_URL: url,
        GATEHOUSE_BRIDGE_REDIS_CLUSTER: 'true',
        GATEHOUSE_BRIDGE_REDIS_NODES: 'h:2',
      }),
    ).toMatch(/REDIS_URL.*not used with a cluster/);
    expect(problems({ GATEHOUSE_BRIDGE_REDIS_URL: url, GATEHOUSE_BRIDGE_REDIS_PASSWORD: 'p' })).toContain(
      'GATEHOUSE_BRIDGE_REDIS_PASSWORD',
    );
    expect(
      problems({ GATEHOUSE_BRIDGE_REDIS_CLUSTER: 'true', GATEHOUSE_BRIDGE_REDIS_NODES: 'no-port' }),
    ).toContain('"no-port" is not host:port');
  });

  it('never repeats a password in a refusal', () => {
    const refused = problems({
      GATEHOUSE_BRIDGE_REDIS_URL: 'redis://127.0.0.1:6379',
      GATEHOUSE_BRIDGE_REDIS_PASSWORD: 'hunter22',
    });
    expect(refused).not.toContain('hunter22');
  });

  it('speaks snake_case in the pump-style schema', () => {
    const parsed = snakeCaseRedisSchema.safeParse({ sentinels: ['h:26379'] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['master_name', 'required with sentinels: the name the sentinels monitor the primary under'],
    ]);
  });
});
