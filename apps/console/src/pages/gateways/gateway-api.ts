import { useQuery } from '@tanstack/react-query';

import { api, unwrap } from '../../api/client';

export const GROUPS_QUERY = ['gateway-groups'] as const;
export const groupQueryKey = (groupId: string) => ['gateway-groups', groupId] as const;
export const nodeTokensQueryKey = (groupId: string) => ['gateway-groups', groupId, 'node-tokens'] as const;

/** Nodes go stale after 30 s; listing those seen in the last hour shows the ones that just dropped out. */
const NODES_SEEN_WITHIN_SECONDS = 3_600;
/** The nodes table follows the fleet live while the tab is visible (react-query pauses it when hidden). */
const NODES_REFRESH_MS = 5_000;

/** The org's gateway groups: one per region or cluster, a handful, so the API answers them in one list. */
export function useGroups() {
  return useQuery({
    queryKey: GROUPS_QUERY,
    queryFn: () => unwrap(api.GET('/api/v1/gateway-groups')),
  });
}

export function useGroup(groupId: string) {
  return useQuery({
    queryKey: groupQueryKey(groupId),
    queryFn: () => unwrap(api.GET('/api/v1/gateway-groups/{id}', { params: { path: { id: groupId } } })),
  });
}

export function useNodes(groupId: string, options: { live: boolean } = { live: true }) {
  return useQuery({
    queryKey: ['gateway-groups', groupId, 'nodes'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/gateway-groups/{id}/nodes', {
          params: { path: { id: groupId }, query: { seenWithinSeconds: NODES_SEEN_WITHIN_SECONDS } },
        }),
      ),
    refetchInterval: options.live ? NODES_REFRESH_MS : false,
  });
}

export function useNodeTokens(groupId: string) {
  return useQuery({
    queryKey: nodeTokensQueryKey(groupId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/gateway-groups/{id}/node-tokens', { params: { path: { id: groupId } } })),
  });
}
