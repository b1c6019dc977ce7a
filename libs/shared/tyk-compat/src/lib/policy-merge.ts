import { DomainError } from '@gatehouse/shared-kernel';

import { greaterLimit, emptyLimit, hasRate, isEmptyLimit, rateInterval } from './limits';
import type { Policy } from './policy';
import { AccessDefinition, ApiLimit, SessionState, sessionPolicyIds } from './session';

/** A policy could not be applied to a key: the key is refused rather than granted the wrong rights. */
export class PolicyApplicationError extends DomainError {
  readonly code = 'forbidden';
}

export type PolicyLookup = (policyId: string) => Policy | undefined;

interface MergeState {
  rights: Map<string, AccessDefinition>;
  /** Which policy set each API's limit (Tyk's `Limit.SetBy`), to scope counters when ACLs differ. */
  setBy: Map<string, string>;
  didAcl: Set<string>;
  didQuota: Set<string>;
  didRate: Set<string>;
  didComplexity: Set<string>;
  didPerApi: boolean;
  didPartition: boolean;
}

function usesPartitions(policy: Policy): boolean {
  const p = policy.partitions;
  return p.quota || p.rate_limit || p.acl || p.complexity;
}

function policyLimit(policy: Policy): ApiLimit {
  return {
    ...emptyLimit(),
    rate: policy.rate,
    per: policy.per,
    throttle_interval: policy.throttle_interval,
    throttle_retry_limit: policy.throttle_retry_limit,
    max_query_depth: policy.max_query_depth,
    quota_max: policy.quota_max,
    quota_renewal_rate: policy.quota_renewal_rate,
  };
}

function clone(session: SessionState): SessionState {
  return structuredClone(session);
}

/** Zeroes what the applied policies will set, so a higher value left on the key cannot win (Tyk). */
function clearPolicyControlledFields(session: SessionState, policies: Policy[]): void {
  for (const policy of policies) {
    const all = !usesPartitions(policy);
    if (all || policy.partitions.quota) {
      session.quota_max = 0;
      session.quota_remaining = 0;
    }
    if (all || policy.partitions.rate_limit) {
      session.rate = 0;
      session.per = 0;
      session.throttle_interval = 0;
      session.throttle_retry_limit = 0;
    }
    if (all || policy.partitions.complexity) session.max_query_depth = 0;
  }
}

/** A policy's rate raises the API's and the key's rate when it allows more requests (or none is set). */
function raiseRate(session: SessionState, policy: Policy, limit: ApiLimit): void {
  const offered = policyLimit(policy);
  if (!hasRate(offered)) return;
  if (!hasRate(limit) || rateInterval(limit) > rateInterval(offered)) {
    limit.rate = offered.rate;
    limit.per = offered.per;
  }
  if (!hasRate(session) || rateInterval(session) > rateInterval(offered)) {
    session.rate = offered.rate;
    session.per = offered.per;
  }
}

function emptyAccess(like: AccessDefinition): AccessDefinition {
  return {
    ...structuredClone(like),
    versions: [],
    allowed_urls: [],
    limit: emptyLimit(),
    allowance_scope: '',
  };
}

function mergeAcl(existing: AccessDefinition, added: AccessDefinition): AccessDefinition {
  const merged = structuredClone(existing);
  merged.api_id = merged.api_id || added.api_id;
  merged.api_name = merged.api_name || added.api_name;
  for (const version of added.versions) if (!merged.versions.includes(version)) merged.versions.push(version);
  for (const url of added.allowed_urls) {
    const same = merged.allowed_urls.find((candidate) => candidate.url === url.url);
    if (same) {
      for (const method of url.methods) if (!same.methods.includes(method)) same.methods.push(method);
    } else {
      merged.allowed_urls.push(structuredClone(url));
    }
  }
  return merged;
}

function applyPerApi(policy: Policy, session: SessionState, state: MergeState): void {
  if (state.didPartition) {
    throw new PolicyApplicationError(
      'cannot apply multiple policies when some have per_api set and some are partitioned',
    );
  }
  for (const [apiId, rights] of Object.entries(policy.access_rights)) {
    const access = structuredClone(rights);
    const scope = isEmptyLimit(access.limit) ? policy.id : apiId;
    access.limit = isEmptyLimit(access.limit) ? policyLimit(policy) : { ...emptyLimit(), ...access.limit };
    access.allowance_scope = scope;
    const previous = session.access_rights[apiId];
    if (previous && !isEmptyLimit(previous.limit) && previous.limit)
      access.limit.quota_renews = previous.limit.quota_renews;
    const current = state.rights.get(apiId);
    if (current?.limit) {
      if (rateInterval(access.limit) > rateInterval(current.limit)) {
        access.limit.rate = current.limit.rate;
        access.limit.per = current.limit.per;
      }
      if (greaterLimit(current.limit.quota_max, access.limit.quota_max))
        access.limit.quota_max = current.limit.quota_max;
      if (greaterLimit(current.limit.quota_renewal_rate, access.limit.quota_renewal_rate)) {
        access.limit.quota_renewal_rate = current.limit.quota_renewal_rate;
      }
      if (access.limit.quota_max === -1) access.limit.quota_renewal_rate = 0;
    }
    state.rights.set(apiId, access);
    state.setBy.set(apiId, scope);
    for (const done of [state.didAcl, state.didQuota, state.didRate, state.didComplexity]) done.add(apiId);
  }
  if (Object.keys(policy.access_rights).length > 0) state.didPerApi = true;
}

function applyPartitions(policy: Policy, session: SessionState, state: MergeState): void {
  const partitioned = usesPartitions(policy);
  if (partitioned && state.didPerApi) {
    throw new PolicyApplicationError(
      'cannot apply multiple policies when some have per_api set and some are partitioned',
    );
  }
  const sets = (aspect: boolean) => !partitioned || aspect;
  for (const [apiId, rights] of Object.entries(policy.access_rights)) {
    // Start from what earlier policies merged for this API, so aspects they set are kept.
    let access: AccessDefinition = structuredClone(state.rights.get(apiId) ?? emptyAccess(rights));
    if (sets(policy.partitions.acl)) {
      state.didAcl.add(apiId);
      access = mergeAcl(access, rights);
      state.setBy.set(apiId, policy.id);
    }
    const limit = access.limit ?? emptyLimit();
    if (sets(policy.partitions.quota)) {
      state.didQuota.add(apiId);
      if (greaterLimit(policy.quota_max, limit.quota_max)) {
        limit.quota_max = policy.quota_max;
        if (greaterLimit(policy.quota_max, session.quota_max)) session.quota_max = policy.quota_max;
      }
      if (policy.quota_renewal_rate > limit.quota_renewal_rate) {
        limit.quota_renewal_rate = policy.quota_renewal_rate;
        if (policy.quota_renewal_rate > session.quota_renewal_rate)
          session.quota_renewal_rate = policy.quota_renewal_rate;
      }
    }
    if (sets(policy.partitions.rate_limit)) {
      state.didRate.add(apiId);
      raiseRate(session, policy, limit);
      limit.throttle_retry_limit = Math.max(limit.throttle_retry_limit, policy.throttle_retry_limit);
      session.throttle_retry_limit = Math.max(session.throttle_retry_limit, policy.throttle_retry_limit);
      limit.throttle_interval = Math.max(limit.throttle_interval, policy.throttle_interval);
      session.throttle_interval = Math.max(session.throttle_interval, policy.throttle_interval);
    }
    if (sets(policy.partitions.complexity)) {
      state.didComplexity.add(apiId);
      if (greaterLimit(policy.max_query_depth, limit.max_query_depth)) {
        limit.max_query_depth = policy.max_query_depth;
        if (greaterLimit(policy.max_query_depth, session.max_query_depth))
          session.max_query_depth = policy.max_query_depth;
      }
    }
    const previous = session.access_rights[apiId];
    if (previous?.limit && !isEmptyLimit(previous.limit)) limit.quota_renews = previous.limit.quota_renews;
    access.limit = limit;
    state.rights.set(apiId, access);
  }
  // A policy without access rights (a "master" policy) sets the key-level values directly.
  if (Object.keys(policy.access_rights).length === 0) {
    if (sets(policy.partitions.rate_limit)) {
      session.rate = policy.rate;
      session.per = policy.per;
      session.throttle_interval = policy.throttle_interval;
      session.throttle_retry_limit = policy.throttle_retry_limit;
    }
    if (sets(policy.partitions.complexity)) session.max_query_depth = policy.max_query_depth;
    if (sets(policy.partitions.quota)) {
      session.quota_max = policy.quota_max;
      session.quota_renewal_rate = policy.quota_renewal_rate;
    }
  }
  session.hmac_enabled = session.hmac_enabled || policy.hmac_enabled;
  state.didPartition = partitioned;
}

/** Rights whose ACL no policy set are dropped; limits no policy set are inherited from the key. */
function finaliseRights(session: SessionState, state: MergeState): Record<string, AccessDefinition> {
  const distinctSetters = new Set(state.setBy.values());
  const result: Record<string, AccessDefinition> = {};
  for (const [apiId, access] of state.rights) {
    if (!state.didAcl.has(apiId)) continue;
    const limit = { ...emptyLimit(), ...(access.limit ?? {}) };
    if (!state.didRate.has(apiId)) {
      limit.rate = session.rate;
      limit.per = session.per;
      limit.throttle_interval = session.throttle_interval;
      limit.throttle_retry_limit = session.throttle_retry_limit;
    }
    if (!state.didComplexity.has(apiId)) limit.max_query_depth = session.max_query_depth;
    if (!state.didQuota.has(apiId)) {
      limit.quota_max = session.quota_max;
      limit.quota_renewal_rate = session.quota_renewal_rate;
      limit.quota_renews = session.quota_renews;
    }
    const setter = state.setBy.get(apiId);
    const scope =
      !access.allowance_scope && distinctSetters.size > 1 && setter ? setter : access.allowance_scope;
    result[apiId] = { ...access, limit, allowance_scope: scope };
  }
  return result;
}

/**
 * The effective session of a key: its policies merged in as Tyk merges them (partitions, per-API
 * limits, "highest limit wins", ACL union). Returns a new session; the input is not changed. Throws
 * {@link PolicyApplicationError} when the policies cannot apply (missing, other org, mixed kinds).
 */
export function applyPolicies(input: SessionState, lookup: PolicyLookup, orgId?: string): SessionState {
  const policyIds = sessionPolicyIds(input);
  const session = clone(input);
  if (policyIds.length === 0) {
    for (const [apiId, access] of Object.entries(session.access_rights)) {
      if (!isEmptyLimit(access.limit)) access.allowance_scope = apiId;
    }
    return session;
  }
  const policies = policyIds.map((id) => ({ id, policy: lookup(id) }));
  const found = policies.filter(
    (entry): entry is { id: string; policy: Policy } => entry.policy !== undefined,
  );
  // Tyk skips a missing policy among several, but refuses a key whose only policy is missing.
  if (found.length === 0) {
    throw new PolicyApplicationError(
      `policy not found: ${policyIds.map((id) => JSON.stringify(id)).join(', ')}`,
    );
  }
  clearPolicyControlledFields(
    session,
    found.map((entry) => entry.policy),
  );
  const state: MergeState = {
    rights: new Map(),
    setBy: new Map(),
    didAcl: new Set(),
    didQuota: new Set(),
    didRate: new Set(),
    didComplexity: new Set(),
    didPerApi: false,
    didPartition: false,
  };
  const tags = new Set<string>();
  for (const { policy } of found) {
    if (orgId !== undefined && policy.org_id !== orgId) {
      throw new PolicyApplicationError(
        'attempting to apply policy from different organisation to key, skipping',
      );
    }
    if (policy.partitions.per_api && usesPartitions(policy)) {
      throw new PolicyApplicationError(
        `cannot apply policy ${policy.id} which has per_api and any of partitions set`,
      );
    }
    if (policy.partitions.per_api) applyPerApi(policy, session, state);
    else applyPartitions(policy, session, state);
    session.is_inactive = session.is_inactive || policy.is_inactive;
    for (const tag of policy.tags) tags.add(tag);
    Object.assign(session.meta_data, policy.meta_data);
  }
  for (const tag of session.tags) tags.add(tag);
  session.tags = [...tags];
  const rights = finaliseRights(session, state);
  updateRootLimits(session, rights, state);
  if (state.didAcl.size > 0) session.access_rights = rights;
  if (Object.keys(rights).length === 0)
    throw new PolicyApplicationError('key has no valid policies to be applied');
  return session;
}

/** With exactly one API limited by policies, the key-level fields mirror it (legacy clients read them). */
function updateRootLimits(
  session: SessionState,
  rights: Record<string, AccessDefinition>,
  state: MergeState,
): void {
  if (state.didQuota.size !== 1 || state.didRate.size !== 1 || state.didComplexity.size !== 1) return;
  for (const access of Object.values(rights)) {
    if (!access.limit) continue;
    session.rate = access.limit.rate;
    session.per = access.limit.per;
    session.quota_max = access.limit.quota_max;
    session.quota_renews = access.limit.quota_renews;
    session.quota_renewal_rate = access.limit.quota_renewal_rate;
    session.max_query_depth = access.limit.max_query_depth;
  }
}
