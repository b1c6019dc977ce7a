import { z } from 'zod';

import { isCluster, RedisConnection } from '../redis-connection';
import { apiKeyspace, clientIdsKey, clientKey } from './oauth-redis-keys';

/**
 * An OAuth client as stored: Tyk's field names (`id`, `redirecturi`, `policyid`, …), except that the
 * secret is kept only as its keyed hash (shown once, when the client is created).
 */
export const storedOAuthClientSchema = z.object({
  id: z.string(),
  secret_hash: z.string(),
  redirecturi: z.string(),
  policyid: z.string(),
  meta_data: z.unknown(),
  description: z.string(),
  /**
   * Set anew each time the client is registered: a token issued to an earlier registration of the
   * same id is refused, so deleting a client and creating it again never revives its old tokens.
   */
  rev: z.string(),
});
export type StoredOAuthClient = z.output<typeof storedOAuthClientSchema>;

/** Saves the client unless the API already holds `max` other clients: a tenant's bound, checked atomically. */
const SAVE_WITHIN_CAP = `
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 0 and redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[3]) then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[1])
return 1
`;

function decode(json: string | null): StoredOAuthClient | undefined {
  if (json === null) return undefined;
  try {
    const parsed = storedOAuthClientSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An API's OAuth clients in regional Redis, so every gateway of the region knows them. A document that
 * does not decode is treated as absent (its client refused), never trusted.
 */
export class OAuthClientRepository {
  constructor(private readonly redis: RedisConnection) {}

  private api(apiId: string): string {
    return apiKeyspace(apiId, isCluster(this.redis));
  }

  /** Creates or replaces the client; false, changing nothing, when the API is at `maxClients`. */
  async save(apiId: string, client: StoredOAuthClient, maxClients: number): Promise<boolean> {
    const saved = await this.redis.eval(
      SAVE_WITHIN_CAP,
      2,
      clientKey(this.api(apiId), client.id),
      clientIdsKey(this.api(apiId)),
      client.id,
      JSON.stringify(client),
      String(maxClients),
    );
    return saved === 1;
  }

  async find(apiId: string, clientId: string): Promise<StoredOAuthClient | undefined> {
    return decode(await this.redis.get(clientKey(this.api(apiId), clientId)));
  }

  /** Every client of the API: at most the per-API cap, so one call reads them all. */
  async list(apiId: string): Promise<StoredOAuthClient[]> {
    const ids = (await this.redis.smembers(clientIdsKey(this.api(apiId)))).sort();
    if (ids.length === 0) return [];
    const documents = await this.redis.mget(ids.map((id) => clientKey(this.api(apiId), id)));
    return documents.flatMap((json) => decode(json) ?? []);
  }

  /** Removes the client; answers whether it existed. Its tokens are OAuthTokenRepository's to forget. */
  async delete(apiId: string, clientId: string): Promise<boolean> {
    const result = await this.redis
      .multi()
      .del(clientKey(this.api(apiId), clientId))
      .srem(clientIdsKey(this.api(apiId)), clientId)
      .exec();
    return Number(result?.[0]?.[1] ?? 0) > 0;
  }
}
