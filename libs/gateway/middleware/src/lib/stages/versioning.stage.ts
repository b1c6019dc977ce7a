import {
  ApiSpec,
  hasExpired,
  reject,
  RequestContext,
  rfc1123,
  Stage,
  StageResult,
  TYK_ERRORS,
  VersioningSpec,
  VersionSpec,
} from '@gatehouse/gateway-core';

/** Go's url.Values.Encode: keys sorted, values in order, form-encoded (a space as '+'). */
function encodeQuery(params: URLSearchParams): string {
  params.sort();
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * Tyk's VersionCheck (gateway/mw_version_check.go, api_definition.go getVersionFromRequest, Version,
 * RequestValid; v5.10.2): reads the version where the API says, strips it when asked, picks the
 * default or refuses with Tyk's words, refuses an expired API or version, and announces a coming
 * expiry in X-Tyk-API-Expires.
 */
export class VersioningStage implements Stage {
  readonly name = 'versioning';

  constructor(
    private readonly spec: ApiSpec,
    private readonly versioning: VersioningSpec,
    private readonly now: () => number = Date.now,
  ) {}

  run(ctx: RequestContext): StageResult {
    const now = this.now();
    const { expiresAt } = this.versioning;
    if (!this.versioning.versioned) {
      if (hasExpired(expiresAt, now)) return reject(TYK_ERRORS.apiExpired);
      if (expiresAt !== undefined) ctx.responseHeaders['x-tyk-api-expires'] = rfc1123(expiresAt);
      return undefined;
    }
    const chosen = this.choose(this.requestedVersion(ctx));
    if (!('name' in chosen)) return chosen;
    if (hasExpired(chosen.expiresAt, now)) return reject(TYK_ERRORS.versionExpired);
    const announced = expiresAt ?? chosen.expiresAt;
    if (announced !== undefined && !Number.isNaN(announced)) {
      ctx.responseHeaders['x-tyk-api-expires'] = rfc1123(announced);
    }
    ctx.version = chosen;
    return undefined;
  }

  private choose(name: string): VersionSpec | ReturnType<typeof reject> {
    const { defaultVersion } = this.versioning;
    if (name === '') {
      const fallback = defaultVersion ? this.spec.versions.get(defaultVersion) : undefined;
      return fallback ?? reject(defaultVersion ? TYK_ERRORS.versionNotFound : TYK_ERRORS.versionInfoNotFound);
    }
    const found = this.spec.versions.get(name);
    if (found) return found;
    const fallback =
      this.versioning.fallbackToDefault && defaultVersion
        ? this.spec.versions.get(defaultVersion)
        : undefined;
    return fallback ?? reject(TYK_ERRORS.versionNotFound);
  }

  /** The version the request names, removing it from what is proxied when the API strips it. */
  private requestedVersion(ctx: RequestContext): string {
    const { location, key, stripData } = this.versioning;
    switch (location) {
      case 'header': {
        if (!key) return '';
        const value = ctx.header(key.toLowerCase()) ?? '';
        if (stripData) ctx.removeUpstreamHeaders.push(key.toLowerCase());
        return value;
      }
      case 'url-param': {
        if (!key) return '';
        const params = new URLSearchParams(ctx.query);
        const value = params.get(key) ?? '';
        if (stripData && params.has(key)) {
          params.delete(key);
          ctx.query = encodeQuery(params);
        }
        return value;
      }
      case 'url':
        return this.urlVersion(ctx);
      default:
        return '';
    }
  }

  /** The first path segment; stripped only when a segment follows it (`/v1/x`, not `/v1`), as Tyk. */
  private urlVersion(ctx: RequestContext): string {
    const segment = ctx.path.split('/').find((part) => part !== '') ?? '';
    if (segment === '') return '';
    const { stripUrlSegment, urlPattern } = this.versioning;
    const matches = urlPattern ? urlPattern.test(segment) : true;
    const at = ctx.path.indexOf(`${segment}/`);
    if (stripUrlSegment && matches && at !== -1) {
      ctx.path = ctx.path.slice(0, at) + ctx.path.slice(at + segment.length + 1);
    }
    return segment;
  }
}
