import type { ApiSpec } from './api-spec';

/** What the registry routes to: a compiled spec plus whatever the server built for it (its chain). */
export interface RoutedApi {
  spec: ApiSpec;
}

/**
 * How many keys have each length, and the longest. Lookups only try lengths some key has and never
 * look past the longest, so a hostile 16 KB path or a host with thousands of labels costs no more
 * than the longest route we hold.
 */
class LengthCounts {
  private readonly counts = new Map<number, number>();
  longest = 0;

  has(length: number): boolean {
    return this.counts.has(length);
  }

  add(length: number): void {
    this.counts.set(length, (this.counts.get(length) ?? 0) + 1);
    if (length > this.longest) this.longest = length;
  }

  remove(length: number): void {
    const count = this.counts.get(length) ?? 0;
    if (count > 1) {
      this.counts.set(length, count - 1);
      return;
    }
    this.counts.delete(length);
    if (length !== this.longest) return;
    // Distinct lengths, not routes: bounded by the longest key, usually a handful.
    this.longest = 0;
    for (const other of this.counts.keys()) if (other > this.longest) this.longest = other;
  }
}

/** One domain's routes (or the domainless ones), keyed by listen path. */
class PathTable<R extends RoutedApi> {
  private readonly byPath = new Map<string, R>();
  private readonly lengths = new LengthCounts();

  get empty(): boolean {
    return this.byPath.size === 0;
  }

  get(listenPath: string): R | undefined {
    return this.byPath.get(listenPath);
  }

  set(listenPath: string, api: R): void {
    if (!this.byPath.has(listenPath)) this.lengths.add(listenPath.length);
    this.byPath.set(listenPath, api);
  }

  delete(listenPath: string): void {
    if (this.byPath.delete(listenPath)) this.lengths.remove(listenPath.length);
  }

  /**
   * The API with the longest listen path that is longer than `longerThan` and is '' or a '/'-boundary
   * prefix of `path` (`/api` holds `/api` and `/api/x`, never `/apix`). The candidates are the path
   * itself and the path cut before each '/', so this walks segments from the right, not routes.
   */
  longestPrefix(path: string, longerThan: number): R | undefined {
    const longest = this.lengths.longest;
    let end = path.length <= longest ? path.length : path.lastIndexOf('/', longest);
    for (; end > longerThan && end > 0; end = path.lastIndexOf('/', end - 1)) {
      if (!this.lengths.has(end)) continue;
      const api = this.byPath.get(path.slice(0, end));
      if (api) return api;
    }
    return longerThan < 0 ? this.byPath.get('') : undefined;
  }
}

/**
 * Routes keyed by domain, then listen path, so a match costs a lookup per host label and, for each
 * domain we hold that matches, one per path segment: never a scan of every API. Each route has one
 * owner; `put` replaces whatever held it, so the registry checks `owner` first.
 *
 * Keys are as compileApiSpec leaves them: domain lower-cased ('' for none, `*.example.com` for a
 * wildcard), listen path '' for the root and without a trailing slash.
 */
export class RouteIndex<R extends RoutedApi> {
  private readonly domainless = new PathTable<R>();
  private readonly byDomain = new Map<string, PathTable<R>>();
  private readonly wildcards = new LengthCounts();

  owner(domain: string, listenPath: string): R | undefined {
    return (domain === '' ? this.domainless : this.byDomain.get(domain))?.get(listenPath);
  }

  put(api: R): void {
    const { domain, listenPath } = api.spec;
    if (domain === '') {
      this.domainless.set(listenPath, api);
      return;
    }
    let table = this.byDomain.get(domain);
    if (!table) {
      table = new PathTable<R>();
      this.byDomain.set(domain, table);
      if (domain.startsWith('*.')) this.wildcards.add(domain.length);
    }
    table.set(listenPath, api);
  }

  /** Frees the route `spec` names (whoever holds it). */
  delete(spec: Pick<ApiSpec, 'domain' | 'listenPath'>): void {
    const { domain, listenPath } = spec;
    if (domain === '') {
      this.domainless.delete(listenPath);
      return;
    }
    const table = this.byDomain.get(domain);
    if (!table) return;
    table.delete(listenPath);
    if (!table.empty) return;
    this.byDomain.delete(domain);
    if (domain.startsWith('*.')) this.wildcards.remove(domain.length);
  }

  /**
   * The API serving `path` on `host` (lower-cased, without its port). Precedence, the same as the
   * linear scan this replaced (domain-bound APIs first, then longest listen path first):
   * 1. any API bound to a domain matching the host beats every domainless one;
   * 2. among those, the longest listen path wins;
   * 3. equal lengths mean the same listen path on several matching domains, which that scan left to
   *    input order; here the exact host wins, then the longest wildcard: for `a.eu.example.com`,
   *    `a.eu.example.com`, then `*.eu.example.com`, then `*.example.com`.
   * `*.example.com` matches any host ending in `.example.com` (so `a.b.example.com` too), never
   * `example.com` itself.
   */
  match(host: string, path: string): R | undefined {
    let best: R | undefined;
    if (host !== '' && this.byDomain.size > 0) {
      best = this.byDomain.get(host)?.longestPrefix(path, -1);
      // Wildcards in rule 3's order: each '.' of the host, left to right, names a shorter suffix.
      const first = Math.max(0, host.length - this.wildcards.longest + 1);
      for (let dot = host.indexOf('.', first); dot !== -1; dot = host.indexOf('.', dot + 1)) {
        const table = this.byDomain.get(`*${host.slice(dot)}`);
        best = table?.longestPrefix(path, best ? best.spec.listenPath.length : -1) ?? best;
      }
    }
    return best ?? this.domainless.longestPrefix(path, -1);
  }
}
