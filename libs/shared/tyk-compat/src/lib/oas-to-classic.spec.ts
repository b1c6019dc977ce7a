import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { apiDefinitionSchema } from './api-definition';
import { isTykOas, oasApiId, oasToClassic } from './oas-to-classic';

const petstore: unknown = JSON.parse(
  readFileSync(
    join(__dirname, '..', '..', '..', '..', '..', 'docs', 'examples', 'tyk-oas', 'petstore.json'),
    'utf8',
  ),
);

describe(oasToClassic.name, () => {
  it('recognises Tyk OAS documents and reads their id', () => {
    expect(isTykOas(petstore)).toBe(true);
    expect(isTykOas({ api_id: 'x' })).toBe(false);
    expect(oasApiId(petstore)).toBe('petstore');
  });

  it('maps info, upstream, listen path, auth and middleware onto a valid classic definition', () => {
    const { definition, issues } = oasToClassic(petstore);
    expect(issues).toEqual([]);
    const classic = apiDefinitionSchema.parse(definition);
    expect(classic).toMatchObject({
      api_id: 'petstore',
      name: 'Petstore',
      org_id: '1',
      active: true,
      use_keyless: false,
      use_standard_auth: true,
      proxy: { listen_path: '/petstore/', strip_listen_path: true, target_url: 'http://127.0.0.1:9000/' },
    });
    const version = classic.version_data?.versions['Default'];
    expect(version?.global_response_headers).toEqual({ 'X-Served-By': 'gatehouse' });
    expect(version?.extended_paths.black_list).toMatchObject([{ path: '/pets/{petId}', method: 'DELETE' }]);
    expect(version?.extended_paths.ignored).toMatchObject([{ path: '/status', method: 'GET' }]);
  });

  it('maps a keyless API, load balancing with weights and an API rate limit', () => {
    const { definition } = oasToClassic({
      openapi: '3.0.3',
      'x-tyk-api-gateway': {
        info: { id: 'lb', state: { active: true } },
        upstream: {
          loadBalancing: {
            enabled: true,
            targets: [
              { url: 'http://a', weight: 2 },
              { url: 'http://b', weight: 1 },
            ],
          },
          rateLimit: { enabled: true, rate: 10, per: '1m' },
        },
        server: { listenPath: { value: '/lb/' } },
      },
    });
    expect(definition).toMatchObject({
      use_keyless: true,
      proxy: { enable_load_balancing: true, target_list: ['http://a', 'http://a', 'http://b'] },
      global_rate_limit: { rate: 10, per: 60 },
    });
  });

  it('maps an operation rateLimit onto a rate_limit entry, reading composite Go durations', () => {
    const { definition } = oasToClassic({
      openapi: '3.0.3',
      paths: { '/orders/{id}': { get: { operationId: 'getOrder' } } },
      'x-tyk-api-gateway': {
        info: { id: 'op', state: { active: true } },
        upstream: { url: 'http://a', rateLimit: { enabled: true, rate: 5, per: '1h30m' } },
        server: { listenPath: { value: '/op/' } },
        middleware: { operations: { getOrder: { rateLimit: { enabled: true, rate: 3, per: '1m30.5s' } } } },
      },
    });
    const classic = apiDefinitionSchema.parse(definition);
    expect(classic.global_rate_limit).toMatchObject({ rate: 5, per: 5400 });
    expect(classic.version_data?.versions['Default']?.extended_paths.rate_limit).toMatchObject([
      { path: '/orders/{id}', method: 'GET', rate: 3, per: 90 },
    ]);
  });

  it('requires every enabled security scheme, with the identity from baseIdentityProvider', () => {
    const { definition } = oasToClassic({
      components: {
        securitySchemes: {
          key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
          basic: { type: 'http', scheme: 'basic' },
        },
      },
      'x-tyk-api-gateway': {
        info: { id: 'x' },
        server: {
          authentication: {
            enabled: true,
            baseIdentityProvider: 'basic_auth_user',
            securitySchemes: { key: { enabled: true }, basic: { enabled: true } },
          },
        },
      },
    });
    expect(definition).toMatchObject({
      use_standard_auth: true,
      use_basic_auth: true,
      base_identity_provided_by: 'basic_auth_user',
    });
  });

  it('reports what it cannot map instead of serving it differently', () => {
    const { issues } = oasToClassic({
      components: { securitySchemes: { oauth: { type: 'oauth2' } } },
      'x-tyk-api-gateway': {
        info: { id: 'x', versioning: { enabled: true } },
        server: { authentication: { enabled: true, securitySchemes: { oauth: { enabled: true } } } },
      },
    });
    expect(issues.map((issue) => issue.path)).toEqual([
      'x-tyk-api-gateway.info.versioning',
      'x-tyk-api-gateway.server.authentication.securitySchemes.oauth',
    ]);
  });
});
