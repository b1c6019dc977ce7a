/**
 * The generic cell rate algorithm (GCRA), the rate limiter every limit in the gateway uses, locally and
 * in Redis (the Lua script does the same arithmetic). State is one number per key, the theoretical
 * arrival time (TAT), so time and memory are O(1) whatever the rate: a sorted-set log grows with it.
 *
 * `rate` per `per` means: a burst of up to `rate` requests from idle, refilled continuously at one
 * request every per/rate. A steady stream at exactly the rate is never refused; over any span of D ms at
 * most rate + D·rate/per requests pass.
 */
export interface GcraDecision {
  allowed: boolean;
  /** The TAT to store (unchanged when refused). */
  tat: number;
  /** Requests that would still pass right now, never negative. */
  remaining: number;
  /** Milliseconds until the bucket is full again (allowed) or until the next request may pass (refused). */
  resetMs: number;
}

export function gcra(
  storedTat: number | undefined,
  nowMs: number,
  rate: number,
  perMs: number,
  cost = 1,
): GcraDecision {
  const interval = perMs / rate;
  const tat = Math.max(storedTat ?? nowMs, nowMs);
  const newTat = tat + interval * cost;
  const allowAt = newTat - perMs;
  if (nowMs < allowAt) {
    return { allowed: false, tat, remaining: 0, resetMs: Math.ceil(allowAt - nowMs) };
  }
  return {
    allowed: true,
    tat: newTat,
    remaining: Math.max(0, Math.floor((perMs - (newTat - nowMs)) / interval + 1e-9)),
    resetMs: Math.ceil(newTat - nowMs),
  };
}
