import { JwtAuthSpec, reject, Rejection, TYK_ERRORS } from '@gatehouse/gateway-core';

/**
 * Tyk's reading of a verified token's claims (gateway/mw_jwt.go, v5.10.2): time claims, the identity
 * and the policies, each failure with Tyk's status and words.
 */

/**
 * exp, iat and nbf against whole seconds, in Tyk's order; when several fail the last one's answer wins
 * (Tyk keeps overwriting its error). A non-numeric exp fails; absent or 0 never does.
 */
export function timeClaimsFailure(
  claims: Record<string, unknown>,
  nowSeconds: number,
  jwt: Pick<JwtAuthSpec, 'expiresSkewSeconds' | 'issuedAtSkewSeconds' | 'notBeforeSkewSeconds'>,
): Rejection | undefined {
  const now = Math.floor(nowSeconds);
  let failure: Rejection | undefined;
  const { exp, iat, nbf } = claims;
  if (exp !== undefined && exp !== 0 && (typeof exp !== 'number' || now - jwt.expiresSkewSeconds >= exp)) {
    failure = TYK_ERRORS.jwtExpired;
  }
  if (typeof iat === 'number' && now + jwt.issuedAtSkewSeconds < iat)
    failure = TYK_ERRORS.jwtUsedBeforeIssued;
  if (typeof nbf === 'number' && now + jwt.notBeforeSkewSeconds < nbf) failure = TYK_ERRORS.jwtNotValidYet;
  return failure;
}

/** The user id: the configured claim when it is a non-empty string, else `sub`. */
export function identityOf(claims: Record<string, unknown>, field: string): string | Rejection {
  const named = field ? claims[field] : undefined;
  if (typeof named === 'string') {
    if (named !== '') return named;
    return reject({
      status: 403,
      message: `found an empty user ID in predefined base claim, claim: ${field}`,
    });
  }
  const sub = claims['sub'];
  if (typeof sub === 'string') return sub === '' ? reject(TYK_ERRORS.jwtEmptySubject) : sub;
  return reject(TYK_ERRORS.jwtNoIdentity);
}

/** A claim by name, where a dotted name reads nested objects (`realm_access.roles`). */
function claimAt(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function scopesOf(value: unknown): string[] {
  if (typeof value === 'string') return value.split(' ').filter(Boolean);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * The policies a token's session is built from: the policy claim (only when the API names one, and a
 * single string), else all default policies; then, when the API maps scopes, the mapped policies
 * replace the defaults or join the named one.
 */
export function policiesOf(
  claims: Record<string, unknown>,
  jwt: Pick<JwtAuthSpec, 'policyField' | 'defaultPolicies' | 'scopeClaim' | 'scopeToPolicy'>,
  policyExists: (policyId: string) => boolean,
): string[] | Rejection {
  const named = jwt.policyField ? claims[jwt.policyField] : undefined;
  let policies: string[];
  let fromDefaults = false;
  if (typeof named === 'string' && named !== '') {
    if (!policyExists(named)) return reject(TYK_ERRORS.jwtUnknownPolicy);
    policies = [named];
  } else if (jwt.defaultPolicies.length > 0) {
    policies = [...jwt.defaultPolicies];
    fromDefaults = true;
  } else {
    return reject(TYK_ERRORS.jwtNoPolicy);
  }
  if (Object.keys(jwt.scopeToPolicy).length === 0) return policies;
  const scopes = scopesOf(claimAt(claims, jwt.scopeClaim));
  if (scopes.length === 0) return policies;
  const mapped = scopes
    .map((scope) => jwt.scopeToPolicy[scope])
    .filter((policy): policy is string => Boolean(policy));
  const chosen = [...new Set([...(fromDefaults ? [] : policies), ...mapped])];
  return chosen.length > 0 ? chosen : reject(TYK_ERRORS.jwtNoScopePolicy);
}
