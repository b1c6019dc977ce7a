import type { ConnectionOptions } from 'node:tls';
import { Pool } from 'undici';

export interface UpstreamPoolOptions {
  /** Keep-alive connections per upstream origin. */
  connections: number;
  /** Time to first response byte before the request fails. */
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /**
   * Requests to one origin in flight or queued at most; past it the gateway answers 503 at once, so a
   * hanging upstream holds a bounded share of the gateway, never all of its memory and sockets.
   */
  maxRequestsPerOrigin: number;
  /**
   * TLS to https upstreams (Tyk's `proxy_ssl_*`): CAs to trust, versions, cipher suites, and whether
   * certificates are checked at all. Node's defaults (system roots, verified) when absent.
   */
  tls?: Pick<ConnectionOptions, 'ca' | 'minVersion' | 'maxVersion' | 'ciphers' | 'rejectUnauthorized'>;
}

/**
 * One undici keep-alive pool per upstream origin, created on first use and shared by every API that
 * targets that origin. Pools survive config reloads, so a reload never drops warm connections.
 */
export class UpstreamPools {
  private readonly pools = new Map<string, Pool>();
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly options: UpstreamPoolOptions) {}

  get(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.options.connections,
        pipelining: 1,
        headersTimeout: this.options.headersTimeoutMs,
        bodyTimeout: this.options.bodyTimeoutMs,
        keepAliveTimeout: 30_000,
        connect: this.options.tls,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  /** Takes a request slot of the origin; false when the origin already has its maximum in flight. */
  acquire(origin: string): boolean {
    const current = this.inFlight.get(origin) ?? 0;
    if (current >= this.options.maxRequestsPerOrigin) return false;
    this.inFlight.set(origin, current + 1);
    return true;
  }

  release(origin: string): void {
    const current = this.inFlight.get(origin) ?? 0;
    if (current <= 1) this.inFlight.delete(origin);
    else this.inFlight.set(origin, current - 1);
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
    this.pools.clear();
  }
}
