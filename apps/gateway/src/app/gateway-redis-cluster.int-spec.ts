import {
  SseClient,
  StartedTopology,
  startRedisTopology,
  uniqueName,
  waitFor,
} from '@gatehouse/shared-testing';
import { Cluster } from 'ioredis';

import { createKey, Harness, protectedApi, TEST_SECRET, startHarness } from './gateway.spec-helper';

import { streamApi } from './streams.spec-helper';

const rights = { keyed: { api_id: 'keyed', api_name: 'keyed', versions: [] } };
const STREAM = 'gatehouse:analytics';
const EVENTS = {
  events: {
    input: { http_server: { path: '/publish' } },
    output: { http_server: { stream_path: '/sse' } },
  },
};
/** Two stream APIs: their logs hash to different slots, which one XREAD could not read together. */
const STREAM_APIS = ['orders-events', 'billing-events'];

describe('gateway on a Redis Cluster of three primaries (real redis-server --cluster-enabled)', () => {
  let topology: StartedTopology;
  let harness: Harness;
  let cluster: Cluster;
  // A key prefix as tests use: the rate key's hash tag must take it into account.
  const prefix = `${uniqueName('gw-cluster')}:`;

  const call = (path: string, key: string) =>
    fetch(`${harness.gateway.proxyUrl}${path}`, { headers: { authorization: key } });

  beforeAll(async () => {
    topology = await startRedisTopology('cluster');
    harness = await startHarness(
      (upstream) => [
        protectedApi('keyed', '/keyed/', upstream),
        ...STREAM_APIS.flatMap((apiId) => streamApi(apiId, EVENTS)(upstream)),
      ],
      {
        redis_url: undefined,
        storage: { enable_cluster: true, addrs: topology.addresses },
        enable_analytics: true,
        enable_hashed_keys_listing: true,
        analytics_stream: { name: STREAM, flush_interval_ms: 50 },
        redis_key_prefix: prefix,
      },
    );
    const nodes = topology.addresses.map((address) => {
      const [host, port] = address.split(':');
      return { host, port: Number(port) };
    });
    cluster = new Cluster(nodes, { keyPrefix: prefix });
    await waitFor(() => cluster.status === 'ready', { description: 'the test client to join the cluster' });
  }, 60_000);

  afterAll(async () => {
    cluster?.disconnect();
    await harness?.stop();
    await topology?.stop();
  });

  it('enforces rate limits and quotas with keys spread over the nodes', async () => {
    const limited = await createKey(harness, { access_rights: rights, rate: 3, per: 60 });
    const rated = [];
    for (let i = 0; i < 4; i++) rated.push((await call('/keyed/r', limited)).status);
    expect(rated).toEqual([200, 200, 200, 429]);

    const quota = await createKey(harness, { access_rights: rights, quota_max: 2, quota_renewal_rate: 3600 });
    const counted = [];
    for (let i = 0; i < 3; i++) counted.push((await call('/keyed/q', quota)).status);
    expect(counted).toEqual([200, 200, 403]);

    // Enough keys that each primary holds some, so the listing below has to walk every node.
    const more = await Promise.all(
      Array.from({ length: 12 }, () => createKey(harness, { access_rights: rights })),
    );
    for (const key of more) expect((await call('/keyed/k', key)).status).toBe(200);
    const holders = await Promise.all(
      cluster.nodes('master').map(async (node) => (await node.keys(`${prefix}apikey-*`)).length),
    );
    expect(holders.filter((count) => count > 0).length).toBe(3);
    const listing = await fetch(`${harness.gateway.proxyUrl}/tyk/keys`, {
      headers: { 'x-tyk-authorization': TEST_SECRET },
    });
    expect(((await listing.json()) as { keys: string[] }).keys).toHaveLength(14);
  });

  it('writes analytics to the stream on the cluster', async () => {
    const key = await createKey(harness, { access_rights: rights });
    for (let i = 0; i < 5; i++) expect((await call(`/keyed/analytics-${i}`, key)).status).toBe(200);
    await waitFor(
      async () => {
        const entries = (await cluster.xrange(STREAM, '-', '+')) as [string, string[]][];
        const paths = entries.flatMap(([, fields]) =>
          (JSON.parse(fields[fields.indexOf('r') + 1]) as { path: string }[]).map(({ path }) => path),
        );
        return paths.filter((path) => path.includes('analytics-')).length === 5;
      },
      { description: 'the five records in the analytics stream' },
    );
  });

  it('delivers stream messages of APIs whose logs live in different slots', async () => {
    const consumers = STREAM_APIS.map((apiId) => new SseClient(`${harness.gateway.proxyUrl}/${apiId}/sse`));
    try {
      await Promise.all(consumers.map((consumer) => consumer.ready));
      for (let i = 0; i < 5; i++)
        for (const apiId of STREAM_APIS) {
          const published = await fetch(`${harness.gateway.proxyUrl}/${apiId}/publish`, {
            method: 'POST',
            body: JSON.stringify({ apiId, i }),
          });
          expect(published.status).toBe(200);
        }
      await waitFor(() => consumers.every((consumer) => consumer.data().length >= 5), {
        description: 'five messages on each consumer',
      });
      STREAM_APIS.forEach((apiId, at) =>
        expect(consumers[at].data()).toEqual([0, 1, 2, 3, 4].map((i) => JSON.stringify({ apiId, i }))),
      );
    } finally {
      for (const consumer of consumers) consumer.close();
    }
  });

  it('answers /hello with Redis healthy', async () => {
    const hello = (await (await fetch(`${harness.gateway.proxyUrl}/hello`)).json()) as { status: string };
    expect(hello.status).toBe('pass');
  });
});
