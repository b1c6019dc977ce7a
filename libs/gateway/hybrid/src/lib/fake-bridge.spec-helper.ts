import type { StructuredLogger } from '@gatehouse/shared-observability';
import type {
  GetKeyResponse,
  HandshakeResponse,
  ReportStatusRequest,
  ReportStatusResponse,
  WatchRequest,
  WatchResponse,
} from '@gatehouse/shared-proto';
import { EventEmitter } from 'node:events';

import type { BridgeConnection, WatchStream } from './hybrid-ports';

export const KEY = Buffer.alloc(32, 7);

export function handshakeAnswer(overrides: Partial<HandshakeResponse> = {}): HandshakeResponse {
  return {
    sessionId: 's',
    orgId: 'acme',
    groupId: 'eu',
    tags: [],
    serverTimeMs: Date.now(),
    bridgeVersion: 'test',
    keyHashing: { algorithm: 'hmac-sha256', key: KEY },
    ...overrides,
  };
}

/** A Watch stream the spec drives: it pushes messages and ends or breaks it. */
export class FakeStream extends EventEmitter implements WatchStream {
  cancelled = false;

  push(message: WatchResponse): void {
    this.emit('data', message);
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.emit('error', new Error('cancelled'));
  }
}

/** A bridge connection whose answers the spec sets; it records what the gateway asked. */
export class FakeConnection implements BridgeConnection {
  readonly streams: FakeStream[] = [];
  readonly watched: WatchRequest[] = [];
  readonly reports: ReportStatusRequest[] = [];
  handshakeResult: HandshakeResponse | Error = handshakeAnswer();
  closed = false;

  constructor(readonly address: string) {}

  async handshake(): Promise<HandshakeResponse> {
    if (this.handshakeResult instanceof Error) throw this.handshakeResult;
    return this.handshakeResult;
  }

  watch(request: WatchRequest): WatchStream {
    const stream = new FakeStream();
    this.watched.push(request);
    this.streams.push(stream);
    return stream;
  }

  async getKey(): Promise<GetKeyResponse> {
    throw new Error('not used here');
  }

  async reportStatus(request: ReportStatusRequest): Promise<ReportStatusResponse> {
    this.reports.push(request);
    return { serverTimeMs: Date.now() };
  }

  close(): void {
    this.closed = true;
  }
}

/** Every connection the link opened, in order, by address. */
export class FakeBridges {
  readonly opened: FakeConnection[] = [];
  /** Set to shape each new connection before the link uses it. */
  prepare: (connection: FakeConnection) => void = () => undefined;

  readonly connect = (address: string): FakeConnection => {
    const connection = new FakeConnection(address);
    this.prepare(connection);
    this.opened.push(connection);
    return connection;
  };

  get last(): FakeConnection {
    return this.opened[this.opened.length - 1];
  }
}

export const silentLogger: StructuredLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export function entity(id: string, rev: number) {
  return { id, rev, documentJson: JSON.stringify({ api_id: id, rev }) };
}
