import { compileApiSpec } from '@gatehouse/gateway-core';

import { compileApi } from './compiled-api';

const definition = (id: string, extendedPaths: object = {}) => ({
  api_id: id,
  org_id: 'acme',
  active: true,
  use_keyless: true,
  proxy: { listen_path: `/${id}/`, target_url: 'http://127.0.0.1:9' },
  version_data: { not_versioned: true, versions: { Default: { extended_paths: extendedPaths } } },
});

const breakerRule = (path: string) => ({
  path,
  method: 'GET',
  threshold_percent: 0.5,
  samples: 2,
  return_to_service_after: 60,
});

describe(compileApi.name, () => {
  it('gives each circuit-breaker rule a breaker of its own', () => {
    const api = compileApi(
      compileApiSpec(definition('a', { circuit_breakers: [breakerRule('/x'), breakerRule('/y')] })),
      [],
    );
    const rules = api.spec.versions.get('Default')?.circuitBreakers ?? [];
    expect(rules).toHaveLength(2);
    const breakers = rules.map((rule) => api.breakers.get(rule));
    expect(breakers).toEqual([expect.any(Object), expect.any(Object)]);
    expect(breakers[0]).not.toBe(breakers[1]);
  });

  it('lets APIs without rules share one empty set of breakers (10,000 empty maps cost 3 MB)', () => {
    const [a, b] = ['a', 'b'].map((id) => compileApi(compileApiSpec(definition(id)), []));
    expect(a?.breakers.size).toBe(0);
    expect(a?.breakers).toBe(b?.breakers);
  });
});
