import { waitFor } from '@gatehouse/shared-testing';

import { keyedApi, keylessApi } from './control-plane-client';
import { RegionName, Topology } from './topology';
import { send, untilEvery } from './traffic';

const ordersAccess = { orders: { api_id: 'orders', api_name: 'orders', versions: ['Default'] } };

/** Scenarios 3, 4 and 5 of the multi-region suite: partitions, emergency mode, losing a bridge. */
describe('multi-region: faults (real processes on loopback)', () => {
  const topology = new Topology();
  let cachedKey = '';

  async function converged(region: RegionName, nodes: number): Promise<void> {
    await waitFor(
      async () => {
        const listed = await topology.control.must<{ nodeId: string; inSync: boolean }[]>(
          'GET',
          `/gateway-groups/${region}/nodes?seenWithinSeconds=3`,
        );
        return listed.length >= nodes && listed.every((node) => node.inSync);
      },
      { description: `${region} nodes to report the control plane's config checksum`, timeoutMs: 15_000 },
    );
  }

  beforeAll(async () => {
    try {
      await topology.start();
      await topology.control.must('POST', '/apis', keyedApi('orders', topology.upstreamUrl));
      await topology.control.must('POST', '/apis', keylessApi('catalogue', topology.upstreamUrl));
      cachedKey = (
        await topology.control.must<{ key: string }>('POST', '/keys', { access_rights: ordersAccess })
      ).key;
      await untilEvery(topology.allGateways(), '/catalogue/x', 200);
      // First use back-fills the key into each region's Redis.
      await untilEvery(topology.allGateways(), '/orders/x', 200, { key: cachedKey });
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${topology.output()}`);
    }
  }, 120_000);

  // A failed scenario must not leave the next one partitioned.
  afterEach(() => topology.heal('eu'));

  afterAll(() => topology.stop());

  it('keeps eu serving through a partition, fails closed on unknown keys, and converges after the heal', async () => {
    const unknownKey = (
      await topology.control.must<{ key: string }>('POST', '/keys', { access_rights: ordersAccess })
    ).key;
    topology.partition('eu');
    await topology.control.must('POST', '/apis', keylessApi('during-partition', topology.upstreamUrl));
    await topology.control.must('PUT', '/apis/catalogue', {
      ...keylessApi('catalogue', topology.upstreamUrl),
      name: 'renamed during the partition',
    });
    await untilEvery(topology.regions.us.gateways, '/during-partition/x', 200);
    // Past the stall timeout the eu gateways know the link is gone; they keep serving regardless.
    const statuses = new Set<number>();
    await waitFor(
      async () => {
        for (const gateway of topology.regions.eu.gateways) {
          statuses.add((await send(gateway, '/catalogue/x')).status);
          statuses.add((await send(gateway, '/orders/x', cachedKey)).status);
        }
        const metrics = await Promise.all(
          topology.regions.eu.gateways.map(async (gateway) => (await fetch(`${gateway.url}/metrics`)).text()),
        );
        return metrics.every((text) => /gatehouse_gateway_bridge_connected\{[^}]*\} 0/.test(text));
      },
      { description: 'the eu gateways to notice the partition', timeoutMs: 15_000 },
    );
    expect([...statuses]).toEqual([200]);
    for (const gateway of topology.regions.eu.gateways) {
      const refused = await send(gateway, '/orders/x', unknownKey);
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body)).toEqual({ error: 'Access to this API has been disallowed' });
      expect((await send(gateway, '/during-partition/x')).status).toBe(404);
    }

    topology.heal('eu');
    await untilEvery(topology.regions.eu.gateways, '/during-partition/x', 200, { timeoutMs: 15_000 });
    await converged('eu', 2);
  });

  it('restarts an eu gateway during a partition from the encrypted snapshot, and starts a never-connected one too', async () => {
    await topology.control.must('POST', '/apis', keylessApi('before-restart', topology.upstreamUrl));
    await untilEvery(topology.regions.eu.gateways, '/before-restart/x', 200);
    topology.partition('eu');
    await topology.stopGateway('eu', 'eu-1');
    const restarted = await topology.startGateway('eu', 'eu-1');
    const brandNew = await topology.startGateway('eu', 'eu-3');
    for (const gateway of [restarted, brandNew]) {
      expect((await send(gateway, '/before-restart/x')).status).toBe(200);
      expect((await send(gateway, '/catalogue/x')).status).toBe(200);
      // The key was back-filled into the region's Redis before the partition.
      expect((await send(gateway, '/orders/x', cachedKey)).status).toBe(200);
      expect(gateway.process.output()).toContain('"from":"emergency-snapshot"');
    }
    topology.heal('eu');
    await converged('eu', 3);
  });

  it('moves gateways to the other bridge when one is killed, missing no change', async () => {
    const [victim] = topology.bridges;
    const before = topology.control.must(
      'POST',
      '/apis',
      keylessApi('around-the-kill', topology.upstreamUrl),
    );
    await victim.process.stop('SIGKILL');
    await before;
    for (let index = 0; index < 5; index++)
      await topology.control.must('POST', '/apis', keylessApi(`after-kill-${index}`, topology.upstreamUrl));
    const everyone = topology.allGateways();
    await untilEvery(everyone, '/around-the-kill/x', 200, { timeoutMs: 15_000 });
    for (let index = 0; index < 5; index++) await untilEvery(everyone, `/after-kill-${index}/x`, 200);
    await converged('eu', 3);
    await converged('us', 1);
  });
});
