import type { ResumedRead, StreamRetention, TailListener } from '@gatehouse/gateway-storage';
import type { SourcePosition } from '@gatehouse/shared-streams';

import type { Lease } from './leased-input';
import type { GroupReader } from './output-worker';

export type {
  ConnectorContext,
  ConnectorFactory,
  Ingest,
  InputConnector,
  OutputConnector,
} from '@gatehouse/gateway-stream-connectors';

/** One stream's messages in the regional Redis (a `StreamMessageLog`). */
export interface MessageLog {
  readonly key: string;
  /** The new id, or undefined when `position` is at or before the last appended from its source. */
  append(
    content: string,
    meta?: Record<string, string>,
    position?: SourcePosition,
  ): Promise<string | undefined>;
  resume(lastSeenId: string, count: number): Promise<ResumedRead>;
}

/** The gateway's reader of new messages across every stream it serves consumers (a `StreamTail`). */
export interface MessageTail {
  follow(key: string, listener: TailListener, fromId?: string): Promise<() => void>;
}

export interface StreamStorage {
  log(key: string, retention: StreamRetention): MessageLog;
  /** An output's consumer group on a log, read by the region's gateways together. */
  group(key: string, group: string, consumer: string): GroupReader;
  /** A lease at most one gateway of the region holds at a time. */
  lease(key: string, holder: string, ttlMs: number): Lease;
  readonly tail: MessageTail;
}
