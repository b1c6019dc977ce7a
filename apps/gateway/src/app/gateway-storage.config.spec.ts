import { gatewayConfigSchema } from './gateway.config';
import { redisTopologyOf } from './gateway-storage.config';

const base = { key_hashing: { secret: 'k'.repeat(32) } };
const parse = (overrides: Record<string, unknown>) => gatewayConfigSchema.parse({ ...base, ...overrides });
const issues = (overrides: Record<string, unknown>) =>
  (gatewayConfigSchema.safeParse({ ...base, ...overrides }).error?.issues ?? []).map(
    (issue) => `${issue.path.join('.')}: ${issue.message}`,
  );

describe('gateway storage settings (Tyk names)', () => {
  it('reads Tyk Sentinel settings: addrs are the sentinels', () => {
    const config = parse({
      storage: {
        master_name: 'mymaster',
        addrs: ['s1:26379', 's2:26379'],
        sentinel_password: 'sp',
        password: 'p',
        database: 2,
      },
    });
    expect(redisTopologyOf(config)).toMatchObject({
      url: undefined,
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
      ],
      masterName: 'mymaster',
      sentinelPassword: 'sp',
      password: 'p',
      database: 2,
      cluster: false,
    });
  });

  it('falls back to host:port as Tyk does when addrs is empty', () => {
    expect(
      redisTopologyOf(parse({ storage: { enable_cluster: true, host: 'r1', port: 7000 } })),
    ).toMatchObject({
      cluster: true,
      nodes: [{ host: 'r1', port: 7000 }],
      sentinels: [],
    });
    expect(redisTopologyOf(parse({ storage: { host: 'r1', port: 6380, database: 1 } })).url).toBe(
      'redis://r1:6380/1',
    );
  });

  it('refuses combinations Tyk would resolve quietly, naming the field', () => {
    expect(issues({ storage: { master_name: 'm', enable_cluster: true } })).toEqual([
      'storage.enable_cluster: cannot be combined with master_name (Redis Sentinel)',
    ]);
    expect(issues({ storage: { sentinel_password: 'x' } })).toEqual([
      'storage.master_name: required when sentinel_password is set (Redis Sentinel)',
    ]);
    expect(issues({ storage: { addrs: ['nope'] } })).toEqual(['storage.addrs.0: "nope" is not host:port']);
    expect(issues({ redis_url: 'redis://127.0.0.1:6379', storage: { enable_cluster: true } })).toEqual([
      'redis_url: not used with storage.enable_cluster: remove it, or the Sentinel/Cluster settings',
    ]);
    expect(issues({ storage: { master_name: 'm', use_ssl: true } })).toEqual([
      'storage.use_ssl: not supported with Redis Sentinel or Cluster yet (only with host/port or redis_url)',
    ]);
  });
});
