import { compileApiSpec } from '@gatehouse/gateway-core';
import { sessionStateSchema } from '@gatehouse/shared-tyk-compat';

import { rateLimitHeaders } from './rate-limit-headers';
import { effectiveLimits } from './rate-limit-quota.stage';

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
