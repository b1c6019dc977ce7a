import { createPublicKey, JsonWebKey, KeyObject } from 'node:crypto';

export type JwksFetcher = (url: string) => Promise<unknown>;

/** Fetches a JWKS document over HTTP(S), with a timeout so a slow identity provider cannot hang requests. */
export const httpJwksFetcher: JwksFetcher = async (url) => {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`JWKS ${url} answered ${response.status}`);
  return response.json();
};

interface CachedSet {
  keys: Map<string, KeyObject>;
  /** Keys without a kid, tried in turn when a token names none. */
  anonymous: KeyObject[];
  expiresAt: number;
}

/**
 * Public keys from JWKS URLs, cached for each URL's cache time. A token with an unknown `kid` triggers
 * one refetch (identity providers rotate keys), at most every `refetchMs`, so forged kids cannot turn
 * the gateway into a request amplifier.
 */
export class JwksKeys {
  private cached?: CachedSet;
  private loading?: Promise<CachedSet>;
  private lastFetch = 0;

  constructor(
    private readonly urls: { url: string; cacheSeconds: number }[],
    private readonly fetcher: JwksFetcher = httpJwksFetcher,
    private readonly now: () => number = Date.now,
    private readonly refetchMs = 10_000,
  ) {}

  async keysFor(kid: string | undefined): Promise<KeyObject[]> {
    let set = await this.current();
    if (kid && !set.keys.has(kid) && this.now() - this.lastFetch >= this.refetchMs) set = await this.load();
    if (kid) {
      const key = set.keys.get(kid);
      return key ? [key] : [];
    }
    return [...set.keys.values(), ...set.anonymous];
  }

  private async current(): Promise<CachedSet> {
    if (this.cached && this.cached.expiresAt > this.now()) return this.cached;
    return this.load();
  }

  private load(): Promise<CachedSet> {
    this.loading ??= this.fetchAll().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async fetchAll(): Promise<CachedSet> {
    this.lastFetch = this.now();
    const keys = new Map<string, KeyObject>();
    const anonymous: KeyObject[] = [];
    for (const { url } of this.urls) {
      const document = (await this.fetcher(url)) as {
        keys?: (JsonWebKey & { kid?: string; use?: string })[];
      };
      for (const jwk of document.keys ?? []) {
        if (jwk.use && jwk.use !== 'sig') continue;
        try {
          const key = createPublicKey({ key: jwk, format: 'jwk' });
          if (jwk.kid) keys.set(jwk.kid, key);
          else anonymous.push(key);
        } catch {
          // An unusable key in the set does not invalidate the others.
        }
      }
    }
    const cacheSeconds = Math.min(...this.urls.map((entry) => entry.cacheSeconds));
    this.cached = { keys, anonymous, expiresAt: this.now() + cacheSeconds * 1000 };
    return this.cached;
  }
}
