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
  }

  async record(entry: AuditEntry): Promise<void> {
    await this.entries.insertOne({ ...entry });
  }

  async query(orgId: OrgId, query: AuditQuery): Promise<AuditEntry[]> {
    const filter: Filter<AuditDocument> = { orgId };
    if (query.resource) filter.resource = query.resource;
    if (query.actor) filter['actor.email'] = query.actor;
    if (query.since) filter.at = { $gte: query.since };
    const found = await this.entries
      .find(filter, { projection: { _id: 0 } })
      .sort({ at: -1 })
      .skip(query.offset)
      .limit(query.limit)
      .toArray();
    return found as unknown as AuditEntry[];
  }
}
