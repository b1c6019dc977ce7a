import { createHash } from 'node:crypto';

export interface ServedEntity {
  kind: 'api' | 'policy';
  id: string;
  rev: number;
}

/**
 * A fingerprint of what a gateway serves: equal on a node and on the control plane exactly when both
 * hold the same revision of the same APIs and policies, whatever order they were applied in.
 */
export function configChecksum(entities: readonly ServedEntity[]): string {
  const lines = entities.map((entity) => `${entity.kind}\t${entity.id}\t${entity.rev}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/**
 * Whether a gateway group serves an API: a group without tags serves every API, and so is an API
 * without tags served by every group; otherwise they must share a tag.
 */
export function groupServesApi(groupTags: readonly string[], apiTags: readonly string[]): boolean {
  if (groupTags.length === 0 || apiTags.length === 0) return true;
  return apiTags.some((tag) => groupTags.includes(tag));
}
