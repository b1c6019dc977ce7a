import type { LeafOutputSpec } from '@gatehouse/shared-streams';

export interface RetryPolicy {
  /** Attempts after the first before the message is dead-lettered. */
  retries: number;
  initialMs: number;
  maxMs: number;
}

/** Each output's Bento retry fields, as one policy. */
export function retryPolicyOf(output: Exclude<LeafOutputSpec, { type: 'http_server' }>): RetryPolicy {
  switch (output.type) {
    case 'http_client':
      return {
        retries: output.config.retries,
        initialMs: output.config.retry_period,
        maxMs: output.config.max_retry_backoff,
      };
    case 'kafka':
      return {
        retries: output.config.max_retries || 3,
        initialMs: output.config.backoff.initial_interval,
        maxMs: output.config.backoff.max_interval,
      };
    case 'mqtt':
      return { retries: 3, initialMs: 1000, maxMs: 10_000 };
  }
}

/** Exponential, capped, with jitter so the region's gateways do not retry in step. */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  const base = Math.min(policy.maxMs, policy.initialMs * 2 ** attempt);
  return Math.round(base * (0.5 + Math.random() / 2));
}
