import { ConflictError, TooManyRequestsError } from '@gatehouse/shared-kernel';

import { WatchingNode, WatchRegistry } from './watch-registry';

const node = (nodeId: string, overrides: Partial<WatchingNode> = {}): WatchingNode => ({
  orgId: 'acme',
  groupId: 'eu',
  tokenId: 'token-eu',
  nodeId,
  ...overrides,
});

describe(WatchRegistry.name, () => {
  let sut: WatchRegistry;
  let open: number[];
  let replaced: string[];

  beforeEach(() => {
    open = [];
    replaced = [];
    sut = new WatchRegistry(
      { perToken: 3, perOrg: 4 },
      { opened: (count) => open.push(count), replaced: (which) => replaced.push(which.nodeId) },
    );
  });

  it('keeps one stream per node: a reconnecting node ends its previous stream', () => {
    const ended: Error[] = [];
    sut.open(node('gw-1'), (reason) => ended.push(reason));
    for (let i = 0; i < 30; i++) sut.open(node('gw-1'), (reason) => ended.push(reason));
    expect(sut.size).toBe(1);
    expect(ended).toHaveLength(30);
    expect(ended[0]).toBeInstanceOf(ConflictError);
    expect(ended[0].message).toContain("a newer Watch of node 'gw-1' replaced this one");
    expect(replaced).toHaveLength(30);
    expect(open.at(-1)).toBe(1);
  });

  it('lets a node at its limit reconnect (it takes its own place)', () => {
    sut.open(node('gw-1'), () => undefined);
    sut.open(node('gw-2'), () => undefined);
    sut.open(node('gw-3'), () => undefined);
    expect(() => sut.open(node('gw-3'), () => undefined)).not.toThrow();
    expect(sut.size).toBe(3);
  });

  it('refuses streams past the token share and the org share, sparing other orgs', () => {
    for (const id of ['a', 'b', 'c']) sut.open(node(id), () => undefined);
    expect(() => sut.open(node('d'), () => undefined)).toThrow(TooManyRequestsError);
    expect(() => sut.open(node('d'), () => undefined)).toThrow(/this node token already has 3 Watch streams/);
    sut.open(node('us-1', { groupId: 'us', tokenId: 'token-us' }), () => undefined);
    expect(() => sut.open(node('us-2', { groupId: 'us', tokenId: 'token-us' }), () => undefined)).toThrow(
      "org 'acme' already has 4 Watch streams open on this bridge (at most 4)",
    );
    expect(() =>
      sut.open(node('g-1', { orgId: 'globex', tokenId: 'token-globex' }), () => undefined),
    ).not.toThrow();
  });

  it('frees the place when a stream closes; closing twice or after replacement changes nothing', () => {
    const first = sut.open(node('gw-1'), () => undefined);
    sut.open(node('gw-1'), () => undefined);
    first.close();
    expect(sut.size).toBe(1);
    const other = sut.open(node('gw-2'), () => undefined);
    other.close();
    other.close();
    expect(sut.size).toBe(1);
    expect(sut.openOf('acme')).toBe(1);
  });
});
