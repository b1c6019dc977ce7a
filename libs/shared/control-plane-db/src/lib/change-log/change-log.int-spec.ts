import { Change, ChangeFollower } from '@gatehouse/shared-change-log';
import { trustedOrgId } from '@gatehouse/shared-kernel';
import { stackService, uniqueName } from '@gatehouse/shared-testing';

import { connectMongo, MongoConnection } from '../mongo-connection';
import { ApiRepository } from './catalogue.repositories';
import { ChangeLogHorizon } from './change-log-horizon';
import { Revisions } from './revisions';

describe('change log (real MongoDB-compatible server)', () => {
  let mongo: MongoConnection;
  let apis: ApiRepository;
  const acme = trustedOrgId('acme');
  const globex = trustedOrgId('globex');

  beforeAll(async () => {
    mongo = await connectMongo({
      url: stackService('mongo'),
      database: uniqueName('changes'),
      appName: 'spec',
    });
    apis = new ApiRepository(mongo.db, new Revisions(mongo.db));
    await apis.ensureIndexes();
  });

  afterAll(async () => {
    await mongo.db.dropDatabase();
    await mongo.client.close();
  });

  const save = (orgId: typeof acme, apiId: string) =>
    apis.save(
      orgId,
      apiId,
      { api_id: apiId },
      { listenPath: `/${apiId}`, domain: '', tags: [], active: true },
    );

  it('stamps every write with a fresh revision and leaves a tombstone on delete', async () => {
    const first = await save(acme, 'a');
    const second = await save(acme, 'a');
    expect(second.rev).toBeGreaterThan(first.rev);
    const deletedAt = await apis.delete(acme, 'a');
    expect(deletedAt).toBeGreaterThan(second.rev);
    expect(await apis.get(acme, 'a')).toBeUndefined();
    // The log holds each entity's latest state: a follower after `first` learns only that `a` is gone.
    expect(await apis.changesAfter(acme, first.rev, 10)).toEqual([
      { kind: 'api', id: 'a', rev: deletedAt, deleted: true },
    ]);
    expect(await apis.delete(acme, 'a')).toBeUndefined();
  });

  it('purges tombstones past the retention window, and nothing else', async () => {
    await save(acme, 'old-gone');
    await apis.delete(acme, 'old-gone');
    await save(acme, 'kept');
    expect(await apis.purgeTombstones(new Date(Date.now() - 60_000))).toEqual({ purged: 0, highestRev: 0 });
    const purge = await apis.purgeTombstones(new Date(Date.now() + 1000));
    expect(purge.purged).toBeGreaterThanOrEqual(1);
    const horizon = new ChangeLogHorizon(mongo.db);
    await horizon.advance(purge.highestRev);
    await horizon.advance(purge.highestRev - 1);
    expect(await horizon.oldestResumable()).toBe(purge.highestRev);
    expect((await apis.changesAfter(acme, 0, 100)).some((change) => change.id === 'old-gone')).toBe(false);
    expect(await apis.get(acme, 'kept')).toBeDefined();
    const revisions = new Revisions(mongo.db);
    const before = await revisions.next();
    await revisions.purgeClaims(new Date(Date.now() + 1000));
    expect(await new Revisions(mongo.db).next()).toBeGreaterThan(before);
  });

  it('keeps tenants apart', async () => {
    await save(acme, 'shared-name');
    expect(await apis.get(globex, 'shared-name')).toBeUndefined();
    expect((await apis.changesAfter(globex, 0, 100)).map((change) => change.id)).not.toContain('shared-name');
  });

  it('loses no change for a follower with look-back while writers race (revisions committed out of order)', async () => {
    const follower = new ChangeFollower((after, limit) => apis.changesAfter(globex, after, limit), 1000, 7);
    const seen: Change[] = [];
    let writing = true;
    const reader = (async () => {
      while (writing) {
        seen.push(...(await follower.poll()));
        // Yield to the writers between polls, as a follower does between reads.
        await new Promise(setImmediate);
      }
    })();
    const latest = new Map<string, number>();
    const writers = Array.from({ length: 8 }, (_, writer) =>
      (async () => {
        for (let i = 0; i < 15; i++) {
          const saved = await save(globex, `w${writer}-${i % 5}`);
          latest.set(saved.id, Math.max(latest.get(saved.id) ?? 0, saved.rev));
        }
      })(),
    );
    await Promise.all(writers);
    writing = false;
    await reader;
    seen.push(...(await follower.poll()));
    // Every entity's final revision reached the follower, so it converged on the final state.
    const newestSeen = new Map<string, number>();
    for (const change of seen)
      newestSeen.set(change.id, Math.max(newestSeen.get(change.id) ?? 0, change.rev));
    expect(newestSeen).toEqual(latest);
    expect(latest.size).toBe(40);
  });
});
