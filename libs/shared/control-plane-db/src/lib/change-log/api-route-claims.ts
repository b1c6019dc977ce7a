import type { OrgId } from '@gatehouse/shared-kernel';
import type { Collection, Db } from 'mongodb';

import { isDuplicateKey } from '../mongo-errors';

/** Where an API listens: its lower-cased domain ('' for any) and its normalised listen path. */
export interface ApiRoute {
  domain: string;
  listenPath: string;
}

interface ClaimDocument {
  _id: string;
  apiId: string;
  at: Date;
}

/** Who holds a route another API asked for, and since when. */
export interface RouteHolder {
  apiId: string;
  claimedAt: Date;
}

const BACKFILL_MARKER = 'api-route-claims-backfilled';

/**
 * One claim per (org, domain, listen path): the unique `_id` decides which of two APIs gets a route,
 * so two writes racing for it cannot both win (a read-then-write check let both through), and a claim
 * is found by `_id` alone, which every MongoDB-compatible server answers without decoding the
 * catalogue (FerretDB decoded all 10,000 API documents for the query this replaces: 850 ms per write).
 * A claim can outlive its API's hold on the route (a write that failed after claiming, or a crash
 * before the release); ApisService decides whether the holder still uses it. Take-overs leave their
 * markers behind (see handOver): one small document per stale claim taken over.
 */
export class ApiRouteClaims {
  private readonly claims: Collection<ClaimDocument>;
  private readonly settings: Collection<{ _id: string; at: Date }>;

  constructor(db: Db) {
    this.claims = db.collection<ClaimDocument>('api_route_claims');
    this.settings = db.collection<{ _id: string; at: Date }>('control_plane_settings');
  }

  /** Claims the route for `apiId`; answers the holder when another API holds it (maybe no longer). */
  async claim(orgId: OrgId, route: ApiRoute, apiId: string): Promise<RouteHolder | undefined> {
    const _id = claimId(orgId, route);
    try {
      await this.claims.insertOne({ _id, apiId, at: new Date() });
      return undefined;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const held = await this.claims.findOne({ _id });
    if (!held) return this.claim(orgId, route, apiId);
    return held.apiId === apiId ? undefined : { apiId: held.apiId, claimedAt: held.at };
  }

  /**
   * Gives the claim `holder` made, which it no longer uses, to `apiId`; false when another write took
   * it over first. A marker with a unique `_id` per stale claim picks the one winner: a conditional
   * replace does not, as FerretDB's updates read then write (two writes both matched the old holder).
   */
  async handOver(orgId: OrgId, route: ApiRoute, holder: RouteHolder, apiId: string): Promise<boolean> {
    const _id = claimId(orgId, route);
    const takeOver = `${_id}#${holder.apiId}@${holder.claimedAt.getTime()}`;
    try {
      await this.claims.insertOne({ _id: takeOver, apiId, at: new Date() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return false;
    }
    await this.claims.replaceOne({ _id }, { apiId, at: new Date() });
    return true;
  }

  /** Drops the claim when `apiId` holds it (after a move or a delete); never another API's. */
  async release(orgId: OrgId, route: ApiRoute, apiId: string): Promise<void> {
    await this.claims.deleteOne({ _id: claimId(orgId, route), apiId });
  }

  /**
   * Claims the routes of APIs stored before claims existed, once per database: without them a new
   * API could take a route an existing one serves. Idempotent, so dashboards starting together are safe.
   */
  async backfill(live: () => Promise<{ orgId: string; id: string; route: ApiRoute }[]>): Promise<void> {
    if (await this.settings.findOne({ _id: BACKFILL_MARKER })) return;
    const claims = (await live()).map((api) => ({
      _id: claimId(api.orgId, api.route),
      apiId: api.id,
      at: new Date(),
    }));
    if (claims.length > 0) {
      try {
        await this.claims.insertMany(claims, { ordered: false });
      } catch (error) {
        if (!onlyDuplicates(error)) throw error;
      }
    }
    try {
      await this.settings.insertOne({ _id: BACKFILL_MARKER, at: new Date() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}

/** JSON keeps the three parts apart whatever characters a domain or path holds. */
function claimId(orgId: string, route: ApiRoute): string {
  return JSON.stringify([orgId, route.domain, route.listenPath]);
}

/** A bulk insert that failed only because some claims exist already (another dashboard's backfill). */
function onlyDuplicates(error: unknown): boolean {
  const failures = (error as { writeErrors?: unknown } | null)?.writeErrors;
  const list = Array.isArray(failures) ? failures : failures ? [failures] : [];
  return list.length > 0 ? list.every(isDuplicateKey) : isDuplicateKey(error);
}
