import { repoRoot } from '@gatehouse/shared-testing';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { DASHBOARD_CONTROLLERS } from '../dashboard-api.module';
import { openApiDocument } from './openapi';
import { routesOf } from './routes';

const COMMITTED = join(repoRoot(), 'docs', 'openapi', 'dashboard.json');

describe('dashboard OpenAPI document', () => {
  const document = openApiDocument(routesOf(DASHBOARD_CONTROLLERS));

  it('is committed and current (regenerate: UPDATE_OPENAPI=1 npx nx test dashboard-api)', () => {
    const generated = `${JSON.stringify(document, null, 2)}\n`;
    if (process.env['UPDATE_OPENAPI'] === '1') writeFileSync(COMMITTED, generated);
    expect(readFileSync(COMMITTED, 'utf8')).toBe(generated);
  });

  it('describes every route with its permission', () => {
    const paths = document['paths'] as Record<string, Record<string, { 'x-gatehouse-permission'?: string }>>;
    expect(paths['/api/v1/apis/{id}']['delete']['x-gatehouse-permission']).toBe('apis:write');
    expect(paths['/api/v1/keys']['post']['x-gatehouse-permission']).toBe('keys:write');
    const group = '/api/v1/gateway-groups/{id}';
    expect(paths[group]['delete']['x-gatehouse-permission']).toBe('gateway-groups:write');
    expect(paths[group]['put']['x-gatehouse-permission']).toBe('gateway-groups:write');
    expect(paths[`${group}/node-tokens`]['get']['x-gatehouse-permission']).toBe('gateway-groups:read');
    expect(paths[`${group}/node-tokens/{tokenId}`]['delete']['x-gatehouse-permission']).toBe(
      'gateway-groups:write',
    );
    expect(Object.keys(paths['/api/v1/auth/login'])).toEqual(['post']);
    expect(paths['/api/v1/gateway-groups']['post']).toMatchObject({
      responses: { '409': { description: expect.stringContaining('PUT') } },
    });
    expect(routesOf(DASHBOARD_CONTROLLERS).length).toBeGreaterThan(30);
  });

  it('declares the body of every success but a 204, with its real status', () => {
    const routes = routesOf(DASHBOARD_CONTROLLERS);
    expect(routes.filter((route) => route.successStatus !== 204 && !route.responseSchema)).toEqual([]);
    const paths = document['paths'] as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    expect(Object.keys(paths['/api/v1/keys']['post'].responses)).toContain('201');
    expect(Object.keys(paths['/api/v1/keys/import']['post'].responses)).toContain('200');
    expect(paths['/api/v1/auth/logout']['post'].responses['204']).toEqual({
      description: 'done; no content',
    });
    expect(JSON.stringify(document)).not.toContain('2XX');
  });

  it('declares the query and the total header of every paginated list', () => {
    const paths = document['paths'] as Record<
      string,
      Record<string, { parameters?: { name: string }[]; responses: Record<string, { headers?: object }> }>
    >;
    for (const list of ['apis', 'policies', 'keys', 'users', 'audit']) {
      const operation = paths[`/api/v1/${list}`]['get'];
      expect(operation.parameters?.map((parameter) => parameter.name)).toEqual(
        expect.arrayContaining(['limit', 'offset']),
      );
      expect(operation.responses['200'].headers).toHaveProperty('X-Total-Count');
    }
    const apiQuery = paths['/api/v1/apis']['get'].parameters?.map((parameter) => parameter.name);
    expect(apiQuery).toEqual(expect.arrayContaining(['q', 'tag', 'active']));
  });
});
