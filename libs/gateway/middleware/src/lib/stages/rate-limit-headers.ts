import type { LimitResult } from '@gatehouse/gateway-core';

import type { ChainOptions } from '../ports';

export interface AppliedLimit {
  rate: number;
  quotaMax: number;
}

/**
 * Tyk's X-RateLimit-* headers. With `quotas` (Tyk's default) they describe the quota: limit, remaining,
 * renewal time; with `rate_limits` the rate. Reset is a Unix time in seconds.
 */
export function rateLimitHeaders(
  mode: ChainOptions['rateLimitHeaders'],
  limit: AppliedLimit,
  result: LimitResult,
  nowMs: number,
): Record<string, string> | undefined {
  if (mode === 'quotas') {
    if (limit.quotaMax <= 0 || result.quotaRemaining < 0) return undefined;
    return {
      'x-ratelimit-limit': String(limit.quotaMax),
      'x-ratelimit-remaining': String(result.quotaRemaining),
      'x-ratelimit-reset': String(Math.ceil((nowMs + Math.max(0, result.quotaResetMs)) / 1000)),
    };
  }
  if (limit.rate <= 0 || result.rateRemaining < 0) return undefined;
  return {
    'x-ratelimit-limit': String(limit.rate),
    'x-ratelimit-remaining': String(result.rateRemaining),
    'x-ratelimit-reset': String(Math.ceil((nowMs + result.rateResetMs) / 1000)),
  };
}
