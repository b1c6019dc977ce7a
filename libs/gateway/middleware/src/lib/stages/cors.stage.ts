import { ApiSpec, RequestContext, Stage, StageResult } from '@gatehouse/gateway-core';

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

function originAllowed(settings: CorsSettings, origin: string): boolean {
  return settings.allowed_origins.some((allowed) => allowed === '*' || globMatches(allowed, origin));
}

/**
 * CORS as Tyk applies it: preflight requests are answered by the gateway (unless options_passthrough)
 * and allowed origins get the Access-Control-* headers on every response.
 */
export class CorsStage implements Stage {
  readonly name = 'cors';
  private readonly methods: string;
  private readonly headers: string;
  private readonly exposed: string;

  constructor(private readonly settings: CorsSettings) {
    this.methods = (
      settings.allowed_methods.length > 0 ? settings.allowed_methods : ['GET', 'POST', 'HEAD']
    ).join(', ');
    this.headers = settings.allowed_headers.join(', ');
    this.exposed = settings.exposed_headers.join(', ');
  }

  run(ctx: RequestContext): StageResult {
    const origin = ctx.header('origin');
    if (!origin || !originAllowed(this.settings, origin)) return undefined;
    const headers = ctx.responseHeaders;
    headers['access-control-allow-origin'] =
      this.settings.allowed_origins.includes('*') && !this.settings.allow_credentials ? '*' : origin;
    headers['vary'] = 'Origin';
    if (this.settings.allow_credentials) headers['access-control-allow-credentials'] = 'true';
    if (this.exposed) headers['access-control-expose-headers'] = this.exposed;
    const preflight = ctx.method === 'OPTIONS' && ctx.header('access-control-request-method') !== undefined;
    if (!preflight || this.settings.options_passthrough) return undefined;
    headers['access-control-allow-methods'] = this.methods;
    const requested = ctx.header('access-control-request-headers');
    if (this.headers || requested) headers['access-control-allow-headers'] = this.headers || requested || '';
    if (this.settings.max_age > 0) headers['access-control-max-age'] = String(this.settings.max_age);
    return { status: 204, message: '' };
  }
}
