import { StartedTopology, startRedisTopology, uniqueName } from '@gatehouse/shared-testing';

import { AnalyticsIntakeStream } from './analytics-intake.stream';
import { GcraRateLimiter } from './gcra-rate-limiter';
import { connectRedis, duplicateRedis, Redis } from './redis-client';
import { redisTargetOf } from './redis-target';

const hostPorts = (addresses: string[] = []) =>
  addresses.map((address) => ({ host: '127.0.0.1', port: Number(address.split(':')[1]) }));

const settings = { sentinels: [], masterName: '', sentinelPassword: '', cluster: false, nodes: [] };
const noAuth = { username: '', password: '' };

describe.each(['sentinel', 'cluster'] as const)('Redis client on %s (real servers)', (kind) => {
  let topology: StartedTopology;
  let redis: Redis;

  beforeAll(async () => {
    topology = await startRedisTopology(kind);
    const target =
      kind === 'sentinel'
        ? redisTargetOf({
            ...settings,
            ...noAuth,
            sentinels: hostPorts(topology.addresses),
            masterName: topology.masterName ?? '',
          })
        : redisTargetOf({ ...settings, ...noAuth, cluster: true, nodes: hostPorts(topology.addresses) });
    redis = await connectRedis({ ...target, connectionName: `spec-${kind}` }, 10_000);
  }, 60_000);

  afterAll(async () => {
    redis?.disconnect();
    await topology?.stop();
  });

  it('stores an intake batch once (batch id and stream in one slot)', async () => {
    const stream = uniqueName('intake');
    const sut = new AnalyticsIntakeStream(redis, { stream, maxStreamLength: 100, dedupeSeconds: 60 });
    const source = { orgId: 'acme', groupId: 'eu' };
    expect(await sut.storeOnce(source, 'b1', ['{"id":"r1"}'])).toBe(true);
    expect(await sut.storeOnce(source, 'b1', ['{"id":"r1"}'])).toBe(false);
    expect(await redis.xlen(stream)).toBe(1);
  });

  it('limits with GCRA and duplicates its connection', async () => {
    const other = duplicateRedis(redis, { connectionName: `spec-${kind}-2`, enableOfflineQueue: true });
    try {
      const first = new GcraRateLimiter(redis, `${uniqueName('gcra')}:`, { perSecond: 1 / 60, burst: 1 });
      expect((await first.take('org')).allowed).toBe(true);
      expect((await first.take('org')).allowed).toBe(false);
      expect(await other.client('GETNAME')).toBe(`spec-${kind}-2`);
    } finally {
      other.disconnect();
    }
  });
});
