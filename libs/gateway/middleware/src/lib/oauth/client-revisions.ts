import type { OAuthClientLookup } from './oauth-ports';

/** Tyk re-checks that a token's client still exists this often (checkOAuthClientDeletedInterval). */
const CHECK_INTERVAL_MS = 1000;
const MAX_ENTRIES = 10_000;

interface Entry {
  revision: string | undefined;
  until: number;
}

/**
 * Whether a token's client is still registered, remembered for a second per API and client as Tyk's
 * UtilCache does: a deleted client's tokens stop within a second on every gateway, at one Redis read
 * per client per second rather than one per request.
 */
export class ClientRevisions {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly lookup: OAuthClientLookup,
    private readonly now: () => number = Date.now,
  ) {}

  /** The client's current registration, undefined once deleted; synchronous while remembered. */
  revision(apiId: string, clientId: string): string | undefined | Promise<string | undefined> {
    const key = `${apiId}\u0000${clientId}`;
    const entry = this.entries.get(key);
    if (entry && entry.until > this.now()) return entry.revision;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.lookup
        .clientRevision(apiId, clientId)
        .then((revision) => {
          if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
          this.entries.set(key, { revision, until: this.now() + CHECK_INTERVAL_MS });
          return revision;
        })
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }
}
