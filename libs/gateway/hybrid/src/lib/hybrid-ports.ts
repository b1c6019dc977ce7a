import type {
  GetKeyRequest,
  GetKeyResponse,
  HandshakeRequest,
  HandshakeResponse,
  ReportStatusRequest,
  ReportStatusResponse,
  WatchRequest,
  WatchResponse,
} from '@gatehouse/shared-proto';
import type { SessionState } from '@gatehouse/shared-tyk-compat';

/** A Watch stream as the link reads it (a gRPC server stream). */
export interface WatchStream {
  on(event: 'data', listener: (message: WatchResponse) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  cancel(): void;
}

/** One connection to one bridge: the calls a gateway makes (BridgeClient, or a fake in unit specs). */
export interface BridgeConnection {
  readonly address: string;
  handshake(request: HandshakeRequest): Promise<HandshakeResponse>;
  watch(request: WatchRequest): WatchStream;
  getKey(request: GetKeyRequest): Promise<GetKeyResponse>;
  reportStatus(request: ReportStatusRequest): Promise<ReportStatusResponse>;
  close(): void;
}

/** Opens a connection to a bridge address with the node token. */
export type BridgeConnector = (address: string) => BridgeConnection;

/** Where the sealed emergency snapshot lives (regional Redis). */
export interface SnapshotStore {
  read(): Promise<string | undefined>;
  write(cursor: number, blob: string): Promise<boolean>;
}

/** Regional copies of keys (Tyk sessions in Redis), by key hash. */
export interface RegionalSessions {
  /** The session and its version; `{ unchanged: true }` when it still has version `known`. */
  lookup(
    keyId: string,
    known?: string,
  ): Promise<{ session: SessionState; version?: string } | { unchanged: true } | undefined>;
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
