import { RateLimit, TokenBuckets } from '@gatehouse/shared-admission';
import { TooManyRequestsError } from '@gatehouse/shared-kernel';

export interface NodeCallRates {
  /** Calls of one node token (one gateway group, all its gateways together). */
  perToken: RateLimit;
  /** Calls of one org (all its groups together). */
  perOrg: RateLimit;
}

/**
 * Call rates per node token and per org in this bridge (Handshake, Watch, GetKey, ReportStatus). Past
 * either, a call is refused with RESOURCE_EXHAUSTED before it costs a database read, so one tenant's
 * flood cannot use the bridge's capacity that other tenants need. A call its token refuses takes nothing
 * from its org's share.
 */
export class NodeCallLimits {
  private readonly tokens: TokenBuckets;
  private readonly orgs: TokenBuckets;

  constructor(rates: NodeCallRates, clock: () => number = Date.now) {
    this.tokens = new TokenBuckets(rates.perToken, clock);
    this.orgs = new TokenBuckets(rates.perOrg, clock);
  }

  /** Admits one call of `node`, or throws {@link TooManyRequestsError} saying which share is used up. */
  admit(node: { orgId: string; tokenId: string }, call: string): void {
    const byToken = this.tokens.take(node.tokenId);
    if (!byToken.allowed)
      throw refusal(`this node token is over its ${call} call rate`, byToken.retryAfterMs);
    const byOrg = this.orgs.take(node.orgId);
    if (!byOrg.allowed)
      throw refusal(`org '${node.orgId}' is over its ${call} call rate`, byOrg.retryAfterMs);
  }
}

function refusal(what: string, retryAfterMs: number): TooManyRequestsError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new TooManyRequestsError(`${what} on this bridge; retry in ${seconds} s`, seconds);
}
