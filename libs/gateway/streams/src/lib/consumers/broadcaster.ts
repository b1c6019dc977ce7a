import { compareStreamIds, StreamMessage } from '@gatehouse/gateway-storage';
import { performance } from 'node:perf_hooks';

import type { MessageLog } from '../ports';
import type { Consumer } from './consumer';

/** How long broadcasting runs before it yields to the event loop (requests and other streams). */
const TURN_MS = 5;
/** Consumers served between two looks at the clock. */
const CONSUMERS_PER_CHECK = 50;
/** Messages waiting to be handed out before new ones are left in the log and read back later. */
const MAX_WAITING_MESSAGES = 10_000;
const RECOVERY_PAGE = 500;

/** The id just before `id`, so a read after it starts at `id`. */
function idBefore(id: string): string {
  const [ms, seq] = id.split('-').map(BigInt);
  return seq > 0n ? `${ms}-${seq - 1n}` : `${ms - 1n}-18446744073709551615`;
}

interface Batch {
  messages: StreamMessage[];
  /** Who gets it, fixed when its turn comes: a consumer that joins later starts after it. */
  consumers?: Consumer[];
}

/**
 * Hands each batch from the tail to every consumer of the stream on this gateway, in order, yielding to
 * the event loop every TURN_MS (500 messages to 1,000 consumers in one go held it for 400 ms). When the
 * gateway cannot keep up, what waits is bounded: past MAX_WAITING_MESSAGES, new batches are not queued
 * but read back from the region's log once the queue has drained, so memory stays bounded and nothing
 * is skipped (consumers drop any id they already have).
 */
export class Broadcaster {
  private readonly queue: Batch[] = [];
  private waiting = 0;
  private cursor = 0;
  /** Set while batches are left in the log: the newest id the tail has seen, and where reading resumes. */
  private gap?: { newest: string; after: string };

  constructor(
    private readonly consumers: () => Iterable<Consumer>,
    private readonly log: MessageLog,
  ) {}

  push(messages: StreamMessage[]): void {
    if (messages.length === 0) return;
    const newest = messages[messages.length - 1].id;
    if (this.gap) {
      this.gap.newest = newest;
      return;
    }
    if (this.waiting + messages.length > MAX_WAITING_MESSAGES) {
      this.gap = { newest, after: this.lastQueuedId() ?? idBefore(messages[0].id) };
      if (this.queue.length === 0) void this.recover();
      return;
    }
    this.enqueue(messages);
  }

  private enqueue(messages: StreamMessage[]): void {
    this.queue.push({ messages });
    this.waiting += messages.length;
    if (this.queue.length === 1) this.drain();
  }

  private lastQueuedId(): string | undefined {
    const last = this.queue[this.queue.length - 1];
    return last?.messages[last.messages.length - 1].id;
  }

  private drain(): void {
    const turnEnds = performance.now() + TURN_MS;
    while (this.queue.length > 0) {
      const batch = this.queue[0];
      const consumers = (batch.consumers ??= [...this.consumers()]);
      // Each send is a socket write (a system call): a thousand consumers take milliseconds.
      while (this.cursor < consumers.length && performance.now() < turnEnds) {
        const sliceEnd = Math.min(consumers.length, this.cursor + CONSUMERS_PER_CHECK);
        for (; this.cursor < sliceEnd; this.cursor++)
          for (const message of batch.messages) consumers[this.cursor].offer(message);
      }
      if (this.cursor < consumers.length) {
        setImmediate(() => this.drain());
        return;
      }
      this.cursor = 0;
      this.waiting -= batch.messages.length;
      this.queue.shift();
    }
    if (this.gap) void this.recover();
  }

  /** Reads what the tail delivered while the queue was full back from the log, a page at a time. */
  private async recover(): Promise<void> {
    const gap = this.gap;
    if (!gap) return;
    try {
      const page = await this.log.resume(gap.after, RECOVERY_PAGE);
      if (page.messages.length > 0) gap.after = page.messages[page.messages.length - 1].id;
      if (page.messages.length === 0 || compareStreamIds(gap.after, gap.newest) >= 0) this.gap = undefined;
      if (page.messages.length > 0) this.enqueue(page.messages);
      else if (this.gap) setTimeout(() => void this.recover(), 100);
    } catch {
      // The log is unreachable: try again shortly; consumers wait meanwhile.
      setTimeout(() => void this.recover(), 500);
    }
  }
}
