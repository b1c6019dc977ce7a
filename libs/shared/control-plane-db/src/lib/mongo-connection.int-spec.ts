import { UnavailableError } from '@gatehouse/shared-kernel';
import { stackService, uniqueName } from '@gatehouse/shared-testing';

import { connectMongo, MongoConnection } from './mongo-connection';
import { unavailableFromMongo } from './mongo-errors';

describe(connectMongo.name, () => {
  let mongo: MongoConnection | undefined;

  afterEach(async () => {
    if (!mongo) return;
    await mongo.client.close();
    // The pool under test may refuse even this; drop its database through an ordinary connection.
    const cleanup = await connectMongo({
      url: stackService('mongo'),
      database: mongo.db.databaseName,
      appName: 'pool-spec',
    });
    await cleanup.db.dropDatabase();
    await cleanup.client.close();
    mongo = undefined;
  });

  it('holds at most maxPoolSize connections, and work past the wait-queue timeout fails as unavailable', async () => {
    mongo = await connectMongo({
      url: stackService('mongo'),
      database: uniqueName('pool'),
      appName: 'pool-spec',
      maxPoolSize: 2,
      waitQueueTimeoutMs: 1,
    });
    let opened = 0;
    mongo.client.on('connectionCreated', () => opened++);
    const collection = mongo.db.collection('docs');
    // Forty writes at once through two connections: most must wait, and a 1 ms wait is always too long.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => collection.insertOne({ i, padding: 'x'.repeat(1000) })),
    );
    expect(opened).toBeLessThanOrEqual(2);
    const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      const unavailable = unavailableFromMongo(failure);
      expect(unavailable).toBeInstanceOf(UnavailableError);
      expect(unavailable?.message).toBe('the database is busy (no free connection in time); retry shortly');
    }
    expect(unavailableFromMongo(new Error('something else'))).toBeUndefined();
  });

  it('defaults to a bounded pool', async () => {
    mongo = await connectMongo({
      url: stackService('mongo'),
      database: uniqueName('pool'),
      appName: 'pool-spec',
    });
    expect(mongo.client.options.maxPoolSize).toBe(20);
    expect(mongo.client.options.waitQueueTimeoutMS).toBe(2000);
  });
});
