import { mongoUrlSchema } from '@gatehouse/shared-config';
import { Db, MongoClient } from 'mongodb';
import { z } from 'zod';

import type { OpenedSink } from './sink-type';

/** The `meta` fields both MongoDB sinks take (Tyk's names). */
export const mongoConnectionMeta = {
  mongo_url: mongoUrlSchema,
  mongo_database: z.string().min(1).default('gatehouse'),
};

/**
 * Opens a sink on a MongoDB client of its own, which closes after the sink (or at once if the sink
 * cannot be set up, e.g. its indexes refused).
 */
export async function openOnMongo(
  meta: { mongo_url: string; mongo_database: string },
  build: (db: Db) => Promise<OpenedSink>,
): Promise<OpenedSink> {
  const client = new MongoClient(meta.mongo_url, {
    appName: 'gatehouse-pump',
    serverSelectionTimeoutMS: 5000,
  });
  await client.connect();
  try {
    const opened = await build(client.db(meta.mongo_database));
    const { sink } = opened;
    return {
      ...opened,
      sink: {
        name: sink.name,
        write: (batches) => sink.write(batches),
        close: async () => {
          await sink.close?.();
          await client.close();
        },
      },
    };
  } catch (error) {
    await client.close();
    throw error;
  }
}
