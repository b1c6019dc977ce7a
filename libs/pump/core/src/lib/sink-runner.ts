import type { StructuredLogger } from '@gatehouse/shared-observability';

import type { AnalyticsStream, StreamEntry } from './analytics-stream';
import { passesFilters, RecordFilters } from './record-filters';
import { RecordShaping, shapeRecord } from './record-shaping';
import type { AnalyticsBatch, Sink } from './sink';
import { parseEntry } from './stream-entries';

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

/** What becomes of entries once the sink has them, or once they are refused for good. */
interface Settlement {
  delivered(entries: StreamEntry[]): Promise<void>;
  refused(entries: StreamEntry[], reason: string): Promise<void>;
}

type WriteOutcome = { written: true } | { failed: string } | { abandoned: true };

/**
 * Drives one sink from its consumer group: first what this consumer was given before a crash, then
 * what dead consumers left behind, then new entries. A write is retried with backoff and acknowledged
 * only once the sink has it; after `maxAttempts` the entries go to the dead-letter stream with the error.
 * Dead letters are replayed through the same path.
 */
export class SinkRunner {
  private stopped = false;
  private loop?: Promise<void>;
  private sleeping?: () => void;
  private readonly live: Settlement = {
    delivered: (entries) => this.stream.ack(entries.map((entry) => entry.id)),
    refused: async (entries, reason) => {
      await this.stream.deadLetter(entries, reason);
      this.metrics.deadLettered(entries.length);
      this.logger.error(
        { sink: this.sink.name, entries: entries.length, err: reason },
        'entries dead-lettered',
      );
    },
  };

  constructor(
    private readonly sink: Sink,
    private readonly stream: AnalyticsStream,
    private readonly options: SinkRunnerOptions,
    private readonly metrics: SinkRunnerMetrics,
    private readonly logger: StructuredLogger,
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
      await this.deliver(entries, this.live);
      handled += entries.length;
    }
  }

  /**
   * Writes this sink's dead letters again, as live entries are written (filters, shaping, retries with
   * backoff, metrics) and under their original entry ids, so idempotent sinks write each once. A dead
   * letter is deleted once written; one that fails again or still cannot be read stays. Returns how many
   * were written.
   */
  async replayDeadLetters(): Promise<number> {
    let after = '';
    let replayed = 0;
    while (!this.stopped) {
      const letters = await this.stream.readDeadLetters(after, this.options.entriesPerWrite);
      if (letters.length === 0) break;
      after = letters[letters.length - 1].id;
      const delivered = await this.deliver(
        letters.map((letter) => letter.entry),
        {
          delivered: (entries) =>
            this.stream.removeDeadLetters(
              letters.filter((letter) => entries.includes(letter.entry)).map((letter) => letter.id),
            ),
          refused: async (entries, reason) =>
            this.logger.warn(
              { sink: this.sink.name, entries: entries.map((entry) => entry.id), err: reason },
              'replay failed; the dead letters stay',
            ),
        },
      );
      replayed += delivered.length;
    }
    return replayed;
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
        if (entries.length > 0) await this.deliver(entries, this.live);
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

  /**
   * Filters and shapes the entries' records, writes them and settles the entries: delivered once
   * written (or when the filters left nothing to write), refused when unreadable or after the last
   * attempt. Returns the delivered entries.
   */
  private async deliver(entries: StreamEntry[], settlement: Settlement): Promise<StreamEntry[]> {
    const batches: AnalyticsBatch[] = [];
    const readable: StreamEntry[] = [];
    for (const entry of entries) {
      const parsed = parseEntry(entry);
      if ('unreadable' in parsed) {
        await settlement.refused([entry], parsed.unreadable);
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
    if (readable.length === 0) return [];
    const outcome: WriteOutcome =
      batches.length > 0 ? await this.writeWithRetries(batches) : { written: true };
    if ('abandoned' in outcome) return [];
    if ('failed' in outcome) {
      await settlement.refused(readable, outcome.failed);
      return [];
    }
    await settlement.delivered(readable);
    this.metrics.recordsOut(batches.reduce((sum, batch) => sum + batch.records.length, 0));
    return readable;
  }

  /**
   * Written, failed `maxAttempts` times (with the last error), or abandoned because the pump is
   * stopping: abandoned entries stay unacknowledged and are redelivered when the pump starts again.
   */
  private async writeWithRetries(batches: AnalyticsBatch[]): Promise<WriteOutcome> {
    let delay = this.options.backoffMs;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.timed(this.sink.write(batches));
        return { written: true };
      } catch (error) {
        const message = (error as Error).message;
        if (attempt >= this.options.maxAttempts) return { failed: message };
        if (this.stopped) return { abandoned: true };
        this.logger.warn({ sink: this.sink.name, err: message, attempt }, 'sink write failed; retrying');
        this.metrics.retried();
        await this.sleep(delay);
        if (this.stopped) return { abandoned: true };
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

  /** Waits `ms`, or less when the runner is told to stop. */
  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
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
