import { StartedTopology, startRedisTopology, uniqueName, waitFor } from '@gatehouse/shared-testing';
import { KeyHasher } from '@gatehouse/shared-tyk-compat';
import { Cluster } from 'ioredis';

import { ConnectionSlots } from './connection-slots';
import { LimitsRepository } from './limits.repository';
import { OAuthStore } from './oauth/oauth.store';
import { ResponseCacheRepository } from './response-cache.repository';
import { SessionRepository } from './session.repository';
import { StreamGroupReader } from './stream-group.reader';
import { StreamMessageLog } from './stream-message.log';

/**
 * Every multi-key script and transaction of the gateway's stores on a three-node Redis Cluster of this
 * file's own: each would fail with CROSSSLOT if its keys sat in different hash slots.
 */
describe('gateway storage on a Redis Cluster (real cluster of three primaries)', () => {
  let topology: StartedTopology;
  const prefix = `${uniqueName('storage-cluster')}:`;
  let redis: Cluster;

  beforeAll(async () => {
    topology = await startRedisTopology('cluster');
    redis = new Cluster(
      topology.addresses.map((node) => ({ host: '127.0.0.1', port: Number(node.split(':')[1]) })),
      { keyPrefix: prefix },
    );
    await waitFor(() => redis.status === 'ready', { description: 'the cluster client to be ready' });
  }, 60_000);

  afterAll(async () => {
    redis?.disconnect();
    await topology?.stop();
  });

  it('checks rate limits and quotas in batches spanning slots', async () => {
    const sut = new LimitsRepository(redis);
    const check = (scope: string) =>
      sut.check({ scope, rate: 2, perSeconds: 60, quotaMax: 3, quotaRenewalSeconds: 60 });
    const scopes = Array.from({ length: 10 }, (_, i) => `key-${i}`);
    const first = await Promise.all(scopes.flatMap((scope) => [check(scope), check(scope), check(scope)]));
    expect(first.map((result) => result.outcome)).toEqual(
      scopes.flatMap(() => ['allowed', 'allowed', 'rate_limited']),
    );
    expect(await sut.quotaUsed('key-0')).toBe(2);
  });

  it('keeps a copied key with its revision, drops older copies, and leaves legacy ids in place', async () => {
    const sut = new SessionRepository(redis);
    await sut.saveCopy('copy-1', { org_id: 'acme' }, 5);
    expect(await sut.dropCopy('copy-1', 4)).toBe(false);
    expect(await sut.dropCopy('copy-1', 6)).toBe(true);
    expect(await sut.find('copy-1')).toBeUndefined();

    // A move across slots cannot be atomic, and one racing a revocation could revive the key: none.
    await sut.save('legacy-1', { org_id: 'acme', access_rights: {} }, 60);
    expect(await sut.adopt('legacy-1', 'new-1')).toBe(false);
    expect((await sut.find('legacy-1'))?.session.org_id).toBe('acme');
    expect(await sut.find('new-1')).toBeUndefined();
    const ids = Array.from({ length: 12 }, (_, i) => `listed-${i}`);
    await Promise.all(ids.map((id) => sut.save(id, { org_id: 'acme' })));
    expect((await sut.listIds('listed-')).sort()).toEqual([...ids].sort());
  });

  it('stores OAuth clients and tokens, and revokes them', async () => {
    const revoked: string[] = [];
    const hasher = new KeyHasher({ algorithm: 'sha256' });
    const sut = new OAuthStore(
      redis,
      () => hasher,
      (ids) => void revoked.push(...ids),
    );
    const client = {
      id: 'client-1',
      secret_hash: 'h',
      redirecturi: 'http://example.test/cb',
      policyid: '',
      meta_data: {},
      description: '',
      rev: '1',
    };
    expect(await sut.saveClient('api-1', client, 10)).toBe(true);
    expect(await sut.saveClient('api-1', { ...client, id: 'client-2' }, 1)).toBe(false);
    expect((await sut.listClients('api-1')).map(({ id }) => id)).toEqual(['client-1']);
    const now = Math.floor(Date.now() / 1000);
    const issue = (accessToken: string, lifetime: number, refresh?: string) =>
      sut.issue({
        apiId: 'api-1',
        clientId: 'client-1',
        accessToken,
        session: { org_id: 'acme' },
        expiresAt: now + lifetime,
        sessionTtl: 600,
        maxTokens: 1,
        refresh: refresh ? { token: refresh, ttl: 600, record: { user_data: {}, scope: '' } } : undefined,
      });
    await issue('access-1', 600, 'refresh-1');
    // Lives longer, so the cap of one token revokes the first.
    await issue('access-2', 601);
    expect(revoked).toEqual([hasher.idOf('access-1')]);
    expect(await redis.get(`apikey-${hasher.idOf('access-1')}`)).toBeNull();
    expect(await sut.takeRefresh('api-1', 'refresh-1', 'client-1')).toBe('unknown');
    await sut.revokeAll('api-1', 'client-1');
    expect(revoked).toContain(hasher.idOf('access-2'));
    expect(await redis.get(`apikey-${hasher.idOf('access-2')}`)).toBeNull();
    expect(await sut.deleteClient('api-1', 'client-1')).toBe(true);
  });

  it('invalidates an API response cache spread over the nodes', async () => {
    const sut = new ResponseCacheRepository(redis);
    const response = { status: 200, headers: {}, body: Buffer.from('x') };
    await Promise.all(Array.from({ length: 12 }, (_, i) => sut.set('cached', `d${i}`, response, 60)));
    expect(await sut.invalidate('cached')).toBe(12);
    expect(await sut.get('cached', 'd0')).toBeUndefined();
  });

  it('appends stream messages with source positions and dead-letters them in one slot', async () => {
    const log = new StreamMessageLog(redis, 'stream:{acme:orders}:events', {
      maxMessages: 100,
      maxAgeMs: 60_000,
    });
    expect(await log.append('one', {}, { source: 'p0', sequence: 1 })).toBeDefined();
    expect(await log.append('again', {}, { source: 'p0', sequence: 1 })).toBeUndefined();
    const reader = new StreamGroupReader(redis, log.key, 'out.0.webhook', 'node-1');
    await reader.ensureGroup();
    await log.append('two');
    const [message] = await reader.read(10, 60_000);
    await reader.deadLetter(message, 'webhook down');
    expect(await redis.xlen(`${log.key}:dead:out.0.webhook`)).toBe(1);
    expect(await reader.lag()).toBe(0);
  });

  it('renews connection slots held under owners on different nodes', async () => {
    const sut = new ConnectionSlots(redis, 60_000);
    const owners = Array.from({ length: 6 }, (_, i) => `conn-owner-${i}`);
    for (const owner of owners) expect(await sut.take(owner, 'slot-a', 1)).toBe(true);
    await sut.renew(owners.map((owner): [string, string] => [owner, 'slot-a']));
    expect(await sut.take(owners[0], 'slot-b', 1)).toBe(false);
  });
});
