import { AnalyticsBatch, partialAggregates, Sink } from '@gatehouse/pump-core';
import { ANALYTICS_AGGREGATES_COLLECTION, PartialAggregate } from '@gatehouse/shared-model';
import type { Collection, Db } from 'mongodb';

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

  async write(batches: AnalyticsBatch[]): Promise<void> {
    const partials = batches.flatMap((batch) => partialAggregates(batch));
    if (partials.length === 0) return;
    await this.partials.bulkWrite(
      partials.map((partial) => ({
        replaceOne: { filter: { _id: partial._id }, replacement: partial, upsert: true },
      })),
      { ordered: false },
    );
  }
}
