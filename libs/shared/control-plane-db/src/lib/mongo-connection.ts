import type { DependencyProbe } from '@gatehouse/shared-kernel';
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
  /** Connections at most (the driver's default of 100 lets a slow server be buried in connections). */
  maxPoolSize?: number;
  /**
   * How long an operation may wait for a free connection; past it the operation fails, and
   * {@link unavailableFromMongo} turns that into a 503 / UNAVAILABLE instead of a hang.
   */
  waitQueueTimeoutMs?: number;
}

export async function connectMongo(options: MongoConnectionOptions): Promise<MongoConnection> {
  const client = new MongoClient(options.url, {
    appName: options.appName,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 5000,
    maxPoolSize: options.maxPoolSize ?? 20,
    waitQueueTimeoutMS: options.waitQueueTimeoutMs ?? 2000,
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
