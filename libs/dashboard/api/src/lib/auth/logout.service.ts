import type { TokenRepository } from '@gatehouse/dashboard-data-access';
import { InvalidInputError, NotFoundError } from '@gatehouse/shared-kernel';

import type { AuditRecorder } from '../audit/audit.service';
import type { Principal } from '../http/principal';

/** Ends the login session a caller presents; the user's other sessions and API tokens go on working. */
export class LogoutService {
  constructor(
    private readonly tokens: TokenRepository,
    private readonly audit: AuditRecorder,
  ) {}

  async logout(principal: Principal): Promise<void> {
    const { credential } = principal;
    if (credential.kind !== 'session')
      throw new InvalidInputError(
        [{ path: 'authorization', message: 'an API token is not a login session' }],
        'logout ends a login session (ghs_); revoke an API token with DELETE /api/v1/me/tokens/{id}',
      );
    // A logout racing another (or the user's deactivation) finds the session already ended.
    if (!(await this.tokens.revoke(principal.orgId, principal.userId, credential.id)))
      throw new NotFoundError('session already ended');
    await this.audit.record(principal, {
      action: 'logout',
      resource: 'sessions',
      resourceId: credential.id,
      before: null,
      after: null,
    });
  }
}
