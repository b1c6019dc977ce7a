import { mongoConnectionSchema } from '@gatehouse/shared-config';
import { stackService } from '@gatehouse/shared-testing';
import { MongoServerSelectionError } from 'mongodb';

import { connectMongo } from './mongo-connection';

/**
 * Connection strings reach the driver as written: replica sets, TLS and the rest of MongoDB's URL
 * options are the driver's to read, so production MongoDB is configured by its URL alone.
 */
describe('MongoDB connection strings with options (real MongoDB-compatible server)', () => {
  const production =
    'mongodb://db-1.example:27017,db-2.example:27017,db-3.example:27017/gatehouse' +
    '?replicaSet=rs0&tls=true&tlsCAFile=%2Fetc%2Fgatehouse%2Fca.pem&authSource=admin&w=majority&readPreference=primaryPreferred';

  it('keeps a replica-set URL with TLS options byte for byte through the config schema', () => {
    expect(mongoConnectionSchema.parse({ url: production }).url).toBe(production);
  });

  it('hands the URL options to the driver unchanged', async () => {
    const url = `${stackService('mongo')}/?directConnection=true&retryWrites=false&connectTimeoutMS=4321&w=1`;
    const sut = await connectMongo({ url, database: 'gatehouse-url-options', appName: 'spec' });
    try {
      expect(sut.client.options.directConnection).toBe(true);
      expect(sut.client.options.retryWrites).toBe(false);
      expect(sut.client.options.connectTimeoutMS).toBe(4321);
      expect(await sut.db.command({ ping: 1 })).toMatchObject({ ok: 1 });
    } finally {
      await sut.client.close();
    }
  });

  it('lets the driver look for the replica set the URL names', async () => {
    const url = `${stackService('mongo')}/?replicaSet=rs0`;
    const attempt = connectMongo({
      url,
      database: 'gatehouse',
      appName: 'spec',
      serverSelectionTimeoutMs: 500,
    });
    const error = await attempt.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    // The server is no member of rs0 (FerretDB has no replica sets), so the driver found no primary.
    expect(error).toBeInstanceOf(MongoServerSelectionError);
    expect((error as MongoServerSelectionError).reason?.setName).toBe('rs0');
  });
});
