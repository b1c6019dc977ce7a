import { createHash } from 'node:crypto';

import { NotFoundError, OrgId, trustedOrgId, UnauthenticatedError } from '@gatehouse/shared-kernel';

import type { GatewayGroupStore, NodeTokenStore } from './session-stores';

/** What a valid node token grants: one group of one org, with the group's current tags. */
export interface AuthenticatedNode {
  orgId: OrgId;
  groupId: string;
  tags: string[];
  /** SHA-256 of the token: names it in limits and logs without revealing it. */
  tokenId: string;
}

interface CachedGrant {
  node: AuthenticatedNode;
  expiresAt: number;
}

/** Entries each cache holds at most; past it the oldest go first. */
const MAX_CACHED = 10_000;

/**
 * Authenticates every call after the handshake by its node token. Grants are cached briefly by the
 * token's hash (never the raw token), so key look-ups do not each cost two database reads; a revoked
 * token stops working within `cacheMs`. Unknown and revoked tokens are remembered too, for
 * `unknownCacheMs`, so a node retrying with a bad token (or a flood of one) costs one read per period,
 * not one per call.
 */
export class NodeAuthenticator {
  private readonly cache = new Map<string, CachedGrant>();
  private readonly unknown = new Map<string, number>();
  /** Look-ups in flight by token: a burst of calls with one uncached token costs one read, not one each. */
  private readonly pending = new Map<string, Promise<AuthenticatedNode>>();

  constructor(
    private readonly tokens: NodeTokenStore,
    private readonly groups: GatewayGroupStore,
    private readonly cacheMs = 5000,
    private readonly clock: () => number = Date.now,
    private readonly unknownCacheMs = 2000,
  ) {}

  async authenticate(rawToken: string | undefined, fresh = false): Promise<AuthenticatedNode> {
    if (!rawToken) throw new UnauthenticatedError('missing node token');
    const tokenId = createHash('sha256').update(rawToken).digest('hex');
    const now = this.clock();
    const cached = this.cache.get(tokenId);
    if (!fresh && cached && cached.expiresAt > now) return cached.node;
    // `fresh` re-checks a token that was valid (Watch heartbeats); only it may bypass the negative cache.
    if (!fresh && (this.unknown.get(tokenId) ?? 0) > now)
      throw new UnauthenticatedError('unknown or revoked node token');
    const inFlight = this.pending.get(tokenId);
    if (inFlight) return inFlight;
    const lookup = this.lookUp(rawToken, tokenId).finally(() => this.pending.delete(tokenId));
    this.pending.set(tokenId, lookup);
    return lookup;
  }

  private async lookUp(rawToken: string, tokenId: string): Promise<AuthenticatedNode> {
    this.cache.delete(tokenId);
    const grant = await this.tokens.findGrant(rawToken);
    if (!grant) {
      remember(this.unknown, tokenId, this.clock() + this.unknownCacheMs);
      throw new UnauthenticatedError('unknown or revoked node token');
    }
    const group = await this.groups.find(grant.orgId, grant.groupId);
    if (!group) throw new NotFoundError(`gateway group '${grant.groupId}' no longer exists`);
    const node = { orgId: trustedOrgId(group.orgId), groupId: group.groupId, tags: group.tags, tokenId };
    this.unknown.delete(tokenId);
    remember(this.cache, tokenId, { node, expiresAt: this.clock() + this.cacheMs });
    return node;
  }
}

/** Sets `key` as the newest entry and forgets the oldest past {@link MAX_CACHED}. */
function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
}
