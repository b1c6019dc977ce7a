import type { OrgId } from '@gatehouse/shared-kernel';
import type { Collection, Db, Filter } from 'mongodb';

export interface AuditEntry {
  orgId: OrgId;
  at: Date;
  actor: { userId: string; email: string };
  action: string;
  resource: string;
  resourceId: string;
  /** Secrets are redacted before an entry is written. */
  before: unknown;
  after: unknown;
  requestId: string;
}

export interface AuditQuery {
  resource?: string;
  actor?: string;
  since?: Date;
  limit: number;
  offset: number;
}

type AuditDocument = Omit<AuditEntry, 'orgId'> & { orgId: string };

export class AuditRepository {
  private readonly entries: Collection<AuditDocument>;

  constructor(db: Db) {
    this.entries = db.collection<AuditDocument>('audit');
  }

  async ensureIndexes(): Promise<void> {
    await this.entries.createIndex({ orgId: 1, at: -1 }, { name: 'org_at' });
    // The trail's filters: a page and its total by resource or actor stay an index range as it grows.
    await this.entries.createIndex({ orgId: 1, resource: 1, at: -1 }, { name: 'org_resource_at' });
    await this.entries.createIndex({ orgId: 1, 'actor.email': 1, at: -1 }, { name: 'org_actor_at' });
  }

  async record(entry: AuditEntry): Promise<void> {
    await this.entries.insertOne({ ...entry });
  }

  /** The page of entries the query asks for, newest first, and how many match it in all. */
  async query(orgId: OrgId, query: AuditQuery): Promise<{ entries: AuditEntry[]; total: number }> {
    const filter: Filter<AuditDocument> = { orgId };
    if (query.resource) filter.resource = query.resource;
    if (query.actor) filter['actor.email'] = query.actor;
    if (query.since) filter.at = { $gte: query.since };
    const [found, total] = await Promise.all([
      this.entries
        .find(filter, { projection: { _id: 0 } })
        .sort({ at: -1 })
        .skip(query.offset)
        .limit(query.limit)
        .toArray(),
      this.entries.countDocuments(filter),
    ]);
    return { entries: found as unknown as AuditEntry[], total };
  }
}
