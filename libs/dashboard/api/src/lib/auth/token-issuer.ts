import type { TokenRepository } from '@gatehouse/dashboard-data-access';
import { hashSecret, mintSecret, type OrgId } from '@gatehouse/shared-kernel';
import { randomUUID } from 'node:crypto';

export interface IssuedToken {
  token: string;
  expiresAt: Date | null;
}

export type NamedToken = IssuedToken & { id: string; name: string };

/**
 * Mints login sessions (`ghs_`) and personal API tokens (`ghp_`): random secrets stored only as their
 * SHA-256 and shown once, in the answer that creates them.
 */
export class TokenIssuer {
  constructor(
    private readonly tokens: TokenRepository,
    private readonly sessionHours: number,
  ) {}

  session(orgId: OrgId, userId: string): Promise<NamedToken> {
    return this.issue(orgId, userId, 'session', 'login', this.sessionHours / 24);
  }

  apiToken(orgId: OrgId, userId: string, name: string, days: number | undefined): Promise<NamedToken> {
    return this.issue(orgId, userId, 'api', name, days);
  }

  private async issue(
    orgId: OrgId,
    userId: string,
    kind: 'session' | 'api',
    name: string,
    days: number | undefined,
  ): Promise<NamedToken> {
    const token = mintSecret(kind === 'session' ? 'ghs' : 'ghp');
    const expiresAt = days ? new Date(Date.now() + days * 86_400_000) : null;
    const stored = await this.tokens.create(orgId, {
      id: randomUUID(),
      hash: hashSecret(token),
      userId,
      kind,
      name,
      expiresAt,
    });
    return { id: stored.id, name, token, expiresAt };
  }
}
