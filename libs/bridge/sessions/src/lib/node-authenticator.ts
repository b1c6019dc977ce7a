import { createHash } from 'node:crypto';

import { NotFoundError, OrgId, trustedOrgId, UnauthenticatedError } from '@gatehouse/shared-model';

import type { GatewayGroupStore, NodeTokenStore } from './session-stores';

/** What a valid node token grants: one group of one org, with the group's current tags. */
export interface AuthenticatedNode {
  orgId: OrgId;
  groupId: string;
  tags: string[];
}

interface CachedGrant {
  node: AuthenticatedNode;
  expiresAt: number;
}

/**
 * Authenticates every call after the handshake by its node token. Grants are cached briefly by the
 * token's hash (never the raw token), so key look-ups do not each cost two database reads; a revoked
 * token stops working within `cacheMs`.
 */
export class NodeAuthenticator {
  private readonly cache = new Map<string, CachedGrant>();

  constructor(
    private readonly tokens: NodeTokenStore,
    private readonly groups: GatewayGroupStore,
    private readonly cacheMs = 5000,
    private readonly clock: () => number = Date.now,
  ) {}

  async authenticate(rawToken: string | undefined, fresh = false): Promise<AuthenticatedNode> {
    if (!rawToken) throw new UnauthenticatedError('missing node token');
    const cacheKey = createHash('sha256').update(rawToken).digest('hex');
    const cached = this.cache.get(cacheKey);
    if (!fresh && cached && cached.expiresAt > this.clock()) return cached.node;
    this.cache.delete(cacheKey);
    const grant = await this.tokens.findGrant(rawToken);
    if (!grant) throw new UnauthenticatedError('unknown or revoked node token');
    const group = await this.groups.find(grant.orgId, grant.groupId);
    if (!group) throw new NotFoundError(`gateway group '${grant.groupId}' no longer exists`);
    const node = { orgId: trustedOrgId(group.orgId), groupId: group.groupId, tags: group.tags };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(cacheKey, { node, expiresAt: this.clock() + this.cacheMs });
    return node;
  }
}
