import type { StoredToken, TokenRepository } from '@gatehouse/dashboard-data-access';
import { createTokenSchema } from '@gatehouse/dashboard-domain';
import { NotFoundError, parseOrThrow } from '@gatehouse/shared-kernel';

import type { AuditRecorder } from '../audit/audit.service';
import type { Principal } from '../http/principal';
import type { NamedToken, TokenIssuer } from './token-issuer';

/** The caller's own personal API tokens: created (shown once), listed without secrets, revoked. */
export class ApiTokensService {
  constructor(
    private readonly tokens: TokenRepository,
    private readonly issuer: TokenIssuer,
    private readonly audit: AuditRecorder,
  ) {}

  async create(principal: Principal, body: unknown): Promise<NamedToken> {
    const input = parseOrThrow(createTokenSchema, body);
    const issued = await this.issuer.apiToken(
      principal.orgId,
      principal.userId,
      input.name,
      input.expiresInDays,
    );
    await this.audit.record(principal, {
      action: 'create',
      resource: 'tokens',
      resourceId: issued.id,
      before: null,
      after: { name: input.name, expiresAt: issued.expiresAt },
    });
    return issued;
  }

  list(principal: Principal): Promise<StoredToken[]> {
    return this.tokens.listApiTokens(principal.orgId, principal.userId);
  }

  async revoke(principal: Principal, id: string): Promise<void> {
    if (!(await this.tokens.revoke(principal.orgId, principal.userId, id)))
      throw new NotFoundError('token not found');
    await this.audit.record(principal, {
      action: 'revoke',
      resource: 'tokens',
      resourceId: id,
      before: null,
      after: null,
    });
  }
}
