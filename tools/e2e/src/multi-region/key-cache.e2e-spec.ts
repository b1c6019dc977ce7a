import { prometheusCounter, waitFor } from '@gatehouse/shared-testing';

import { keyedApi, keylessApi } from './control-plane-client';
import { RunningGateway, Topology } from './topology';
import { untilEvery } from './traffic';

/** The key cache series of one gateway's /metrics that config changes may move. */
interface KeyCacheCounters {
  hit: number;
  miss: number;
  clear: number;
  policy: number;
}

const ORDERS = 'orders';

function policy(id: string, quotaMax: number): Record<string, unknown> {
  return {
    id,
    name: id,
    rate: 1_000_000,
    per: 1,
    quota_max: quotaMax,
    quota_renewal_rate: 3600,
    access_rights: { [ORDERS]: { api_id: ORDERS, api_name: ORDERS, versions: ['Default'] } },
  };
}

async function keyCacheCounters(gateway: RunningGateway): Promise<KeyCacheCounters> {
  const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
  const lookups = 'gatehouse_gateway_key_cache_total';
  const evictions = 'gatehouse_gateway_key_cache_evictions_total';
  return {
    hit: prometheusCounter(metrics, lookups, 'outcome="hit"'),
    miss: prometheusCounter(metrics, lookups, 'outcome="miss"'),
    clear: prometheusCounter(metrics, evictions, 'reason="clear"'),
    policy: prometheusCounter(metrics, evictions, 'reason="policy"'),
  };
}

async function countersOf(gateways: RunningGateway[]): Promise<Map<string, KeyCacheCounters>> {
  return new Map(
    await Promise.all(
      gateways.map(async (gateway) => [gateway.nodeId, await keyCacheCounters(gateway)] as const),
    ),
  );
}

/** How far each counter of `gateway` moved since `before` was read. */
async function movedSince(
  before: Map<string, KeyCacheCounters>,
  gateway: RunningGateway,
): Promise<KeyCacheCounters> {
  const start = before.get(gateway.nodeId);
  if (!start) throw new Error(`no counters read from ${gateway.nodeId} before`);
  const now = await keyCacheCounters(gateway);
  return {
    hit: now.hit - start.hit,
    miss: now.miss - start.miss,
    clear: now.clear - start.clear,
    policy: now.policy - start.policy,
  };
}

/** One keyed request to the orders API: its status and the quota the gateway applied. */
async function useKey(
  gateway: RunningGateway,
  key: string,
): Promise<{ status: number; limit: string | null }> {
  const response = await fetch(`${gateway.url}/${ORDERS}/1`, { headers: { authorization: key } });
  await response.arrayBuffer();
  return { status: response.status, limit: response.headers.get('x-ratelimit-limit') };
}

/**
 * Incremental configuration seen from outside: dashboard writes reach every region through the bridges,
 * and a gateway's in-process key cache loses only the keys a change is about.
 */
describe('multi-region: key cache across config changes (real processes on loopback)', () => {
  // A key cache TTL far beyond the test's length: a miss can only come from an eviction.
  const topology = new Topology({
    gatewayEnv: { GATEHOUSE_GATEWAY_LOCAL_SESSION_CACHE_CACHED_SESSION_TIMEOUT: '300' },
  });
  const keys = { a: '', b: '' };

  /** Every key used once on every gateway, so each is cached (a miss fetches and stores it). */
  async function warm(): Promise<void> {
    for (const gateway of topology.allGateways()) {
      expect(await useKey(gateway, keys.a)).toMatchObject({ status: 200 });
      expect(await useKey(gateway, keys.b)).toMatchObject({ status: 200, limit: '900000' });
    }
  }

  beforeAll(async () => {
    try {
      await topology.start();
      const { control, upstreamUrl } = topology;
      await control.must('POST', '/apis', keyedApi(ORDERS, upstreamUrl));
      await control.must('POST', '/policies', policy('policy-a', 1_000_000));
      await control.must('POST', '/policies', policy('policy-b', 900_000));
      await control.must('POST', '/apis', keylessApi('bystander', upstreamUrl));
      // Written last: once every gateway serves it, every gateway holds the API and both policies.
      await untilEvery(topology.allGateways(), '/bystander/x', 200);
      for (const id of ['a', 'b'] as const) {
        const created = await control.must<{ key: string }>('POST', '/keys', {
          apply_policies: [`policy-${id}`],
        });
        keys[id] = created.key;
      }
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${topology.output()}`);
    }
  }, 120_000);

  afterAll(() => topology.stop());

  it('keeps every key cached on every gateway while an API is created and another updated', async () => {
    const gateways = topology.allGateways();
    await warm();
    const before = await countersOf(gateways);

    const { control, upstreamUrl } = topology;
    const bystander = keylessApi('bystander', upstreamUrl);
    await control.must('PUT', '/apis/bystander', {
      ...bystander,
      proxy: { ...(bystander['proxy'] as object), listen_path: '/bystander-moved/' },
    });
    await control.must('POST', '/apis', keylessApi('fresh', upstreamUrl));
    // Created after the update: a gateway serving it has applied both changes.
    await untilEvery(gateways, '/fresh/x', 200);
    await untilEvery(gateways, '/bystander-moved/x', 200);
    await untilEvery(gateways, '/bystander/x', 404);

    for (const gateway of gateways) {
      expect(await useKey(gateway, keys.a)).toMatchObject({ status: 200, limit: '1000000' });
      expect(await useKey(gateway, keys.b)).toMatchObject({ status: 200, limit: '900000' });
      const moved = await waitFor(
        async () => {
          const delta = await movedSince(before, gateway);
          return delta.hit + delta.miss >= 2 && delta;
        },
        { description: `${gateway.nodeId} to count both key lookups` },
      );
      expect({ node: gateway.nodeId, ...moved }).toEqual({
        node: gateway.nodeId,
        hit: 2,
        miss: 0,
        clear: 0,
        policy: 0,
      });
    }
  });

  it("evicts only the keys built from a changed policy, which then see the policy's new quota", async () => {
    const gateways = topology.allGateways();
    await warm();
    const before = await countersOf(gateways);

    await topology.control.must('PUT', '/policies/policy-a', policy('policy-a', 500_000));

    for (const gateway of gateways) {
      // Requests before the change arrives are hits at the old quota; the first after it, a miss.
      await waitFor(async () => (await useKey(gateway, keys.a)).limit === '500000', {
        description: `${gateway.nodeId} to apply policy-a's new quota to its key`,
      });
      const afterChange = await movedSince(before, gateway);
      expect({
        node: gateway.nodeId,
        miss: afterChange.miss,
        policy: afterChange.policy,
        clear: afterChange.clear,
      }).toEqual({
        node: gateway.nodeId,
        miss: 1,
        policy: 1,
        clear: 0,
      });

      // The policy-b key was never evicted, and the policy-a key is cached again.
      expect(await useKey(gateway, keys.b)).toMatchObject({ status: 200, limit: '900000' });
      expect(await useKey(gateway, keys.a)).toMatchObject({ status: 200, limit: '500000' });
      const settled = await waitFor(
        async () => {
          const delta = await movedSince(before, gateway);
          return delta.hit + delta.miss >= afterChange.hit + afterChange.miss + 2 && delta;
        },
        { description: `${gateway.nodeId} to count both key lookups after the change` },
      );
      expect({ node: gateway.nodeId, ...settled }).toEqual({
        node: gateway.nodeId,
        hit: afterChange.hit + 2,
        miss: 1,
        clear: 0,
        policy: 1,
      });
    }
  });
});
