import type { GatewayGroupStore, NodeRegistry, NodeTokenStore } from '@gatehouse/bridge-sessions';
import type { ChangeLogReader, KeyReader, NodeStatusWriter } from '@gatehouse/bridge-sync';
import type { FairConcurrencyLimiter } from '@gatehouse/shared-admission';
import type { CatalogueChangeLog, GatewayNodeRepository } from '@gatehouse/shared-control-plane-db';
import type { OrgId } from '@gatehouse/shared-kernel';

/** Token look-ups happen before the org is known: they share one lane (no org id has parentheses). */
export const TOKEN_LOOKUPS = '(node token look-ups)';

/**
 * The bridge's database ports with every operation waiting in its org's share of the database
 * (`FairConcurrencyLimiter`: a few at once per org, freed slots handed to orgs in turn). However many
 * streams and calls one org keeps busy, another org's GetKey waits for at most one slot's worth of
 * work, and the database sees a bounded number of operations from this bridge.
 */
export class FairDatabase {
  constructor(private readonly reads: FairConcurrencyLimiter) {}

  tokens(tokens: NodeTokenStore): NodeTokenStore {
    return { findGrant: (rawToken) => this.reads.run(TOKEN_LOOKUPS, () => tokens.findGrant(rawToken)) };
  }

  groups(groups: GatewayGroupStore): GatewayGroupStore {
    return { find: (orgId, groupId) => this.reads.run(orgId, () => groups.find(orgId, groupId)) };
  }

  nodes(nodes: GatewayNodeRepository): NodeRegistry & NodeStatusWriter {
    return {
      recordConnected: (node) => this.reads.run(node.orgId, () => nodes.recordConnected(node)),
      recordStatus: (node, status) => this.reads.run(node.orgId, () => nodes.recordStatus(node, status)),
    };
  }

  keys(log: CatalogueChangeLog): KeyReader {
    return { find: (orgId, keyHash) => this.reads.run(orgId, () => log.findKey(orgId, keyHash)) };
  }

  /** The change log as one org's Watch reads it: even its global reads count against that org. */
  changeLogOf(log: ChangeLogReader, orgId: OrgId): ChangeLogReader {
    const run = <T>(work: () => Promise<T>) => this.reads.run(orgId, work);
    return {
      highestRev: () => run(() => log.highestRev()),
      oldestResumable: () => run(() => log.oldestResumable()),
      live: (org) => run(() => log.live(org)),
      entriesAfter: (org, after, limit) => run(() => log.entriesAfter(org, after, limit)),
    };
  }
}
