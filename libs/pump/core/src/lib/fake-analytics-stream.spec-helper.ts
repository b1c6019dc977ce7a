import { sampleAnalyticsRecord } from '@gatehouse/shared-testing';
import { ANALYTICS_BATCH_FIELDS, AnalyticsRecord } from '@gatehouse/shared-tyk-compat';

import type { AnalyticsStream, DeadLetter, StreamEntry } from './analytics-stream';

/** A stream entry as a gateway flush writes it, holding records with these ids. */
export function entryOf(
  id: string,
  recordIds: string[],
  changes: Partial<AnalyticsRecord> = {},
): StreamEntry {
  const records = recordIds.map((recordId) => sampleAnalyticsRecord(recordId, changes));
  return {
    id,
    fields: {
      [ANALYTICS_BATCH_FIELDS.count]: String(records.length),
      [ANALYTICS_BATCH_FIELDS.records]: JSON.stringify(records),
    },
  };
}

/**
 * One consumer group of an in-memory stream, as Redis keeps it: new entries are handed out once and stay
 * pending for this consumer until acknowledged or dead-lettered. `stale` holds what a dead consumer left.
 */
export class FakeAnalyticsStream implements AnalyticsStream {
  /** Every call, in order, e.g. `readNew`, `ack 1-0 2-0`, `deadLetter 1-0: reason`. */
  readonly calls: string[] = [];
  readonly acked: string[] = [];
  readonly deadLetters: DeadLetter[] = [];
  readonly pending: StreamEntry[] = [];
  stale: StreamEntry[] = [];
  /** The next calls of these operations fail, once each time it is listed. */
  readonly failures: ('ensureGroup' | 'readNew')[] = [];
  closed = false;
  private readonly fresh: StreamEntry[] = [];
  private wake?: () => void;
  private deadLetterIds = 0;

  /** Adds entries to the stream, waking a blocked read. */
  append(...entries: StreamEntry[]): void {
    this.fresh.push(...entries);
    this.wake?.();
  }

  /** Puts an entry in the dead-letter stream, as a sink that failed it would have. */
  addDeadLetter(entry: StreamEntry, reason: string): DeadLetter {
    const letter = { id: `dead-${++this.deadLetterIds}`, entry, reason };
    this.deadLetters.push(letter);
    return letter;
  }

  async ensureGroup(): Promise<void> {
    this.calls.push('ensureGroup');
    this.failIfListed('ensureGroup');
  }

  async readPending(count: number): Promise<StreamEntry[]> {
    this.calls.push('readPending');
    return this.pending.slice(0, count);
  }

  async claimStale(_minIdleMs: number, count: number): Promise<StreamEntry[]> {
    this.calls.push('claimStale');
    const claimed = this.stale.splice(0, count);
    this.pending.push(...claimed);
    return claimed;
  }

  async readNew(count: number, blockMs: number): Promise<StreamEntry[]> {
    this.calls.push('readNew');
    this.failIfListed('readNew');
    if (this.fresh.length === 0 && blockMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, blockMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
    const read = this.fresh.splice(0, count);
    this.pending.push(...read);
    return read;
  }

  async ack(ids: string[]): Promise<void> {
    this.calls.push(`ack ${ids.join(' ')}`);
    this.acked.push(...ids);
    this.settle(ids);
  }

  async deadLetter(entries: StreamEntry[], reason: string): Promise<void> {
    this.calls.push(`deadLetter ${entries.map((entry) => entry.id).join(' ')}: ${reason}`);
    for (const entry of entries) this.addDeadLetter(entry, reason);
    this.settle(entries.map((entry) => entry.id));
  }

  async readDeadLetters(after: string, count: number): Promise<DeadLetter[]> {
    // As XRANGE from an exclusive id: `after` may have been deleted since.
    const sequence = (id: string) => Number(id.slice('dead-'.length));
    const start = after ? sequence(after) : 0;
    return this.deadLetters.filter((letter) => sequence(letter.id) > start).slice(0, count);
  }

  async removeDeadLetters(ids: string[]): Promise<void> {
    this.calls.push(`removeDeadLetters ${ids.join(' ')}`);
    for (const id of ids) {
      const index = this.deadLetters.findIndex((letter) => letter.id === id);
      if (index >= 0) this.deadLetters.splice(index, 1);
    }
  }

  async trimAcknowledged(): Promise<number> {
    return 0;
  }

  async lag(): Promise<number | undefined> {
    return this.fresh.length;
  }

  async close(): Promise<void> {
    this.calls.push('close');
    this.closed = true;
  }

  private settle(ids: string[]): void {
    for (const id of ids) {
      const index = this.pending.findIndex((entry) => entry.id === id);
      if (index >= 0) this.pending.splice(index, 1);
    }
  }

  private failIfListed(operation: 'ensureGroup' | 'readNew'): void {
    const index = this.failures.indexOf(operation);
    if (index < 0) return;
    this.failures.splice(index, 1);
    throw new Error(`${operation} refused`);
  }
}
