import type { StreamMessage } from '@gatehouse/gateway-storage';
import type { ServerResponse } from 'node:http';

import type { ConsumerCloseReason, ConsumerConnection } from '../consumers/consumer';
import { refuse } from './json-answer';

/**
 * A long poll: `GET <path>` answers with the next message (after `?after=<id>` when given, else after
 * now) as its body, its id in `X-Gatehouse-Message-Id`, or 204 when none arrived within the output's
 * `timeout`. A client that polls in a loop passes back the last id and misses nothing within retention.
 */
export class LongPollConnection implements ConsumerConnection {
  readonly unsent = 0;
  private truncatedFrom?: string;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly res: ServerResponse,
    private readonly headers: Record<string, string>,
    timeoutMs: number,
    private readonly done: () => void,
  ) {
    this.timer = setTimeout(() => this.finish(204, ''), timeoutMs);
    res.once('close', () => clearTimeout(this.timer));
  }

  send(message: StreamMessage): void {
    this.finish(200, message.content, {
      'Content-Type': message.meta['content_type'] || 'application/octet-stream',
      'X-Gatehouse-Message-Id': message.id,
    });
  }

  truncated(oldestKeptId: string | undefined): void {
    this.truncatedFrom = oldestKeptId ?? '';
  }

  close(_reason: ConsumerCloseReason, detail: string): void {
    clearTimeout(this.timer);
    refuse(this.res, 503, detail, this.headers);
    this.done();
  }

  private finish(status: number, body: string, extra: Record<string, string> = {}): void {
    clearTimeout(this.timer);
    if (!this.res.headersSent && !this.res.destroyed) {
      const truncated = this.truncatedFrom === undefined ? {} : { 'X-Gatehouse-Truncated': 'true' };
      this.res.writeHead(status, {
        ...this.headers,
        ...extra,
        ...truncated,
        'Cache-Control': 'no-store',
        'Content-Length': String(Buffer.byteLength(body)),
      });
      this.res.end(body);
    }
    this.done();
  }
}
