import type { Change, ChangeKind } from '@gatehouse/shared-change-log';
import type { OrgId } from '@gatehouse/shared-kernel';
import type { Collection, Db, Filter } from 'mongodb';

import { isDuplicateKey } from '../mongo-errors';
import type { Revisions } from './revisions';

/** A stored entry of the change log: the document as submitted plus indexed facts and its revision. */
export interface Versioned<Fields> {
  orgId: OrgId;
  id: string;
  rev: number;
  deleted: boolean;
  updatedAt: Date;
  document: Record<string, unknown>;
  fields: Fields;
}

type Document<Fields> = Omit<Versioned<Fields>, 'orgId'> & { _id: string; orgId: string };

function toVersioned<Fields>(document: Document<Fields>): Versioned<Fields> {
  return {
    orgId: document.orgId as OrgId,
    id: document.id,
    rev: document.rev,
    deleted: document.deleted,
    updatedAt: document.updatedAt,
    document: document.document,
    fields: document.fields,
  };
}

/**
 * The `_id` of a record: org ids never contain "/" (OrgsService makes them hex), so the prefix names
 * one org and a lookup by `_id` alone stays within it. Lookups by `_id` alone are the ones FerretDB
 * hands to its storage instead of decoding every document (a 10,000-API catalogue: 80 ms against 850).
 */
function storedId(orgId: OrgId, id: string): string {
  if (orgId.includes('/')) throw new Error('an org id must not contain "/"');
  return `${orgId}/${id}`;
}

/**
 * One collection of the change log (APIs, policies or keys): every write takes a fresh global `rev`,
 * deletes leave tombstones, and followers read `rev > cursor`. Every query carries the org.
 */
export class VersionedCollection<Fields extends object> {
  protected readonly documents: Collection<Document<Fields>>;

  constructor(
    db: Db,
    name: string,
    readonly kind: ChangeKind,
    private readonly revisions: Revisions,
  ) {
    this.documents = db.collection<Document<Fields>>(name);
  }

  async ensureIndexes(extra: Record<string, 1>[] = []): Promise<void> {
    await this.documents.createIndex({ orgId: 1, id: 1 }, { unique: true, name: 'org_id_unique' });
    await this.documents.createIndex({ rev: 1 }, { name: 'rev' });
    await this.documents.createIndex({ orgId: 1, rev: 1 }, { name: 'org_rev' });
    for (const [index, keys] of extra.entries())
      await this.documents.createIndex(keys, { name: `extra_${index}` });
  }

  /** Inserts or replaces (also revives a tombstone); returns the stored document with its new revision. */
  async save(
    orgId: OrgId,
    id: string,
    body: Record<string, unknown>,
    fields: Fields,
  ): Promise<Versioned<Fields>> {
    const document = await this.nextVersion(orgId, id, body, fields);
    if (!(await this.inserted(document)))
      await this.documents.replaceOne({ _id: document._id } as Filter<Document<Fields>>, document);
    return toVersioned(document);
  }

  /**
   * Stores a record that must be new (a tombstone is revived). When a live one exists it is answered
   * as `taken`, and the revision claimed for the write is `unusedRev`: it will never hold a record.
   * No read comes first: on FerretDB, looking for a record that is not there reads the whole
   * collection (110 ms per create at 10,000 APIs), while the insert's unique `_id` answers at once.
   */
  async create(
    orgId: OrgId,
    id: string,
    body: Record<string, unknown>,
    fields: Fields,
  ): Promise<{ saved: Versioned<Fields> } | { taken: Versioned<Fields>; unusedRev: number }> {
    const document = await this.nextVersion(orgId, id, body, fields);
    if (await this.inserted(document)) return { saved: toVersioned(document) };
    const taken = await this.get(orgId, id);
    if (taken) return { taken, unusedRev: document.rev };
    await this.documents.replaceOne({ _id: document._id } as Filter<Document<Fields>>, document);
    return { saved: toVersioned(document) };
  }

  private async nextVersion(
    orgId: OrgId,
    id: string,
    body: Record<string, unknown>,
    fields: Fields,
  ): Promise<Document<Fields>> {
    return {
      _id: storedId(orgId, id),
      orgId,
      id,
      rev: await this.revisions.next(),
      deleted: false,
      updatedAt: new Date(),
      document: body,
      fields,
    };
  }

  /**
   * Inserts the record when its `_id` is free; false when a version (live or tombstone) exists, which
   * the caller then replaces by `_id` alone (see storedId): one insert for a new record even where
   * finding it would read the whole collection.
   */
  private async inserted(document: Document<Fields>): Promise<boolean> {
    try {
      await this.documents.insertOne(document as never);
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return false;
    }
  }

  async get(orgId: OrgId, id: string): Promise<Versioned<Fields> | undefined> {
    const found = await this.documents.findOne({ _id: storedId(orgId, id) } as Filter<Document<Fields>>);
    if (!found || found.orgId !== orgId || found.deleted) return undefined;
    return toVersioned(found as Document<Fields>);
  }

  /** The live ones among `ids`, by id: one query for a batch instead of one per record. */
  async getMany(orgId: OrgId, ids: string[]): Promise<Map<string, Versioned<Fields>>> {
    const found = await this.documents
      .find({ orgId, deleted: false, id: { $in: ids } } as Filter<Document<Fields>>)
      .toArray();
    return new Map(found.map((document) => [document.id, toVersioned(document as Document<Fields>)]));
  }

  /** Live documents of the org, filtered on `fields` (e.g. `{ 'fields.policyIds': 'gold' }`). */
  async list(
    orgId: OrgId,
    limit: number,
    offset: number,
    where: Record<string, unknown> = {},
  ): Promise<Versioned<Fields>[]> {
    const found = await this.documents
      .find({ orgId, deleted: false, ...where } as Filter<Document<Fields>>)
      .sort({ id: 1 })
      .skip(offset)
      .limit(limit)
      .toArray();
    return found.map((document) => toVersioned(document as Document<Fields>));
  }

  /** How many live documents of the org `list` would page through with the same `where`. */
  count(orgId: OrgId, where: Record<string, unknown> = {}): Promise<number> {
    return this.documents.countDocuments({ orgId, deleted: false, ...where } as Filter<Document<Fields>>);
  }

  /** Tombstones a live document; returns the tombstone's revision, or undefined when there was none. */
  async delete(orgId: OrgId, id: string): Promise<number | undefined> {
    if (!(await this.get(orgId, id))) return undefined;
    const rev = await this.revisions.next();
    const result = await this.documents.updateOne(
      { _id: storedId(orgId, id), orgId, deleted: false } as Filter<Document<Fields>>,
      { $set: { deleted: true, rev, updatedAt: new Date() } } as never,
    );
    return result.modifiedCount === 1 ? rev : undefined;
  }

  /**
   * Removes tombstones older than `before`, across orgs (a maintenance job, not a tenant action).
   * Followers whose cursor is older than the retention window must take a full snapshot instead.
   */
  async purgeTombstones(before: Date): Promise<{ purged: number; highestRev: number }> {
    const expired = { deleted: true, updatedAt: { $lt: before } } as Filter<Document<Fields>>;
    const [newest] = await this.documents
      .find(expired, { projection: { rev: 1 } })
      .sort({ rev: -1 })
      .limit(1)
      .toArray();
    if (!newest) return { purged: 0, highestRev: 0 };
    const result = await this.documents.deleteMany({ ...expired, rev: { $lte: newest.rev } } as Filter<
      Document<Fields>
    >);
    return { purged: result.deletedCount, highestRev: newest.rev };
  }

  /** Every live document of the org, for a snapshot. */
  async live(orgId: OrgId): Promise<Versioned<Fields>[]> {
    const found = await this.documents
      .find({ orgId, deleted: false } as Filter<Document<Fields>>)
      .sort({ id: 1 })
      .toArray();
    return found.map((document) => toVersioned(document as Document<Fields>));
  }

  /** Like `changesAfter`, with each document and its fields, for followers that ship them. */
  async versionsAfter(orgId: OrgId, after: number, limit: number): Promise<Versioned<Fields>[]> {
    const found = await this.documents
      .find({ orgId, rev: { $gt: after } } as Filter<Document<Fields>>)
      .sort({ rev: 1 })
      .limit(limit)
      .toArray();
    return found.map((document) => toVersioned(document as Document<Fields>));
  }

  async changesAfter(orgId: OrgId, after: number, limit: number): Promise<Change[]> {
    const found = await this.documents
      .find({ orgId, rev: { $gt: after } } as Filter<Document<Fields>>, {
        projection: { id: 1, rev: 1, deleted: 1 },
      })
      .sort({ rev: 1 })
      .limit(limit)
      .toArray();
    return found.map((document) => ({
      kind: this.kind,
      id: document.id,
      rev: document.rev,
      deleted: document.deleted,
    }));
  }
}
