import { nodeState, stateTone, streamsSummary, timeAgo, type GatewayNode } from './node-status';

const now = Date.parse('2026-12-07T10:00:00Z');
const node = (change: Partial<GatewayNode> = {}): GatewayNode => ({
  orgId: 'o',
  groupId: 'eu',
  nodeId: 'gw-1',
  version: '1.0.0',
  tags: [],
  connectedAt: '2026-12-07T09:00:00Z',
  lastSeenAt: '2026-12-07T09:59:55Z',
  status: { appliedRev: 7, configChecksum: 'abc', requestsTotal: 10, emergency: false },
  expectedChecksum: 'abc',
  inSync: true,
  ...change,
});

describe(nodeState.name, () => {
  it('says whether a recently seen node serves the current config', () => {
    expect(nodeState(node(), now)).toBe('in sync');
    expect(nodeState(node({ inSync: false, expectedChecksum: 'def' }), now)).toBe('out of sync');
  });

  it('calls a node stale after three missed reports, whatever it last said', () => {
    expect(nodeState(node({ lastSeenAt: '2026-12-07T09:59:31Z' }), now)).toBe('in sync');
    expect(nodeState(node({ lastSeenAt: '2026-12-07T09:59:29Z' }), now)).toBe('stale');
  });

  it('waits for a first report before judging', () => {
    expect(nodeState(node({ status: undefined, inSync: false }), now)).toBe('no status yet');
  });

  it('gives every state a tone besides its word', () => {
    expect(stateTone('in sync')).toBe('ok');
    expect(stateTone('out of sync')).toBe('bad');
    expect(stateTone('stale')).toBe('warn');
  });
});

describe(timeAgo.name, () => {
  it('uses the largest unit that fits', () => {
    expect(timeAgo('2026-12-07T09:59:55Z', now)).toBe('5 seconds ago');
    expect(timeAgo('2026-12-07T09:57:00Z', now)).toBe('3 minutes ago');
    expect(timeAgo('2026-12-07T07:00:00Z', now)).toBe('3 hours ago');
    expect(timeAgo('2026-12-04T10:00:00Z', now)).toBe('3 days ago');
  });
});

describe(streamsSummary.name, () => {
  it('counts streams by state, and says nothing when the node reports none', () => {
    const stream = (state: 'running' | 'failing') => ({ apiId: 'a', stream: 's', state, consumers: 1 });
    const status = { appliedRev: 1, configChecksum: 'c', requestsTotal: 0, emergency: false };
    expect(
      streamsSummary(
        node({ status: { ...status, streams: [stream('running'), stream('failing'), stream('running')] } }),
      ),
    ).toBe('2 running, 1 failing');
    expect(streamsSummary(node())).toBeUndefined();
  });
});
