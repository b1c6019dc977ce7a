import type { StreamMessage } from '@gatehouse/gateway-storage';
import type { ServerResponse } from 'node:http';

import type { ConsumerCloseReason, ConsumerConnection } from './consumer';

/** Keeps idle connections open through proxies and load balancers that cut silent ones. */
const HEARTBEAT_MS = 15_000;

/** `data:` lines: a line break inside a message must not end the event early. */
function dataLines(content: string): string {
  return content
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}\n`)
    .join('');
}

/**
 * A consumer over Server-Sent Events. Each event carries the message's id, so a client that reconnects
 * (browsers do so by themselves) sends `Last-Event-ID` and resumes on any gateway of the region.
 */
export class SseConnection implements ConsumerConnection {
  private waiting = 0;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly res: ServerResponse,
    headers: Record<string, string>,
  ) {
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(': connected\n\n');
    res.on('drain', () => (this.waiting = 0));
    this.heartbeat = setInterval(() => this.write(': ping\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
    res.once('close', () => clearInterval(this.heartbeat));
  }

  get unsent(): number {
    return this.waiting;
  }

  send(message: StreamMessage): void {
    this.write(`id: ${message.id}\n${dataLines(message.content)}\n`);
  }

  truncated(oldestKeptId: string | undefined): void {
    const detail = {
      reason: 'older than retention: continuing from the oldest kept',
      oldest_id: oldestKeptId,
    };
    this.write(`event: truncated\ndata: ${JSON.stringify(detail)}\n\n`);
  }

  close(reason: ConsumerCloseReason, detail: string): void {
    clearInterval(this.heartbeat);
    if (!this.res.destroyed) this.res.end(`event: error\ndata: ${JSON.stringify({ reason, detail })}\n\n`);
  }

  /** Counts writes made while the socket's buffer is full: the measure of how far behind it is. */
  private write(chunk: string): void {
    if (this.res.destroyed) return;
    if (this.res.writableNeedDrain) this.waiting++;
    this.res.write(chunk);
  }
}
