import type { WebsocketInput } from '@gatehouse/shared-streams';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';

import type { ConnectorContext, Ingest, InputConnector } from './connector-types';

const MAX_FRAME_BYTES = 1024 * 1024;

/**
 * Bento's `websocket` input: a client of an upstream WebSocket, each frame one message. It reconnects
 * with backoff while the stream runs. The stream runs it on one gateway of the region at a time (a
 * lease in the regional Redis), so the region reads the upstream once.
 */
export class WebSocketInputConnector implements InputConnector {
  private socket?: WebSocket;
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly config: WebsocketInput,
    private readonly ingest: Ingest,
    private readonly context: ConnectorContext,
  ) {}

  async start(): Promise<void> {
    this.running = true;
    this.loop = this.connectLoop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.socket?.terminate();
    await this.loop;
  }

  private async connectLoop(): Promise<void> {
    for (let attempt = 0; this.running; attempt++) {
      const opened = await this.session();
      if (opened) attempt = 0;
      if (this.running) await sleep(Math.min(30_000, 250 * 2 ** Math.min(attempt, 7)));
    }
  }

  /** One connection, until it closes; true if it opened. */
  private session(): Promise<boolean> {
    return new Promise((resolve) => {
      let opened = false;
      const socket = new WebSocket(this.config.url, {
        maxPayload: MAX_FRAME_BYTES,
        rejectUnauthorized: !(this.config.tls?.skip_cert_verify ?? false),
        handshakeTimeout: 10_000,
      });
      this.socket = socket;
      socket.on('open', () => {
        opened = true;
        if (this.config.open_message !== undefined)
          socket.send(this.config.open_message, { binary: this.config.open_message_type === 'binary' });
      });
      socket.on('message', (data: Buffer) => {
        this.ingest(data.toString('utf8'), { websocket_url: this.config.url }).catch((error: Error) =>
          this.context.reportError(error),
        );
      });
      socket.on('error', (error) => this.context.reportError(error));
      socket.on('close', () => resolve(opened));
    });
  }
}
