import { AnalyticsBatch, partialAggregates, Sink } from '@gatehouse/pump-core';
import { ANALYTICS_AGGREGATES_COLLECTION, Granularity, PartialAggregate } from '@gatehouse/shared-kernel';
import type { Collection, Db, Document } from 'mongodb';
import { z } from 'zod';

import { onlyDuplicates } from './duplicate-keys';
import { mongoConnectionMeta, openOnMongo } from './mongo-connection';
import { deleteExpired, ensureExpiry } from './mongo-expiry';
import type { SinkType } from './sink-type';

/** Seconds each granularity's aggregates are kept after their bucket starts; 0 keeps them. */
export type AggregateRetention = Record<Granularity, number>;

type StoredPartial = PartialAggregate & { expireAt?: Date };

/**
 * Aggregates per minute and hour by API, key, status code and path. Each stream entry's contribution
 * is its own document (replaced, never incremented), so a redelivered batch never counts twice; the
 * dashboard sums them per bucket. Each granularity expires after its own retention (minutes long
 * before hours), by a TTL index or the pump's purge.
 */
export class MongoAggregateSink implements Sink {
  readonly name = 'mongo-aggregate';
  private readonly partials: Collection<StoredPartial>;

  constructor(
    db: Db,
    private readonly retention: AggregateRetention = { minute: 0, hour: 0 },
    collection = ANALYTICS_AGGREGATES_COLLECTION,
  ) {
    this.partials = db.collection<StoredPartial>(collection);
  }

  /** The query index and the expiry indexes; returns whether expiry is left to `purgeExpired`. */
  async ensureIndexes(): Promise<{ purgeNeeded: boolean }> {
    await this.partials.createIndex(
      { orgId: 1, granularity: 1, dimension: 1, bucket: 1 },
      { name: 'org_granularity_dimension_bucket' },
    );
    return ensureExpiry(this.expiring, this.retention.minute > 0 || this.retention.hour > 0);
  }

  purgeExpired(now = new Date()): Promise<number> {
    return deleteExpired(this.expiring, now);
  }

  private get expiring() {
    return this.partials as unknown as Collection<Document>;
  }

  private withExpiry(partial: PartialAggregate): StoredPartial {
    const seconds = this.retention[partial.granularity];
    return seconds > 0
      ? { ...partial, expireAt: new Date(partial.bucket.getTime() + seconds * 1000) }
      : partial;
  }

  /**
   * Inserts, never updates: a redelivered entry produces the same partials under the same ids, so a
   * duplicate-key error means "already written". Plain inserts are also far cheaper than upserts
   * (FerretDB slowed to seconds per 500 upserts as the collection grew).
   */
  async write(batches: AnalyticsBatch[]): Promise<void> {
    const partials = batches
      .flatMap((batch) => partialAggregates(batch))
      .map((partial) => this.withExpiry(partial));
    if (partials.length === 0) return;
    try {
      await this.partials.insertMany(partials, { ordered: false });
    } catch (error) {
      if (!onlyDuplicates(error)) throw error;
    }
  }
}

const retentionSeconds = (days: number) =>
  z
    .number()
    .int()
    .min(0)
    .default(days * 86_400);

/** Tyk mongo-pump-aggregate's `meta`: where the aggregates go, and how long each granularity is kept. */
export const mongoAggregateMetaSchema = z.strictObject({
  ...mongoConnectionMeta,
  /** Per-minute aggregates are deleted this long after their minute; 0 keeps them. */
  minute_retention_seconds: retentionSeconds(7),
  /** Per-hour aggregates are deleted this long after their hour; 0 keeps them. */
  hour_retention_seconds: retentionSeconds(400),
});

/** `mongo-aggregate` (Tyk's `mongo-pump-aggregate`). */
export const mongoAggregateSinkType: SinkType<typeof mongoAggregateMetaSchema> = {
  meta: mongoAggregateMetaSchema,
  open: (meta) =>
    openOnMongo(meta, async (db) => {
      const sink = new MongoAggregateSink(db, {
        minute: meta.minute_retention_seconds,
        hour: meta.hour_retention_seconds,
      });
      const { purgeNeeded } = await sink.ensureIndexes();
      return { sink, purge: purgeNeeded ? () => sink.purgeExpired() : undefined };
    }),
};
