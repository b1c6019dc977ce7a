import type { AnnouncedRead, LogEntry, NodeStreamStatus } from '@gatehouse/shared-control-plane-db';
import type { OrgId } from '@gatehouse/shared-kernel';

export type { LogEntry };

/** Who is calling: established from the node token on every call, never from the request. */
export interface NodeGrant {
  orgId: OrgId;
  groupId: string;
  /** The group's tags as the control plane has them now. */
  tags: string[];
}

/** What a Watch reads from the control plane's change log. */
export interface ChangeLogReader {
  /** The newest revision handed out: a snapshot taken now is consistent up to it. */
  highestRev(): Promise<number>;
  /** Cursors below this cannot be resumed: tombstones they would need were purged. */
  oldestResumable(): Promise<number>;
  live(orgId: OrgId): Promise<{ apis: LogEntry[]; policies: LogEntry[] }>;
  /** Entries of every kind with `rev > after`, oldest first, at most `limit`. */
  entriesAfter(orgId: OrgId, after: number, limit: number): Promise<LogEntry[]>;
  /**
   * The same from the dashboard's announcements held in memory, when they can tell (AnnouncedChanges):
   * no database read. Undefined, or an undefined answer, means: read the log.
   */
  announcedAfter?(orgId: OrgId, after: number, limit: number): AnnouncedRead | undefined;
}

/** Wake-ups published by the dashboard on each write. */
export interface ChangeSignals {
  onChange(orgId: string, listener: () => void): () => void;
}

export interface StoredKey {
  rev: number;
  session: Record<string, unknown>;
}

export interface KeyReader {
  find(orgId: OrgId, keyHash: string): Promise<StoredKey | undefined>;
}

export interface NodeStatusReport {
  nodeId: string;
  version: string;
  appliedRev: number;
  configChecksum: string;
  requestsTotal: number;
  emergency: boolean;
  streams: NodeStreamStatus[];
}

export interface NodeStatusWriter {
  recordStatus(
    node: { orgId: string; groupId: string; nodeId: string; version: string },
    status: Omit<NodeStatusReport, 'nodeId' | 'version'>,
  ): Promise<void>;
}

/** Where regional analytics land on the control plane; a batch id is stored at most once. */
export interface AnalyticsSink {
  /** Returns false when this batch id was stored before (and nothing was written now). */
  storeOnce(source: { orgId: OrgId; groupId: string }, batchId: string, records: string[]): Promise<boolean>;
}
