import { waitFor } from '@gatehouse/shared-testing';

import { keyedApi, keylessApi } from './control-plane-client';
import { GATEWAY_SECRET, Topology } from './topology';
import { percentile, send, untilEvery } from './traffic';

/** Scenarios 1, 2 and 6 of the multi-region suite: propagation, key back-fill and revocation, tags. */
describe('multi-region: propagation (real processes on loopback)', () => {
  const topology = new Topology();
  let firstKey = 'no key created yet';

  beforeAll(async () => {
    try {
      await topology.start();
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${topology.output()}`);
    }
  }, 120_000);

  afterAll(() => topology.stop());

  it('serves an API created in the dashboard in both regions; 50 changes propagate (p50, p99 printed)', async () => {
    const gateways = topology.allGateways();
    const latencies: number[] = [];
    for (let index = 0; index < 50; index++) {
      const id = `prop-${index}`;
      const since = Date.now();
      await topology.control.must('POST', '/apis', keylessApi(id, topology.upstreamUrl));
      latencies.push(await untilEvery(gateways, `/${id}/hello`, 200, { since }));
    }
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    process.stdout.write(`config propagation over 50 changes to 3 gateways: p50 ${p50} ms, p99 ${p99} ms\n`);
    expect(latencies).toHaveLength(50);
    const answer = await send(gateways[0], '/prop-49/anything');
    expect(JSON.parse(answer.body)).toEqual({ path: '/anything' });
  });

  it('back-fills a dashboard key in both regions on first use, and rejects it everywhere within 1 s of revocation', async () => {
    await topology.control.must('POST', '/apis', keyedApi('orders', topology.upstreamUrl));
    await untilEvery(topology.allGateways(), '/orders/1', 401);
    const created = await topology.control.must<{ key: string; key_hash: string }>('POST', '/keys', {
      access_rights: { orders: { api_id: 'orders', api_name: 'orders', versions: ['Default'] } },
    });
    firstKey = created.key;
    for (const gateway of topology.allGateways()) {
      expect((await send(gateway, '/orders/1', created.key)).status).toBe(200);
    }
    const revokedAt = Date.now();
    await topology.control.must('DELETE', `/keys/${created.key_hash}`);
    const took = await untilEvery(topology.allGateways(), '/orders/1', 403, {
      key: created.key,
      since: revokedAt,
      timeoutMs: 1000,
    });
    process.stdout.write(`revocation reached every region in ${took} ms\n`);
    const refused = await send(topology.regions.us.gateways[0], '/orders/1', created.key);
    expect(JSON.parse(refused.body)).toEqual({ error: 'Access to this API has been disallowed' });
    const metrics = await (await fetch(`${topology.regions.us.gateways[0].url}/metrics`)).text();
    expect(metrics).toMatch(/gatehouse_gateway_key_backfills_total\{outcome="found"[^}]*\} 1\n/);
    expect(metrics).toMatch(/gatehouse_gateway_key_backfills_total\{outcome="not_found"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/gatehouse_gateway_bridge_connected\{[^}]*\} 1\n/);
  });

  it("answers the Gateway API's reads from the control plane's config and refuses its writes", async () => {
    const [gateway] = topology.regions.eu.gateways;
    const admin = { 'x-tyk-authorization': GATEWAY_SECRET, 'content-type': 'application/json' };
    const listed = await fetch(`${gateway.url}/tyk/apis`, { headers: admin });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { api_id: string }[]).map((api) => api.api_id)).toContain('prop-0');
    for (const [path, body] of [
      ['/tyk/apis', keylessApi('sneaky', topology.upstreamUrl)],
      ['/tyk/keys/create', { org_id: topology.orgId, access_rights: {} }],
    ] as const) {
      const refused = await fetch(`${gateway.url}${path}`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify(body),
      });
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('managed by the control plane');
    }
  });

  it('never writes a node token or a raw key to any log', async () => {
    const logs = topology.output(Number.MAX_SAFE_INTEGER);
    expect(logs).toContain('bridge handshake done');
    for (const region of Object.values(topology.regions)) expect(logs).not.toContain(region.nodeToken);
    expect(logs).not.toContain(firstKey);
  });

  it('never serves an API tagged for us in eu', async () => {
    await topology.control.must('POST', '/apis', keylessApi('us-only', topology.upstreamUrl, ['us']));
    await topology.control.must('POST', '/apis', keylessApi('marker', topology.upstreamUrl));
    await untilEvery(topology.regions.us.gateways, '/us-only/x', 200);
    // The marker was written after the us-only API: once eu serves it, eu has seen that change too.
    await untilEvery(topology.regions.eu.gateways, '/marker/x', 200);
    for (const gateway of topology.regions.eu.gateways) {
      expect((await send(gateway, '/us-only/x')).status).toBe(404);
    }
    await waitFor(
      async () => {
        const nodes = await topology.control.must<{ nodeId: string; inSync: boolean }[]>(
          'GET',
          '/gateway-groups/eu/nodes',
        );
        return nodes.length === 2 && nodes.every((node) => node.inSync);
      },
      { description: 'both eu nodes to report the control plane config checksum', timeoutMs: 10_000 },
    );
  });

  it('never registers a gateway that cannot take its port (was: a dead node listed in the group)', async () => {
    const taken = Number(new URL(topology.regions.eu.gateways[0].url).port);
    const doomed = topology.launchGateway('eu', 'eu-port-taken', taken);
    expect(await doomed.exited).not.toBe(0);
    expect(doomed.output()).toContain('EADDRINUSE');
    const nodes = await topology.control.must<{ nodeId: string }[]>('GET', '/gateway-groups/eu/nodes');
    expect(nodes.map((node) => node.nodeId)).not.toContain('eu-port-taken');
  });
});
