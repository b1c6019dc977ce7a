import { compileApiSpec, LimitCheck, RequestContext } from '@gatehouse/gateway-core';
import { sessionStateSchema } from '@gatehouse/shared-tyk-compat';

import { rateLimitHeaders } from './rate-limit-headers';
import { effectiveLimits, RateLimitQuotaStage } from './rate-limit-quota.stage';

const spec = (extra: Record<string, unknown> = {}) =>
  compileApiSpec({ api_id: 'a', proxy: { listen_path: '/a/', target_url: 'http://up' }, ...extra });

describe(effectiveLimits.name, () => {
  it("uses the key's limits and the key id as scope", () => {
    const session = sessionStateSchema.parse({ rate: 10, per: 60, quota_max: 100, quota_renewal_rate: 3600 });
    expect(effectiveLimits(session, spec(), 'k1')).toEqual({
      scope: 'k1',
      rate: 10,
      perSeconds: 60,
      quotaMax: 100,
      quotaRenewalSeconds: 3600,
    });
  });

  it("uses an API's own limit with a scoped counter", () => {
    const session = sessionStateSchema.parse({
      rate: 10,
      per: 60,
      access_rights: { a: { api_id: 'a', allowance_scope: 'a', limit: { rate: 1, per: 1, quota_max: -1 } } },
    });
    expect(effectiveLimits(session, spec(), 'k1')).toEqual({
      scope: 'a-k1',
      rate: 1,
      perSeconds: 1,
      quotaMax: 0,
      quotaRenewalSeconds: 0,
    });
  });

  it('honours disable_rate_limit and disable_quota', () => {
    const session = sessionStateSchema.parse({ rate: 10, per: 60, quota_max: 100 });
    expect(
      effectiveLimits(session, spec({ disable_rate_limit: true, disable_quota: true }), 'k'),
    ).toMatchObject({ rate: 0, quotaMax: 0 });
  });
});

describe(rateLimitHeaders.name, () => {
  const result = {
    outcome: 'allowed' as const,
    rateRemaining: 4,
    rateResetMs: 2000,
    quotaRemaining: 90,
    quotaResetMs: 60_000,
  };

  const limit = { rate: 5, quotaMax: 100, storedQuotaRemaining: 0, storedQuotaRenews: 0 };

  it("describes the quota in Tyk's default mode", () => {
    expect(rateLimitHeaders('quotas', limit, result, 1_000_000)).toEqual({
      'x-ratelimit-limit': '100',
      'x-ratelimit-remaining': '90',
      'x-ratelimit-reset': '1060',
    });
  });

  it('describes the rate in rate_limits mode, and nothing there when no rate applies', () => {
    expect(rateLimitHeaders('rate_limits', limit, result, 1_000_000)).toEqual({
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '4',
      'x-ratelimit-reset': '1002',
    });
    expect(rateLimitHeaders('rate_limits', { ...limit, rate: 0 }, undefined, 0)).toBeUndefined();
  });

  it("reports an unlimited key's stored quota values, as Tyk (model_apispec.go)", () => {
    const unlimited = { rate: 0, quotaMax: -1, storedQuotaRemaining: 0, storedQuotaRenews: 1_700_000_000 };
    expect(rateLimitHeaders('quotas', unlimited, undefined, 0)).toEqual({
      'x-ratelimit-limit': '-1',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '1700000000',
    });
  });
});

describe(RateLimitQuotaStage.name, () => {
  it("counts each request against its own API's limit when one instance serves every API", async () => {
    // Attack: a key with a tight limit on one API and a loose one on another must not be counted
    // under whichever API happened to build the shared stage.
    const checks: LimitCheck[] = [];
    const store = {
      check: async (check: LimitCheck) => {
        checks.push(check);
        return {
          outcome: 'allowed' as const,
          rateRemaining: 1,
          rateResetMs: 0,
          quotaRemaining: 1,
          quotaResetMs: 0,
        };
      },
    };
    const stage = new RateLimitQuotaStage(store, undefined, {
      rateLimitHeaders: 'quotas',
      rateLimiter: 'redis',
    });
    const session = sessionStateSchema.parse({
      access_rights: {
        tight: { api_id: 'tight', allowance_scope: 'tight', limit: { rate: 1, per: 60, quota_max: -1 } },
        loose: { api_id: 'loose', allowance_scope: 'loose', limit: { rate: 1000, per: 1, quota_max: -1 } },
      },
    });
    for (const apiId of ['tight', 'loose']) {
      const ctx = { spec: spec({ api_id: apiId }), session, keyId: 'k1' } as unknown as RequestContext;
      expect(await stage.run(ctx)).toBeUndefined();
    }
    expect(checks.map(({ scope, rate, perSeconds }) => ({ scope, rate, perSeconds }))).toEqual([
      { scope: 'tight-k1', rate: 1, perSeconds: 60 },
      { scope: 'loose-k1', rate: 1000, perSeconds: 1 },
    ]);
  });
});
