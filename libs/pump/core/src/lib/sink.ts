import type { AnalyticsRecord } from '@gatehouse/shared-tyk-compat';

/** One stream entry's records: a gateway's flush, or a region's batch forwarded by a bridge. */
export interface AnalyticsBatch {
  /** The stream entry id: unique in its stream, so sinks can write idempotently by it. */
  entryId: string;
  records: AnalyticsRecord[];
  /** The gateway group the records came from, on the control plane's stream ('' in a region). */
  region: string;
}

/**
 * Where analytics go. `write` must be idempotent for a batch it has seen (the runner redelivers after a
 * crash or a failed write) and must throw when it has not durably written everything.
 */
export interface Sink {
  readonly name: string;
  write(batches: AnalyticsBatch[]): Promise<void>;
  close?(): Promise<void>;
}
