import type { GatewayNode } from '../gateways/node-status';
import { regionHealth } from './overview-api';

const now = Date.parse('2026-12-07T10:00:00Z');
const group = { orgId: 'o', groupId: 'eu', name: 'Europe', region: 'eu-west', tags: [] };
const node = (nodeId: string, inSync: boolean, lastSeenAt = '2026-12-07T09:59:50Z'): GatewayNode => ({
  orgId: 'o',
  groupId: 'eu',
  nodeId,
  version: '1',
  tags: [],
  connectedAt: '2026-12-07T09:00:00Z',
  lastSeenAt,
  status: { appliedRev: 1, configChecksum: inSync ? 'a' : 'b', requestsTotal: 0, emergency: false },
  expectedChecksum: 'a',
  inSync,
});

describe(regionHealth.name, () => {
  it('counts live nodes and those serving the current config', () => {
    expect(regionHealth(group, [node('a', true), node('b', false)], now)).toMatchObject({
      nodes: 2,
      inSync: 1,
    });
  });

  it('leaves stale nodes out, so a region of silent nodes does not read as healthy', () => {
    const sut = regionHealth(group, [node('a', true, '2026-12-07T09:58:00Z')], now);
    expect(sut).toMatchObject({ nodes: 0, inSync: 0 });
  });
});
