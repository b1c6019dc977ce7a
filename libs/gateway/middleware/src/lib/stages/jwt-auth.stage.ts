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
import { identityOf, policiesOf, timeClaimsFailure } from '../jwt/jwt-claims';
import { checkAlgorithm, decodeJwt, DecodedJwt, publicKeyFromPem, verifyJwt } from '../jwt/jwt-token';
import { readToken } from './credentials';
import { adoptIdentity } from './identity';

const NOT_AUTHORISED = TYK_ERRORS.jwtInvalid;
const CACHE_LIMIT = 10_000;

/**
 * Tyk's JWT middleware (centralised secret): verifies the token's signature with the API's secret, PEM
 * key or JWKS, checks exp/iat/nbf with the configured skews, then builds the session from the policies
 * the token names (the API's policy claim, scope mapping, or its default policies; see jwt-claims.ts). The identity claim scopes
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
    if (!found) return reject(TYK_ERRORS.jwtMissing);
    if (found === 'malformed') return reject(TYK_ERRORS.malformedCookie);
    const cached = this.verified.get(found.key);
    if (cached) return this.authorise(ctx, cached);
    const decoded = decodeJwt(found.key);
    if (!decoded) return reject(NOT_AUTHORISED);
    const algorithm = checkAlgorithm(this.jwt.signingMethod, decoded.header.alg);
    if (algorithm === 'unexpected') return reject(TYK_ERRORS.jwtUnexpectedAlgorithm);
    if (algorithm === 'unknown') return reject(NOT_AUTHORISED);
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
    const expired = timeClaimsFailure(claims, this.nowSeconds(), this.jwt);
    if (expired) return expired;
    const identity = identityOf(claims, this.jwt.identityField);
    if (typeof identity !== 'string') return identity;
    const lookup = this.policies();
    const usable = (id: string) => {
      const policy = lookup(id);
      return policy !== undefined && (!this.spec.orgId || policy.org_id === this.spec.orgId);
    };
    const policies = policiesOf(claims, this.jwt, usable);
    if (!Array.isArray(policies)) return policies;
    const found = this.sessionFor(identity, policies);
    if (!found) return reject(TYK_ERRORS.jwtUnknownPolicy);
    adoptIdentity(ctx, this.spec, 'jwt_claim', found);
    ctx.jwtClaims = claims;
    return undefined;
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
