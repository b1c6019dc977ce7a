import {
  connectMongo,
  GatewayGroupRepository,
  GatewayNodeRepository,
  MongoConnection,
  NodeTokenRepository,
} from '@gatehouse/shared-control-plane-db';
import { configChecksum, hashSecret } from '@gatehouse/shared-kernel';
import { stackService } from '@gatehouse/shared-testing';

import { startTestDashboard, TestDashboard } from './test-dashboard.spec-helper';

describe('dashboard gateway groups, node tokens and nodes (real MongoDB-compatible server)', () => {
  let sut: TestDashboard;
  let mongo: MongoConnection;
  let owner: string;
  const call = <T = unknown>(method: string, path: string, body?: unknown) =>
    sut.call<T>(method, path, owner, body);

  beforeAll(async () => {
    sut = await startTestDashboard('groups');
    mongo = await connectMongo({ url: stackService('mongo'), database: sut.database, appName: 'spec' });
    owner = (await sut.createOrg('acme')).token;
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
    const minted = await call<{ token: string }>('POST', '/gateway-groups/eu/tokens');
    expect(minted.status).toBe(201);
    const token = minted.body.token;
    expect(token).toMatch(/^ghn_/);
    const stored = await mongo.db.collection('node_tokens').find({}).toArray();
    expect(stored.map((document) => document._id)).toContain(hashSecret(token));
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  interface TokenInfo {
    id: string;
    groupId: string;
    createdAt: string;
    revokedAt: string | null;
  }
  interface AuditEntry {
    action: string;
    resourceId: string;
    before: unknown;
    after: unknown;
  }
  interface Group {
    orgId: string;
    groupId: string;
    name: string;
    region: string;
    tags: string[];
  }
  const auditOf = async (groupId: string) =>
    (await call<AuditEntry[]>('GET', '/audit?resource=gateway-groups')).body.filter(
      (entry) => entry.resourceId === groupId,
    );

  it('creates with POST only: an existing id answers 409 naming the clash and the PUT to use, and changes nothing', async () => {
    const group = { groupId: 'clash', name: 'Clash', region: 'eu-west', tags: ['eu'] };
    expect((await call('POST', '/gateway-groups', group)).status).toBe(201);
    const again = await call<{ message: string }>('POST', '/gateway-groups', { ...group, name: 'Renamed' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(
      'gateway group "clash" already exists; update it with PUT /api/v1/gateway-groups/clash',
    );
    expect((await call<Group>('GET', '/gateway-groups/clash')).body.name).toBe('Clash');
    expect((await auditOf('clash')).map((entry) => entry.action)).toEqual(['create']);
  });

  it('lets exactly one of several creates racing for one id succeed; the others answer 409, not 500', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        call('POST', '/gateway-groups', { groupId: 'race', name: `Racer ${index}`, region: 'eu-west' }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const winner = answers.find((answer) => answer.status === 201)!.body as Group;
    expect((await call<Group>('GET', '/gateway-groups/race')).body).toEqual(winner);
    expect((await auditOf('race')).map((entry) => entry.action)).toEqual(['create']);
  });

  it('replaces a group with PUT, the id taken from the path, audited with before and after', async () => {
    await call('POST', '/gateway-groups', {
      groupId: 'moving',
      name: 'Moving',
      region: 'eu-west',
      tags: ['eu'],
    });
    const replaced = await call<Group>('PUT', '/gateway-groups/moving', { name: 'Moved', region: 'us-east' });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ groupId: 'moving', name: 'Moved', region: 'us-east', tags: [] });
    expect((await call<Group>('GET', '/gateway-groups/moving')).body).toEqual(replaced.body);
    const sameId = await call<Group>('PUT', '/gateway-groups/moving', {
      groupId: 'moving',
      name: 'Moved again',
      region: 'us-east',
    });
    expect(sameId.status).toBe(200);
    const [latest, first] = await auditOf('moving');
    expect(first).toMatchObject({
      action: 'update',
      before: expect.objectContaining({ name: 'Moving', tags: ['eu'] }),
      after: expect.objectContaining({ name: 'Moved', region: 'us-east' }),
    });
    expect(latest).toMatchObject({
      action: 'update',
      after: expect.objectContaining({ name: 'Moved again' }),
    });
  });

  it('refuses a PUT whose body names another group (400), and a PUT of a missing group (404, nothing created)', async () => {
    await call('POST', '/gateway-groups', { groupId: 'fixed', name: 'Fixed', region: 'eu-west' });
    const renamed = await call<{ message: string }>('PUT', '/gateway-groups/fixed', {
      groupId: 'other',
      name: 'Other',
      region: 'eu-west',
    });
    expect(renamed.status).toBe(400);
    expect(renamed.body.message).toBe('groupId: must be fixed, the id in the path');
    expect((await call('GET', '/gateway-groups/other')).status).toBe(404);
    const missing = await call('PUT', '/gateway-groups/nowhere', { name: 'N', region: 'eu-west' });
    expect(missing.status).toBe(404);
    expect((await call('GET', '/gateway-groups/nowhere')).status).toBe(404);
  });

  it("answers 404 to another org's PUT and leaves the group as it was", async () => {
    await call('POST', '/gateway-groups', { groupId: 'private', name: 'Private', region: 'eu-west' });
    const other = (await sut.createOrg('globex')).token;
    const answer = await sut.call('PUT', '/gateway-groups/private', other, { name: 'Taken', region: 'x' });
    expect(answer.status).toBe(404);
    expect((await call<Group>('GET', '/gateway-groups/private')).body.name).toBe('Private');
  });

  it('lists node tokens by id without secrets, and revokes one by id (audited, refused from then on)', async () => {
    await call('POST', '/gateway-groups', { groupId: 'revoking', name: 'R', region: 'eu-west' });
    const first = await call<{ id: string; token: string }>('POST', '/gateway-groups/revoking/tokens');
    const second = await call<{ id: string; token: string }>('POST', '/gateway-groups/revoking/tokens');
    expect(first.body.id).toBe(hashSecret(first.body.token).slice(0, 12));

    const listed = await call<TokenInfo[]>('GET', '/gateway-groups/revoking/node-tokens');
    expect(listed.status).toBe(200);
    // Oldest first; two minted within the same millisecond may come in either order.
    expect(listed.body).toHaveLength(2);
    expect(listed.body).toEqual(
      expect.arrayContaining(
        [first, second].map(({ body }) => ({
          id: body.id,
          groupId: 'revoking',
          createdAt: expect.any(String),
          revokedAt: null,
        })),
      ),
    );
    for (const secret of [first.body.token, hashSecret(first.body.token)])
      expect(JSON.stringify(listed.body)).not.toContain(secret);

    const revoked = await call('DELETE', `/gateway-groups/revoking/node-tokens/${first.body.id}`);
    expect(revoked.status).toBe(204);
    const tokens = new NodeTokenRepository(mongo.db);
    expect(await tokens.findGrant(first.body.token)).toBeUndefined();
    expect(await tokens.findGrant(second.body.token)).toBeDefined();
    const after = await call<TokenInfo[]>('GET', '/gateway-groups/revoking/node-tokens');
    expect(Object.fromEntries(after.body.map((token) => [token.id, token.revokedAt !== null]))).toEqual({
      [first.body.id]: true,
      [second.body.id]: false,
    });
    const audit = await call<AuditEntry[]>('GET', '/audit?resource=gateway-groups');
    expect(audit.body).toContainEqual(
      expect.objectContaining({
        action: 'revoke-node-token',
        resourceId: 'revoking',
        after: expect.objectContaining({ id: first.body.id }),
      }),
    );
  });

  it('holds two live tokens for a rotation and refuses a third, naming the way out', async () => {
    await call('POST', '/gateway-groups', { groupId: 'rotating', name: 'R', region: 'eu-west' });
    const old = await call<{ id: string; token: string }>('POST', '/gateway-groups/rotating/tokens');
    const next = await call<{ id: string; token: string }>('POST', '/gateway-groups/rotating/tokens');
    expect([old.status, next.status]).toEqual([201, 201]);
    const third = await call<{ message: string }>('POST', '/gateway-groups/rotating/tokens');
    expect(third.status).toBe(409);
    expect(third.body.message).toContain('already has 2 live node tokens');
    const tokens = new NodeTokenRepository(mongo.db);
    const orgId = (await call<{ orgId: string }>('GET', '/gateway-groups/rotating')).body.orgId;
    expect(await tokens.countLive(orgId, 'rotating')).toBe(2);

    // The gateways moved to the new token: the old one goes, and the next rotation can begin.
    expect((await call('DELETE', `/gateway-groups/rotating/node-tokens/${old.body.id}`)).status).toBe(204);
    expect((await call('POST', '/gateway-groups/rotating/tokens')).status).toBe(201);
    expect(await tokens.findGrant(next.body.token)).toMatchObject({ tokenId: next.body.id });
  });

  it('answers 404 for unknown tokens and groups and 400 naming a malformed token id', async () => {
    await call('POST', '/gateway-groups', { groupId: 'strict', name: 'S', region: 'eu-west' });
    expect((await call('DELETE', '/gateway-groups/strict/node-tokens/0123456789ab')).status).toBe(404);
    expect((await call('DELETE', '/gateway-groups/nowhere/node-tokens/0123456789ab')).status).toBe(404);
    expect((await call('GET', '/gateway-groups/nowhere/node-tokens')).status).toBe(404);
    const malformed = await call<{ message: string }>('DELETE', '/gateway-groups/strict/node-tokens/ghn_abc');
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/^tokenId: /);
    // A token of another group is unknown here.
    await call('POST', '/gateway-groups', { groupId: 'elsewhere', name: 'E', region: 'eu-west' });
    const other = await call<{ id: string }>('POST', '/gateway-groups/elsewhere/tokens');
    expect((await call('DELETE', `/gateway-groups/strict/node-tokens/${other.body.id}`)).status).toBe(404);
  });

  it('deletes a group after revoking all its tokens (audited); 404 once gone', async () => {
    await call('POST', '/gateway-groups', { groupId: 'doomed', name: 'D', region: 'us-east' });
    const minted = await Promise.all([
      call<{ token: string }>('POST', '/gateway-groups/doomed/tokens'),
      call<{ token: string }>('POST', '/gateway-groups/doomed/tokens'),
    ]);
    expect((await call('DELETE', '/gateway-groups/doomed')).status).toBe(204);
    const tokens = new NodeTokenRepository(mongo.db);
    for (const { body } of minted) expect(await tokens.findGrant(body.token)).toBeUndefined();
    const orgId = (await call<{ orgId: string }>('GET', '/me')).body.orgId;
    expect(await new GatewayGroupRepository(mongo.db).find(orgId, 'doomed')).toBeUndefined();
    expect((await call('GET', '/gateway-groups/doomed')).status).toBe(404);
    expect((await call('DELETE', '/gateway-groups/doomed')).status).toBe(404);
    expect((await call('POST', '/gateway-groups/doomed/tokens')).status).toBe(404);
    const audit = await call<AuditEntry[]>('GET', '/audit?resource=gateway-groups');
    expect(audit.body).toContainEqual(
      expect.objectContaining({ action: 'delete', resourceId: 'doomed', after: null }),
    );
  });

  it('lists the nodes the bridge has seen recently, and only those', async () => {
    const created = await call('POST', '/gateway-groups', {
      groupId: 'edge',
      name: 'Edge',
      region: 'eu-west',
    });
    expect(created.status).toBe(201);
    const nodes = new GatewayNodeRepository(mongo.db);
    const orgId = (await call<{ orgId: string }>('GET', '/gateway-groups/edge')).body.orgId;
    await nodes.recordConnected({ orgId, groupId: 'edge', nodeId: 'fresh', version: '0.1.0', tags: [] });
    await nodes.recordConnected(
      { orgId, groupId: 'edge', nodeId: 'stale', version: '0.1.0', tags: [] },
      new Date(Date.now() - 3_600_000),
    );

    const recent = await call<{ nodeId: string }[]>('GET', '/gateway-groups/edge/nodes');
    expect(recent.status).toBe(200);
    expect(recent.body.map((node) => node.nodeId)).toEqual(['fresh']);
    const dayLong = await call<{ nodeId: string }[]>(
      'GET',
      '/gateway-groups/edge/nodes?seenWithinSeconds=86400',
    );
    expect(dayLong.body.map((node) => node.nodeId)).toEqual(['fresh', 'stale']);

    const badQuery = await call('GET', '/gateway-groups/edge/nodes?seenWithinSeconds=soon');
    expect(badQuery.status).toBe(400);
    expect(JSON.stringify(badQuery.body)).toContain('seenWithinSeconds');
    expect((await call('GET', '/gateway-groups/nowhere/nodes')).status).toBe(404);
  });

  it("says whether each node's reported config checksum matches the group's current config", async () => {
    await call('POST', '/gateway-groups', { groupId: 'us', name: 'US', region: 'us-east', tags: ['us'] });
    await call('POST', '/apis', {
      api_id: 'eu-only',
      name: 'EU only',
      tags: ['eu'],
      proxy: { listen_path: '/eu-only/', target_url: 'http://127.0.0.1:1' },
      active: true,
    });
    const orgId = (await call<{ orgId: string }>('GET', '/gateway-groups/us')).body.orgId;
    const nodes = new GatewayNodeRepository(mongo.db);
    // A us node serves nothing: the only API is tagged for eu, and the org has no policies.
    const emptyConfig = configChecksum([]);
    const report = { appliedRev: 1, requestsTotal: 0, emergency: false };
    await nodes.recordStatus(
      { orgId, groupId: 'us', nodeId: 'current', version: '0.1.0' },
      {
        ...report,
        configChecksum: emptyConfig,
      },
    );
    await nodes.recordStatus(
      { orgId, groupId: 'us', nodeId: 'drifted', version: '0.1.0' },
      {
        ...report,
        configChecksum: configChecksum([{ kind: 'api', id: 'eu-only', rev: 1 }]),
      },
    );
    const listed = await call<{ nodeId: string; inSync: boolean; expectedChecksum: string }[]>(
      'GET',
      '/gateway-groups/us/nodes',
    );
    expect(Object.fromEntries(listed.body.map((node) => [node.nodeId, node.inSync]))).toEqual({
      current: true,
      drifted: false,
    });
    expect(listed.body[0].expectedChecksum).toBe(emptyConfig);
  });
});
