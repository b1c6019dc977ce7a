import { compareStreamIds, StreamMessage } from '@gatehouse/gateway-storage';
import type { ContextValues, ProcessorSpec } from '@gatehouse/shared-streams';

import { runPipeline } from '../pipeline';

/** How a consumer's transport (SSE, WebSocket) writes: the consumer decides what and when. */
export interface ConsumerConnection {
  send(message: StreamMessage): void;
  /** Messages written but not yet handed to the socket: what a slow reader leaves behind. */
  readonly unsent: number;
  /** The consumer's resume id was older than retention: it continues from the oldest kept. */
  truncated(oldestKeptId: string | undefined): void;
  close(reason: ConsumerCloseReason, detail: string): void;
}

export type ConsumerCloseReason = 'slow' | 'stream-stopped' | 'shutdown' | 'unavailable';

export interface ConsumerOptions {
  /** Messages that may wait unsent before the consumer is cut off. */
  buffer: number;
  /** Set when the stream's processors run for each consumer, with its own context. */
  perConsumer?: { processors: readonly ProcessorSpec[]; context: ContextValues };
  /** Resume after this id (SSE `Last-Event-ID`, the WebSocket's `last_event_id`). */
  resumeAfter?: string;
  /** Who the consumer is for the per-key connection limit. */
  owner: string;
  /** Shared delivery: messages come from a consumer group, claimed ones out of order; no id checks. */
  shared?: boolean;
}

export interface ConsumerEvents {
  delivered(bytes: number): void;
  filtered(outcome: 'dropped' | 'failed'): void;
  closed(reason: ConsumerCloseReason): void;
}

/**
 * One connected consumer of a stream's `http_server` output. It receives each message once, in id
 * order, whether it comes from the region's log while catching up or live from the tail (ids at or
 * before the last one delivered are skipped). While it catches up, live messages wait in a queue
 * bounded by the buffer; past it they are dropped from the queue and read again from the log.
 */
export class Consumer {
  private lastId?: string;
  private live = false;
  private queue: StreamMessage[] = [];
  /** Live messages were dropped from the queue during catch-up: read the log again before going live. */
  overflowed = false;
  closed = false;

  constructor(
    private readonly connection: ConsumerConnection,
    readonly options: ConsumerOptions,
    private readonly events: ConsumerEvents,
  ) {
    this.lastId = options.resumeAfter;
  }

  /** Live, open and with room in its buffer: shared delivery may hand it a message. */
  get ready(): boolean {
    return this.live && !this.closed && this.connection.unsent < this.options.buffer;
  }

  /** A live message from the tail. */
  offer(message: StreamMessage): void {
    if (this.closed) return;
    if (this.live) {
      this.deliver(message);
      return;
    }
    if (this.queue.length >= this.options.buffer) {
      this.queue = [];
      this.overflowed = true;
    } else this.queue.push(message);
  }

  /** A message read from the log while catching up. */
  deliver(message: StreamMessage): void {
    if (this.closed) return;
    if (!this.options.shared && this.lastId !== undefined && compareStreamIds(message.id, this.lastId) <= 0)
      return;
    this.lastId = message.id;
    const perConsumer = this.options.perConsumer;
    let outgoing = message;
    if (perConsumer) {
      const outcome = runPipeline(perConsumer.processors, message, perConsumer.context);
      if (outcome.kind !== 'message') {
        this.events.filtered(outcome.kind);
        return;
      }
      outgoing = { id: message.id, ...outcome.message };
    }
    if (this.connection.unsent >= this.options.buffer) {
      this.close('slow', `consumer too slow: ${this.options.buffer} messages waiting to be sent`);
      return;
    }
    this.connection.send(outgoing);
    this.events.delivered(Buffer.byteLength(outgoing.content));
  }

  truncated(oldestKeptId: string | undefined): void {
    if (!this.closed) this.connection.truncated(oldestKeptId);
  }

  /** Caught up with the log: deliver what queued meanwhile, then everything as it comes. */
  goLive(): void {
    const queued = this.queue;
    this.queue = [];
    this.live = true;
    for (const message of queued) this.deliver(message);
  }

  close(reason: ConsumerCloseReason, detail: string): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    this.connection.close(reason, detail);
    this.events.closed(reason);
  }

  /** The client went away: nothing to tell it. */
  disconnected(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
  }
}
