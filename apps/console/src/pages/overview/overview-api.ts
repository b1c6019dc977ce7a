import { useQueries, useQuery } from '@tanstack/react-query';

import { api, unwrap, unwrapPage } from '../../api/client';
import type { components } from '../../api/generated/dashboard-api';
import { nodeState } from '../gateways/node-status';

type GatewayGroup = components['schemas']['GatewayGroup'];
type GatewayNode = components['schemas']['GatewayNode'];

/** Counting asks for one entry and reads the total the API reports, so a large org costs the same. */
const ONE = { limit: 1 } as const;

/*
 * Each count lives under its resource's key (`apis`, `policies`, `keys`): every write there invalidates
 * that key, so the overview never shows a count from before a create, import, revoke or delete.
 */

export function useApiCount(enabled: boolean) {
  return useQuery({
    queryKey: ['apis', 'count'],
    queryFn: async () => (await unwrapPage(api.GET('/api/v1/apis', { params: { query: ONE } }))).total,
    enabled,
  });
}

export function usePolicyCount(enabled: boolean) {
  return useQuery({
    queryKey: ['policies', 'count'],
    queryFn: async () => (await unwrapPage(api.GET('/api/v1/policies', { params: { query: ONE } }))).total,
    enabled,
  });
}

export function useKeyCount(enabled: boolean) {
  return useQuery({
    queryKey: ['keys', 'count'],
    queryFn: async () => (await unwrapPage(api.GET('/api/v1/keys', { params: { query: ONE } }))).total,
    enabled,
  });
}

/** A region's standing: how many nodes report, and how many of those serve the current config. */
export interface RegionHealth {
  group: GatewayGroup;
  nodes: number;
  inSync: number;
}

export function regionHealth(group: GatewayGroup, nodes: GatewayNode[], now: number): RegionHealth {
  const live = nodes.filter((node) => nodeState(node, now) !== 'stale');
  return {
    group,
    nodes: live.length,
    inSync: live.filter((node) => nodeState(node, now) === 'in sync').length,
  };
}

/** Every group's nodes as the bridges saw them in the last two minutes (the API's default window). */
export function useGroupNodes(groups: GatewayGroup[]) {
  return useQueries({
    queries: groups.map((group) => ({
      queryKey: ['overview', 'nodes', group.groupId],
      queryFn: () =>
        unwrap(api.GET('/api/v1/gateway-groups/{id}/nodes', { params: { path: { id: group.groupId } } })),
      refetchInterval: 30_000,
    })),
  });
}
