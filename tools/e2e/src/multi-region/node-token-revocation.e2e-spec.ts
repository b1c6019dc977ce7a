import { BridgeClient, GrpcStatus, WatchResponse } from '@gatehouse/shared-proto';
import { waitFor } from '@gatehouse/shared-testing';

import { keylessApi } from './control-plane-client';
import { RegionName, RunningGateway, Topology } from './topology';
import { send, untilEvery } from './traffic';

/** How long revocation may take to reach the bridges: their grant cache is 5 s, heartbeats 0.5 s here. */
const REVOCATION_DEADLINE_MS = 10_000;

/** A Watch opened with a region's node token, as its gateways open theirs, to see how the bridge ends it. */
function watchAs(client: BridgeClient) {
  const messages: WatchResponse[] = [];
  const stream = client.watch({ nodeId: 'e2e-watcher', cursor: 0 });
  const ended = new Promise<{ code?: number; details?: string }>((resolve) => {
    stream.on('error', (error: { code?: number; details?: string }) => resolve(error));
    stream.on('end', () => resolve({}));
  });
  stream.on('data', (message: WatchResponse) => messages.push(message));
  return { messages, ended, cancel: () => stream.cancel() };
}

/** The gRPC status of a GetKey call: authentication comes before the request is looked at. */
async function getKeyStatus(client: BridgeClient): Promise<number> {
  try {
    await client.getKey({ keyHash: 'feedfacecafebeef' });
    return GrpcStatus.OK;
  } catch (error) {
    return (error as { code: number }).code;
  }
}

async function bridgeConnected(gateway: RunningGateway): Promise<string | undefined> {
  const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
  return /gatehouse_gateway_bridge_connected\{[^}]*\} (\d)/.exec(metrics)?.[1];
}

/**
 * Node tokens revoked in the dashboard, one by id or all of a group by deleting it: every bridge ends
 * the token's Watch streams and refuses its calls within seconds, while the region's gateways keep
 * serving what they hold (as in a partition).
 */
describe('multi-region: node token revocation and gateway group deletion (real processes on loopback)', () => {
  const topology = new Topology();
  const clients: BridgeClient[] = [];
  const closers: Array<() => void> = [];

  beforeAll(async () => {
    try {
      await topology.start();
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${topology.output()}`);
    }
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    for (const close of closers) close();
    await topology.stop();
  });

  /** Serves an API tagged for the region on its gateways; opens a Watch per bridge with its token. */
  async function prepare(region: RegionName) {
    const api = `kept-${region}`;
    await topology.control.must('POST', '/apis', keylessApi(api, topology.upstreamUrl, [region]));
    const gateways = topology.regions[region].gateways;
    await untilEvery(gateways, `/${api}/hi`, 200);
    await Promise.all(
      gateways.map((gateway) =>
        waitFor(async () => (await bridgeConnected(gateway)) === '1', {
          description: `${gateway.nodeId} to be connected`,
        }),
      ),
    );
    const tls = await topology.tls.clientTls(region);
    closers.push(() => tls.close());
    const watches = topology.bridges.map((bridge) => {
      const address = `127.0.0.1:${bridge.grpcPort}`;
      const client = new BridgeClient(address, topology.regions[region].nodeToken, { tls });
      clients.push(client);
      return { client, watch: watchAs(client) };
    });
    for (const { client, watch } of watches) {
      await waitFor(() => watch.messages.some((message) => message.snapshotEnd), {
        description: 'the snapshot to end',
      });
      expect(await getKeyStatus(client)).toBe(GrpcStatus.NOT_FOUND);
    }
    return { api, gateways, watches };
  }

  /** Every bridge ended the Watch and refuses GetKey; the gateways lost their link but still serve. */
  async function expectCutOff(prepared: Awaited<ReturnType<typeof prepare>>, since: number) {
    for (const { client, watch } of prepared.watches) {
      const ended = await Promise.race([
        watch.ended,
        new Promise<undefined>((resolve) =>
          setTimeout(() => resolve(undefined), REVOCATION_DEADLINE_MS).unref(),
        ),
      ]);
      expect(ended).toMatchObject({ code: GrpcStatus.UNAUTHENTICATED });
      await waitFor(async () => (await getKeyStatus(client)) === GrpcStatus.UNAUTHENTICATED, {
        description: 'the bridge to refuse GetKey',
        timeoutMs: REVOCATION_DEADLINE_MS,
        intervalMs: 100,
      });
    }
    await Promise.all(
      prepared.gateways.map((gateway) =>
        waitFor(async () => (await bridgeConnected(gateway)) === '0', {
          description: `${gateway.nodeId} to lose its bridge link`,
          timeoutMs: REVOCATION_DEADLINE_MS,
        }),
      ),
    );
    const took = Date.now() - since;
    expect(took).toBeLessThan(REVOCATION_DEADLINE_MS);
    for (const gateway of prepared.gateways)
      expect((await send(gateway, `/${prepared.api}/still`)).status).toBe(200);
    return took;
  }

  it("revoking a token ends its gateways' Watch and refuses their calls within seconds; they keep serving", async () => {
    const prepared = await prepare('us');
    const [token] = await topology.control.must<{ id: string }[]>('GET', '/gateway-groups/us/node-tokens');
    const since = Date.now();
    expect((await topology.control.call('DELETE', `/gateway-groups/us/node-tokens/${token.id}`)).status).toBe(
      204,
    );
    const took = await expectCutOff(prepared, since);
    process.stdout.write(`node token revocation reached every bridge and us gateway in ${took} ms\n`);
    const listed = await topology.control.must<{ revokedAt: string | null }[]>(
      'GET',
      '/gateway-groups/us/node-tokens',
    );
    expect(listed.every((entry) => entry.revokedAt !== null)).toBe(true);
  });

  it('deleting a group does the same for every node of the group', async () => {
    const prepared = await prepare('eu');
    const since = Date.now();
    expect((await topology.control.call('DELETE', '/gateway-groups/eu')).status).toBe(204);
    const took = await expectCutOff(prepared, since);
    process.stdout.write(`gateway group deletion reached every bridge and eu gateway in ${took} ms\n`);
    expect((await topology.control.call('GET', '/gateway-groups/eu')).status).toBe(404);
    // Still cut off: the gateways keep retrying, and keep being refused.
    for (const gateway of prepared.gateways) expect(await bridgeConnected(gateway)).toBe('0');
  });
});
