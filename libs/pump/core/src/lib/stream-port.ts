/** An entry of the analytics stream as read: its id and its fields. */
export interface StreamEntry {
  id: string;
  fields: Record<string, string>;
}

/**
 * The analytics stream as one sink's consumer group sees it (a Redis stream in production). Each sink
 * has its own group, so each acknowledges only what it wrote and a slow sink never holds back another.
 */
export interface AnalyticsStreamPort {
  ensureGroup(): Promise<void>;
  /** Entries this consumer was given before and has not acknowledged (after a crash). */
  readPending(count: number): Promise<StreamEntry[]>;
  /** Entries other consumers of the group were given and left unacknowledged for `minIdleMs`. */
  claimStale(minIdleMs: number, count: number): Promise<StreamEntry[]>;
  /** New entries, waiting up to `blockMs` for some. */
  readNew(count: number, blockMs: number): Promise<StreamEntry[]>;
  ack(ids: string[]): Promise<void>;
  /** Moves entries to the dead-letter stream with the reason, then acknowledges them. */
  deadLetter(entries: StreamEntry[], reason: string): Promise<void>;
  /** Entries of the stream not yet delivered to this group, or undefined when unknown. */
  lag(): Promise<number | undefined>;
  close(): Promise<void>;
}
