import type { DependencyProbe } from '@gatehouse/shared-model';
import { Db, MongoClient } from 'mongodb';

export type { Db } from 'mongodb';

export interface MongoConnection {
  client: MongoClient;
  db: Db;
}

export interface MongoConnectionOptions {
  url: string;
  database: string;
  appName: string;
  /** How long to wait for a server on connect and for each operation's server selection. */
  serverSelectionTimeoutMs?: number;
}

export async function connectMongo(options: MongoConnectionOptions): Promise<MongoConnection> {
  const client = new MongoClient(options.url, {
    appName: options.appName,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 5000,
  });
  await client.connect();
  return { client, db: client.db(options.database) };
}

export function mongoProbe(db: Db, name = 'mongodb'): DependencyProbe {
  return {
    name,
    componentType: 'datastore',
    probe: async () => {
      const answer = await db.command({ ping: 1 });
      if (answer['ok'] !== 1) throw new Error(`unexpected ping answer: ${JSON.stringify(answer)}`);
    },
  };
}
