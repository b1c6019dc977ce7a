import {
  ApiSpec,
  LimitCheck,
  LimitResult,
  LimitsStore,
  reject,
  RequestContext,
  Stage,
  StageResult,
  TYK_ERRORS,
} from '@gatehouse/gateway-core';
import { isEmptyLimit, SessionState } from '@gatehouse/shared-tyk-compat';

import type { LocalRateLimiter } from '../local-rate-limiter';
import type { ChainOptions } from '../ports';
import { accessFor } from './access-lookup';
import { rateLimitHeaders } from './rate-limit-headers';

/** The limits for this API: its per-API entry when that has limits (scoped counters), else the key's. */
function appliedLimit(session: SessionState, spec: ApiSpec) {
  const access = accessFor(session, spec.apiId);
  const scoped = access && access.limit && !isEmptyLimit(access.limit) ? access : undefined;
  return { scoped, limit: scoped?.limit ?? session };
}

export function effectiveLimits(session: SessionState, spec: ApiSpec, keyId: string): LimitCheck {
  return limitCheck(appliedLimit(session, spec), spec, keyId);
}

function limitCheck(
  { scoped, limit }: ReturnType<typeof appliedLimit>,
  spec: ApiSpec,
  keyId: string,
): LimitCheck {
  const scope = scoped?.allowance_scope ? `${scoped.allowance_scope}-${keyId}` : keyId;
  const rateOn = !spec.disableRateLimit && limit.rate > 0 && limit.per > 0;
  const quotaOn = !spec.disableQuota && limit.quota_max > 0;
  return {
    scope,
    rate: rateOn ? limit.rate : 0,
    perSeconds: rateOn ? limit.per : 0,
    quotaMax: quotaOn ? limit.quota_max : 0,
    quotaRenewalSeconds: quotaOn ? limit.quota_renewal_rate : 0,
  };
}

/**
 * Tyk's RateLimitAndQuotaCheck: the key's rate limit (429) then its quota (403), counted in regional
 * Redis with one Lua call, or the rate in process memory in local mode. A request let through carries
 * Tyk's quota headers for the success answer; refusals carry none, as in Tyk.
 */
export class RateLimitQuotaStage implements Stage {
  readonly name = 'rate-limit-quota';

  constructor(
    private readonly store: LimitsStore,
    private readonly local: LocalRateLimiter | undefined,
    private readonly options: ChainOptions,
    private readonly now: () => number = Date.now,
  ) {}

  async run(ctx: RequestContext): Promise<StageResult> {
    if (!ctx.session || !ctx.keyId) return undefined;
    const applied = appliedLimit(ctx.session, ctx.spec);
    const check = limitCheck(applied, ctx.spec, ctx.keyId);
    const result = check.rate === 0 && check.quotaMax === 0 ? undefined : await this.count(check);
    if (result?.outcome === 'rate_limited') return this.refuse(ctx, result.rateResetMs, check.rate);
    if (result?.outcome === 'quota_exceeded') return reject(TYK_ERRORS.quotaExceeded);
    const { limit } = applied;
    const headers = rateLimitHeaders(
      this.options.rateLimitHeaders,
      {
        rate: check.rate,
        quotaMax: check.quotaMax > 0 ? check.quotaMax : limit.quota_max,
        storedQuotaRemaining: limit.quota_remaining,
        storedQuotaRenews: limit.quota_renews,
      },
      result,
      this.now(),
    );
    if (headers) ctx.quotaHeaders = headers;
    return undefined;
  }

  private async count(check: LimitCheck): Promise<LimitResult> {
    if (!this.local || check.rate === 0) return this.store.check(check);
    const decision = this.local.check(`rl-${check.scope}`, check.rate, check.perSeconds);
    if (!decision.allowed) {
      return {
        outcome: 'rate_limited',
        rateRemaining: 0,
        rateResetMs: decision.resetMs,
        quotaRemaining: -1,
        quotaResetMs: 0,
      };
    }
    const result: LimitResult =
      check.quotaMax > 0
        ? await this.store.check({ ...check, rate: 0, perSeconds: 0 })
        : { outcome: 'allowed', rateRemaining: 0, rateResetMs: 0, quotaRemaining: -1, quotaResetMs: 0 };
    return { ...result, rateRemaining: decision.remaining, rateResetMs: decision.resetMs };
  }

  private refuse(ctx: RequestContext, retryMs: number, rate: number): StageResult {
    const headers: Record<string, string> = {
      ...ctx.responseHeaders,
      'retry-after': String(Math.max(1, Math.ceil(retryMs / 1000))),
    };
    if (this.options.rateLimitHeaders === 'rate_limits') {
      headers['x-ratelimit-limit'] = String(rate);
      headers['x-ratelimit-remaining'] = '0';
      headers['x-ratelimit-reset'] = String(Math.ceil((this.now() + retryMs) / 1000));
    }
    return reject(TYK_ERRORS.rateLimited, headers);
  }
}
