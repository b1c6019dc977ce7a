import { connectMongo, GatewayNodeRepository, MongoConnection } from '@gatehouse/shared-control-plane-db';
import { repoRoot, stackService } from '@gatehouse/shared-testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { OpenApiTruth } from './openapi-truth.spec-helper';
import {
  startTestDashboard,
  TEST_ADMIN_SECRET,
  TEST_PASSWORD,
  TestDashboard,
} from './test-dashboard.spec-helper';

const example = (path: string) =>
  JSON.parse(readFileSync(join(repoRoot(), 'docs', 'examples', path), 'utf8')) as Record<string, unknown>;

interface CallOptions {
  token?: string;
  body?: unknown;
  query?: string;
  headers?: Record<string, string>;
}

/**
 * Every operation of the committed OpenAPI document, called for real, each success checked against
 * the schema the document declares for it: the console's generated client is typed from that document,
 * so an answer the schema does not allow is a lie the console would believe.
 */
describe('dashboard answers as the committed OpenAPI document says (real MongoDB-compatible server)', () => {
  const truth = OpenApiTruth.committed();
  const exercised = new Set<string>();
  let sut: TestDashboard;
  let mongo: MongoConnection;
  let owner: string;
  let orgId: string;

  /**
   * Calls `template` (a path of the document, `{name}` filled from `values`) and fails unless the
   * answer is a success the document declares, body and headers as declared.
   */
  async function call<T = unknown>(
    method: string,
    template: string,
    values: Record<string, string> = {},
    options: CallOptions = {},
  ): Promise<T> {
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name]));
    const token = options.token ?? owner;
    const response = await fetch(`${sut.url}${path}${options.query ?? ''}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const answer = { status: response.status, headers: response.headers, text: await response.text() };
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
    expect(truth.problems(method, template, answer)).toEqual([]);
    exercised.add(`${method} ${template}`);
    return (answer.text ? JSON.parse(answer.text) : undefined) as T;
  }

  beforeAll(async () => {
    sut = await startTestDashboard('openapi-truth');
    mongo = await connectMongo({ url: stackService('mongo'), database: sut.database, appName: 'spec' });
  });

  afterAll(async () => {
    await sut?.close();
    await mongo?.db.dropDatabase();
    await mongo?.client.close();
  });

  it('finds answers the schema does not allow, undeclared statuses and missing schemas (the checker can fail)', () => {
    const headers = new Headers({ 'x-total-count': '1' });
    const user = { status: 200, headers, text: JSON.stringify({ id: 'u1' }) };
    expect(truth.problems('GET', '/api/v1/users/{id}', user).join()).toContain("required property 'email'");
    expect(truth.problems('GET', '/api/v1/users', { ...user, headers: new Headers() }).join()).toContain(
      'X-Total-Count',
    );
    expect(truth.problems('GET', '/api/v1/users/{id}', { ...user, status: 202 }).join()).toContain('202');
    const withoutSchema = new OpenApiTruth({
      paths: { '/x': { get: { operationId: 'X.get', responses: { '200': { headers: {} } } } } },
    });
    expect(withoutSchema.problems('GET', '/x', { ...user, text: '{}' }).join()).toContain(
      'declares no schema',
    );
  });

  it('organisations, sessions, the caller and its API tokens', async () => {
    const created = await call<{ token: string; org: { id: string } }>(
      'POST',
      '/api/v1/orgs',
      {},
      {
        token: '',
        headers: { 'x-gatehouse-admin-secret': TEST_ADMIN_SECRET },
        body: {
          slug: 'acme',
          name: 'Acme',
          owner: { email: 'owner@acme.example', name: 'O', password: TEST_PASSWORD },
        },
      },
    );
    owner = created.token;
    orgId = created.org.id;
    await call('GET', '/api/v1/me');
    const apiToken = await call<{ id: string; token: string }>(
      'POST',
      '/api/v1/me/tokens',
      {},
      {
        body: { name: 'ci', expiresInDays: 30 },
      },
    );
    await call('GET', '/api/v1/me', {}, { token: apiToken.token });
    await call('GET', '/api/v1/me/tokens');
    await call('DELETE', '/api/v1/me/tokens/{id}', { id: apiToken.id });

    const invited = await call<{ user: { id: string }; invitation: string }>(
      'POST',
      '/api/v1/users',
      {},
      {
        body: { email: 'viewer@acme.example', name: 'V', role: 'viewer' },
      },
    );
    await call(
      'POST',
      '/api/v1/auth/accept-invitation',
      {},
      {
        token: '',
        body: { invitation: invited.invitation, password: TEST_PASSWORD },
      },
    );
    await call('GET', '/api/v1/users', {}, { query: '?limit=1' });
    await call('GET', '/api/v1/users/{id}', { id: invited.user.id });
    await call('PATCH', '/api/v1/users/{id}', { id: invited.user.id }, { body: { role: 'analyst' } });
    const login = await call<{ token: string }>(
      'POST',
      '/api/v1/auth/login',
      {},
      {
        token: '',
        body: { org: 'acme', email: 'owner@acme.example', password: TEST_PASSWORD },
      },
    );
    await call('POST', '/api/v1/auth/logout', {}, { token: login.token });
  });

  it('APIs: classic and OAS, listed with their regions, exported', async () => {
    await call(
      'POST',
      '/api/v1/gateway-groups',
      {},
      { body: { groupId: 'eu', name: 'EU', region: 'eu-west' } },
    );
    await call('POST', '/api/v1/apis', {}, { body: example('tyk/apps/orders.json') });
    await call('POST', '/api/v1/apis/import', {}, { body: [example('tyk-oas/petstore.json')] });
    const listed = await call<{ regions: unknown[] }[]>('GET', '/api/v1/apis');
    expect(listed.map((api) => api.regions)).toEqual([
      [{ id: 'eu', name: 'EU', region: 'eu-west' }],
      [{ id: 'eu', name: 'EU', region: 'eu-west' }],
    ]);
    await call('GET', '/api/v1/apis/{id}', { id: 'petstore' });
    await call(
      'PUT',
      '/api/v1/apis/{id}',
      { id: 'orders' },
      { body: { ...example('tyk/apps/orders.json'), tags: ['eu'] } },
    );
    await call('GET', '/api/v1/apis/{id}/export', { id: 'petstore' });
    await call('DELETE', '/api/v1/apis/{id}', { id: 'petstore' });
  });

  it('policies and keys', async () => {
    await call('POST', '/api/v1/policies/import', {}, { body: example('tyk/policies/policies.json') });
    const policy = {
      id: 'bronze',
      name: 'Bronze',
      rate: 10,
      per: 1,
      access_rights: { orders: { api_id: 'orders', versions: ['Default'] } },
    };
    await call('POST', '/api/v1/policies', {}, { body: policy });
    await call('GET', '/api/v1/policies', {}, { query: '?q=bron' });
    await call('GET', '/api/v1/policies/{id}', { id: 'bronze' });
    await call('PUT', '/api/v1/policies/{id}', { id: 'bronze' }, { body: { ...policy, rate: 20 } });

    const key = await call<{ key_hash: string }>(
      'POST',
      '/api/v1/keys',
      {},
      {
        body: { alias: 'ci', apply_policies: ['bronze'], expires: 0 },
      },
    );
    await call(
      'POST',
      '/api/v1/keys/import',
      {},
      {
        body: [
          {
            key: 'an-imported-raw-key',
            session: { access_rights: { orders: { api_id: 'orders', versions: ['Default'] } } },
          },
        ],
      },
    );
    await call('GET', '/api/v1/keys', {}, { query: '?policy=bronze' });
    await call('GET', '/api/v1/keys/{hash}', { hash: key.key_hash });
    await call(
      'PUT',
      '/api/v1/keys/{hash}',
      { hash: key.key_hash },
      {
        body: { alias: 'ci', apply_policies: ['bronze'], is_inactive: true },
      },
    );
    await call('POST', '/api/v1/keys/{hash}/reset-quota', { hash: key.key_hash });
    await call('DELETE', '/api/v1/keys/{hash}', { hash: key.key_hash });
    await call('DELETE', '/api/v1/policies/{id}', { id: 'gold' });
  });

  it('gateway groups, their nodes and node tokens', async () => {
    const group = { groupId: 'us', name: 'US', region: 'us-east', tags: ['us'] };
    await call('POST', '/api/v1/gateway-groups', {}, { body: group });
    await call('GET', '/api/v1/gateway-groups');
    await call('GET', '/api/v1/gateway-groups/{id}', { id: 'us' });
    await call('PUT', '/api/v1/gateway-groups/{id}', { id: 'us' }, { body: { ...group, name: 'US East' } });
    const minted = await call<{ id: string }>('POST', '/api/v1/gateway-groups/{id}/tokens', { id: 'us' });
    const nodes = new GatewayNodeRepository(mongo.db);
    const node = { orgId, groupId: 'us', nodeId: 'n1', version: '0.1.0' };
    await nodes.recordConnected({ ...node, tags: ['us'], tokenId: minted.id });
    await nodes.recordStatus(node, {
      appliedRev: 3,
      configChecksum: 'abc',
      requestsTotal: 7,
      emergency: false,
      streams: [
        {
          apiId: 'orders',
          stream: 's',
          state: 'failing',
          consumers: 0,
          lastError: 'x',
          lastErrorAt: new Date(),
        },
      ],
    });
    const listed = await call<unknown[]>('GET', '/api/v1/gateway-groups/{id}/nodes', { id: 'us' });
    expect(listed).toHaveLength(1);
    await call('GET', '/api/v1/gateway-groups/{id}/node-tokens', { id: 'us' });
    await call('DELETE', '/api/v1/gateway-groups/{id}/node-tokens/{tokenId}', {
      id: 'us',
      tokenId: minted.id,
    });
    await call('DELETE', '/api/v1/gateway-groups/{id}', { id: 'us' });
  });

  it('the change log, the audit trail and analytics', async () => {
    const changes = await call<unknown[]>('GET', '/api/v1/changes');
    expect(changes.length).toBeGreaterThan(0);
    const audit = await call<unknown[]>('GET', '/api/v1/audit', {}, { query: '?limit=500' });
    expect(audit.length).toBeGreaterThan(10);
    await call('GET', '/api/v1/analytics/requests', {}, { query: '?granularity=minute' });
    await call('GET', '/api/v1/analytics/breakdown', {}, { query: '?by=path' });
  });

  it('has called every operation the document declares', () => {
    expect(truth.operations().filter((operation) => !exercised.has(operation))).toEqual([]);
  });
});
