import { connectMongo, MongoConnection } from '@gatehouse/shared-control-store';
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

  it('never hands out the same revision twice, even to concurrent callers', async () => {
    const sut = new Revisions(mongo.db);
    await sut.next();
    const revs = await Promise.all(Array.from({ length: 200 }, () => sut.next()));
    expect(new Set(revs).size).toBe(200);
  });
});
