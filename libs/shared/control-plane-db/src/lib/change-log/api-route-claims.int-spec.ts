import { trustedOrgId } from '@gatehouse/shared-kernel';
import { stackService, uniqueName } from '@gatehouse/shared-testing';

import { connectMongo, MongoConnection } from '../mongo-connection';
import { ApiRouteClaims } from './api-route-claims';
import { ApiRepository } from './catalogue.repositories';
import { Revisions } from './revisions';

describe(`${ApiRouteClaims.name} (real MongoDB-compatible server)`, () => {
  let mongo: MongoConnection;
  const acme = trustedOrgId('acme');
  const globex = trustedOrgId('globex');
  const orders = { domain: '', listenPath: '/orders' };

  beforeAll(async () => {
    mongo = await connectMongo({
      url: stackService('mongo'),
      database: uniqueName('routes'),
      appName: 'spec',
    });
  });

  afterAll(async () => {
    await mongo.db.dropDatabase();
    await mongo.client.close();
  });

  it('lets one of many racing claimants hold a route, per org, until it releases it', async () => {
    const sut = new ApiRouteClaims(mongo.db);
    const holders = await Promise.all(
      ['a', 'b', 'c', 'd'].map((id) => sut.claim(acme, { domain: 'x.example', listenPath: '/race' }, id)),
    );
    const winners = holders.filter((holder) => holder === undefined);
    expect(winners).toHaveLength(1);
    const winner = ['a', 'b', 'c', 'd'][holders.indexOf(undefined)];
    expect(new Set(holders.filter(Boolean).map((holder) => holder?.apiId))).toEqual(new Set([winner]));
    expect(await sut.claim(acme, { domain: 'x.example', listenPath: '/race' }, winner)).toBeUndefined();
    expect(await sut.claim(globex, { domain: 'x.example', listenPath: '/race' }, 'e')).toBeUndefined();

    await sut.release(acme, { domain: 'x.example', listenPath: '/race' }, 'not-the-holder');
    expect(await sut.claim(acme, { domain: 'x.example', listenPath: '/race' }, 'f')).toMatchObject({
      apiId: winner,
    });
    await sut.release(acme, { domain: 'x.example', listenPath: '/race' }, winner);
    expect(await sut.claim(acme, { domain: 'x.example', listenPath: '/race' }, 'f')).toBeUndefined();
  });

  it('hands a stale claim to exactly one of several writes taking it over at once', async () => {
    const sut = new ApiRouteClaims(mongo.db);
    const route = { domain: '', listenPath: '/stale' };
    expect(await sut.claim(acme, route, 'failed-write')).toBeUndefined();
    const stale = await sut.claim(acme, route, 'probe');
    if (!stale) throw new Error('the claim of failed-write should be found');
    const takers = ['p', 'q', 'r', 's'];
    const won = await Promise.all(takers.map((id) => sut.handOver(acme, route, stale, id)));
    expect(won.filter(Boolean)).toHaveLength(1);
    const winner = takers[won.indexOf(true)];
    expect(await sut.claim(acme, route, 'late')).toMatchObject({ apiId: winner });
    // The API that held it before, releasing late (a move or delete that raced), drops nothing now.
    await sut.release(acme, route, 'failed-write');
    expect(await sut.claim(acme, route, 'late')).toMatchObject({ apiId: winner });
  });

  it('claims the routes of APIs stored before claims existed, once, whoever starts first', async () => {
    const db = mongo.client.db(uniqueName('routes-backfill'));
    try {
      const apis = new ApiRepository(db, new Revisions(db));
      const fields = { ...orders, tags: [], active: true };
      await apis.save(acme, 'orders', { api_id: 'orders' }, fields);
      await apis.save(acme, 'gone', { api_id: 'gone' }, { ...fields, listenPath: '/gone' });
      await apis.delete(acme, 'gone');
      await apis.save(globex, 'their-orders', { api_id: 'their-orders' }, fields);

      await Promise.all([apis.ensureIndexes(), new ApiRepository(db, new Revisions(db)).ensureIndexes()]);

      expect(await apis.routes.claim(acme, orders, 'intruder')).toMatchObject({ apiId: 'orders' });
      expect(await apis.routes.claim(globex, orders, 'intruder')).toMatchObject({ apiId: 'their-orders' });
      expect(await apis.routes.claim(acme, { domain: '', listenPath: '/gone' }, 'newcomer')).toBeUndefined();
      // Once per database: a claim released since is not brought back by the next start.
      await apis.routes.release(acme, orders, 'orders');
      await apis.ensureIndexes();
      expect(await apis.routes.claim(acme, orders, 'newcomer')).toBeUndefined();
    } finally {
      await db.dropDatabase();
    }
  });
});
