import type { AuditEntry, AuditRepository } from '@gatehouse/dashboard-data-access';
import { auditQuery, maskDefinitionSecrets } from '@gatehouse/dashboard-domain';
import { type OrgId, parseOrThrow } from '@gatehouse/shared-kernel';

import type { ListPage } from '../http/paged';
import type { Principal } from '../http/principal';
import { redact } from './redact';

/** One mutation as the caller's service describes it; who and when come from the principal and the clock. */
export interface AuditedChange {
  action: string;
  resource: string;
  resourceId: string;
  before: unknown;
  after: unknown;
}

/** Who made a change: the caller, or the owner a new organisation is created with. */
export type AuditActor = Pick<Principal, 'orgId' | 'userId' | 'email' | 'requestId'>;

/** Where services record what they changed (the audit service; a fake in unit specs). */
export interface AuditRecorder {
  record(actor: AuditActor, change: AuditedChange): Promise<void>;
}

/**
 * The audit trail: one entry per mutation (who, what, when, before and after) with secrets redacted
 * (credential fields, and the secrets inside API definitions), so reading the audit trail never gives
 * what reading the resource would not.
 */
export class AuditService implements AuditRecorder {
  constructor(private readonly entries: AuditRepository) {}

  async record(actor: AuditActor, change: AuditedChange): Promise<void> {
    await this.entries.record({
      orgId: actor.orgId,
      at: new Date(),
      actor: { userId: actor.userId, email: actor.email },
      action: change.action,
      resource: change.resource,
      resourceId: change.resourceId,
      before: redact(maskDefinitionSecrets(change.before ?? null)),
      after: redact(maskDefinitionSecrets(change.after ?? null)),
      requestId: actor.requestId,
    });
  }

  /** A page of the org's entries, newest first, filtered by `resource`, `actor` and `since`. */
  async query(orgId: OrgId, query: unknown): Promise<ListPage<AuditEntry>> {
    const { entries, total } = await this.entries.query(orgId, parseOrThrow(auditQuery, query));
    return { items: entries, total };
  }
}
