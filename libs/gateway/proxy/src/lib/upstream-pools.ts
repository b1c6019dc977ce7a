import { Pool } from 'undici';

export interface UpstreamPoolOptions {
  /** Keep-alive connections per upstream origin. */
  connections: number;
  /** Time to first response byte before the request fails. */
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

/**
 * One undici keep-alive pool per upstream origin, created on first use and shared by every API that
 * targets that origin. Pools survive config reloads, so a reload never drops warm connections.
 */
export class UpstreamPools {
  private readonly pools = new Map<string, Pool>();

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
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
    this.pools.clear();
  }
}
