import {
  ANALYTICS_AGGREGATES_COLLECTION,
  Dimension,
  Granularity,
  OrgId,
  PartialAggregate,
} from '@gatehouse/shared-kernel';
import type { Collection, Db, Filter } from 'mongodb';

export interface AggregateQuery {
  granularity: Granularity;
  dimension: Dimension;
  from: Date;
  to: Date;
  apiId?: string;
  value?: string;
}

/** Reads the partial aggregates the pump's mongo-aggregate sink writes, always within one org. */
export class AnalyticsRepository {
  private readonly partials: Collection<PartialAggregate>;

  constructor(db: Db) {
    this.partials = db.collection<PartialAggregate>(ANALYTICS_AGGREGATES_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.partials.createIndex(
      { orgId: 1, granularity: 1, dimension: 1, bucket: 1 },
      { name: 'org_granularity_dimension_bucket' },
    );
  }

  async find(orgId: OrgId, query: AggregateQuery): Promise<PartialAggregate[]> {
    const filter: Filter<PartialAggregate> = {
      orgId,
      granularity: query.granularity,
      dimension: query.dimension,
      bucket: { $gte: query.from, $lt: query.to },
    };
    if (query.apiId !== undefined) filter.apiId = query.apiId;
    if (query.value !== undefined) filter.value = query.value;
    return this.partials.find(filter, { projection: { _id: 0, entryId: 0 } }).toArray() as Promise<
      PartialAggregate[]
    >;
  }
}
