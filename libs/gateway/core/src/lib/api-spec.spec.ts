import { InvalidInputError } from '@gatehouse/shared-kernel';

import { compileApiSpec } from './api-spec';
import { findRule } from './path-rule';

const base = {
  api_id: 'orders',
  org_id: 'acme',
  active: true,
  proxy: { listen_path: '/orders/', target_url: 'http://up:8000/base/' },
};

function issuesOf(input: unknown): string[] {
  try {
    compileApiSpec(input);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.issues.map((issue) => issue.path);
    throw error;
  }
  throw new Error('expected the definition to be refused');
}

describe(compileApiSpec.name, () => {
  it('compiles routing, upstream and auth token defaults', () => {
    const sut = compileApiSpec(base);
    expect(sut).toMatchObject({
      apiId: 'orders',
      listenPath: '/orders',
      upstream: { targets: [{ origin: 'http://up:8000', basePath: '/base' }] },
      auth: { keyless: false, token: { header: 'authorization', param: '', cookie: '' } },
    });
    expect([...sut.versions.keys()]).toEqual(['Default']);
  });

  it('reads the key from a custom header, query parameter and cookie', () => {
    const sut = compileApiSpec({
      ...base,
      auth_configs: {
        authToken: { auth_header_name: 'X-Api-Key', use_param: true, param_name: 'key', use_cookie: true },
      },
    });
    expect(sut.auth.token).toEqual({ header: 'x-api-key', param: 'key', cookie: 'X-Api-Key' });
  });

  it('uses the target list when load balancing', () => {
    const sut = compileApiSpec({
      ...base,
      proxy: { ...base.proxy, enable_load_balancing: true, target_list: ['http://a:1', 'http://b:2'] },
    });
    expect(sut.upstream.targets.map((target) => target.origin)).toEqual(['http://a:1', 'http://b:2']);
  });

  it('compiles extended paths with {param} segments and methods', () => {
    const sut = compileApiSpec({
      ...base,
      version_data: {
        not_versioned: true,
        versions: {
          Default: {
            name: 'Default',
            use_extended_paths: true,
            extended_paths: {
              black_list: [{ path: '/admin/{id}', method_actions: { DELETE: { action: 'no_action' } } }],
            },
          },
        },
      },
    });
    const rules = sut.versions.get('Default')!.blackList;
    expect(findRule(rules, '/admin/7', 'DELETE')).toBeDefined();
    expect(findRule(rules, '/admin/7', 'GET')).toBeUndefined();
    expect(findRule(rules, '/other/admin/7', 'DELETE')).toBeUndefined();
  });

  it('names every bad field of a definition', () => {
    expect(issuesOf({ proxy: {} })).toEqual(expect.arrayContaining(['api_id', 'proxy.listen_path']));
    expect(issuesOf({ ...base, proxy: { listen_path: '/x', target_url: 'ftp://nope' } })).toEqual([
      'proxy.target_url',
    ]);
    expect(
      issuesOf({ ...base, enable_ip_whitelisting: true, allowed_ips: ['10.0.0.1', 'not-an-ip'] }),
    ).toEqual(['allowed_ips']);
    expect(
      issuesOf({
        ...base,
        version_data: {
          versions: {
            v1: {
              extended_paths: {
                url_rewrites: [{ path: '/x', method: 'GET', match_pattern: '(', rewrite_to: '/' }],
              },
            },
          },
        },
      }),
    ).toEqual(['version_data.versions.v1']);
  });

  it('refuses authentication methods it cannot enforce instead of serving the API open', () => {
    expect(issuesOf({ ...base, use_openid: true })).toEqual(['use_openid']);
  });

  it('reads mutual TLS allow-lists as SHA-256 fingerprints, naming entries that are not one', () => {
    const fingerprint = 'AB:'.repeat(31) + 'AB';
    const spec = compileApiSpec({
      ...base,
      use_mutual_tls_auth: true,
      client_certificates: [fingerprint, `5e9d9544a1dcd60001d0ed20${'c'.repeat(64)}`],
    });
    expect([...(spec.clientCertificates ?? [])]).toEqual(['ab'.repeat(32), 'c'.repeat(64)]);
    expect(compileApiSpec(base).clientCertificates).toBeUndefined();
    expect(
      issuesOf({ ...base, use_mutual_tls_auth: true, client_certificates: ['cert-id-without-hash'] }),
    ).toEqual(['client_certificates.0']);
  });

  it('compiles OAuth 2.0 (use_oauth2): its grant types, the bearer header, and no auth token beside it', () => {
    const spec = compileApiSpec({
      ...base,
      use_oauth2: true,
      oauth_meta: { allowed_access_types: ['client_credentials'] },
      auth_configs: { oauth: { auth_header_name: 'X-Token' } },
    });
    expect(spec.auth.oauth).toEqual({
      allowedAccessTypes: ['client_credentials'],
      token: { header: 'x-token', param: '', cookie: '' },
    });
    expect(spec.auth.token).toBeUndefined();
    expect(compileApiSpec({ ...base, use_oauth2: true }).auth.oauth?.allowedAccessTypes).toEqual([]);
  });

  it('compiles JWT settings: secret, PEM or JWKS source, and refuses a JWT API without one', () => {
    const secret = compileApiSpec({
      ...base,
      enable_jwt: true,
      jwt_signing_method: 'hmac',
      jwt_source: Buffer.from('s3cret').toString('base64'),
    });
    expect(secret.auth.jwt).toMatchObject({
      signingMethod: 'hmac',
      keys: { kind: 'secret' },
      identityField: '',
      policyField: '',
    });
    const jwks = compileApiSpec({
      ...base,
      enable_jwt: true,
      jwt_signing_method: 'rsa',
      jwt_source: Buffer.from('https://idp.example.com/jwks.json').toString('base64'),
    });
    expect(jwks.auth.jwt?.keys).toEqual({
      kind: 'jwks',
      urls: [{ url: 'https://idp.example.com/jwks.json', cacheSeconds: 240 }],
    });
    expect(issuesOf({ ...base, enable_jwt: true, jwt_signing_method: 'rsa' })).toEqual(['jwt_source']);
    expect(issuesOf({ ...base, enable_jwt: true, jwt_signing_method: 'none', jwt_source: 'eA==' })).toContain(
      'jwt_signing_method',
    );
  });

  it("carries Tyk's active flag, absent meaning inactive, and keeps no copy of the definition", () => {
    expect(compileApiSpec(base).active).toBe(true);
    expect(compileApiSpec({ ...base, active: false }).active).toBe(false);
    expect(compileApiSpec({ ...base, active: undefined }).active).toBe(false);
    expect(Object.keys(compileApiSpec(base))).not.toContain('definition');
  });
});
