import { GatewayGroup, NodeTokenGrant, UnauthenticatedError } from '@gatehouse/shared-kernel';

import { NodeAuthenticator } from './node-authenticator';
import { GatewayGroupStore, NodeTokenStore } from './session-stores';

/** Token store that counts its reads: the database work each call costs. */
class CountingTokens implements NodeTokenStore {
  reads = 0;
  constructor(readonly grants: Record<string, NodeTokenGrant>) {}
  async findGrant(rawToken: string) {
    this.reads++;
    const grant = this.grants[rawToken];
    return grant && { ...grant, tokenId: 'a1b2c3d4e5f6' };
  }
}

class FakeGroups implements GatewayGroupStore {
  async find(orgId: string, groupId: string): Promise<GatewayGroup> {
    return { orgId, groupId, name: groupId, region: 'eu', tags: ['eu'] };
  }
}

describe(NodeAuthenticator.name, () => {
  let now: number;
  let tokens: CountingTokens;
  let sut: NodeAuthenticator;

  beforeEach(() => {
    now = 1_700_000_000_000;
    tokens = new CountingTokens({ good: { orgId: 'acme', groupId: 'eu' } });
    sut = new NodeAuthenticator(tokens, new FakeGroups(), 5000, () => now, 2000);
  });

  it('grants the org and group of a valid token, named by its hash, and caches it', async () => {
    const node = await sut.authenticate('good');
    expect(node).toEqual({
      orgId: 'acme',
      groupId: 'eu',
      tags: ['eu'],
      tokenId: '770e607624d689265ca6c44884d0807d9b054d23c473c106c72be9de08b7376c',
    });
    await sut.authenticate('good');
    expect(tokens.reads).toBe(1);
  });

  it('costs one database read per period for an unknown token, however often it is tried', async () => {
    for (let i = 0; i < 100; i++)
      await expect(sut.authenticate('stolen')).rejects.toThrow(UnauthenticatedError);
    expect(tokens.reads).toBe(1);
    now += 2001;
    await expect(sut.authenticate('stolen')).rejects.toThrow('unknown or revoked node token');
    expect(tokens.reads).toBe(2);
  });

  it('sees a revocation at the next fresh check, and refuses the token from then on without reading', async () => {
    await sut.authenticate('good');
    delete tokens.grants['good'];
    await expect(sut.authenticate('good', true)).rejects.toThrow(UnauthenticatedError);
    const reads = tokens.reads;
    await expect(sut.authenticate('good')).rejects.toThrow(UnauthenticatedError);
    expect(tokens.reads).toBe(reads);
  });

  it('admits a token the moment it becomes valid when a fresh check asks', async () => {
    await expect(sut.authenticate('late')).rejects.toThrow(UnauthenticatedError);
    tokens.grants['late'] = { orgId: 'acme', groupId: 'eu' };
    await expect(sut.authenticate('late', true)).resolves.toMatchObject({ orgId: 'acme' });
    await expect(sut.authenticate('late')).resolves.toMatchObject({ orgId: 'acme' });
  });

  it('reads once for a burst of calls with the same uncached token', async () => {
    const nodes = await Promise.all(Array.from({ length: 50 }, () => sut.authenticate('good')));
    expect(new Set(nodes.map((node) => node.orgId))).toEqual(new Set(['acme']));
    expect(tokens.reads).toBe(1);
    await Promise.all(Array.from({ length: 50 }, () => sut.authenticate('stolen').catch(() => undefined)));
    expect(tokens.reads).toBe(2);
  });
});
