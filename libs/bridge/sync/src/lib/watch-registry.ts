import { ConflictError, TooManyRequestsError } from '@gatehouse/shared-kernel';

/** Who watches: the node, and the token and org its streams count against. */
export interface WatchingNode {
  orgId: string;
  groupId: string;
  nodeId: string;
  /** The node token's hash: every gateway of a group shares one token. */
  tokenId: string;
}

export interface WatchLimits {
  /** Open Watch streams of one node token (one gateway group) in this bridge. */
  perToken: number;
  /** Open Watch streams of one org in this bridge. */
  perOrg: number;
}

/** Ends a Watch stream from outside, with the reason the node will see. */
export type EndWatch = (reason: Error) => void;

export interface WatchLease {
  /** Removes the stream from the registry; harmless when called twice or after it was replaced. */
  close(): void;
}

interface Entry {
  node: WatchingNode;
  end: EndWatch;
}

export interface WatchRegistryEvents {
  /** Streams open now changed (for the gauge). */
  opened?(open: number): void;
  /** A node's newer Watch ended its older one. */
  replaced?(node: WatchingNode): void;
  /** A stream was refused: its token or org had its share open. */
  refused?(node: WatchingNode): void;
}

/**
 * The Watch streams open in this bridge: one per node, and a bounded number per node token and per org.
 * A node that reconnects (its gateway saw a stall and gave up on the old stream) replaces its previous
 * stream, which is ended at once, so sessions never pile up whatever the database's speed. A new node
 * past its token's or org's share is refused with RESOURCE_EXHAUSTED, and other orgs are unaffected.
 */
export class WatchRegistry {
  private readonly byNode = new Map<string, Entry>();
  private readonly perToken = new Map<string, number>();
  private readonly perOrg = new Map<string, number>();

  constructor(
    private readonly limits: WatchLimits,
    private readonly events: WatchRegistryEvents = {},
  ) {}

  /** Streams open now. */
  get size(): number {
    return this.byNode.size;
  }

  /** Streams open now of one org. */
  openOf(orgId: string): number {
    return this.perOrg.get(orgId) ?? 0;
  }

  /**
   * Registers a node's stream; `end` is called if a newer stream of the same node replaces it.
   * Throws {@link TooManyRequestsError} when the token or org already has its share of streams.
   */
  open(node: WatchingNode, end: EndWatch): WatchLease {
    const key = `${node.orgId}/${node.groupId}/${node.nodeId}`;
    const previous = this.byNode.get(key);
    if (previous) {
      // Replacing a stream keeps the counts: the node takes its own place, even at the limit.
      this.remove(key, previous);
      this.events.replaced?.(node);
      previous.end(
        new ConflictError(
          `a newer Watch of node '${node.nodeId}' replaced this one (two gateways with the same node id?)`,
        ),
      );
    }
    const byToken = this.perToken.get(node.tokenId) ?? 0;
    if (byToken >= this.limits.perToken) {
      this.events.refused?.(node);
      throw new TooManyRequestsError(
        `this node token already has ${byToken} Watch streams open on this bridge (at most ${this.limits.perToken}); close some or give each gateway group its own token`,
        5,
      );
    }
    const byOrg = this.openOf(node.orgId);
    if (byOrg >= this.limits.perOrg) {
      this.events.refused?.(node);
      throw new TooManyRequestsError(
        `org '${node.orgId}' already has ${byOrg} Watch streams open on this bridge (at most ${this.limits.perOrg})`,
        5,
      );
    }
    const entry: Entry = { node, end };
    this.byNode.set(key, entry);
    this.perToken.set(node.tokenId, byToken + 1);
    this.perOrg.set(node.orgId, byOrg + 1);
    this.events.opened?.(this.byNode.size);
    return { close: () => this.remove(key, entry) };
  }

  private remove(key: string, entry: Entry): void {
    if (this.byNode.get(key) !== entry) return;
    this.byNode.delete(key);
    decrement(this.perToken, entry.node.tokenId);
    decrement(this.perOrg, entry.node.orgId);
    this.events.opened?.(this.byNode.size);
  }
}

function decrement(counts: Map<string, number>, key: string): void {
  const left = (counts.get(key) ?? 1) - 1;
  if (left <= 0) counts.delete(key);
  else counts.set(key, left);
}
