import { createKey, Harness, keylessApi, protectedApi, startHarness } from './gateway.spec-helper';

// Tyk v5.10.2 gateway/mw_context_vars.go, mw_modify_headers.go and mw_url_rewrite.go (urlRewrite,
// the check*Trigger functions, ReplaceTykVariables).
const version = (extendedPaths: object, extra: object = {}) => ({
  not_versioned: true,
  versions: { Default: { name: 'Default', extended_paths: extendedPaths, ...extra } },
});

const tenantHeaders = {
  'X-Tenant': '$tyk_context.headers_X_Tenant_Id',
  'X-Wrong-Case': '$tyk_context.headers_x_tenant_id',
  'X-Client-Path': '$tyk_context.path',
  'X-Unknown': 'a$tyk_context.no_such_thing',
  'X-Tier': '$tyk_meta.tier',
  'X-Search': '$tyk_context.request_data_q',
};

describe('context variables and URL rewrites as Tyk applies them (real HTTP, real Redis)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness((upstream) => [
      protectedApi('ctx', '/ctx/', upstream, {
        enable_context_vars: true,
        version_data: version({}, { global_headers: tenantHeaders }),
      }),
      keylessApi('no-ctx', '/no-ctx/', upstream, {
        version_data: version({}, { global_headers: tenantHeaders }),
      }),
      keylessApi('rw', '/rw/', upstream, {
        version_data: version({
          url_rewrites: [
            {
              path: '/users/{id}',
              method: 'GET',
              match_pattern: '/rw/users/(\\d+)',
              rewrite_to: '/v2/u/$1',
              triggers: [
                {
                  on: 'all',
                  rewrite_to: '/both/u/$1',
                  options: {
                    header_matches: { 'X-Tenant': { match_rx: '^beta-' } },
                    query_val_matches: { plan: { match_rx: 'gold' } },
                  },
                },
                {
                  on: 'any',
                  rewrite_to: '/beta/u/$1?tenant=$tyk_context.trigger-1-X-Tenant-0-0',
                  options: { header_matches: { 'x-tenant': { match_rx: '^beta-(.+)$' } } },
                },
              ],
            },
            {
              path: '/kept/{id}',
              method: 'GET',
              match_pattern: '/rw/kept/(\\d+)',
              rewrite_to: '/rw/inner/$1',
            },
            { path: '/any-method', method: '', match_pattern: '.*', rewrite_to: '/never' },
            {
              path: '/elsewhere',
              method: 'GET',
              match_pattern: 'elsewhere',
              rewrite_to: `${upstream}/abs?x=1`,
            },
          ],
          method_transforms: [{ path: '/users/{id}', method: 'GET', to_method: 'POST' }],
        }),
      }),
    ]);
  });

  afterAll(async () => harness?.stop());

  interface Echo {
    path: string;
    method: string;
    headers: Record<string, string | undefined>;
  }

  const call = async (path: string, headers: Record<string, string> = {}) =>
    (await (await fetch(`${harness.gateway.proxyUrl}${path}`, { headers })).json()) as Echo;

  it('substitutes $tyk_context and $tyk_meta in injected headers, unknown ones as empty', async () => {
    const key = await createKey(harness, {
      org_id: 'acme',
      meta_data: { tier: 'gold' },
      access_rights: { ctx: { api_id: 'ctx', versions: [] } },
    });
    const seen = await call('/ctx/orders?x=1', { authorization: key, 'x-tenant-id': 'acme' });
    expect(seen.headers).toMatchObject({
      'x-tenant': 'acme',
      'x-wrong-case': '',
      'x-client-path': '/ctx/orders',
      'x-unknown': 'a',
      'x-tier': 'gold',
    });
  });

  it('never lets a decoded query value split the header it is put in (attack: header injection)', async () => {
    const key = await createKey(harness, {
      org_id: 'acme',
      access_rights: { ctx: { api_id: 'ctx', versions: [] } },
    });
    const response = await fetch(`${harness.gateway.proxyUrl}/ctx/x?q=a%0d%0aInjected:%20yes`, {
      headers: { authorization: key },
    });
    expect(response.status).toBe(200);
    const seen = (await response.json()) as Echo;
    expect(seen.headers['x-search']).toBe('aInjected: yes');
    expect(seen.headers['injected']).toBeUndefined();
  });

  it('reads no request values without enable_context_vars', async () => {
    const seen = await call('/no-ctx/x', { 'x-tenant-id': 'acme' });
    expect(seen.headers['x-tenant']).toBe('');
    expect(seen.headers['x-client-path']).toBe('');
  });

  it('replaces the whole URL (the query too), and later rules still see the path as requested', async () => {
    const seen = await call('/rw/users/7?drop=me');
    expect(seen.path).toBe('/v2/u/7');
    expect(seen.method).toBe('POST');
  });

  it('takes the first trigger to fire, with its captures as context variables', async () => {
    expect((await call('/rw/users/7', { 'x-tenant': 'beta-acme co' })).path).toBe('/beta/u/7?tenant=acme+co');
    expect((await call('/rw/users/7?plan=gold', { 'x-tenant': 'beta-x' })).path).toBe('/both/u/7');
  });

  it('strips the listen path from a result that keeps it, never matches an empty method, and may leave the upstream', async () => {
    expect((await call('/rw/kept/3')).path).toBe('/inner/3');
    expect((await call('/rw/any-method')).path).toBe('/any-method');
    expect((await call('/rw/elsewhere?q=2')).path).toBe('/abs?x=1');
  });
});
