import { AnalyticsBatch, partialAggregates, Sink } from '@gatehouse/pump-core';
import { ANALYTICS_AGGREGATES_COLLECTION, PartialAggregate } from '@gatehouse/shared-kernel';
import type { Collection, Db } from 'mongodb';
import { z } from 'zod';

import { onlyDuplicates } from './duplicate-keys';
import { mongoConnectionMeta, openOnMongo } from './mongo-connection';
import type { SinkType } from './sink-type';

/**
 * Aggregates per minute and hour by API, key, status code and path. Each stream entry's contribution
 * is its own document (replaced, never incremented), so a redelivered batch never counts twice; the
 * dashboard sums them per bucket.
 */
export class MongoAggregateSink implements Sink {
  readonly name = 'mongo-aggregate';
  private readonly partials: Collection<PartialAggregate>;

  constructor(db: Db, collection = ANALYTICS_AGGREGATES_COLLECTION) {
    this.partials = db.collection<PartialAggregate>(collection);
  }

  async ensureIndexes(): Promise<void> {
    await this.partials.createIndex(
      { orgId: 1, granularity: 1, dimension: 1, bucket: 1 },
      { name: 'org_granularity_dimension_bucket' },
    );
  }

  /**
   * Inserts, never updates: a redelivered entry produces the same partials under the same ids, so a
   * duplicate-key error means "already written". Plain inserts are also far cheaper than upserts
   * (FerretDB slowed to seconds per 500 upserts as the collection grew).
   */
  async write(batches: AnalyticsBatch[]): Promise<void> {
    const partials = batches.flatMap((batch) => partialAggregates(batch));
    if (partials.length === 0) return;
    try {
      await this.partials.insertMany(partials, { ordered: false });
    } catch (error) {
      if (!onlyDuplicates(error)) throw error;
    }
  }
}

/** Tyk mongo-pump-aggregate's `meta`: where the aggregates go. */
export const mongoAggregateMetaSchema = z.strictObject(mongoConnectionMeta);

/** `mongo-aggregate` (Tyk's `mongo-pump-aggregate`). */
export const mongoAggregateSinkType: SinkType<typeof mongoAggregateMetaSchema> = {
  meta: mongoAggregateMetaSchema,
  open: (meta) =>
    openOnMongo(meta, async (db) => {
      const sink = new MongoAggregateSink(db);
      await sink.ensureIndexes();
      return { sink };
    }),
};
