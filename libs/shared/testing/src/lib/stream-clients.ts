import WebSocket from 'ws';

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/** A real Server-Sent Events client over fetch: collects events until closed. */
/** Used by the gateway's stream specs and the streams e2e suite. */
export class SseClient {
  readonly events: SseEvent[] = [];
  status = 0;
  private readonly abort = new AbortController();
  readonly done: Promise<void>;
  private opened!: () => void;
  readonly ready = new Promise<void>((resolve) => (this.opened = resolve));

  constructor(url: string, headers: Record<string, string> = {}) {
    this.done = this.read(url, headers).catch(() => undefined);
  }

  data(): string[] {
    return this.events.filter((event) => event.event === undefined).map((event) => event.data);
  }

  close(): void {
    this.abort.abort();
  }

  private async read(url: string, headers: Record<string, string>): Promise<void> {
    const response = await fetch(url, { headers, signal: this.abort.signal });
    this.status = response.status;
    this.opened();
    if (!response.ok || !response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: SseEvent = { data: '' };
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue;
          const [field, ...rest] = line.split(': ');
          const value = rest.join(': ');
          if (field === 'id') event.id = value;
          else if (field === 'event') event.event = value;
          else if (field === 'data') data.push(value);
        }
        if (data.length === 0 && event.id === undefined) continue;
        event.data = data.join('\n');
        this.events.push(event);
      }
    }
  }
}

/** A WebSocket consumer that keeps every frame and how it closed. */
export class WsClient {
  readonly frames: string[] = [];
  closeCode?: number;
  closeReason?: string;
  readonly socket: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<void>;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.socket = new WebSocket(url, { headers });
    this.socket.on('message', (data: Buffer) => this.frames.push(data.toString('utf8')));
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`handshake refused with ${res.statusCode}`)),
      );
      this.socket.once('error', reject);
    });
    this.closed = new Promise((resolve) =>
      this.socket.once('close', (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString();
        resolve();
      }),
    );
  }

  close(): void {
    this.socket.close();
  }
}
