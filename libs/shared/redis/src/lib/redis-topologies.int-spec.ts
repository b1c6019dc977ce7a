import { repoRoot, SYSTEM_PATH, temporaryDirectory, uniqueName } from '@gatehouse/shared-testing';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { AnalyticsIntakeStream } from './analytics-intake.stream';
import { GcraRateLimiter } from './gcra-rate-limiter';
import { connectRedis, duplicateRedis, Redis } from './redis-client';
import { redisTargetOf } from './redis-target';

const script = join(repoRoot(), 'tools', 'stack', 'redis-topology.sh');

interface Topology {
  sentinels?: string[];
  nodes?: string[];
  masterName?: string;
}

/** A set of this file's own, started by the stack's script; stopped after the file. */
function startTopology(kind: 'sentinel' | 'cluster'): { topology: Topology; stop(): void } {
  const dir = temporaryDirectory(`gatehouse-shared-redis-${kind}-`);
  const run = (...args: string[]) => execFileSync('bash', [script, ...args], { env: { PATH: SYSTEM_PATH } });
  run(kind, dir);
  return {
    topology: JSON.parse(readFileSync(join(dir, 'topology.json'), 'utf8')) as Topology,
    stop: () => void run('stop', dir),
  };
}

const hostPorts = (addresses: string[] = []) =>
  addresses.map((address) => ({ host: '127.0.0.1', port: Number(address.split(':')[1]) }));

const settings = { sentinels: [], masterName: '', sentinelPassword: '', cluster: false, nodes: [] };
const noAuth = { username: '', password: '' };

describe.each(['sentinel', 'cluster'] as const)('Redis client on %s (real servers)', (kind) => {
  let started: ReturnType<typeof startTopology>;
  let redis: Redis;

  beforeAll(async () => {
    started = startTopology(kind);
    const { topology } = started;
    const target =
      kind === 'sentinel'
        ? redisTargetOf({
            ...settings,
            ...noAuth,
            sentinels: hostPorts(topology.sentinels),
            masterName: topology.masterName ?? '',
          })
        : redisTargetOf({ ...settings, ...noAuth, cluster: true, nodes: hostPorts(topology.nodes) });
    redis = await connectRedis({ ...target, connectionName: `spec-${kind}` }, 10_000);
  }, 60_000);

  afterAll(() => {
    redis?.disconnect();
    started?.stop();
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
