import type { OrgId } from '@gatehouse/dashboard-domain';
import type { Collection, Db } from 'mongodb';

import type { Revisions } from './revisions';

/** An API as the control plane keeps it: the Tyk document as submitted, plus routing facts and `rev`. */
export interface ApiRecord {
  orgId: OrgId;
  apiId: string;
  rev: number;
  deleted: boolean;
  updatedAt: Date;
  /** Tyk classic or Tyk OAS document, with `org_id` set to the owning org. */
  definition: Record<string, unknown>;
  listenPath: string;
  domain: string;
  tags: string[];
  active: boolean;
}

type ApiDocument = Omit<ApiRecord, 'orgId'> & { _id: string; orgId: string };

export interface Change {
  kind: 'api';
  id: string;
  rev: number;
  deleted: boolean;
}

function toRecord(document: ApiDocument): ApiRecord {
  const { _id, ...rest } = document;
  void _id;
  return { ...rest, orgId: rest.orgId as OrgId };
}

/**
 * APIs of every org, written with a fresh global `rev` each time; deletes leave a tombstone (a later
 * purge removes tombstones past the retention window), so followers of the change log see them.
 */
export class ApiRepository {
  private readonly apis: Collection<ApiDocument>;

  constructor(
    db: Db,
    private readonly revisions: Revisions,
  ) {
    this.apis = db.collection<ApiDocument>('apis');
  }

  async ensureIndexes(): Promise<void> {
    await this.apis.createIndex({ orgId: 1, apiId: 1 }, { unique: true, name: 'org_api_unique' });
    await this.apis.createIndex({ rev: 1 }, { name: 'rev' });
    await this.apis.createIndex({ orgId: 1, rev: 1 }, { name: 'org_rev' });
  }

  /** Inserts or replaces an API (also revives a tombstone); returns its new revision. */
  async save(
    orgId: OrgId,
    api: Omit<ApiRecord, 'orgId' | 'rev' | 'deleted' | 'updatedAt'>,
  ): Promise<ApiRecord> {
    const rev = await this.revisions.next();
    const document: ApiDocument = {
      _id: `${orgId}/${api.apiId}`,
      orgId,
      ...api,
      rev,
      deleted: false,
      updatedAt: new Date(),
    };
    await this.apis.replaceOne({ _id: document._id, orgId }, document, { upsert: true });
    return toRecord(document);
  }

  async get(orgId: OrgId, apiId: string): Promise<ApiRecord | undefined> {
    const found = await this.apis.findOne({ _id: `${orgId}/${apiId}`, orgId, deleted: false });
    return found ? toRecord(found) : undefined;
  }

  async list(orgId: OrgId, limit: number, offset: number): Promise<ApiRecord[]> {
    const found = await this.apis
      .find({ orgId, deleted: false })
      .sort({ apiId: 1 })
      .skip(offset)
      .limit(limit)
      .toArray();
    return found.map(toRecord);
  }

  /** Live APIs of the org on this domain and listen path, for conflict checks. */
  async findByRoute(orgId: OrgId, domain: string, listenPath: string): Promise<ApiRecord[]> {
    const found = await this.apis.find({ orgId, deleted: false, domain, listenPath }).toArray();
    return found.map(toRecord);
  }

  /** Marks the API deleted with a new revision; false when there was no live API. */
  async delete(orgId: OrgId, apiId: string): Promise<number | undefined> {
    if (!(await this.get(orgId, apiId))) return undefined;
    const rev = await this.revisions.next();
    const result = await this.apis.updateOne(
      { _id: `${orgId}/${apiId}`, orgId, deleted: false },
      { $set: { deleted: true, rev, updatedAt: new Date() } },
    );
    return result.modifiedCount === 1 ? rev : undefined;
  }

  /** Changes with `rev > after`, oldest first. */
  async changesAfter(orgId: OrgId, after: number, limit: number): Promise<Change[]> {
    const found = await this.apis
      .find({ orgId, rev: { $gt: after } }, { projection: { apiId: 1, rev: 1, deleted: 1 } })
      .sort({ rev: 1 })
      .limit(limit)
      .toArray();
    return found.map((document) => ({
      kind: 'api',
      id: document.apiId,
      rev: document.rev,
      deleted: document.deleted,
    }));
  }
}
