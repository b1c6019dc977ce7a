import { ConflictError } from '@gatehouse/shared-kernel';
import type { Policy } from '@gatehouse/shared-tyk-compat';

import { RouteIndex, RoutedApi } from './route-index';

export type { RoutedApi } from './route-index';

export interface RouteMatch<R extends RoutedApi> {
  api: R;
  /** The request path with the listen path removed ('/' at least), without the query. */
  path: string;
  /** '' or the query string including its leading '?'. */
  query: string;
}

function hostOf(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  const host = hostHeader.startsWith('[')
    ? hostHeader.slice(0, hostHeader.indexOf(']') + 1)
    : hostHeader.split(':')[0];
  return host.toLowerCase();
}

function describeRoute(domain: string, listenPath: string): string {
  return `listen path ${listenPath || '/'}${domain ? ` on ${domain}` : ''}`;
}

/**
 * Everything the gateway serves: APIs (routed by host, then longest listen path; see RouteIndex.match
 * for the precedence) and policies. A reload may build a new registry and swap it whole, or change
 * this one in place: each change is synchronous, so a request sees it entirely or not at all, and a
 * request that has matched keeps the API object it matched even if that API is replaced meanwhile.
 */
export class Registry<R extends RoutedApi> {
  private readonly routes = new RouteIndex<R>();
  private readonly byId = new Map<string, R>();
  /** The APIs that define streams, kept as APIs come and go: a reload's pass over them is O(streams). */
  private readonly withStreams = new Map<string, R>();
  private readonly policies: Map<string, Policy>;

  /** Later APIs replace earlier ones with the same id; two ids on one route throw (see putApi). */
  constructor(
    apis: readonly R[],
    policies: ReadonlyMap<string, Policy>,
    readonly loadedAt: number = Date.now(),
  ) {
    for (const api of apis) this.putApi(api);
    this.policies = new Map(policies);
  }

  static empty<R extends RoutedApi>(): Registry<R> {
    return new Registry<R>([], new Map());
  }

  get size(): number {
    return this.byId.size;
  }

  api(apiId: string): R | undefined {
    return this.byId.get(apiId);
  }

  /** Every API, in no particular order. */
  apis(): readonly R[] {
    return [...this.byId.values()];
  }

  /** Every API without copying them into an array: for passes over 10,000 APIs at the end of a reload. */
  eachApi(): IterableIterator<R> {
    return this.byId.values();
  }

  /** Every API that defines streams (Tyk OAS `x-tyk-streaming`). */
  streamApis(): IterableIterator<R> {
    return this.withStreams.values();
  }

  /** The id of the API holding exactly this route (domain and listen path as compileApiSpec gives them). */
  routeOwner(domain: string, listenPath: string): string | undefined {
    return this.routes.owner(domain, listenPath)?.spec.apiId;
  }

  /**
   * Adds the API, or replaces the one with its id (moving its route if the domain or listen path
   * changed). Throws ConflictError, changing nothing, if another API holds the route: check
   * routeOwner first to refuse the change gracefully.
   */
  putApi(api: R): void {
    const { apiId, domain, listenPath } = api.spec;
    const holder = this.routes.owner(domain, listenPath);
    if (holder && holder.spec.apiId !== apiId) {
      throw new ConflictError(
        `${describeRoute(domain, listenPath)} is already used by API ${holder.spec.apiId}`,
      );
    }
    const previous = this.byId.get(apiId);
    if (previous) this.routes.delete(previous.spec);
    this.routes.put(api);
    this.byId.set(apiId, api);
    if (api.spec.streams.length > 0) this.withStreams.set(apiId, api);
    else this.withStreams.delete(apiId);
  }

  removeApi(apiId: string): boolean {
    const api = this.byId.get(apiId);
    if (!api) return false;
    this.routes.delete(api.spec);
    this.byId.delete(apiId);
    this.withStreams.delete(apiId);
    return true;
  }

  policy(policyId: string): Policy | undefined {
    return this.policies.get(policyId);
  }

  policyList(): Policy[] {
    return [...this.policies.values()];
  }

  putPolicy(policy: Policy): void {
    this.policies.set(policy.id, policy);
  }

  removePolicy(policyId: string): boolean {
    return this.policies.delete(policyId);
  }

  match(hostHeader: string | undefined, url: string): RouteMatch<R> | undefined {
    const queryAt = url.indexOf('?');
    return queryAt === -1
      ? this.matchPath(hostHeader, url, '')
      : this.matchPath(hostHeader, url.slice(0, queryAt), url.slice(queryAt));
  }

  /** Routes a canonical path (see canonicalPath); `query` is '' or starts with '?'. */
  matchPath(hostHeader: string | undefined, path: string, query: string): RouteMatch<R> | undefined {
    const api = this.routes.match(hostOf(hostHeader), path);
    if (!api) return undefined;
    const rest = path.slice(api.spec.listenPath.length);
    return { api, path: rest === '' ? '/' : rest, query };
  }
}
