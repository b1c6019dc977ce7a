import { RedisConnection, scanKeys } from './redis-connection';

/** A stored upstream answer: what Tyk's cache replays (status, end-to-end headers, body). */
export interface CachedResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** Every entry of one API lives under this prefix (the dash keeps `a` from matching `ab`'s entries). */
function apiPrefix(apiId: string): string {
  return `cache-${apiId}-`;
}

/**
 * Tyk's response cache in the region's Redis: one entry per API, caller and request digest, each
 * expiring with its TTL. The value is a JSON head line then the body bytes, so a body is never
 * re-encoded. Entries hold no raw key: the caller is named by its key's hash (or address).
 */
export class ResponseCacheRepository {
  constructor(private readonly redis: RedisConnection) {}

  async get(apiId: string, digest: string): Promise<CachedResponse | undefined> {
    const raw = await this.redis.getBuffer(apiPrefix(apiId) + digest);
    if (!raw) return undefined;
    const newline = raw.indexOf(0x0a);
    if (newline === -1) return undefined;
    try {
      const head = JSON.parse(raw.subarray(0, newline).toString('utf8')) as Omit<CachedResponse, 'body'>;
      return { status: head.status, headers: head.headers, body: raw.subarray(newline + 1) };
    } catch {
      return undefined;
    }
  }

  async set(apiId: string, digest: string, response: CachedResponse, ttlSeconds: number): Promise<void> {
    const head = Buffer.from(`${JSON.stringify({ status: response.status, headers: response.headers })}\n`);
    await this.redis.set(apiPrefix(apiId) + digest, Buffer.concat([head, response.body]), 'EX', ttlSeconds);
  }

  /**
   * DELETE /tyk/cache/{apiId}: drops every entry of the API (SCAN, never KEYS); the count removed. One
   * DEL per key: entries of one API sit in many hash slots on a Cluster.
   */
  async invalidate(apiId: string): Promise<number> {
    const prefix = this.redis.options.keyPrefix ?? '';
    const keys = await scanKeys(this.redis, `${prefix}${apiPrefix(apiId)}*`);
    const removed = await Promise.all(keys.map((key) => this.redis.del(key.slice(prefix.length))));
    return removed.reduce((sum, count) => sum + count, 0);
  }
}
