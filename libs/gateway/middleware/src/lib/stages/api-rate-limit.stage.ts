import {
  ApiSpec,
  LimitsStore,
  reject,
  RequestContext,
  Stage,
  StageResult,
  TYK_ERRORS,
} from '@gatehouse/gateway-core';

import type { LocalRateLimiter } from '../local-rate-limiter';

/** Tyk's RateLimitForAPI: `global_rate_limit` caps the whole API, whoever calls it (429). */
export class ApiRateLimitStage implements Stage {
  readonly name = 'api-rate-limit';
  private readonly scope: string;

  constructor(
    spec: ApiSpec,
    private readonly limit: { rate: number; per: number },
    private readonly store: LimitsStore,
    private readonly local: LocalRateLimiter | undefined,
  ) {
    this.scope = `api-${spec.apiId}`;
  }

  run(_ctx: RequestContext): StageResult | Promise<StageResult> {
    if (this.local) {
      const decision = this.local.check(this.scope, this.limit.rate, this.limit.per);
      return decision.allowed ? undefined : this.refuse(decision.resetMs);
    }
    return this.store
      .check({
        scope: this.scope,
        rate: this.limit.rate,
        perSeconds: this.limit.per,
        quotaMax: 0,
        quotaRenewalSeconds: 0,
      })
      .then((result) => (result.outcome === 'allowed' ? undefined : this.refuse(result.rateResetMs)));
  }

  private refuse(retryMs: number): StageResult {
    return reject(TYK_ERRORS.apiRateLimited, {
      'retry-after': String(Math.max(1, Math.ceil(retryMs / 1000))),
    });
  }
}
