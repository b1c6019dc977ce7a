import { AnalyticsRecord, BoundedQueue } from '@gatehouse/gateway-core';
import type { Redis } from 'ioredis';

export interface AnalyticsWriterOptions {
  /** Redis stream the regional pump reads. */
  stream: string;
  /** Approximate cap on the stream's length (`XADD MAXLEN ~`), so Redis memory stays bounded too. */
  maxStreamLength: number;
  /** Records sent per pipeline; also the size that triggers an early flush. */
  batchSize: number;
  flushIntervalMs: number;
  /** Records held in memory while Redis is unreachable; beyond it the oldest are dropped. */
  bufferLimit: number;
}

export interface AnalyticsWriterMetrics {
  written(count: number): void;
  dropped(count: number): void;
}

/**
 * Takes records from the hot path without ever waiting: `record` only pushes into a bounded in-memory
 * queue. A timer drains it into the Redis stream in pipelined batches, yielding between batches so a
 * big backlog never stalls the event loop. When Redis fails, the batch goes back to the queue; what
 * does not fit is dropped and counted.
 */
export class AnalyticsStreamWriter {
  private readonly queue: BoundedQueue<string>;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;

  constructor(
    private readonly redis: Redis,
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
    if (this.queue.push(JSON.stringify(record))) this.metrics.dropped(1);
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
      const pipeline = this.redis.pipeline();
      for (const json of batch) {
        pipeline.xadd(this.options.stream, 'MAXLEN', '~', this.options.maxStreamLength, '*', 'r', json);
      }
      try {
        const results = (await pipeline.exec()) ?? [];
        const failed = results.filter(([error]) => error !== null).length;
        if (failed > 0) throw new Error(`${failed} XADD failed`);
        this.metrics.written(batch.length);
      } catch {
        const evicted = this.queue.unshift(batch);
        if (evicted > 0) this.metrics.dropped(evicted);
        return;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
