import type { AnalyticsRecord } from '@gatehouse/shared-tyk-compat';
import { connectRedis, createRedisClient, Redis } from '@gatehouse/shared-redis';
import { freePort, stackService, uniqueName, waitFor } from '@gatehouse/shared-testing';

import { AnalyticsStreamWriter } from './analytics-stream.writer';
import { ClusterNotification, ClusterNotifications } from './cluster-notifications';
import { EmergencySnapshotRepository } from './emergency-snapshot.repository';
import { LimitsRepository } from './limits.repository';
import { SessionRepository } from './session.repository';

describe('gateway storage (real Redis)', () => {
  let redis: Redis;

  beforeAll(async () => {
    redis = await connectRedis(
      { url: stackService('redis'), connectionName: 'storage-spec', keyPrefix: `${uniqueName('gw')}:` },
      5000,
    );
  });

  afterAll(() => redis.disconnect());

  describe(LimitsRepository.name, () => {
    it('allows a burst of `rate`, then answers rate_limited without consuming quota', async () => {
      const sut = new LimitsRepository(redis);
      const check = {
        scope: uniqueName('key'),
        rate: 3,
        perSeconds: 60,
        quotaMax: 100,
        quotaRenewalSeconds: 3600,
      };
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await sut.check(check));
      expect(results.map((result) => result.outcome)).toEqual([
        'allowed',
        'allowed',
        'allowed',
        'rate_limited',
      ]);
      expect(results.map((result) => result.rateRemaining)).toEqual([2, 1, 0, 0]);
      expect(results[3].rateResetMs).toBeGreaterThan(0);
      expect(await sut.quotaUsed(check.scope)).toBe(3);
    });

    it('batches checks issued together, in order, so concurrent requests of one key are counted exactly', async () => {
      const sut = new LimitsRepository(redis);
      const scope = uniqueName('key');
      const other = uniqueName('key');
      const results = await Promise.all([
        ...Array.from({ length: 5 }, () =>
          sut.check({ scope, rate: 3, perSeconds: 60, quotaMax: 0, quotaRenewalSeconds: 0 }),
        ),
        sut.check({ scope: other, rate: 1, perSeconds: 60, quotaMax: 0, quotaRenewalSeconds: 0 }),
      ]);
      expect(results.map((result) => result.outcome)).toEqual([
        'allowed',
        'allowed',
        'allowed',
        'rate_limited',
        'rate_limited',
        'allowed',
      ]);
    });

    it('counts a quota down and refuses past it until it renews', async () => {
      const sut = new LimitsRepository(redis);
      const check = { scope: uniqueName('key'), rate: 0, perSeconds: 0, quotaMax: 2, quotaRenewalSeconds: 1 };
      const first = await sut.check(check);
      expect(first).toMatchObject({ outcome: 'allowed', quotaRemaining: 1, rateRemaining: -1 });
      expect(first.quotaResetMs).toBeGreaterThan(0);
      expect((await sut.check(check)).outcome).toBe('allowed');
      expect(await sut.check(check)).toMatchObject({ outcome: 'quota_exceeded', quotaRemaining: 0 });
      await waitFor(async () => (await sut.check(check)).outcome === 'allowed', {
        description: 'the quota to renew',
        timeoutMs: 3000,
      });
    });

    it('resets a quota on demand', async () => {
      const sut = new LimitsRepository(redis);
      const check = {
        scope: uniqueName('key'),
        rate: 0,
        perSeconds: 0,
        quotaMax: 1,
        quotaRenewalSeconds: 3600,
      };
      await sut.check(check);
      expect((await sut.check(check)).outcome).toBe('quota_exceeded');
      await sut.resetQuota(check.scope);
      expect((await sut.check(check)).outcome).toBe('allowed');
    });
  });

  describe(SessionRepository.name, () => {
    it('stores Tyk-shaped sessions, lists and deletes them', async () => {
      const sut = new SessionRepository(redis);
      const id = uniqueName('hash');
      await sut.save(id, { org_id: 'acme', rate: 5, per: 1, custom_field: 'kept' });
      const found = await sut.find(id);
      expect(found?.session).toMatchObject({
        org_id: 'acme',
        rate: 5,
        per: 1,
        quota_max: 0,
        access_rights: {},
      });
      expect(found?.raw).toEqual({ org_id: 'acme', rate: 5, per: 1, custom_field: 'kept' });
      expect(await sut.listIds(id)).toEqual([id]);
      expect(await sut.delete(id)).toBe(true);
      expect(await sut.find(id)).toBeUndefined();
    });

    it('treats a corrupt session as absent', async () => {
      const sut = new SessionRepository(redis);
      const id = uniqueName('hash');
      await redis.set(`apikey-${id}`, '{not json');
      expect(await sut.find(id)).toBeUndefined();
      await redis.set(`apikey-${id}`, JSON.stringify({ rate: 'fast' }));
      expect(await sut.find(id)).toBeUndefined();
    });

    it('answers "unchanged" for the version it gave while the stored JSON stays the same, byte for byte', async () => {
      const sut = new SessionRepository(redis);
      const id = uniqueName('hash');
      await sut.save(id, { org_id: 'acme', rate: 5, per: 1 });
      const first = await sut.lookup(id);
      if (!first || 'unchanged' in first) throw new Error(`expected a session, got ${JSON.stringify(first)}`);
      expect(first.session.rate).toBe(5);
      expect(await sut.lookup(id, first.version)).toEqual({ unchanged: true });
      // The same fields in another order are another document: decoded again, never assumed equal.
      await redis.set(`apikey-${id}`, JSON.stringify({ per: 1, rate: 5, org_id: 'acme' }));
      const reordered = await sut.lookup(id, first.version);
      expect(reordered).toMatchObject({ session: { rate: 5 } });
      await sut.save(id, { org_id: 'acme', rate: 6, per: 1 });
      expect(await sut.lookup(id, first.version)).toMatchObject({ session: { rate: 6 } });
      await redis.set(`apikey-${id}`, '{not json');
      expect(await sut.lookup(id, first.version)).toBeUndefined();
      await sut.delete(id);
      expect(await sut.lookup(id, first.version)).toBeUndefined();
    });

    it('keeps a control-plane copy through a replayed eviction of its own revision, drops it for a newer one', async () => {
      const sut = new SessionRepository(redis);
      const id = uniqueName('hash');
      await sut.saveCopy(id, { org_id: 'acme', rate: 5 }, 10);
      expect(await sut.dropCopy(id, 9)).toBe(false);
      expect(await sut.dropCopy(id, 10)).toBe(false);
      expect(await sut.find(id)).toBeDefined();
      expect(await sut.dropCopy(id, 11)).toBe(true);
      expect(await sut.find(id)).toBeUndefined();
    });
  });

  describe(EmergencySnapshotRepository.name, () => {
    it("keeps the newest snapshot: a gateway behind never overwrites a peer's fresher one", async () => {
      const group = uniqueName('group');
      const sut = new EmergencySnapshotRepository(redis, 'acme', group);
      expect(await sut.read()).toBeUndefined();
      expect(await sut.write(5, 'sealed-at-5')).toBe(true);
      expect(await sut.write(3, 'sealed-at-3')).toBe(false);
      expect(await sut.read()).toBe('sealed-at-5');
      expect(await sut.write(5, 'sealed-again-at-5')).toBe(true);
      expect(await new EmergencySnapshotRepository(redis, 'acme', group).read()).toBe('sealed-again-at-5');
      expect(await new EmergencySnapshotRepository(redis, 'acme', `${group}-other`).read()).toBeUndefined();
    });
  });

  describe(AnalyticsStreamWriter.name, () => {
    const record = (id: string) => ({ id, path: '/x' }) as AnalyticsRecord;

    it('writes buffered records to the stream in batches', async () => {
      const stream = uniqueName('analytics');
      const counts = { written: 0, dropped: 0 };
      const sut = new AnalyticsStreamWriter(
        redis,
        { stream, maxStreamLength: 1000, batchSize: 2, flushIntervalMs: 1000, bufferLimit: 10 },
        { written: (n) => (counts.written += n), dropped: (n) => (counts.dropped += n) },
      );
      ['a', 'b', 'c'].forEach((id) => sut.record(record(id)));
      await sut.flush();
      const entries = await redis.xrange(stream, '-', '+');
      expect(entries.map(([, fields]) => fields[1])).toEqual(['2', '1']);
      expect(
        entries.flatMap(([, fields]) => JSON.parse(fields[3]).map((record: AnalyticsRecord) => record.id)),
      ).toEqual(['a', 'b', 'c']);
      expect(counts).toEqual({ written: 3, dropped: 0 });
    });

    it('drops and counts a batch that would take the stream past its cap, writing nothing of it', async () => {
      const stream = uniqueName('capped');
      const counts = { written: 0, dropped: 0 };
      const writer = new AnalyticsStreamWriter(
        redis,
        { stream, maxStreamLength: 2, batchSize: 1, flushIntervalMs: 1000, bufferLimit: 10 },
        { written: (n) => (counts.written += n), dropped: (n) => (counts.dropped += n) },
      );
      for (const id of ['a', 'b', 'c']) writer.record(record(id));
      await writer.flush();
      expect(counts).toEqual({ written: 2, dropped: 1 });
      expect(await redis.xlen(stream)).toBe(2);
    });

    it('buffers while Redis is down, dropping and counting the oldest beyond the limit', async () => {
      const down = createRedisClient({
        url: `redis://127.0.0.1:${await freePort()}`,
        connectionName: 'down',
      });
      down.on('error', () => undefined);
      const counts = { written: 0, dropped: 0 };
      const sut = new AnalyticsStreamWriter(
        down,
        { stream: 's', maxStreamLength: 1000, batchSize: 100, flushIntervalMs: 1000, bufferLimit: 3 },
        { written: (n) => (counts.written += n), dropped: (n) => (counts.dropped += n) },
      );
      try {
        ['a', 'b', 'c', 'd', 'e'].forEach((id) => sut.record(record(id)));
        await sut.flush();
        expect(counts).toEqual({ written: 0, dropped: 2 });
        expect(sut.buffered).toBe(3);
      } finally {
        down.disconnect();
      }
    });
  });

  describe(ClusterNotifications.name, () => {
    it('delivers signed notifications and ignores forged ones', async () => {
      const raw = await connectRedis({ url: stackService('redis'), connectionName: 'notify-spec' }, 5000);
      const sut = new ClusterNotifications(raw, 'node-secret');
      const received: ClusterNotification[] = [];
      try {
        await sut.subscribe((notification) => received.push(notification));
        await raw.publish(
          'tyk.cluster.notifications',
          JSON.stringify({ command: 'GroupReload', payload: '', signature: 'forged' }),
        );
        await sut.publish('KeySpaceUpdateNotification', 'hash1,hash2');
        await waitFor(() => received.length > 0, { description: 'the notification' });
        expect(received).toEqual([{ command: 'KeySpaceUpdateNotification', payload: 'hash1,hash2' }]);
      } finally {
        await sut.close();
        raw.disconnect();
      }
    });
  });
});
