import { connectMongo, GatewayNodeRepository, MongoConnection } from '@gatehouse/shared-control-store';
import { hashSecret } from '@gatehouse/shared-model';
import { createLogger } from '@gatehouse/shared-observability';
import { stackService, uniqueName } from '@gatehouse/shared-testing';

import { dashboardConfigSchema } from './dashboard.config';
import { RunningDashboard, startDashboard } from './dashboard-app';

const ADMIN_SECRET = 'platform-admin-secret-for-tests';
const silent = createLogger({ name: 'dashboard', level: 'silent', format: 'json' });

describe('dashboard gateway groups, node tokens and nodes (real MongoDB-compatible server)', () => {
  const database = uniqueName('dashboard');
  let sut: RunningDashboard;
  let mongo: MongoConnection;
  let owner: string;

  const call = async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${sut.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${owner}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json().catch(() => undefined) };
  };

  beforeAll(async () => {
    const config = dashboardConfigSchema.parse({
      http: { port: 0 },
      mongo: { url: stackService('mongo'), database },
      redis: { url: stackService('redis'), keyPrefix: `${uniqueName('dash')}:` },
      adminSecret: ADMIN_SECRET,
    });
    sut = await startDashboard(config, silent);
    mongo = await connectMongo({ url: stackService('mongo'), database, appName: 'spec' });
    const created = await fetch(`${sut.url}/api/v1/orgs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gatehouse-admin-secret': ADMIN_SECRET },
      body: JSON.stringify({
        slug: 'acme',
        name: 'Acme',
        owner: { email: 'owner@acme.example', name: 'Owner', password: 'correct horse battery' },
      }),
    });
    owner = ((await created.json()) as { token: string }).token;
  });

  afterAll(async () => {
    await sut?.close();
    await mongo?.db.dropDatabase();
    await mongo?.client.close();
  });

  it('creates every declared index at boot, including the catalogues and gateway stores', async () => {
    const names = async (collection: string) =>
      (await mongo.db.collection(collection).listIndexes().toArray()).map((index) => index.name);
    for (const collection of ['apis', 'policies', 'keys']) {
      expect(await names(collection)).toEqual(expect.arrayContaining(['org_id_unique', 'rev']));
    }
    expect(await names('orgs')).toContain('slug_unique');
    expect(await names('gateway_groups')).toContain('org_group_unique');
    expect(await names('node_tokens')).toContain('org_group');
    expect(await names('gateway_nodes')).toContain('org_group_seen');
  });

  it('rejects a group without a region, naming the field', async () => {
    const response = await call('POST', '/gateway-groups', { groupId: 'eu', name: 'EU' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('region');
  });

  it('mints a node token shown once and stored only as its hash', async () => {
    expect(
      (await call('POST', '/gateway-groups', { groupId: 'eu', name: 'EU', region: 'eu-west' })).status,
    ).toBe(201);
    const minted = await call('POST', '/gateway-groups/eu/tokens');
    expect(minted.status).toBe(201);
    const token = minted.body.token as string;
    expect(token).toMatch(/^ghn_/);
    const stored = await mongo.db.collection('node_tokens').find({}).toArray();
    expect(stored.map((document) => document._id)).toContain(hashSecret(token));
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('lists the nodes the bridge has seen recently, and only those', async () => {
    await call('POST', '/gateway-groups', { groupId: 'eu', name: 'EU', region: 'eu-west' });
    const nodes = new GatewayNodeRepository(mongo.db);
    const orgId = (await call('GET', '/gateway-groups/eu')).body.orgId as string;
    await nodes.recordConnected({ orgId, groupId: 'eu', nodeId: 'fresh', version: '0.1.0', tags: [] });
    await nodes.recordConnected(
      { orgId, groupId: 'eu', nodeId: 'stale', version: '0.1.0', tags: [] },
      new Date(Date.now() - 3_600_000),
    );

    const recent = await call('GET', '/gateway-groups/eu/nodes');
    expect(recent.status).toBe(200);
    expect(recent.body.map((node: { nodeId: string }) => node.nodeId)).toEqual(['fresh']);
    const dayLong = await call('GET', '/gateway-groups/eu/nodes?seenWithinSeconds=86400');
    expect(dayLong.body.map((node: { nodeId: string }) => node.nodeId)).toEqual(['fresh', 'stale']);

    const badQuery = await call('GET', '/gateway-groups/eu/nodes?seenWithinSeconds=soon');
    expect(badQuery.status).toBe(400);
    expect(JSON.stringify(badQuery.body)).toContain('seenWithinSeconds');
    expect((await call('GET', '/gateway-groups/nowhere/nodes')).status).toBe(404);
  });
});
