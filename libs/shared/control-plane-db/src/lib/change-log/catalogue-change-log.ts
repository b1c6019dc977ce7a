import type { OrgId } from '@gatehouse/shared-kernel';

import type { ApiRepository, KeyRepository, PolicyRepository } from './catalogue.repositories';
import type { ChangeLogHorizon } from './change-log-horizon';
import type { Revisions } from './revisions';
import type { Versioned } from './versioned-collection';

/** One entry of the change log as a bridge ships it. Keys carry no document: regions back-fill them. */
export interface LogEntry {
  kind: 'api' | 'policy' | 'key';
  id: string;
  rev: number;
  deleted: boolean;
  /** The stored Tyk document (APIs and policies). */
  document?: Record<string, unknown>;
  /** The API's tags, to filter by a gateway group's. */
  tags: string[];
}

/**
 * A stored version as the log ships it: keys without their document (regions back-fill sessions; a
 * session never travels in a change), APIs with the tags a gateway group filters on.
 */
export function logEntryOf(
  kind: LogEntry['kind'],
  version: Pick<Versioned<object>, 'id' | 'rev' | 'deleted'> &
    Partial<Pick<Versioned<object>, 'document' | 'fields'>>,
): LogEntry {
  const tags = (version.fields as { tags?: unknown } | undefined)?.tags;
  const withDocument = kind !== 'key' && !version.deleted;
  return {
    kind,
    id: version.id,
    rev: version.rev,
    deleted: version.deleted,
    document: withDocument ? version.document : undefined,
    tags: kind !== 'key' && Array.isArray(tags) ? (tags as string[]) : [],
  };
}

/** The whole change log of the catalogue (APIs, policies, keys) read as one, in revision order. */
export class CatalogueChangeLog {
  constructor(
    private readonly stores: {
      apis: ApiRepository;
      policies: PolicyRepository;
      keys: KeyRepository;
      revisions: Revisions;
      horizon: ChangeLogHorizon;
    },
  ) {}

  highestRev(): Promise<number> {
    return this.stores.revisions.highest();
  }

  oldestResumable(): Promise<number> {
    return this.stores.horizon.oldestResumable();
  }

  async live(orgId: OrgId): Promise<{ apis: LogEntry[]; policies: LogEntry[] }> {
    const [apis, policies] = await Promise.all([
      this.stores.apis.live(orgId),
      this.stores.policies.live(orgId),
    ]);
    return {
      apis: apis.map((api) => logEntryOf('api', api)),
      policies: policies.map((policy) => logEntryOf('policy', policy)),
    };
  }

  /**
   * The `limit` oldest entries after `after` across the three collections: each collection's `limit`
   * oldest, merged and cut, which is exactly the `limit` oldest of their union.
   */
  async entriesAfter(orgId: OrgId, after: number, limit: number): Promise<LogEntry[]> {
    const [apis, policies, keys] = await Promise.all([
      this.stores.apis.versionsAfter(orgId, after, limit),
      this.stores.policies.versionsAfter(orgId, after, limit),
      this.stores.keys.changesAfter(orgId, after, limit),
    ]);
    return [
      ...apis.map((api) => logEntryOf('api', api)),
      ...policies.map((policy) => logEntryOf('policy', policy)),
      ...keys.map((key) => logEntryOf('key', key)),
    ]
      .sort((a, b) => a.rev - b.rev)
      .slice(0, limit);
  }

  async findKey(
    orgId: OrgId,
    keyHash: string,
  ): Promise<{ rev: number; session: Record<string, unknown> } | undefined> {
    const found = await this.stores.keys.get(orgId, keyHash);
    return found ? { rev: found.rev, session: found.document } : undefined;
  }
}
