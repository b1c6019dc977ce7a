import type { SessionState } from '@gatehouse/shared-tyk-compat';
import type { IncomingMessage } from 'node:http';

import type { ApiSpec } from './api-spec';
import type { VersionSpec } from './version-spec';

export type HeaderValues = Record<string, string | string[]>;

/**
 * Everything one request carries through the chain. Stages read and change it; the proxy turns it
 * into the upstream request. Plain fields, no getters: this object is on the hot path.
 */
export class RequestContext {
  /** Upper-case method sent upstream (a method transform may change it). */
  method: string;
  /** Path relative to the listen path, as routed ('/' at least); URL rewrites change it. */
  path: string;
  /** '' or '?…'. */
  query: string;
  /** The selected version; set by the versioning stage, or the only one for unversioned APIs. */
  version: VersionSpec;
  /** Extra headers for the client's response (CORS, version expiry), errors included. */
  readonly responseHeaders: Record<string, string> = {};
  /** Tyk's X-RateLimit-* quota headers: sent on a successful answer only, never on an error. */
  quotaHeaders?: Readonly<Record<string, string>>;
  /** Headers to add to / remove from the upstream request, applied when the request is forwarded. */
  readonly setUpstreamHeaders: Record<string, string> = {};
  readonly removeUpstreamHeaders: string[] = [];
  /** Cookies to drop from the upstream request's Cookie header (a key sent as a cookie, stripped). */
  readonly removeUpstreamCookies: string[] = [];
  /** Set for Tyk's `ignored` paths: authentication and key checks are skipped. */
  skipAuth = false;
  /** The effective session (policies applied) once a key authenticated. */
  session?: SessionState;
  /** The claims of a verified JWT, for `$tyk_context.jwt_claims_*` (streams read them per consumer). */
  jwtClaims?: Record<string, unknown>;
  /** The key as the client presented it (auth token or HMAC key id), for `$tyk_context.token`. */
  presentedKey?: string;
  /** Values URL-rewrite triggers captured (`trigger-0-X-Tenant-0`), read as `$tyk_context.*`. */
  contextData?: Record<string, string>;
  /** A URL rewrite's result: the upstream path (and query) replacing the routed one, applied at proxy time. */
  rewrittenPath?: string;
  /** The id the key is stored under (its keyed hash): scopes rate limits and quotas. */
  keyId?: string;
  /** A non-reversible reference to the key, recorded in analytics instead of `keyId`. */
  keyRef?: string;
  /** Rewritten absolute target ("url_rewrites" to another host), overriding the API's upstream. */
  upstreamOverride?: string;
  /** Milliseconds the upstream took to send its response headers; 0 if it was never called. */
  upstreamMs = 0;
  /** Set for chunked bodies under a size limit: the proxy counts bytes and stops past it. */
  maxBodyBytes?: number;
  /** Set when the answer may be cached: the proxy hands it over once its body ended whole. */
  cacheWrite?: (response: {
    status: number;
    headers: Record<string, string | string[]>;
    body: Buffer;
  }) => void;
  /** The body, when a stage had to read it whole (JSON validation): sent upstream from memory. */
  bufferedBody?: Buffer;
  /** Set by the proxy when a streamed body went over `maxBodyBytes`. */
  bodyTooLarge = false;
  /** Aborts the upstream request; called by the proxy when the client goes away before the answer. */
  abandonUpstream?: { abort(): void };
  /** Set for a stream consumer's connection: what was delivered on it, for its analytics record. */
  streamed?: { messages: number; bytes: number };
  /** The raw request and response, kept only when detailed recording is on for the API or the key. */
  capture?: { request: Buffer[]; response: Buffer[] };

  constructor(
    readonly req: IncomingMessage,
    readonly spec: ApiSpec,
    path: string,
    query: string,
    readonly clientIp: string,
    readonly requestId: string,
    readonly startedAt: number,
  ) {
    this.method = (req.method ?? 'GET').toUpperCase();
    this.path = path;
    this.query = query;
    this.version = spec.versions.values().next().value as VersionSpec;
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  }
}
