import { type ApiListQuery, literalPattern } from '@gatehouse/dashboard-domain';
import type { ApiFields, Versioned } from '@gatehouse/shared-control-plane-db';
import { type GatewayGroup, groupServesApi } from '@gatehouse/shared-kernel';

/** An API as the list answers it: with the gateway groups of its org that serve it. */
export type ApiListItem = Versioned<ApiFields> & { regions: { id: string; name: string; region: string }[] };

/**
 * The stored-document filter for the list's `q`, `tag` and `active`. `q` is matched as literal text
 * (never as a pattern) against the id, the listen path and the name, where classic and OAS definitions
 * each keep it.
 */
export function apiListFilter(filter: Omit<ApiListQuery, 'limit' | 'offset'>): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  if (filter.tag !== undefined) where['fields.tags'] = filter.tag;
  if (filter.active !== undefined) where['fields.active'] = filter.active === 'true';
  if (filter.q !== undefined) {
    const text = { $regex: literalPattern(filter.q), $options: 'i' };
    where['$or'] = [
      { id: text },
      { 'fields.listenPath': text },
      { 'document.name': text },
      { 'document.x-tyk-api-gateway.info.name': text },
    ];
  }
  return where;
}

/** The API with the groups that serve it, by the rule bridges use to choose what a group gets. */
export function withRegions(api: Versioned<ApiFields>, groups: GatewayGroup[]): ApiListItem {
  const regions = groups
    .filter((group) => groupServesApi(group.tags, api.fields.tags))
    .map((group) => ({ id: group.groupId, name: group.name, region: group.region }));
  return { ...api, regions };
}
