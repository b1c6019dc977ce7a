import type { Registry, RoutedApi } from '@gatehouse/gateway-core';

/**
 * The APIs whose compiled chains depend on policies: JWT chains build sessions from the policies a
 * token names and cache them, so a policy change must give them fresh chains. Every other chain reads
 * sessions from the key cache, which evicts by policy itself.
 */
export class PolicyDependants {
  private readonly apiIds = new Set<string>();

  /** Whether a compiled chain holds sessions built from policies (JWT). */
  static dependsOnPolicies(api: RoutedApi): boolean {
    return api.spec.auth.jwt !== undefined;
  }

  track(apiId: string, api: RoutedApi | undefined): void {
    if (api && PolicyDependants.dependsOnPolicies(api)) this.apiIds.add(apiId);
    else this.apiIds.delete(apiId);
  }

  ids(): string[] {
    return [...this.apiIds];
  }
}

/** Policies added, removed or changed between two registries: the keys built from them are stale. */
export function changedPolicies(before: Registry<RoutedApi>, after: Registry<RoutedApi>): string[] {
  const changed = new Set<string>();
  const previous = new Map(before.policyList().map((policy) => [policy.id, JSON.stringify(policy)]));
  for (const policy of after.policyList()) {
    if (previous.get(policy.id) !== JSON.stringify(policy)) changed.add(policy.id);
    previous.delete(policy.id);
  }
  for (const removed of previous.keys()) changed.add(removed);
  return [...changed];
}
