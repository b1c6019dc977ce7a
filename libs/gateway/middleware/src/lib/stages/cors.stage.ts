import {
  ApiSpec,
  canonicalHeaderName,
  Rejection,
  RequestContext,
  Stage,
  StageResult,
} from '@gatehouse/gateway-core';

type CorsSettings = NonNullable<ApiSpec['cors']>;

/**
 * `*` wildcards in an allowed origin, matched greedily part by part: linear in the origin's length. A
 * regex of `.*` groups backtracks polynomially, and the Origin header is the client's to choose.
 */
export function globMatches(glob: string, value: string): boolean {
  const parts = glob.split('*');
  if (parts.length === 1) return glob === value;
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (value.length < first.length + last.length || !value.startsWith(first) || !value.endsWith(last))
    return false;
  let at = first.length;
  const end = value.length - last.length;
  for (let index = 1; index < parts.length - 1; index++) {
    const found = value.indexOf(parts[index], at);
    if (found === -1 || found + parts[index].length > end) return false;
    at = found + parts[index].length;
  }
  return true;
}

const PREFLIGHT_VARY = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';

/**
 * CORS exactly as Tyk 5.10.2 runs it (gateway/mw_cors.go over rs/cors v1.11.1): no allowed origins
 * means every origin, no methods means GET, POST and HEAD, no headers means the three simple ones.
 * Every preflight is answered here with an empty 204, allowed or not (a refused one carries only
 * Vary); a plain OPTIONS is answered with an empty 200; other requests go on with the headers added
 * when their origin and method are allowed.
 */
export class CorsStage implements Stage {
  readonly name = 'cors';
  private readonly anyOrigin: boolean;
  private readonly origins: string[];
  private readonly methods: string[];
  private readonly anyHeader: boolean;
  private readonly headers: Set<string>;
  private readonly exposed: string;
  private readonly maxAge?: string;

  constructor(private readonly settings: CorsSettings) {
    this.origins = settings.allowed_origins.map((origin) => origin.toLowerCase());
    this.anyOrigin = this.origins.length === 0 || this.origins.includes('*');
    this.methods = settings.allowed_methods.length > 0 ? settings.allowed_methods : ['GET', 'POST', 'HEAD'];
    const headers =
      settings.allowed_headers.length > 0
        ? settings.allowed_headers
        : ['Accept', 'Content-Type', 'X-Requested-With'];
    this.anyHeader = headers.includes('*');
    this.headers = new Set(headers.map((name) => name.trim().toLowerCase()));
    this.exposed = settings.exposed_headers.map(canonicalHeaderName).join(', ');
    if (settings.max_age !== 0) this.maxAge = String(Math.max(0, settings.max_age));
  }

  run(ctx: RequestContext): StageResult {
    const requestedMethod =
      ctx.method === 'OPTIONS' ? ctx.header('access-control-request-method') : undefined;
    if (requestedMethod) return this.preflight(ctx, requestedMethod);
    const headers = ctx.responseHeaders;
    headers['vary'] = 'Origin';
    const origin = ctx.header('origin');
    if (origin && this.originAllowed(origin) && this.methods.includes(ctx.method)) {
      headers['access-control-allow-origin'] = this.anyOrigin ? '*' : origin;
      if (this.exposed) headers['access-control-expose-headers'] = this.exposed;
      if (this.settings.allow_credentials) headers['access-control-allow-credentials'] = 'true';
    }
    return ctx.method === 'OPTIONS' ? answered(200) : undefined;
  }

  private preflight(ctx: RequestContext, method: string): Rejection {
    const headers = ctx.responseHeaders;
    headers['vary'] = PREFLIGHT_VARY;
    const origin = ctx.header('origin');
    const requested = ctx.header('access-control-request-headers') ?? '';
    if (
      !origin ||
      !this.originAllowed(origin) ||
      !this.methodAllowed(method) ||
      !this.headersAllowed(requested)
    ) {
      return answered(204);
    }
    headers['access-control-allow-origin'] = this.anyOrigin ? '*' : origin;
    headers['access-control-allow-methods'] = method.toUpperCase();
    if (requested.trim()) headers['access-control-allow-headers'] = requested;
    if (this.settings.allow_credentials) headers['access-control-allow-credentials'] = 'true';
    if (this.maxAge !== undefined) headers['access-control-max-age'] = this.maxAge;
    return answered(204);
  }

  private originAllowed(origin: string): boolean {
    if (this.anyOrigin) return true;
    const lower = origin.toLowerCase();
    return this.origins.some((allowed) => globMatches(allowed, lower));
  }

  private methodAllowed(method: string): boolean {
    return method.toUpperCase() === 'OPTIONS' || this.methods.includes(method.toUpperCase());
  }

  private headersAllowed(requested: string): boolean {
    if (this.anyHeader || requested.trim() === '') return true;
    return requested
      .split(',')
      .every((name) => name.trim() === '' || this.headers.has(name.trim().toLowerCase()));
  }
}

/** An answer with no body and no content type (the gateway's own CORS answers). */
function answered(status: number): Rejection {
  return { status, message: '', bodiless: true };
}
