/** An entry of the analytics stream as read: its id and its fields. */
export interface StreamEntry {
  id: string;
  fields: Record<string, string>;
}

/** An entry a sink could not take, as the dead-letter stream keeps it. */
export interface DeadLetter {
  /** Its id in the dead-letter stream. */
  id: string;
  /** The entry as it was, under its original id: a replay writes it under that id, so sinks dedupe it. */
  entry: StreamEntry;
  /** The sink's last error, or why the entry could not be read. */
  reason: string;
}

/**
 * The analytics stream as one sink's consumer group sees it (a Redis stream in production): reading,
 * acknowledging, dead letters and trimming. Each sink has its own group, so each acknowledges only what it
 * wrote and a slow sink never holds back another.
 */
export interface AnalyticsStream {
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
  /** This group's dead letters after the dead letter `after` ('' from the oldest), oldest first. */
  readDeadLetters(after: string, count: number): Promise<DeadLetter[]>;
  /** Deletes dead letters (by their dead-letter ids) once their entries have been written. */
  removeDeadLetters(ids: string[]): Promise<void>;
  /**
   * Deletes the entries every consumer group of the stream has acknowledged, and nothing else (gateways
   * never trim); returns how many.
   */
  trimAcknowledged(): Promise<number>;
  /** Entries of the stream not yet delivered to this group, or undefined when unknown. */
  lag(): Promise<number | undefined>;
  close(): Promise<void>;
}
