import { UnavailableError } from '@gatehouse/shared-kernel';
import { MongoNetworkError, MongoServerSelectionError } from 'mongodb';

/** Pool errors the driver does not export as classes; their names are part of its documented API. */
const POOL_BUSY = new Set(['MongoWaitQueueTimeoutError']);
const POOL_GONE = new Set(['MongoPoolClearedError', 'PoolClearedOnNetworkError']);

/**
 * The domain error for a database that is saturated or unreachable, or undefined for any other error.
 * Transports answer it with 503 / UNAVAILABLE (retry later) instead of a 500 that looks like a bug, and
 * a request that found no free connection within the pool's wait-queue timeout fails fast that way
 * rather than hanging.
 */
export function unavailableFromMongo(error: unknown): UnavailableError | undefined {
  if (!(error instanceof Error)) return undefined;
  if (POOL_BUSY.has(error.name))
    return new UnavailableError('the database is busy (no free connection in time); retry shortly', 1);
  if (
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNetworkError ||
    POOL_GONE.has(error.name)
  )
    return new UnavailableError('the database cannot be reached; retry shortly', 1);
  return undefined;
}

const DUPLICATE_KEY = 11000;

/**
 * Whether a write failed on a unique index (MongoDB's duplicate-key error): the id, slug or email is
 * taken. The index, not a read before the write, decides, so of two writes racing for one name exactly
 * one succeeds; callers answer the other with a ConflictError or read what won.
 */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === DUPLICATE_KEY;
}
