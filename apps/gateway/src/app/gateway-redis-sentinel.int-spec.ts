import { prometheusCounter, StartedTopology, startRedisTopology, waitFor } from '@gatehouse/shared-testing';
import Redis from 'ioredis';
import { readFileSync } from 'node:fs';

import { createKey, Harness, protectedApi, startHarness } from './gateway.spec-helper';

const rights = { keyed: { api_id: 'keyed', api_name: 'keyed', versions: [] } };
/** Clients sending keyed requests back to back while the primary dies. */
const LOAD_CLIENTS = 4;
/** Bounds on the whole failover: sentinels promote within ~3 s here (down-after 1 s). */
const PROMOTION_BOUND_MS = 15_000;
const RECOVERY_BOUND_MS = 10_000;

interface Outcome {
  at: number;
  status: number;
}

/** A bounded request loop: runs until stopped (or 45 s), recording every answer (0 = no answer). */
function startLoad(url: string, key: string) {
  const outcomes: Outcome[] = [];
  let running = true;
  const deadline = Date.now() + 45_000;
  const client = async () => {
    while (running && Date.now() < deadline) {
      let status = 0;
      try {
        const answer = await fetch(url, {
          headers: { authorization: key },
          signal: AbortSignal.timeout(3000),
        });
        await answer.arrayBuffer();
        status = answer.status;
      } catch {
        status = 0;
      }
      outcomes.push({ at: Date.now(), status });
    }
  };
  const clients = Array.from({ length: LOAD_CLIENTS }, client);
  return {
    outcomes,
    stop: async () => {
      running = false;
      await Promise.all(clients);
    },
  };
}

/** The longest stretch with no successful answer, from `from` on. */
function longestGapMs(outcomes: Outcome[], from: number): number {
  let last = from;
  let gap = 0;
  for (const { at, status } of outcomes) {
    if (at < from || status !== 200) continue;
    gap = Math.max(gap, at - last);
    last = at;
  }
  return gap;
}

async function sentinelPrimary(topology: StartedTopology): Promise<number> {
  const [host, port] = topology.addresses[0].split(':');
  const sentinel = new Redis({ host, port: Number(port), lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    await sentinel.connect();
    const [, primaryPort] = (await sentinel.call(
      'SENTINEL',
      'GET-MASTER-ADDR-BY-NAME',
      topology.masterName ?? '',
    )) as [string, string];
    return Number(primaryPort);
  } finally {
    sentinel.disconnect();
  }
}

/**
 * Twice: as deployed by default (keys served from the gateway's session cache while Redis is away),
 * and with that cache off, where every request needs Redis: the worst case for the release note.
 */
describe.each([
  ['the session cache on (default)', {}],
  ['the session cache off', { local_session_cache: { disable_cached_session_state: true } }],
])(
  'gateway on Redis Sentinel with %s: the primary killed under load (real redis-sentinel)',
  (label, overrides) => {
    let topology: StartedTopology;
    let harness: Harness;

    beforeAll(async () => {
      topology = await startRedisTopology('sentinel');
      harness = await startHarness((upstream) => [protectedApi('keyed', '/keyed/', upstream)], {
        redis_url: undefined,
        storage: { master_name: topology.masterName, addrs: topology.addresses },
        ...overrides,
      });
    }, 90_000);

    afterAll(async () => {
      await harness?.stop();
      await topology?.stop();
    });

    it('keeps serving keys, follows the new primary without a restart, and counts what failed', async () => {
      const base = harness.gateway.proxyUrl;
      const { primary, replica } = topology;
      if (!primary || !replica) throw new Error('the sentinel set described no primary and replica');
      expect(await sentinelPrimary(topology)).toBe(primary.port);
      // Rate limit and quota on, high enough that the load never reaches them.
      const key = await createKey(harness, {
        access_rights: rights,
        rate: 100_000,
        per: 1,
        quota_max: 1_000_000,
        quota_renewal_rate: 3600,
      });
      const load = startLoad(`${base}/keyed/load`, key);
      await waitFor(() => load.outcomes.filter(({ status }) => status === 200).length >= 50, {
        description: 'the load to be served before the failover',
      });
      expect(load.outcomes.every(({ status }) => status === 200)).toBe(true);

      const killedAt = Date.now();
      process.kill(Number(readFileSync(primary.pidFile, 'utf8').trim()), 'SIGKILL');
      await waitFor(async () => (await sentinelPrimary(topology)) === replica.port, {
        description: 'the sentinels to promote the replica',
        timeoutMs: PROMOTION_BOUND_MS,
        intervalMs: 100,
      });
      const promotedAt = Date.now();
      // Served from the new primary again: Redis answers /hello, and a key created now (so in no cache)
      // authenticates, which only Redis can tell.
      await waitFor(
        async () => ((await (await fetch(`${base}/hello`)).json()) as { status: string }).status === 'pass',
        {
          description: 'the gateway to reach the new primary',
          timeoutMs: RECOVERY_BOUND_MS,
          intervalMs: 100,
        },
      );
      const recoveredAt = Date.now();
      const fresh = await createKey(harness, {
        access_rights: rights,
        quota_max: 2,
        quota_renewal_rate: 3600,
      });
      const freshStatuses = [];
      for (let i = 0; i < 3; i++)
        freshStatuses.push(
          (await fetch(`${base}/keyed/fresh`, { headers: { authorization: fresh } })).status,
        );
      // The quota is counted on the new primary (its script loaded there anew): the third is over it.
      expect(freshStatuses).toEqual([200, 200, 403]);
      const afterRecovery = load.outcomes.length;
      await waitFor(() => load.outcomes.length >= afterRecovery + 50, {
        description: 'more load after recovery',
      });
      await load.stop();

      const metrics = await (await fetch(`${base}/metrics`)).text();
      const during = load.outcomes.filter(({ at }) => at >= killedAt);
      const failed = during.filter(({ status }) => status !== 200);
      const summary = {
        requests: load.outcomes.length,
        requestsFromKillToEnd: during.length,
        failedDuringFailover: failed.length,
        failedStatuses: [...new Set(failed.map(({ status }) => status))],
        promotionMs: promotedAt - killedAt,
        redisBackedAgainMs: recoveredAt - killedAt,
        longestGapWithoutSuccessMs: longestGapMs(load.outcomes, killedAt),
        // Limit checks answered in process while no primary answered: the failover reached the gateway.
        degradedLimitChecks: prometheusCounter(metrics, 'gatehouse_gateway_degraded_limit_checks_total'),
        keysServedStale: prometheusCounter(metrics, 'gatehouse_gateway_key_cache_total', 'outcome="stale"'),
      };
      // Reported in the test output: the release note quotes it.
      console.log(`Redis Sentinel failover under load, ${label}: ${JSON.stringify(summary)}`);
      expect(summary.redisBackedAgainMs).toBeLessThan(PROMOTION_BOUND_MS + RECOVERY_BOUND_MS);
      expect(summary.degradedLimitChecks).toBeGreaterThan(0);
      // Every request after recovery succeeded, without a restart.
      expect(load.outcomes.filter(({ at, status }) => at >= recoveredAt && status !== 200)).toEqual([]);
      const primaryKeys = new Redis({ port: replica.port, host: '127.0.0.1', lazyConnect: true });
      try {
        await primaryKeys.connect();
        expect(await primaryKeys.call('ROLE')).toEqual(expect.arrayContaining(['master']));
        expect((await primaryKeys.keys('*quota-*')).length).toBeGreaterThanOrEqual(2);
      } finally {
        primaryKeys.disconnect();
      }
    }, 60_000);
  },
);
