/** One rate-limit and quota check of a key (or an API) against the shared counters. */
export interface LimitCheck {
  /** Counter scope, e.g. the key hash, or `<apiId>-<hash>` for per-API limits. */
  scope: string;
  /** 0: no rate limit. */
  rate: number;
  perSeconds: number;
  /** 0: no quota. */
  quotaMax: number;
  quotaRenewalSeconds: number;
}

export type LimitOutcome = 'allowed' | 'rate_limited' | 'quota_exceeded';

export interface LimitResult {
  outcome: LimitOutcome;
  /** -1 when no rate limit applied. */
  rateRemaining: number;
  rateResetMs: number;
  /** -1 when no quota applied. */
  quotaRemaining: number;
  /** Milliseconds until the quota renews (-1 if it never does). */
  quotaResetMs: number;
}

/** Shared counters (regional Redis): rate limit and quota in one call. */
export interface LimitsStore {
  check(check: LimitCheck): Promise<LimitResult>;
}
