import type { Policy } from '@gatehouse/shared-tyk-compat';

import type { ApiSpec } from './api-spec';

/** What the registry routes to: a compiled spec plus whatever the server built for it (its chain). */
export interface RoutedApi {
  spec: ApiSpec;
}

export interface RouteMatch<R extends RoutedApi> {
  api: R;
  /** The request path with the listen path removed ('/' at least), without the query. */
  path: string;
  /** '' or the query string including its leading '?'. */
  query: string;
}

/** `/api` matches `/api` and `/api/x`, but not `/apix`. */
function underPrefix(path: string, prefix: string): boolean {
  if (prefix === '') return true;
  return path.startsWith(prefix) && (path.length === prefix.length || path.charCodeAt(prefix.length) === 47);
}

function hostOf(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  const host = hostHeader.startsWith('[')
    ? hostHeader.slice(0, hostHeader.indexOf(']') + 1)
    : hostHeader.split(':')[0];
  return host.toLowerCase();
}

function domainMatches(domain: string, host: string): boolean {
  if (domain === host) return true;
  return domain.startsWith('*.') && host.endsWith(domain.slice(1));
}

/**
 * An immutable snapshot of everything the gateway serves: APIs (routed by host, then longest listen
 * path) and policies. Reloads build a new registry and swap it whole; a request keeps the registry it
 * started with, so it never sees half of a reload.
 */
export class Registry<R extends RoutedApi> {
  /** APIs bound to a domain first, each group ordered by listen-path length, longest first. */
  private readonly routes: readonly R[];
  private readonly byId: ReadonlyMap<string, R>;

  constructor(
    apis: readonly R[],
    private readonly policies: ReadonlyMap<string, Policy>,
    readonly loadedAt: number = Date.now(),
  ) {
    this.routes = [...apis].sort(
      (a, b) =>
        Number(b.spec.domain !== '') - Number(a.spec.domain !== '') ||
        b.spec.listenPath.length - a.spec.listenPath.length,
    );
    this.byId = new Map(apis.map((api) => [api.spec.apiId, api]));
  }

  static empty<R extends RoutedApi>(): Registry<R> {
    return new Registry<R>([], new Map());
  }

  get size(): number {
    return this.routes.length;
  }

  api(apiId: string): R | undefined {
    return this.byId.get(apiId);
  }

  apis(): readonly R[] {
    return this.routes;
  }

  policy(policyId: string): Policy | undefined {
    return this.policies.get(policyId);
  }

  policyList(): Policy[] {
    return [...this.policies.values()];
  }

  match(hostHeader: string | undefined, url: string): RouteMatch<R> | undefined {
    const queryAt = url.indexOf('?');
    return queryAt === -1
      ? this.matchPath(hostHeader, url, '')
      : this.matchPath(hostHeader, url.slice(0, queryAt), url.slice(queryAt));
  }

  /** Routes a canonical path (see canonicalPath); `query` is '' or starts with '?'. */
  matchPath(hostHeader: string | undefined, path: string, query: string): RouteMatch<R> | undefined {
    const host = hostOf(hostHeader);
    for (const api of this.routes) {
      const { domain, listenPath } = api.spec;
      if (domain !== '' && !domainMatches(domain, host)) continue;
      if (!underPrefix(path, listenPath)) continue;
      const rest = path.slice(listenPath.length);
      return { api, path: rest === '' ? '/' : rest, query };
    }
    return undefined;
  }
}
