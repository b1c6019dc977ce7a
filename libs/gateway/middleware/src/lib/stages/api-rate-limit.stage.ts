import {
  ApiSpec,
  findRule,
  LimitsStore,
  reject,
  RequestContext,
  Stage,
  StageResult,
  TYK_ERRORS,
} from '@gatehouse/gateway-core';

import type { LocalRateLimiter } from '../local-rate-limiter';

interface Bucket {
  scope: string;
  rate: number;
  per: number;
}

/**
 * Tyk's RateLimitForAPI (gateway/mw_api_rate_limit.go): an endpoint's own limit (`rate_limit` in
 * extended paths) when the request matches one, else `global_rate_limit`; either caps every caller
 * together, apart from each key's own limit. Past it: 429 `API Rate Limit Exceeded`, without
 * Retry-After or X-RateLimit headers, as Tyk answers.
 */
export class ApiRateLimitStage implements Stage {
  readonly name = 'api-rate-limit';
  private readonly global?: Bucket;

  constructor(
    spec: ApiSpec,
    private readonly store: LimitsStore,
    private readonly local: LocalRateLimiter | undefined,
  ) {
    if (spec.globalRateLimit) this.global = { scope: `api-${spec.apiId}`, ...spec.globalRateLimit };
  }

  run(ctx: RequestContext): StageResult | Promise<StageResult> {
    const bucket = findRule(ctx.version.rateLimits, ctx.path, ctx.method) ?? this.global;
    if (!bucket) return undefined;
    if (this.local) {
      return this.local.check(bucket.scope, bucket.rate, bucket.per).allowed
        ? undefined
        : reject(TYK_ERRORS.apiRateLimited);
    }
    return this.store
      .check({
        scope: bucket.scope,
        rate: bucket.rate,
        perSeconds: bucket.per,
        quotaMax: 0,
        quotaRenewalSeconds: 0,
      })
      .then((result) => (result.outcome === 'allowed' ? undefined : reject(TYK_ERRORS.apiRateLimited)));
  }
}
