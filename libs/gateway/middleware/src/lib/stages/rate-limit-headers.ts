import type { LimitResult } from '@gatehouse/gateway-core';

import type { ChainOptions } from '../ports';

/** The limit a key's request was checked against: the API's own limit when it has one, else the key's. */
export interface AppliedLimit {
  rate: number;
  quotaMax: number;
  /** The stored quota values, which Tyk reports as they are when no quota is counted (unlimited). */
  storedQuotaRemaining: number;
  storedQuotaRenews: number;
}

/** What Tyk sends for a keyless API: a session with no quota at all. */
export const KEYLESS_QUOTA_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'x-ratelimit-limit': '0',
  'x-ratelimit-remaining': '0',
  'x-ratelimit-reset': '0',
});

/**
 * Tyk's X-RateLimit-* headers (gateway/model_apispec.go sendRateLimitHeaders). With `quotas` (Tyk's
 * only mode) they describe the quota: its maximum, what is left, its renewal as a Unix time; for a
 * quota not counted (unlimited, -1) Tyk reports the key's stored values. With `rate_limits` (a Gatehouse
 * addition) they describe the rate instead, when one is set.
 */
export function rateLimitHeaders(
  mode: ChainOptions['rateLimitHeaders'],
  limit: AppliedLimit,
  result: LimitResult | undefined,
  nowMs: number,
): Record<string, string> | undefined {
  if (mode === 'quotas') {
    if (!result || limit.quotaMax <= 0 || result.quotaRemaining < 0) {
      return {
        'x-ratelimit-limit': String(limit.quotaMax),
        'x-ratelimit-remaining': String(limit.storedQuotaRemaining),
        'x-ratelimit-reset': String(limit.storedQuotaRenews),
      };
    }
    return {
      'x-ratelimit-limit': String(limit.quotaMax),
      'x-ratelimit-remaining': String(result.quotaRemaining),
      'x-ratelimit-reset': String(Math.ceil((nowMs + Math.max(0, result.quotaResetMs)) / 1000)),
    };
  }
  if (!result || limit.rate <= 0 || result.rateRemaining < 0) return undefined;
  return {
    'x-ratelimit-limit': String(limit.rate),
    'x-ratelimit-remaining': String(result.rateRemaining),
    'x-ratelimit-reset': String(Math.ceil((nowMs + result.rateResetMs) / 1000)),
  };
}
