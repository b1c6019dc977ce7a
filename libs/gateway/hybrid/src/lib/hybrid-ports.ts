import type { SessionState } from '@gatehouse/shared-tyk-compat';

/** Where the sealed emergency snapshot lives (regional Redis). */
export interface SnapshotStore {
  read(): Promise<string | undefined>;
  write(cursor: number, blob: string): Promise<boolean>;
}

/** Regional copies of keys (Tyk sessions in Redis), by key hash. */
export interface RegionalSessions {
  find(keyId: string): Promise<{ session: SessionState } | undefined>;
  /** Stores a copy of a control-plane key with its revision there. */
  saveCopy(keyId: string, session: Record<string, unknown>, rev: number): Promise<void>;
  /** Drops the copy unless it is already at `rev` or newer; true when dropped. */
  dropCopy(keyId: string, rev: number): Promise<boolean>;
  delete(keyId: string): Promise<boolean>;
  listIds(): Promise<string[]>;
}

/** Where the gateway's in-process key cache is told to forget a key. */
export interface KeyCache {
  invalidate(keyIds: readonly string[]): void;
  clear(): void;
}
