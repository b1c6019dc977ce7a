import { InvalidInputError } from '@gatehouse/shared-kernel';
import {
  applyPolicies,
  PolicyApplicationError,
  PolicyLookup,
  SessionState,
  sessionStateSchema,
} from '@gatehouse/shared-tyk-compat';

/** The session fields applying policies decides: stored merged, as Tyk stores a key. */
const POLICY_FIELDS = [
  'access_rights',
  'rate',
  'per',
  'throttle_interval',
  'throttle_retry_limit',
  'max_query_depth',
  'quota_max',
  'quota_renewal_rate',
  'tags',
  'meta_data',
  'is_inactive',
  'hmac_enabled',
] as const;

/**
 * A key's raw session with its policies merged in (Tyk's ApplyPolicies on create, update and read),
 * unknown fields kept. A policy that cannot apply (another organisation's, or none left granting
 * anything) refuses the write with 400 naming `apply_policies`.
 */
export function withPoliciesApplied(
  raw: Record<string, unknown>,
  policies: PolicyLookup,
): Record<string, unknown> {
  const session = sessionStateSchema.parse(raw);
  let merged: SessionState;
  try {
    merged = applyPolicies(session, policies, session.org_id || undefined);
  } catch (error) {
    if (!(error instanceof PolicyApplicationError)) throw error;
    throw new InvalidInputError([{ path: 'apply_policies', message: error.message }]);
  }
  const result: Record<string, unknown> = { ...raw };
  for (const field of POLICY_FIELDS) result[field] = merged[field];
  return result;
}

/** The policy list of POST /tyk/keys/policy/{hash}: `apply_policies`, then `policy` if given. */
export function policyInstruction(body: unknown): string[] | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const { policy, apply_policies: list } = body as { policy?: unknown; apply_policies?: unknown };
  if (
    list !== undefined &&
    list !== null &&
    !(Array.isArray(list) && list.every((id) => typeof id === 'string'))
  )
    return undefined;
  if (policy !== undefined && policy !== null && typeof policy !== 'string') return undefined;
  const ids = [...((list as string[] | null | undefined) ?? [])];
  if (policy) ids.push(policy);
  return ids;
}
