import { reject, Rejection, TYK_ERRORS } from '@gatehouse/gateway-core';
import { UnavailableError } from '@gatehouse/shared-kernel';

/**
 * A key lookup that failed because its store is down answers 503 (retry later), never 403 ("unknown
 * key") and never 500; anything else is a bug and goes on to the proxy's error handling.
 */
export function keyLookupFailed(error: unknown): Rejection {
  if (error instanceof UnavailableError) return reject(TYK_ERRORS.keyStoreUnavailable);
  throw error;
}
