import { hashSecret, mintSecret } from '@gatehouse/shared-kernel';
import { stackService, uniqueName } from '@gatehouse/shared-testing';

import { GatewayGroupRepository } from './gateway-group.repository';
import { GatewayNodeRepository } from './gateway-node.repository';
import { connectMongo, MongoConnection, mongoProbe } from './mongo-connection';
import { NODE_TOKENS_COLLECTION, nodeTokenId, NodeTokenRepository } from './node-token.repository';

describe('control-store repositories (real MongoDB-compatible server)', () => {
  let mongo: MongoConnection;

  beforeAll(async () => {
    mongo = await connectMongo({
      url: stackService('mongo'),
      database: uniqueName('store'),
      appName: 'spec',
    });
    await new GatewayGroupRepository(mongo.db).ensureIndexes();
    await new NodeTokenRepository(mongo.db).ensureIndexes();
  });

  afterAll(async () => {
    await mongo.db.dropDatabase();
    await mongo.client.close();
  });

  it('passes the probe', async () => {
    await expect(mongoProbe(mongo.db).probe()).resolves.toBeUndefined();
  });

  describe(GatewayGroupRepository.name, () => {
    it('saves, updates and finds a group only within its org', async () => {
      const sut = new GatewayGroupRepository(mongo.db);
      await sut.save({ orgId: 'acme', groupId: 'eu', name: 'EU', region: 'eu-west', tags: ['eu'] });
      await sut.save({
        orgId: 'acme',
        groupId: 'eu',
        name: 'Europe',
        region: 'eu-west',
        tags: ['eu', 'edge'],
      });
      expect(await sut.find('acme', 'eu')).toEqual({
        orgId: 'acme',
        groupId: 'eu',
        name: 'Europe',
        region: 'eu-west',
        tags: ['eu', 'edge'],
      });
      expect(await sut.find('globex', 'eu')).toBeUndefined();
    });

    it('creates a group once: a second create of the id, even racing, is refused', async () => {
      const sut = new GatewayGroupRepository(mongo.db);
      const group = { orgId: 'acme', groupId: 'race', name: 'Race', region: 'us-east', tags: [] };
      const results = await Promise.all([sut.create(group), sut.create({ ...group, name: 'Other' })]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await sut.create(group)).toBe(false);
      expect(await sut.create({ ...group, orgId: 'globex' })).toBe(true);
    });

    it('updates only a group that exists in its org', async () => {
      const sut = new GatewayGroupRepository(mongo.db);
      const group = { orgId: 'acme', groupId: 'upd', name: 'Upd', region: 'us-east', tags: [] };
      expect(await sut.update(group)).toBe(false);
      expect(await sut.find('acme', 'upd')).toBeUndefined();
      await sut.create(group);
      expect(await sut.update({ ...group, orgId: 'globex', name: 'Stolen' })).toBe(false);
      expect(await sut.update({ ...group, name: 'Updated' })).toBe(true);
      expect(await sut.find('acme', 'upd')).toEqual({ ...group, name: 'Updated' });
    });

    it('deletes a group only within its org', async () => {
      const sut = new GatewayGroupRepository(mongo.db);
      await sut.save({ orgId: 'acme', groupId: 'gone', name: 'Gone', region: 'eu-west', tags: [] });
      expect(await sut.delete('globex', 'gone')).toBe(false);
      expect(await sut.find('acme', 'gone')).toBeDefined();
      expect(await sut.delete('acme', 'gone')).toBe(true);
      expect(await sut.find('acme', 'gone')).toBeUndefined();
      expect(await sut.delete('acme', 'gone')).toBe(false);
    });
  });

  describe(NodeTokenRepository.name, () => {
    it('stores only the hash and finds the grant by the raw token', async () => {
      const sut = new NodeTokenRepository(mongo.db);
      const token = mintSecret('ghn');
      await sut.register(token, { orgId: 'acme', groupId: 'eu' });
      expect(await sut.findGrant(token)).toEqual({
        orgId: 'acme',
        groupId: 'eu',
        tokenId: nodeTokenId(token),
      });
      const stored = await mongo.db.collection(NODE_TOKENS_COLLECTION).findOne({ orgId: 'acme' });
      expect(JSON.stringify(stored)).not.toContain(token);
      expect(stored?._id).toBe(hashSecret(token));
    });

    it('revokes a token only for its own org', async () => {
      const sut = new NodeTokenRepository(mongo.db);
      const token = mintSecret('ghn');
      await sut.register(token, { orgId: 'acme', groupId: 'us' });
      expect(await sut.revoke('globex', token)).toBe(false);
      expect(await sut.findGrant(token)).toBeDefined();
      expect(await sut.revoke('acme', token)).toBe(true);
      expect(await sut.findGrant(token)).toBeUndefined();
    });

    it("lists a group's tokens by a short id of their hash, never the token or its whole hash", async () => {
      const sut = new NodeTokenRepository(mongo.db);
      const [first, second] = [mintSecret('ghn'), mintSecret('ghn')];
      expect(await sut.register(first, { orgId: 'acme', groupId: 'listed' })).toBe(nodeTokenId(first));
      await sut.register(second, { orgId: 'acme', groupId: 'listed' });
      await sut.register(mintSecret('ghn'), { orgId: 'globex', groupId: 'listed' });
      const listed = await sut.listForGroup('acme', 'listed');
      // Oldest first; two registered within the same millisecond may come in either order.
      expect(listed.map((token) => token.id).sort()).toEqual(
        [nodeTokenId(first), nodeTokenId(second)].sort(),
      );
      expect(listed.find((token) => token.id === nodeTokenId(first))).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{12}$/),
        groupId: 'listed',
        createdAt: expect.any(Date),
        revokedAt: null,
      });
      expect(hashSecret(first).startsWith(nodeTokenId(first))).toBe(true);
      const text = JSON.stringify(listed);
      for (const secret of [first, second, hashSecret(first), hashSecret(second)])
        expect(text).not.toContain(secret);
    });

    it('revokes one token by id within its org and group, keeping the first revocation time', async () => {
      const sut = new NodeTokenRepository(mongo.db);
      const [kept, revoked] = [mintSecret('ghn'), mintSecret('ghn')];
      await sut.register(kept, { orgId: 'acme', groupId: 'by-id' });
      const id = await sut.register(revoked, { orgId: 'acme', groupId: 'by-id' });
      expect(await sut.revokeById('globex', 'by-id', id)).toBeUndefined();
      expect(await sut.revokeById('acme', 'other-group', id)).toBeUndefined();
      expect(await sut.revokeById('acme', 'by-id', 'not-an-id')).toBeUndefined();
      expect(await sut.findGrant(revoked)).toBeDefined();
      const first = await sut.revokeById('acme', 'by-id', id);
      expect(first).toMatchObject({ id, revokedAt: expect.any(Date) });
      expect(await sut.findGrant(revoked)).toBeUndefined();
      expect(await sut.findGrant(kept)).toBeDefined();
      expect((await sut.revokeById('acme', 'by-id', id))?.revokedAt).toEqual(first?.revokedAt);
    });

    it("revokes every live token of a group, and no other group's", async () => {
      const sut = new NodeTokenRepository(mongo.db);
      const tokens = [mintSecret('ghn'), mintSecret('ghn')];
      for (const token of tokens) await sut.register(token, { orgId: 'acme', groupId: 'doomed' });
      const other = mintSecret('ghn');
      await sut.register(other, { orgId: 'globex', groupId: 'doomed' });
      expect(await sut.revokeGroup('acme', 'doomed')).toBe(2);
      for (const token of tokens) expect(await sut.findGrant(token)).toBeUndefined();
      expect(await sut.findGrant(other)).toBeDefined();
      expect(await sut.revokeGroup('acme', 'doomed')).toBe(0);
    });
  });

  describe(GatewayNodeRepository.name, () => {
    it('lists the nodes of a group seen since a time, within its org only, as they last connected', async () => {
      const sut = new GatewayNodeRepository(mongo.db);
      await sut.ensureIndexes();
      const node = { orgId: 'acme', groupId: 'eu', nodeId: 'n1', version: '1.0', tags: [] };
      await sut.recordConnected(node, new Date('2026-01-01T00:00:00Z'));
      await sut.recordConnected({ ...node, nodeId: 'n2' }, new Date('2026-01-01T00:00:00Z'));
      // A reconnection replaces what was known and restarts the connection time.
      await sut.recordConnected({ ...node, version: '1.1' }, new Date('2026-01-01T00:05:00Z'));

      const seen = await sut.listSeenSince('acme', 'eu', new Date('2026-01-01T00:01:00Z'));
      expect(seen).toEqual([
        {
          ...node,
          version: '1.1',
          connectedAt: new Date('2026-01-01T00:05:00Z'),
          lastSeenAt: new Date('2026-01-01T00:05:00Z'),
        },
      ]);
      expect(await sut.listSeenSince('acme', 'eu', new Date(0))).toHaveLength(2);
      expect(await sut.listSeenSince('globex', 'eu', new Date(0))).toEqual([]);
    });

    it('records status reports, also of a node whose handshake it has not seen', async () => {
      const sut = new GatewayNodeRepository(mongo.db);
      const status = { appliedRev: 42, configChecksum: 'c0ffee', requestsTotal: 7, emergency: false };
      await sut.recordStatus(
        { orgId: 'acme', groupId: 'us', nodeId: 'n9', version: '1.0' },
        status,
        new Date('2026-01-02T00:00:00Z'),
      );
      const [seen] = await sut.listSeenSince('acme', 'us', new Date('2026-01-01T23:59:00Z'));
      expect(seen).toMatchObject({ nodeId: 'n9', status, lastSeenAt: new Date('2026-01-02T00:00:00Z') });
      await sut.recordStatus(
        { orgId: 'acme', groupId: 'us', nodeId: 'n9', version: '1.0' },
        { ...status, appliedRev: 43 },
        new Date('2026-01-02T00:00:10Z'),
      );
      const [again] = await sut.listSeenSince('acme', 'us', new Date(0));
      expect(again.status?.appliedRev).toBe(43);
      expect(again.connectedAt).toEqual(new Date('2026-01-02T00:00:00Z'));
    });
  });
});
