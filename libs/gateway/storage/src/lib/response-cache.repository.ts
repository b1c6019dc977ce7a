import type { Redis } from 'ioredis';

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
  constructor(private readonly redis: Redis) {}

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

  /** DELETE /tyk/cache/{apiId}: drops every entry of the API (SCAN, never KEYS); the count removed. */
  async invalidate(apiId: string): Promise<number> {
    const prefix = this.redis.options.keyPrefix ?? '';
    let cursor = '0';
    let removed = 0;
    do {
      const [next, keys] = await this.redis.scan(
        cursor,
        'MATCH',
        `${prefix}${apiPrefix(apiId)}*`,
        'COUNT',
        500,
      );
      cursor = next;
      if (keys.length > 0) removed += await this.redis.del(...keys.map((key) => key.slice(prefix.length)));
    } while (cursor !== '0');
    return removed;
  }
}
