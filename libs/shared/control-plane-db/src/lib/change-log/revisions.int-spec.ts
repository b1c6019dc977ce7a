import { connectMongo, MongoConnection } from '../mongo-connection';
import { stackService, uniqueName } from '@gatehouse/shared-testing';

import { Revisions } from './revisions';

describe(`${Revisions.name} (real MongoDB-compatible server)`, () => {
  let mongo: MongoConnection;

  beforeAll(async () => {
    mongo = await connectMongo({ url: stackService('mongo'), database: uniqueName('revs'), appName: 'spec' });
  });

  afterAll(async () => {
    await mongo.db.dropDatabase();
    await mongo.client.close();
  });

  it('never hands out the same revision twice, to concurrent callers of several processes', async () => {
    // Three instances stand for three dashboard processes racing on one database.
    const instances = [new Revisions(mongo.db), new Revisions(mongo.db), new Revisions(mongo.db)];
    const revs = await Promise.all(instances.flatMap((sut) => Array.from({ length: 60 }, () => sut.next())));
    expect(new Set(revs).size).toBe(180);
    const again = await instances[0].next();
    expect(again).toBeGreaterThan(Math.max(...revs));
  });

  it('hands one writer consecutive numbers, and jumps above another writer that claimed meanwhile', async () => {
    const [first, second] = [new Revisions(mongo.db), new Revisions(mongo.db)];
    const a = await first.next();
    expect(await first.next()).toBe(a + 1);
    const others = [await second.next(), await second.next(), await second.next()];
    const after = await first.next();
    expect(after).toBe(Math.max(...others) + 1);
    expect(await first.highest()).toBe(after);
  });
});
