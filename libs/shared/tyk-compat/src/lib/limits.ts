import type { ApiLimit } from './session';

/** Tyk's comparison for quotas and similar: -1 means unlimited and beats every finite value. */
export function greaterLimit(candidate: number, current: number): boolean {
  if (candidate === -1) return current !== -1;
  if (current === -1) return false;
  return candidate > current;
}

/** Seconds between requests a rate allows; 0 when no rate is set (which allows anything). */
export function rateInterval(limit: { rate: number; per: number }): number {
  return limit.rate > 0 && limit.per > 0 ? limit.per / limit.rate : 0;
}

export function hasRate(limit: { rate: number; per: number }): boolean {
  return limit.rate > 0 && limit.per > 0;
}

export function isEmptyLimit(limit: ApiLimit | null | undefined): boolean {
  return (
    !limit ||
    (limit.rate === 0 &&
      limit.per === 0 &&
      limit.quota_max === 0 &&
      limit.quota_renewal_rate === 0 &&
      limit.throttle_interval === 0 &&
      limit.throttle_retry_limit === 0 &&
      limit.max_query_depth === 0)
  );
}

export function emptyLimit(): ApiLimit {
  return {
    rate: 0,
    per: 0,
    throttle_interval: 0,
    throttle_retry_limit: 0,
    max_query_depth: 0,
    quota_max: 0,
    quota_renews: 0,
    quota_remaining: 0,
    quota_renewal_rate: 0,
  };
}
