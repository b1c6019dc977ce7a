import { passesFilters, RecordFilters } from './record-filters';
import { RecordShaping, shapeRecord } from './record-shaping';
import type { AnalyticsBatch, Sink } from './sink';
import { parseEntry } from './stream-entries';
import type { AnalyticsStreamPort, StreamEntry } from './stream-port';

export interface SinkRunnerOptions {
  /** Stream entries handed to the sink per write. */
  entriesPerWrite: number;
  blockMs: number;
  /** Entries another consumer left unacknowledged this long are taken over (that pump died). */
  claimIdleMs: number;
  /** Writes of one batch before it goes to the dead-letter stream. */
  maxAttempts: number;
  /** First retry delay; doubles each attempt up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
  filters: RecordFilters;
  shaping: RecordShaping;
  /** A write still running after this long counts as failed (Tyk pump's `timeout`); 0: no limit. */
  writeTimeoutMs: number;
}

/** Counts per sink, for the pump's metrics. */
export interface SinkRunnerMetrics {
  recordsIn(count: number): void;
  recordsOut(count: number): void;
  /** Records a sink's filters left out (not an error). */
  filtered(count: number): void;
  retried(): void;
  deadLettered(entries: number): void;
}

export interface RunnerLogger {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * Drives one sink from its consumer group: first what this consumer was given before a crash, then
 * what dead consumers left behind, then new entries. A write is retried with backoff and acknowledged
 * only once the sink has it; after `maxAttempts` the entries go to the dead-letter stream with the error.
 */
export class SinkRunner {
  private stopped = false;
  private loop?: Promise<void>;
  private sleeping?: () => void;

  constructor(
    private readonly sink: Sink,
    private readonly stream: AnalyticsStreamPort,
    private readonly options: SinkRunnerOptions,
    private readonly metrics: SinkRunnerMetrics,
    private readonly logger: RunnerLogger,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Finishes the write in progress (it is acknowledged if it succeeds) and stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.sleeping?.();
    await this.loop;
    await this.stream.close();
    await this.sink.close?.();
  }

  /** Processes everything available once, without the background loop (specs drive the runner this way). */
  async drainOnce(): Promise<number> {
    await this.stream.ensureGroup();
    let handled = 0;
    for (;;) {
      const entries = await this.next(0);
      if (entries.length === 0) return handled;
      await this.deliver(entries);
      handled += entries.length;
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.stream.ensureGroup();
        break;
      } catch (error) {
        this.logger.warn(
          { sink: this.sink.name, err: (error as Error).message },
          'analytics stream unavailable',
        );
        await this.sleep(this.options.backoffMs);
      }
    }
    while (!this.stopped) {
      try {
        const entries = await this.next(this.options.blockMs);
        if (entries.length > 0) await this.deliver(entries);
      } catch (error) {
        this.logger.warn(
          { sink: this.sink.name, err: (error as Error).message },
          'reading the analytics stream failed',
        );
        await this.sleep(this.options.backoffMs);
      }
    }
  }

  private async next(blockMs: number): Promise<StreamEntry[]> {
    const count = this.options.entriesPerWrite;
    const pending = await this.stream.readPending(count);
    if (pending.length > 0) return pending;
    const stale = await this.stream.claimStale(this.options.claimIdleMs, count);
    if (stale.length > 0) return stale;
    return this.stream.readNew(count, blockMs);
  }

  private async deliver(entries: StreamEntry[]): Promise<void> {
    const batches: AnalyticsBatch[] = [];
    const readable: StreamEntry[] = [];
    for (const entry of entries) {
      const parsed = parseEntry(entry);
      if ('unreadable' in parsed) {
        await this.stream.deadLetter([entry], parsed.unreadable);
        this.metrics.deadLettered(1);
        continue;
      }
      this.metrics.recordsIn(parsed.records.length);
      const kept = parsed.records
        .filter((record) => passesFilters(record, this.options.filters))
        .map((record) => shapeRecord(record, this.options.shaping));
      this.metrics.filtered(parsed.records.length - kept.length);
      readable.push(entry);
      if (kept.length > 0) batches.push({ ...parsed, records: kept });
    }
    if (readable.length === 0) return;
    const outcome = batches.length > 0 ? await this.writeWithRetries(batches) : { written: true as const };
    if ('abandoned' in outcome) return;
    if ('failed' in outcome) {
      await this.stream.deadLetter(readable, outcome.failed);
      this.metrics.deadLettered(readable.length);
      return;
    }
    await this.stream.ack(readable.map((entry) => entry.id));
    this.metrics.recordsOut(batches.reduce((sum, batch) => sum + batch.records.length, 0));
  }

  /**
   * Written, failed `maxAttempts` times (with the last error), or abandoned because the pump is
   * stopping: abandoned entries stay unacknowledged and are redelivered when the pump starts again.
   */
  private async writeWithRetries(
    batches: AnalyticsBatch[],
  ): Promise<{ written: true } | { failed: string } | { abandoned: true }> {
    let delay = this.options.backoffMs;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.timed(this.sink.write(batches));
        return { written: true };
      } catch (error) {
        const message = (error as Error).message;
        if (attempt >= this.options.maxAttempts) {
          this.logger.error(
            { sink: this.sink.name, err: message, attempt },
            'sink write failed; dead-lettering',
          );
          return { failed: message };
        }
        if (this.stopped) return { abandoned: true };
        this.logger.warn({ sink: this.sink.name, err: message, attempt }, 'sink write failed; retrying');
        this.metrics.retried();
        await this.sleep(delay);
        delay = Math.min(this.options.maxBackoffMs, delay * 2);
      }
    }
  }

  /**
   * A write that outlives the timeout is retried; if it completes late anyway, the retry is a
   * redelivery, which sinks handle as they handle any other.
   */
  private async timed(write: Promise<void>): Promise<void> {
    if (this.options.writeTimeoutMs <= 0) return write;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`write took longer than ${this.options.writeTimeoutMs} ms`)),
        this.options.writeTimeoutMs,
      );
    });
    write.catch(() => undefined);
    try {
      await Promise.race([write, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.sleeping = done;
    });
  }
}
