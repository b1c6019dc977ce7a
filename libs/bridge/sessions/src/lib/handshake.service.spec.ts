import {
  ForbiddenError,
  GatewayGroup,
  InvalidInputError,
  NodeHandshake,
  NodeTokenGrant,
  NotFoundError,
  UnauthenticatedError,
} from '@gatehouse/shared-kernel';

import { deriveKeyHashKey, OrgKeyHashing } from '@gatehouse/shared-tyk-compat';

import { HandshakeService } from './handshake.service';
import { GatewayGroupStore, NodeRegistry, NodeTokenStore } from './session-stores';

class FakeTokens implements NodeTokenStore {
  constructor(private readonly grants: Record<string, NodeTokenGrant>) {}
  async findGrant(rawToken: string) {
    const grant = this.grants[rawToken];
    return grant && { ...grant, tokenId: `id-of-${rawToken}` };
  }
}

class FakeGroups implements GatewayGroupStore {
  constructor(private readonly groups: GatewayGroup[]) {}
  async find(orgId: string, groupId: string) {
    return this.groups.find((group) => group.orgId === orgId && group.groupId === groupId);
  }
}

class FakeNodes implements NodeRegistry {
  readonly connected: Array<NodeHandshake & { tokenId: string }> = [];
  async recordConnected(node: NodeHandshake & { tokenId: string }) {
    this.connected.push(node);
  }
}

const euGroup: GatewayGroup = {
  orgId: 'acme',
  groupId: 'eu',
  name: 'Europe',
  region: 'eu-west',
  tags: ['eu', 'public'],
};
const SECRET = 'a-control-plane-secret-of-32-characters';
const request = { orgId: 'acme', groupId: 'eu', nodeId: 'gw-1', version: '0.1.0', tags: ['ignored'] };

describe(HandshakeService.name, () => {
  let sut: HandshakeService;
  let nodes: FakeNodes;

  beforeEach(() => {
    nodes = new FakeNodes();
    sut = new HandshakeService(
      new FakeTokens({
        'good-token': { orgId: 'acme', groupId: 'eu' },
        'orphan-token': { orgId: 'acme', groupId: 'gone' },
      }),
      new FakeGroups([euGroup]),
      nodes,
      new OrgKeyHashing({ algorithm: 'hmac-sha256', secret: SECRET }),
      () => 1_700_000_000_000,
    );
  });

  it("hands the node its org's own hashing key, never the deployment secret", async () => {
    const session = await sut.open('good-token', request);
    expect(session.keyHashing).toEqual({ algorithm: 'hmac-sha256', key: deriveKeyHashKey(SECRET, 'acme') });
    expect(session.keyHashing.key?.toString('utf8')).not.toContain(SECRET);
  });

  it('opens a session with the group tags from the control plane, not the node', async () => {
    const session = await sut.open('good-token', request);
    expect(session).toMatchObject({ orgId: 'acme', groupId: 'eu', nodeId: 'gw-1', tags: ['eu', 'public'] });
    expect(session.serverTimeMs).toBe(1_700_000_000_000);
    expect(session.sessionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records an admitted node, as it described itself, with the token it used, for the dashboard', async () => {
    await sut.open('good-token', request);
    expect(nodes.connected).toEqual([{ ...request, tokenId: 'id-of-good-token' }]);
  });

  it('records no node it refuses', async () => {
    await sut.open('stolen', request).catch(() => undefined);
    await sut.open('good-token', { ...request, orgId: 'globex' }).catch(() => undefined);
    await sut.open('orphan-token', { ...request, groupId: 'gone' }).catch(() => undefined);
    expect(nodes.connected).toEqual([]);
  });

  it('gives every session a fresh id', async () => {
    const [first, second] = await Promise.all([
      sut.open('good-token', request),
      sut.open('good-token', request),
    ]);
    expect(first.sessionId).not.toBe(second.sessionId);
  });

  it('refuses a missing token', async () => {
    await expect(sut.open(undefined, request)).rejects.toThrow(UnauthenticatedError);
    await expect(sut.open('', request)).rejects.toThrow('missing node token');
  });

  it('refuses an unknown token', async () => {
    await expect(sut.open('stolen', request)).rejects.toThrow(UnauthenticatedError);
  });

  it('refuses a token used for another org or group', async () => {
    await expect(sut.open('good-token', { ...request, orgId: 'globex' })).rejects.toThrow(ForbiddenError);
    await expect(sut.open('good-token', { ...request, groupId: 'us' })).rejects.toThrow(ForbiddenError);
  });

  it('names the bad field of a malformed request', async () => {
    const error = await sut.open('good-token', { ...request, nodeId: '' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues.map((issue) => issue.path)).toEqual(['nodeId']);
  });

  it('reports a token whose group was deleted as not found', async () => {
    await expect(sut.open('orphan-token', { ...request, groupId: 'gone' })).rejects.toThrow(NotFoundError);
  });
});
