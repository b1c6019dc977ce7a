import {
  ApiSpec,
  JwtAuthSpec,
  reject,
  RequestContext,
  Stage,
  StageResult,
  TYK_ERRORS,
} from '@gatehouse/gateway-core';
import {
  applyPolicies,
  PolicyApplicationError,
  keyReference,
  PolicyLookup,
  SessionState,
  sessionStateSchema,
} from '@gatehouse/shared-tyk-compat';
import { createHash, KeyObject } from 'node:crypto';

import { JwksFetcher, JwksKeys } from '../jwt/jwks-keys';
import type { ResolvedKey } from '../ports';
import { algorithmAllowed, decodeJwt, DecodedJwt, publicKeyFromPem, verifyJwt } from '../jwt/jwt-token';
import { readToken } from './credentials';
import { adoptIdentity } from './identity';

const NOT_AUTHORISED = TYK_ERRORS.jwtInvalid;
const CACHE_LIMIT = 10_000;

function claimList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Tyk's JWT middleware (centralised secret): verifies the token's signature with the API's secret, PEM
 * key or JWKS, checks exp/nbf/iat with the configured skews, then builds the session from the policies
 * the token names (`pol` claim, scope mapping, or the API's default policies). The identity claim scopes
 * rate limits and quotas. Verified tokens and built sessions are cached, so a repeated token costs a
 * map lookup, not a signature check.
 */
export class JwtAuthStage implements Stage {
  readonly name = 'auth-jwt';
  private readonly staticKey?: Buffer | KeyObject;
  private readonly jwks?: JwksKeys;
  private readonly verified = new Map<string, Record<string, unknown>>();
  private readonly sessions = new Map<string, ResolvedKey>();

  constructor(
    private readonly spec: ApiSpec,
    private readonly jwt: JwtAuthSpec,
    private readonly policies: () => PolicyLookup,
    fetcher?: JwksFetcher,
    private readonly nowSeconds: () => number = () => Date.now() / 1000,
  ) {
    const keys = jwt.keys;
    if (keys.kind === 'secret') this.staticKey = keys.secret;
    else if (keys.kind === 'pem') this.staticKey = publicKeyFromPem(keys.pem);
    else this.jwks = new JwksKeys(keys.urls, fetcher);
  }

  run(ctx: RequestContext): StageResult | Promise<StageResult> {
    if (ctx.skipAuth) return undefined;
    const found = readToken(this.jwt.token, (name) => ctx.header(name), ctx.query);
    if (!found) return reject(TYK_ERRORS.authFieldMissing);
    if (found === 'malformed') return reject(TYK_ERRORS.malformedCookie);
    const cached = this.verified.get(found.key);
    if (cached) return this.authorise(ctx, cached);
    const decoded = decodeJwt(found.key);
    if (!decoded || !algorithmAllowed(this.jwt.signingMethod, decoded.header.alg))
      return reject(NOT_AUTHORISED);
    const alg = decoded.header.alg as string;
    if (this.staticKey) return this.checked(ctx, found.key, decoded, verifyJwt(decoded, alg, this.staticKey));
    const kid = typeof decoded.header.kid === 'string' ? decoded.header.kid : undefined;
    if (!this.jwks) return reject(NOT_AUTHORISED);
    return this.jwks.keysFor(kid).then(
      (keys) =>
        this.checked(
          ctx,
          found.key,
          decoded,
          keys.some((key) => verifyJwt(decoded, alg, key)),
        ),
      () => reject(NOT_AUTHORISED),
    );
  }

  private checked(ctx: RequestContext, token: string, decoded: DecodedJwt, valid: boolean): StageResult {
    if (!valid) return reject(NOT_AUTHORISED);
    if (this.verified.size >= CACHE_LIMIT) this.verified.clear();
    this.verified.set(token, decoded.payload);
    return this.authorise(ctx, decoded.payload);
  }

  private authorise(ctx: RequestContext, claims: Record<string, unknown>): StageResult {
    const now = this.nowSeconds();
    const { exp, nbf, iat } = claims;
    if (typeof exp === 'number' && now > exp + this.jwt.expiresSkewSeconds)
      return reject(TYK_ERRORS.keyExpired);
    if (typeof nbf === 'number' && now + this.jwt.notBeforeSkewSeconds < nbf) return reject(NOT_AUTHORISED);
    if (typeof iat === 'number' && now + this.jwt.issuedAtSkewSeconds < iat) return reject(NOT_AUTHORISED);
    const identity = claims[this.jwt.identityField] ?? claims['sub'];
    if (typeof identity !== 'string' || identity === '') return reject(NOT_AUTHORISED);
    const policies = this.policiesFor(claims);
    if (policies.length === 0) return reject(NOT_AUTHORISED);
    const found = this.sessionFor(identity, policies);
    if (!found) return reject(NOT_AUTHORISED);
    adoptIdentity(ctx, this.spec, 'jwt_claim', found);
    ctx.jwtClaims = claims;
    return undefined;
  }

  private policiesFor(claims: Record<string, unknown>): string[] {
    const named = claimList(claims[this.jwt.policyField]);
    const scoped = claimList(claims[this.jwt.scopeClaim])
      .map((scope) => this.jwt.scopeToPolicy[scope])
      .filter((policy): policy is string => Boolean(policy));
    const policies = [...new Set([...named, ...scoped])];
    return policies.length > 0 ? policies : this.jwt.defaultPolicies;
  }

  private sessionFor(identity: string, policies: string[]): ResolvedKey | undefined {
    const cacheKey = `${identity}\u0000${policies.join(',')}`;
    const cached = this.sessions.get(cacheKey);
    if (cached) return cached;
    let session: SessionState;
    try {
      const base = sessionStateSchema.parse({
        org_id: this.spec.orgId,
        apply_policies: policies,
        alias: identity,
      });
      session = applyPolicies(base, this.policies(), this.spec.orgId || undefined);
    } catch (error) {
      if (error instanceof PolicyApplicationError) return undefined;
      throw error;
    }
    // The identity scopes rate limits and quotas; hashed so analytics never carry the raw claim.
    const keyId = `jwt-${createHash('sha256').update(`${this.spec.orgId}\u0000${identity}`).digest('hex').slice(0, 24)}`;
    const found = { keyId, ref: keyReference(keyId), session };
    if (this.sessions.size >= CACHE_LIMIT) this.sessions.clear();
    this.sessions.set(cacheKey, found);
    return found;
  }
}
