import type { AuditRepository } from '@gatehouse/dashboard-data-access';
import { maskDefinitionSecrets } from '@gatehouse/dashboard-domain';

import type { Principal } from './principal';
import { redact } from './redact';

/**
 * Writes one audit entry per mutation: who, what, when, before and after, with secrets redacted
 * (credential fields, and the secrets inside API definitions), so reading the audit trail never gives
 * what reading the resource would not.
 */
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async record(
    principal: Principal,
    action: string,
    resource: string,
    resourceId: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await this.audit.record({
      orgId: principal.orgId,
      at: new Date(),
      actor: { userId: principal.userId, email: principal.email },
      action,
      resource,
      resourceId,
      before: redact(maskDefinitionSecrets(before ?? null)),
      after: redact(maskDefinitionSecrets(after ?? null)),
      requestId: principal.requestId,
    });
  }
}
