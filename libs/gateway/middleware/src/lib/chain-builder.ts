import type { ApiSpec, FailureCounter, LimitsStore, Stage, VersionSpec } from '@gatehouse/gateway-core';

import type { PolicyLookup } from '@gatehouse/shared-tyk-compat';

import type { JwksFetcher } from './jwt/jwks-keys';
import type { LocalRateLimiter } from './local-rate-limiter';
import { ClientRevisions } from './oauth/client-revisions';
import { OAuth2AuthStage } from './oauth/oauth2-auth.stage';
import type { ChainOptions, KeyResolver, ResponseCachePort } from './ports';
import { AccessRightsStage } from './stages/access-rights.stage';
import { ApiRateLimitStage } from './stages/api-rate-limit.stage';
import { BasicAuthStage } from './stages/basic-auth.stage';
import { BodyTransformStage } from './stages/body-transform.stage';
import { ClientCertificateStage } from './stages/client-certificate.stage';
import { CorsStage } from './stages/cors.stage';
import { HmacAuthStage } from './stages/hmac-auth.stage';
import { IpAccessStage } from './stages/ip-access.stage';
import { JwtAuthStage } from './stages/jwt-auth.stage';
import { KeylessQuotaHeadersStage } from './stages/keyless-quota-headers.stage';
import { MockResponseStage } from './stages/mock-response.stage';
import { KeyStateStage } from './stages/key-state.stage';
import { PathAccessStage } from './stages/path-access.stage';
import { RateLimitQuotaStage } from './stages/rate-limit-quota.stage';
import { RequestTransformStage } from './stages/request-transform.stage';
import { ResponseCacheStage } from './stages/response-cache.stage';
import { SizeLimitStage } from './stages/size-limit.stage';
import { TokenAuthStage } from './stages/token-auth.stage';
import { ValidateJsonStage } from './stages/validate-json.stage';
import { VersioningStage } from './stages/versioning.stage';

export interface ChainDependencies {
  keys: KeyResolver;
  /** The current registry's policies, for sessions built from JWT claims. */
  policies: () => PolicyLookup;
  /** Fetches JWKS documents; real HTTP unless a test supplies its own. */
  jwksFetcher?: JwksFetcher;
  limits: LimitsStore;
  /** Present in local rate-limit mode. */
  localLimiter?: LocalRateLimiter;
  options: ChainOptions;
  /** How keys are made from basic-auth user names (Tyk's hash_key_function names the key format). */
  keyFormat: string;
  /** The region's response cache; without it no API caches. */
  responseCache?: ResponseCachePort;
  /** Failed basic-auth checks per user and client address, shared by every API of the gateway. */
  basicAuthThrottle: FailureCounter;
  /** Whether OAuth tokens' clients are still registered; without it every OAuth token is refused. */
  oauthClients?: ClientRevisions;
}

/** Fails closed: a gateway wired without OAuth storage refuses every OAuth token. */
const NO_OAUTH_CLIENTS = new ClientRevisions({ clientRevision: async () => undefined });

function anyVersion(spec: ApiSpec, test: (version: VersionSpec) => boolean): boolean {
  for (const version of spec.versions.values()) if (test(version)) return true;
  return false;
}

/**
 * Stages that keep nothing per API (they read the API from the request's spec): one instance of each
 * serves every API of the gateway.
 */
class SharedStages {
  readonly pathAccess = new PathAccessStage();
  readonly sizeLimit = new SizeLimitStage();
  readonly keylessQuotaHeaders = new KeylessQuotaHeadersStage();
  readonly token: TokenAuthStage;
  readonly keyState = new KeyStateStage();
  readonly accessRights = new AccessRightsStage();
  readonly rateLimitQuota: RateLimitQuotaStage;
  readonly validateJson = new ValidateJsonStage();
  readonly bodyTransform = new BodyTransformStage();
  readonly requestTransform = new RequestTransformStage();
  readonly mockResponse = new MockResponseStage();

  constructor(deps: ChainDependencies) {
    this.token = new TokenAuthStage(deps.keys, deps.keyFormat);
    this.rateLimitQuota = new RateLimitQuotaStage(deps.limits, deps.localLimiter, deps.options);
  }
}

/**
 * Builds each API's chain of stages, in Tyk's order, with only the stages the API enables: a keyless
 * API with no rules runs only the stage that sets Tyk's (constant) quota headers, so the common case
 * pays next to nothing. APIs whose stages are all shared get one chain per distinct set, so 10,000
 * APIs configured alike hold one array of stages between them.
 */
export class ChainBuilder {
  private readonly shared: SharedStages;
  private readonly sharedStages: ReadonlySet<Stage>;
  private readonly chainsBySet = new Map<string, readonly Stage[]>();

  constructor(private readonly deps: ChainDependencies) {
    this.shared = new SharedStages(deps);
    this.sharedStages = new Set(Object.values(this.shared) as Stage[]);
  }

  build(spec: ApiSpec): readonly Stage[] {
    const stages = this.stagesFor(spec);
    if (!stages.every((stage) => this.sharedStages.has(stage))) return stages;
    const set = stages.map((stage) => stage.name).join(' ');
    const known = this.chainsBySet.get(set);
    if (known) return known;
    this.chainsBySet.set(set, stages);
    return stages;
  }

  private stagesFor(spec: ApiSpec): Stage[] {
    const { deps, shared } = this;
    const stages: Stage[] = [];
    // Tyk's VersionCheck picks the version and applies its path lists before anything else.
    if (spec.versioning) stages.push(new VersioningStage(spec, spec.versioning));
    if (
      anyVersion(
        spec,
        (v) => v.mockResponses.length + v.whiteList.length + v.blackList.length + v.ignored.length > 0,
      )
    ) {
      stages.push(shared.pathAccess);
    }
    if (spec.cors) stages.push(new CorsStage(spec.cors));
    if (spec.allowedIps || spec.blockedIps) stages.push(new IpAccessStage(spec.allowedIps, spec.blockedIps));
    // Tyk's CertificateCheckMW follows the IP lists, before any authentication.
    if (spec.clientCertificates) stages.push(new ClientCertificateStage(spec.clientCertificates));
    if (anyVersion(spec, (v) => v.globalSizeLimit > 0 || v.sizeLimits.length > 0)) {
      stages.push(shared.sizeLimit);
    }
    if (spec.auth.keyless && deps.options.rateLimitHeaders === 'quotas')
      stages.push(shared.keylessQuotaHeaders);
    if (!spec.auth.keyless) this.authStages(spec, stages);
    if (spec.globalRateLimit || (!spec.disableRateLimit && anyVersion(spec, (v) => v.rateLimits.length > 0)))
      stages.push(new ApiRateLimitStage(spec, deps.limits, deps.localLimiter));
    if (anyVersion(spec, (v) => v.jsonValidations.length > 0)) stages.push(shared.validateJson);
    if (anyVersion(spec, (v) => v.requestTransforms.length > 0)) stages.push(shared.bodyTransform);
    if (anyVersion(spec, hasRequestTransforms)) stages.push(shared.requestTransform);
    if (anyVersion(spec, (v) => v.lateMockResponses.length > 0)) stages.push(shared.mockResponse);
    if (spec.cache && deps.responseCache)
      stages.push(new ResponseCacheStage(spec, spec.cache, deps.responseCache));
    return stages;
  }

  /** Every enabled method runs and must pass, in Tyk's order; base_identity_provided_by picks the session. */
  private authStages(spec: ApiSpec, stages: Stage[]): void {
    const { deps, shared } = this;
    if (spec.auth.oauth) {
      stages.push(
        new OAuth2AuthStage(spec, spec.auth.oauth, deps.keys, deps.oauthClients ?? NO_OAUTH_CLIENTS),
      );
    }
    if (spec.auth.basic) {
      stages.push(
        new BasicAuthStage(spec, deps.keys, { keyFormat: deps.keyFormat, throttle: deps.basicAuthThrottle }),
      );
    }
    if (spec.auth.hmac) stages.push(new HmacAuthStage(spec, deps.keys, spec.auth.hmac));
    if (spec.auth.jwt) stages.push(new JwtAuthStage(spec, spec.auth.jwt, deps.policies, deps.jwksFetcher));
    if (spec.auth.token) stages.push(shared.token);
    stages.push(shared.keyState, shared.accessRights);
    if (!spec.disableRateLimit || !spec.disableQuota) stages.push(shared.rateLimitQuota);
  }
}

function hasRequestTransforms(version: VersionSpec): boolean {
  return (
    Object.keys(version.globalHeaders).length +
      version.globalHeadersRemove.length +
      version.requestHeaders.length +
      version.urlRewrites.length +
      version.methodTransforms.length >
    0
  );
}
