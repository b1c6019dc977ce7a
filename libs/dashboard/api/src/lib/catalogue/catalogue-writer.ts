import { LogEntry, logEntryOf, Versioned } from '@gatehouse/shared-control-plane-db';
import type { OrgId } from '@gatehouse/shared-kernel';

import type { AuditRecorder } from '../audit/audit.service';
import type { Principal } from '../http/principal';

type Json = Record<string, unknown>;

/** The writes of a change-log collection (ApiRepository, PolicyRepository, KeyRepository). */
export interface VersionedStore<Fields> {
  /** Stores the document under a fresh revision. */
  save(orgId: OrgId, id: string, document: Json, fields: Fields): Promise<Versioned<Fields>>;
  /** Stores a record that must be new; a live one is answered as `taken` (see VersionedCollection). */
  create(
    orgId: OrgId,
    id: string,
    document: Json,
    fields: Fields,
  ): Promise<{ saved: Versioned<Fields> } | { taken: Versioned<Fields>; unusedRev: number }>;
  /** Leaves a tombstone under a fresh revision; undefined when there was nothing to delete. */
  delete(orgId: OrgId, id: string): Promise<number | undefined>;
}

/** Where committed revisions are announced (ChangeNotifier: the bridges' wake-up on Redis). */
export interface ChangeAnnouncer {
  changed(orgId: string, rev: number, entry: LogEntry): Promise<void>;
  /** A revision that will never hold a record, so bridges do not wait for it. */
  unused(rev: number): Promise<void>;
}

/** A record to store: its id in the collection, the document as the client sent it, its indexed fields. */
export interface CatalogueRecord<Fields> {
  id: string;
  document: Json;
  fields: Fields;
}

/** The audit entry of one write; the writer adds the resource. */
export interface CatalogueAudit {
  action: string;
  /** The id the audit trail names (a key's reference, never its hash). */
  resourceId: string;
  before: unknown;
  after: unknown;
}

export interface WriteOrder {
  /**
   * Write the audit entry before the record, so a stored record always has its entry (keys: a crash
   * between the two must not leave a key nobody can account for). By default the record comes first,
   * so a refused or failed write leaves no entry.
   */
  auditFirst?: boolean;
}

/**
 * The one way the catalogues (APIs, policies, keys) change: the record under a new revision, its audit
 * entry, then the wake-up that tells the bridges to read the change log now. Services write only through
 * it, so no write can skip the audit or the wake-up (a skipped wake-up leaves regions stale until their
 * next poll).
 */
export class CatalogueWriter<Fields> {
  constructor(
    private readonly store: VersionedStore<Fields>,
    /** The resource named in audit entries ('apis', 'policies', 'keys'). */
    private readonly resource: string,
    /** What the change log calls its entries. */
    private readonly kind: LogEntry['kind'],
    private readonly audit: AuditRecorder,
    private readonly changes: ChangeAnnouncer,
  ) {}

  async save(
    principal: Principal,
    record: CatalogueRecord<Fields>,
    entry: CatalogueAudit,
    order: WriteOrder = {},
  ): Promise<Versioned<Fields>> {
    if (order.auditFirst) await this.record(principal, entry);
    const saved = await this.store.save(principal.orgId, record.id, record.document, record.fields);
    const announced = logEntryOf(this.kind, saved as Versioned<object>);
    await this.committed(principal, announced, order.auditFirst ? undefined : entry);
    return saved;
  }

  /**
   * Stores a record that must not exist yet; when a live one does, nothing is written or audited and
   * the existing record is answered as `taken`.
   */
  async create(
    principal: Principal,
    record: CatalogueRecord<Fields>,
    entry: CatalogueAudit,
  ): Promise<{ saved: Versioned<Fields> } | { taken: Versioned<Fields> }> {
    const result = await this.store.create(principal.orgId, record.id, record.document, record.fields);
    if ('taken' in result) {
      await this.changes.unused(result.unusedRev);
      return { taken: result.taken };
    }
    await this.committed(principal, logEntryOf(this.kind, result.saved as Versioned<object>), entry);
    return result;
  }

  /** False when there was nothing to delete: then nothing is announced (nor audited, unless audit comes first). */
  async delete(
    principal: Principal,
    id: string,
    entry: CatalogueAudit,
    order: WriteOrder = {},
  ): Promise<boolean> {
    if (order.auditFirst) await this.record(principal, entry);
    const rev = await this.store.delete(principal.orgId, id);
    if (rev === undefined) return false;
    const announced = logEntryOf(this.kind, { id, rev, deleted: true });
    await this.committed(principal, announced, order.auditFirst ? undefined : entry);
    return true;
  }

  /** A committed revision is announced even when its audit entry then fails: the bridges must not miss it. */
  private async committed(
    principal: Principal,
    announced: LogEntry,
    entry: CatalogueAudit | undefined,
  ): Promise<void> {
    try {
      if (entry) await this.record(principal, entry);
    } finally {
      await this.changes.changed(principal.orgId, announced.rev, announced);
    }
  }

  private record(principal: Principal, entry: CatalogueAudit): Promise<void> {
    return this.audit.record(principal, { ...entry, resource: this.resource });
  }
}
