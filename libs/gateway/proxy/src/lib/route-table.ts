/** One API as the proxy sees it: where it listens and where it forwards. */
export interface RouteDefinition {
  apiId: string;
  listenPath: string;
  /** Upstream base URL; its path, if any, is prefixed to the forwarded path. */
  targetUrl: string;
  /** Remove the listen path before forwarding (Tyk's `strip_listen_path`). */
  stripListenPath: boolean;
}

export interface CompiledRoute extends RouteDefinition {
  /** Listen path without a trailing slash ("" for the root), so matching is one comparison. */
  prefix: string;
  upstreamOrigin: string;
  upstreamBasePath: string;
}

export interface RouteMatch {
  route: CompiledRoute;
  /** The path and query to send upstream. */
  upstreamPath: string;
}

function normalisePrefix(listenPath: string): string {
  const withSlash = listenPath.startsWith('/') ? listenPath : `/${listenPath}`;
  return withSlash.replace(/\/+$/, '');
}

function compile(definition: RouteDefinition): CompiledRoute {
  const target = new URL(definition.targetUrl);
  return {
    ...definition,
    prefix: normalisePrefix(definition.listenPath),
    upstreamOrigin: target.origin,
    upstreamBasePath: target.pathname.replace(/\/+$/, ''),
  };
}

/** `/api` matches `/api`, `/api/x` and `/api?q`, but not `/apix`. */
function matchesPrefix(path: string, prefix: string): boolean {
  if (prefix === '') return true;
  if (!path.startsWith(prefix)) return false;
  const next = path.charCodeAt(prefix.length);
  return Number.isNaN(next) || next === 47 /* / */ || next === 63; /* ? */
}

/**
 * An immutable routing table. Routes are tried longest listen path first, so `/api/v2` wins over `/api`
 * for `/api/v2/x`. Reloads build a new table and swap it in whole; requests in flight keep the old one.
 */
export class RouteTable {
  private readonly routes: readonly CompiledRoute[];

  constructor(definitions: readonly RouteDefinition[]) {
    this.routes = definitions.map(compile).sort((a, b) => b.prefix.length - a.prefix.length);
  }

  get size(): number {
    return this.routes.length;
  }

  match(url: string): RouteMatch | undefined {
    for (const route of this.routes) {
      if (!matchesPrefix(url, route.prefix)) continue;
      const rest = route.stripListenPath ? url.slice(route.prefix.length) : url;
      const path = rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
      return { route, upstreamPath: `${route.upstreamBasePath}${path}` };
    }
    return undefined;
  }
}
