import type { AnalyticsBatch, Sink } from '@gatehouse/pump-core';
import { TykAnalyticsRecord, toTykRecord } from '@gatehouse/shared-tyk-compat';
import type { Collection, Db, Document } from 'mongodb';
import { z } from 'zod';

import { onlyDuplicates } from './duplicate-keys';
import { mongoConnectionMeta, openOnMongo } from './mongo-connection';
import { deleteExpired, ensureExpiry } from './mongo-expiry';
import type { SinkType } from './sink-type';

type RawDocument = Omit<TykAnalyticsRecord, 'id' | 'expireAt'> & { _id: string; expireAt: Date };

export interface MongoSinkOptions {
  /** Tyk pump's default collection. */
  collection: string;
  /** Records expire this long after they were written (a TTL index on `expireAt`); 0 keeps them. */
  expireAfterSeconds: number;
}

/**
 * Raw records in Tyk's shape, one document per request with the record id as `_id`: a redelivered
 * batch finds its records there already, so nothing is stored twice.
 */
export class MongoSink implements Sink {
  readonly name = 'mongo';
  private readonly records: Collection<RawDocument>;

  constructor(
    db: Db,
    private readonly options: MongoSinkOptions,
  ) {
    this.records = db.collection<RawDocument>(options.collection);
  }

  /**
   * Creates the query index and the expiry indexes; returns whether expiry is left to `purgeExpired`.
   */
  async ensureIndexes(): Promise<{ purgeNeeded: boolean }> {
    await this.records.createIndex({ org_id: 1, api_id: 1, timestamp: -1 }, { name: 'org_api_time' });
    return ensureExpiry(this.expiring, this.options.expireAfterSeconds > 0);
  }

  purgeExpired(now = new Date()): Promise<number> {
    return deleteExpired(this.expiring, now);
  }

  private get expiring() {
    return this.records as unknown as Collection<Document>;
  }

  async write(batches: AnalyticsBatch[]): Promise<void> {
    const documents = batches.flatMap((batch) =>
      batch.records.map((record): RawDocument => {
        const { id, expireAt, ...rest } = toTykRecord(
          record,
          this.options.expireAfterSeconds || 100 * 365 * 86_400,
        );
        return { ...rest, _id: id, expireAt: new Date(expireAt) };
      }),
    );
    if (documents.length === 0) return;
    try {
      await this.records.insertMany(documents, { ordered: false });
    } catch (error) {
      if (!onlyDuplicates(error)) throw error;
    }
  }
}

/** Tyk mongo pump's `meta`. */
export const mongoMetaSchema = z.strictObject({
  ...mongoConnectionMeta,
  collection_name: z.string().min(1).default('tyk_analytics'),
  /** Raw records are deleted this long after they were written; 0 keeps them. */
  expire_after_seconds: z
    .number()
    .int()
    .min(0)
    .default(7 * 86_400),
});

/** `mongo`: raw records, purged by the pump where the server has no TTL index. */
export const mongoSinkType: SinkType<typeof mongoMetaSchema> = {
  meta: mongoMetaSchema,
  open: (meta) =>
    openOnMongo(meta, async (db) => {
      const sink = new MongoSink(db, {
        collection: meta.collection_name,
        expireAfterSeconds: meta.expire_after_seconds,
      });
      const { purgeNeeded } = await sink.ensureIndexes();
      return { sink, purge: purgeNeeded ? () => sink.purgeExpired() : undefined };
    }),
};
