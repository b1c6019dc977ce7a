import type { StreamMessage } from '@gatehouse/gateway-storage';
import type { WebSocket } from 'ws';

import type { ConsumerCloseReason, ConsumerConnection } from './consumer';

/** Close codes: 1008 (policy) for a consumer cut off, 1012 (service restart) to say "reconnect". */
const CLOSE_CODES: Record<ConsumerCloseReason, number> = {
  slow: 1008,
  'stream-stopped': 1012,
  shutdown: 1001,
  unavailable: 1011,
};

/**
 * A consumer over a WebSocket. Plain frames carry the message as it is (as Tyk sends it); with
 * `envelope` (asked for, or implied by resuming) each frame is `{"id", "data"}` so the client knows
 * where to resume from, and a truncated resume is told as `{"event":"truncated"}`.
 */
export class WebSocketConnection implements ConsumerConnection {
  private inFlight = 0;

  constructor(
    private readonly socket: WebSocket,
    private readonly envelope: boolean,
  ) {}

  get unsent(): number {
    return this.inFlight;
  }

  send(message: StreamMessage): void {
    const frame = this.envelope ? JSON.stringify({ id: message.id, data: message.content }) : message.content;
    this.transmit(frame);
  }

  truncated(oldestKeptId: string | undefined): void {
    if (this.envelope) this.transmit(JSON.stringify({ event: 'truncated', oldest_id: oldestKeptId ?? null }));
  }

  close(reason: ConsumerCloseReason, detail: string): void {
    // A close reason is at most 123 bytes.
    this.socket.close(CLOSE_CODES[reason], detail.slice(0, 120));
    if (reason === 'slow') setTimeout(() => this.socket.terminate(), 1000).unref();
  }

  private transmit(frame: string): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.inFlight++;
    this.socket.send(frame, () => this.inFlight--);
  }
}
