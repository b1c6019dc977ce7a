import { stackService, uniqueName } from '@gatehouse/shared-testing';

import { connectMongo, MongoConnection } from '../mongo-connection';
import { AnnouncementSeal } from './announcement-seal';

describe(`${AnnouncementSeal.name} (real MongoDB-compatible server)`, () => {
  const connections: MongoConnection[] = [];
  const database = async () => {
    const mongo = await connectMongo({
      url: stackService('mongo'),
      database: uniqueName('seal'),
      appName: 'spec',
    });
    connections.push(mongo);
    return mongo.db;
  };

  afterAll(async () => {
    for (const mongo of connections) {
      await mongo.db.dropDatabase();
      await mongo.client.close();
    }
  });

  it('gives every process of one database the same seal, even when they start together', async () => {
    const db = await database();
    const [a, b, c] = await Promise.all([
      AnnouncementSeal.of(db),
      AnnouncementSeal.of(db),
      AnnouncementSeal.of(db),
    ]);
    const sealed = a.seal('{"rev":1}');
    expect(b.open(sealed)).toBe('{"rev":1}');
    expect(c.open(sealed)).toBe('{"rev":1}');
  });

  it('opens nothing sealed for another database, tampered with, or not sealed', async () => {
    const ours = await AnnouncementSeal.of(await database());
    const theirs = await AnnouncementSeal.of(await database());
    const sealed = ours.seal('{"rev":7,"orgId":"acme"}');
    expect(theirs.open(sealed)).toBeUndefined();
    const tampered = Buffer.from(sealed, 'base64');
    tampered[tampered.length - 1] ^= 1;
    expect(ours.open(tampered.toString('base64'))).toBeUndefined();
    expect(ours.open('{"rev":7,"orgId":"acme"}')).toBeUndefined();
    expect(ours.open('AAAA')).toBeUndefined();
    expect(ours.open('')).toBeUndefined();
  });
});
