import { besideKey, isCluster, RedisConnection, scanKeys } from './redis-connection';
import { hash } from 'node:crypto';
import { SessionState, sessionStateSchema } from '@gatehouse/shared-tyk-compat';

/** Tyk's key name for a session: `apikey-<hash>` (or the raw key when hashing is off). */
export function sessionKey(keyId: string): string {
  return `apikey-${keyId}`;
}

const DROP_OLDER_COPY = `
local held = tonumber(redis.call('GET', KEYS[2]) or '0')
if held >= tonumber(ARGV[1]) then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
return 1
`;

const ADOPT = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local session = redis.call('GET', KEYS[1])
if not session then return 0 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then redis.call('SET', KEYS[2], session, 'PX', ttl) else redis.call('SET', KEYS[2], session) end
redis.call('DEL', KEYS[1])
return 1
`;

export interface StoredSession {
  session: SessionState;
  /** The JSON as stored, for the Gateway API (keeps fields we do not model, byte for byte). */
  raw: Record<string, unknown>;
}

/**
 * A session with its version: the first 96 bits of the SHA-256 of the stored JSON, in base64 (see
 * {@link SessionRepository.lookup}). 96 bits keep finding another session with the same version out of
 * reach, and the 16 characters cost the cache half what the whole digest would at 100,000 keys.
 */
export interface VersionedSession {
  session: SessionState;
  version: string;
}

const VERSION_BYTES = 12;

/** Decodes a stored session; undefined for anything that is not a valid one. */
function decodeSession(json: string): StoredSession | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = sessionStateSchema.safeParse(raw);
  return parsed.success ? { session: parsed.data, raw: raw as Record<string, unknown> } : undefined;
}

/**
 * Sessions in regional Redis, in Tyk's layout, so a Redis Tyk wrote can be read as is. A document that
 * is not a valid session is treated as absent (and the key refused) rather than trusted.
 */
export class SessionRepository {
  constructor(private readonly redis: RedisConnection) {}

  /** The control-plane revision of a copied key, beside its session (one hash slot, for Redis Cluster). */
  private copyRevKey(keyId: string): string {
    return besideKey(this.redis, sessionKey(keyId), 'gatehouse-keyrev-');
  }

  async find(keyId: string): Promise<StoredSession | undefined> {
    const json = await this.redis.get(sessionKey(keyId));
    return json === null ? undefined : decodeSession(json);
  }

  /**
   * For the key cache: the session with its version, or `{ unchanged: true }` without decoding when the
   * stored JSON still has version `known`. A digest, not the JSON itself, is what the cache keeps: it
   * holds 100,000 keys.
   */
  async lookup(keyId: string, known?: string): Promise<VersionedSession | { unchanged: true } | undefined> {
    const json = await this.redis.get(sessionKey(keyId));
    if (json === null) return undefined;
    const version = hash('sha256', json, 'buffer').toString('base64', 0, VERSION_BYTES);
    if (version === known) return { unchanged: true };
    const decoded = decodeSession(json);
    return decoded && { session: decoded.session, version };
  }

  /** Stores a session; a positive `ttlSeconds` makes Redis drop it then (Tyk's key expiry). */
  async save(keyId: string, session: Record<string, unknown>, ttlSeconds = 0): Promise<void> {
    const json = JSON.stringify(session);
    if (ttlSeconds > 0) await this.redis.set(sessionKey(keyId), json, 'EX', Math.ceil(ttlSeconds));
    else await this.redis.set(sessionKey(keyId), json);
  }

  /** Stores a key copied from the control plane (hybrid mode) with the revision it had there. */
  async saveCopy(keyId: string, session: Record<string, unknown>, rev: number): Promise<void> {
    await this.redis
      .multi()
      .set(sessionKey(keyId), JSON.stringify(session))
      .set(this.copyRevKey(keyId), rev)
      .exec();
  }

  /**
   * Drops a control-plane copy for a change at `rev`, unless the copy is already that revision or
   * newer: an eviction replayed after a reconnect must not throw away a key the region still needs.
   */
  async dropCopy(keyId: string, rev: number): Promise<boolean> {
    return (
      (await this.redis.eval(DROP_OLDER_COPY, 2, sessionKey(keyId), this.copyRevKey(keyId), String(rev))) ===
      1
    );
  }

  /**
   * Moves a session from a Tyk id to its Gatehouse id in one step (re-hash on first use); never
   * overwrites a session already at the new id. Not on a Cluster: the two Tyk-named keys sit in
   * different hash slots, and a copy-then-delete racing a revocation of the old id could bring the
   * revoked key back under the new one. There the key keeps being served under its Tyk id.
   */
  async adopt(legacyId: string, keyId: string): Promise<boolean> {
    if (isCluster(this.redis)) return false;
    return (await this.redis.eval(ADOPT, 2, sessionKey(legacyId), sessionKey(keyId))) === 1;
  }

  async delete(keyId: string): Promise<boolean> {
    return (await this.redis.del(sessionKey(keyId))) > 0;
  }

  /** Ids of stored sessions, optionally only those containing `filter`. Uses SCAN, never KEYS. */
  async listIds(filter = ''): Promise<string[]> {
    const prefix = this.redis.options.keyPrefix ?? '';
    const keys = await scanKeys(this.redis, `${prefix}apikey-*`);
    return keys
      .map((key) => key.slice(prefix.length + 'apikey-'.length))
      .filter((id) => !filter || id.includes(filter));
  }
}
