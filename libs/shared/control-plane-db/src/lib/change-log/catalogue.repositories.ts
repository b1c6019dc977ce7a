import type { Db } from 'mongodb';

import { ApiRouteClaims } from './api-route-claims';
import type { Revisions } from './revisions';
import { VersionedCollection } from './versioned-collection';

/** Routing facts of an API, indexed for conflict checks and sharding by tag. */
export interface ApiFields {
  listenPath: string;
  domain: string;
  tags: string[];
  active: boolean;
}

export class ApiRepository extends VersionedCollection<ApiFields> {
  /** Which API holds each route: the conflict check of a write, by `_id` (ApiRouteClaims). */
  readonly routes: ApiRouteClaims;

  constructor(db: Db, revisions: Revisions) {
    super(db, 'apis', 'api', revisions);
    this.routes = new ApiRouteClaims(db);
  }

  override async ensureIndexes(): Promise<void> {
    // The dashboard's list filters and counts APIs by tag.
    await super.ensureIndexes([{ orgId: 1, 'fields.tags': 1 } as Record<string, 1>]);
    await this.routes.backfill(async () => {
      const live = await this.documents
        .find({ deleted: false }, { projection: { orgId: 1, id: 1, fields: 1 } })
        .toArray();
      return live.map((api) => ({
        orgId: api.orgId,
        id: api.id,
        route: { domain: api.fields.domain, listenPath: api.fields.listenPath },
      }));
    });
  }
}

export interface PolicyFields {
  name: string;
  tags: string[];
  active: boolean;
}

export class PolicyRepository extends VersionedCollection<PolicyFields> {
  constructor(db: Db, revisions: Revisions) {
    super(db, 'policies', 'policy', revisions);
  }
}

/** Keys are stored by hash: `id` is the hash, and the raw key exists only in the creation answer. */
export interface KeyFields {
  /** A short, non-reversible reference shown instead of the hash to roles that may not see hashes. */
  ref: string;
  alias: string;
  policyIds: string[];
  apiIds: string[];
  inactive: boolean;
  /** Unix seconds; 0 never. */
  expires: number;
  /** The request that created the key: a client whose answer was lost finds (and revokes) it by this. */
  requestId?: string;
}

export class KeyRepository extends VersionedCollection<KeyFields> {
  constructor(db: Db, revisions: Revisions) {
    super(db, 'keys', 'key', revisions);
  }

  override async ensureIndexes(): Promise<void> {
    await super.ensureIndexes([
      { orgId: 1, 'fields.policyIds': 1 } as Record<string, 1>,
      { orgId: 1, 'fields.ref': 1 } as Record<string, 1>,
      { orgId: 1, 'fields.apiIds': 1 } as Record<string, 1>,
    ]);
  }
}
