import type { Collection, Document } from 'mongodb';

/** A collection whose documents may carry the time they expire. */
type Expiring = Collection<Document>;

/**
 * An index on `expireAt` for the purge, and where the server supports it a TTL index that expires
 * documents by itself; answers whether the pump must purge instead (FerretDB answers "not implemented"
 * for TTL indexes). Documents without `expireAt` are kept.
 */
export async function ensureExpiry(
  collection: Expiring,
  enabled: boolean,
): Promise<{ purgeNeeded: boolean }> {
  await collection.createIndex({ expireAt: 1 }, { name: 'expire_at_purge' });
  if (!enabled) return { purgeNeeded: false };
  try {
    await collection.createIndex({ expireAt: 1 }, { expireAfterSeconds: 0, name: 'expire_at_ttl' });
    return { purgeNeeded: false };
  } catch {
    return { purgeNeeded: true };
  }
}

/** Deletes documents past their `expireAt` (Tyk pump's purge); the pump calls it every purge interval. */
export async function deleteExpired(collection: Expiring, now = new Date()): Promise<number> {
  return (await collection.deleteMany({ expireAt: { $lt: now } })).deletedCount;
}
