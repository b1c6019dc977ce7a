import { BoundedQueue } from '@gatehouse/gateway-core';
import { ANALYTICS_BATCH_FIELDS, AnalyticsRecord } from '@gatehouse/shared-tyk-compat';
import type { RedisConnection } from './redis-connection';

export interface AnalyticsWriterOptions {
  /** Redis stream the regional pump reads. */
  stream: string;
  /**
   * Cap on the stream's length in entries, so Redis memory stays bounded. A batch that would exceed it
   * is dropped and counted, never silently trimmed away: pumps trim what every sink has acknowledged.
   */
  maxStreamLength: number;
  /** Records per stream entry; also the buffered count that triggers an early flush. */
  batchSize: number;
  flushIntervalMs: number;
  /** Records held in memory while Redis is unreachable; beyond it the oldest are dropped. */
  bufferLimit: number;
}

/** Adds the entry only while the stream is under its cap; 0 when full. */
const ADD_UNDER_CAP = `
if redis.call('XLEN', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('XADD', KEYS[1], '*', ARGV[2], ARGV[3], ARGV[4], ARGV[5])
return 1
`;

export interface AnalyticsWriterMetrics {
  written(count: number): void;
  dropped(count: number): void;
}

/**
 * Takes records from the hot path without ever waiting or serialising: `record` only pushes the object
 * into a bounded in-memory queue. A timer drains it into the Redis stream, one entry per batch (one
 * JSON array, one XADD), which costs Redis and the event loop a fraction of an entry per record, and
 * yields between batches so a backlog never stalls the loop. When Redis fails, the batch goes back to
 * the queue; what does not fit is dropped and counted, as is a batch refused because the stream is full.
 */
export class AnalyticsStreamWriter {
  private readonly queue: BoundedQueue<AnalyticsRecord>;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;

  constructor(
    private readonly redis: RedisConnection,
    private readonly options: AnalyticsWriterOptions,
    private readonly metrics: AnalyticsWriterMetrics,
  ) {
    this.queue = new BoundedQueue(options.bufferLimit);
  }

  get buffered(): number {
    return this.queue.size;
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.timer.unref();
  }

  record(record: AnalyticsRecord): void {
    if (this.queue.push(record)) this.metrics.dropped(1);
    if (this.queue.size >= this.options.batchSize && !this.flushing) void this.flush();
  }

  /** Writes everything buffered (used by the timer, by tests and on shutdown). */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  private async drain(): Promise<void> {
    while (this.queue.size > 0) {
      const batch = this.queue.take(this.options.batchSize);
      try {
        const added = await this.redis.eval(
          ADD_UNDER_CAP,
          1,
          this.options.stream,
          this.options.maxStreamLength,
          ANALYTICS_BATCH_FIELDS.count,
          batch.length,
          ANALYTICS_BATCH_FIELDS.records,
          JSON.stringify(batch),
        );
        if (added === 1) this.metrics.written(batch.length);
        else this.metrics.dropped(batch.length);
      } catch {
        const evicted = this.queue.unshift(batch);
        if (evicted > 0) this.metrics.dropped(evicted);
        return;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
