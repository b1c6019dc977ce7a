import { compileApiSpec, FailureCounter } from '@gatehouse/gateway-core';

import { ChainBuilder, ChainDependencies } from './chain-builder';

const deps: ChainDependencies = {
  keys: { resolve: () => undefined },
  policies: () => () => undefined,
  limits: {
    check: async () => ({
      outcome: 'allowed',
      rateRemaining: 0,
      rateResetMs: 0,
      quotaRemaining: 0,
      quotaResetMs: 0,
    }),
  },
  options: { rateLimitHeaders: 'quotas', rateLimiter: 'redis' },
  keyFormat: '',
  basicAuthThrottle: new FailureCounter({ limit: 10, windowMs: 60_000, maxSources: 100 }),
};

const names = (definition: Record<string, unknown>) =>
  new ChainBuilder(deps)
    .build(
      compileApiSpec({ api_id: 'a', proxy: { listen_path: '/a/', target_url: 'http://up' }, ...definition }),
    )
    .map((s) => s.name);

describe(ChainBuilder.name, () => {
  it("mounts only Tyk's constant quota headers for a plain keyless API, nothing in rate_limits mode", () => {
    expect(names({ use_keyless: true })).toEqual(['keyless-quota-headers']);
    const rateMode = { ...deps, options: { ...deps.options, rateLimitHeaders: 'rate_limits' as const } };
    const spec = compileApiSpec({
      api_id: 'a',
      use_keyless: true,
      proxy: { listen_path: '/a/', target_url: 'http://up' },
    });
    expect(new ChainBuilder(rateMode).build(spec)).toEqual([]);
  });

  it("mounts the auth token chain in Tyk's order", () => {
    expect(names({})).toEqual(['auth-token', 'key-state', 'access-rights', 'rate-limit-quota']);
  });

  it('mounts each optional stage only when the API enables it', () => {
    expect(
      names({
        use_keyless: true,
        CORS: { enable: true },
        enable_ip_blacklisting: true,
        blacklisted_ips: ['10.0.0.1'],
        global_rate_limit: { rate: 1, per: 1 },
        version_data: {
          not_versioned: true,
          versions: {
            Default: { global_headers: { a: 'b' }, extended_paths: { ignored: [{ path: '/x' }] } },
          },
        },
      }),
    ).toEqual([
      'path-access',
      'cors',
      'ip-access',
      'keyless-quota-headers',
      'api-rate-limit',
      'request-transform',
    ]);
  });

  it("mounts every enabled authentication method, in Tyk's order", () => {
    expect(
      names({
        use_basic_auth: true,
        enable_signature_checking: true,
        enable_jwt: true,
        jwt_signing_method: 'hmac',
        jwt_source: Buffer.from('secret').toString('base64'),
        use_standard_auth: true,
      }).slice(0, 4),
    ).toEqual(['basic-auth', 'auth-hmac', 'auth-jwt', 'auth-token']);
  });

  it('refuses an identity provider that is not enabled', () => {
    expect(() => names({ use_basic_auth: true, base_identity_provided_by: 'jwt_claim' })).toThrow(
      /base_identity_provided_by/,
    );
  });

  it('skips rate limits and quotas when the API disables both', () => {
    expect(names({ disable_rate_limit: true, disable_quota: true })).toEqual([
      'auth-token',
      'key-state',
      'access-rights',
    ]);
  });

  it('puts basic auth before the auth token', () => {
    expect(names({ use_basic_auth: true, use_standard_auth: true }).slice(0, 2)).toEqual([
      'basic-auth',
      'auth-token',
    ]);
  });

  it('gives APIs configured alike one chain, and an API with rules of its own a chain of its own', () => {
    const chains = new ChainBuilder(deps);
    const keyed = (id: string, extra: Record<string, unknown> = {}) =>
      chains.build(
        compileApiSpec({ api_id: id, proxy: { listen_path: `/${id}/`, target_url: 'http://up' }, ...extra }),
      );
    const first = keyed('a');
    expect(keyed('b')).toBe(first);
    expect(keyed('c', { disable_quota: true })).toBe(first);
    const unlimited = keyed('d', { disable_rate_limit: true, disable_quota: true });
    expect(unlimited).not.toBe(first);
    expect(keyed('e', { disable_rate_limit: true, disable_quota: true })).toBe(unlimited);
    const withCors = keyed('f', { CORS: { enable: true } });
    expect(withCors).not.toBe(first);
    expect(keyed('g', { CORS: { enable: true } })).not.toBe(withCors);
    expect(withCors.slice(1)).toEqual(first);
  });
});
