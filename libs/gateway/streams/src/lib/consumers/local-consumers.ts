import type { StreamMessage } from '@gatehouse/gateway-storage';
import { performance } from 'node:perf_hooks';

import type { GroupReader } from '../output-worker';
import type { MessageLog, MessageTail } from '../ports';
import type { Consumer, ConsumerCloseReason } from './consumer';
import { SharedFeed } from './shared-feed';

/** Messages read from the log per round while a consumer catches up. */
const CATCH_UP_PAGE = 256;
/** A shared message taken by a gateway that died (or whose consumer left) goes to another after this. */
const SHARED_CLAIM_AFTER_MS = 10_000;
/** How long broadcasting runs before it yields to the event loop (requests and other streams). */
const TURN_MS = 5;
/** Consumers served between two looks at the clock. */
const CONSUMERS_PER_CHECK = 50;

/**
 * The consumers of one stream connected to this gateway. The gateway follows the stream's log only
 * while it has consumers, and hands each new message to every one of them (broadcast): every gateway of
 * the region does the same, so a consumer gets every message whichever node it is connected to.
 */
export class LocalConsumers {
  private readonly consumers = new Set<Consumer>();
  private readonly perOwner = new Map<string, number>();
  private unfollow?: () => void;
  private following?: Promise<void>;
  /** Batches from the tail not yet handed to every consumer, and how far the first one got. */
  private readonly backlog: { messages: StreamMessage[]; consumers?: Consumer[] }[] = [];
  private cursor = 0;

  private readonly shared?: SharedFeed;

  /** With `sharedGroup`, each message goes to one consumer of the region instead of to all. */
  constructor(
    private readonly log: MessageLog,
    private readonly tail: MessageTail,
    private readonly maxPerOwner: number,
    sharedGroup?: GroupReader,
  ) {
    if (sharedGroup) this.shared = new SharedFeed(sharedGroup, () => this.consumers, SHARED_CLAIM_AFTER_MS);
  }

  get delivery(): 'broadcast' | 'shared' {
    return this.shared ? 'shared' : 'broadcast';
  }

  get size(): number {
    return this.consumers.size;
  }

  /** Counts a connection against its key's limit; false when the key has its maximum already. */
  admit(owner: string): boolean {
    const count = this.perOwner.get(owner) ?? 0;
    if (count >= this.maxPerOwner) return false;
    this.perOwner.set(owner, count + 1);
    return true;
  }

  /** Gives back what `admit` took, for a connection that never attached. */
  release(owner: string): void {
    const count = (this.perOwner.get(owner) ?? 1) - 1;
    if (count <= 0) this.perOwner.delete(owner);
    else this.perOwner.set(owner, count);
  }

  /** Starts delivering to an admitted consumer: its backlog first when it resumes, then live. */
  async attach(consumer: Consumer): Promise<void> {
    this.consumers.add(consumer);
    await this.follow();
    const resumeAfter = consumer.options.resumeAfter;
    if (resumeAfter !== undefined && !this.shared) await this.catchUp(consumer, resumeAfter);
    if (!consumer.closed) consumer.goLive();
  }

  detach(consumer: Consumer): void {
    if (!this.consumers.delete(consumer)) return;
    this.release(consumer.options.owner);
    if (this.consumers.size === 0) this.stopFollowing();
  }

  closeAll(reason: ConsumerCloseReason, detail: string): void {
    for (const consumer of [...this.consumers]) {
      consumer.close(reason, detail);
      this.detach(consumer);
    }
    this.stopFollowing();
  }

  private async catchUp(consumer: Consumer, resumeAfter: string): Promise<void> {
    let cursor = resumeAfter;
    let first = true;
    for (;;) {
      consumer.overflowed = false;
      const page = await this.log.resume(cursor, CATCH_UP_PAGE);
      if (first && page.truncated) consumer.truncated(page.messages[0]?.id);
      first = false;
      for (const message of page.messages) consumer.deliver(message);
      if (consumer.closed) return;
      if (page.messages.length > 0) cursor = page.messages[page.messages.length - 1].id;
      if (page.messages.length < CATCH_UP_PAGE && !consumer.overflowed) return;
    }
  }

  private follow(): Promise<void> {
    const shared = this.shared;
    this.following ??= this.tail
      .follow(this.log.key, shared ? () => shared.wake() : (messages) => this.broadcast(messages))
      .then((unfollow) => {
        if (this.consumers.size === 0) {
          unfollow();
          this.following = undefined;
        } else {
          this.unfollow = unfollow;
          shared?.start();
        }
      })
      .catch((error: unknown) => {
        this.following = undefined;
        throw error;
      });
    return this.following;
  }

  private stopFollowing(): void {
    this.shared?.stop();
    if (!this.unfollow) return;
    this.unfollow();
    this.unfollow = undefined;
    this.following = undefined;
  }

  /**
   * Hands messages to every consumer, yielding to the event loop every TURN_MS: 500 messages to 1,000
   * consumers in one go held it for 400 ms. Batches queue behind each other, so
   * each consumer still gets them in order.
   */
  private broadcast(messages: StreamMessage[]): void {
    this.backlog.push({ messages });
    if (this.backlog.length === 1) this.drainBacklog();
  }

  private drainBacklog(): void {
    const turnEnds = performance.now() + TURN_MS;
    while (this.backlog.length > 0) {
      const batch = this.backlog[0];
      // Who gets a batch is fixed when its turn comes; a consumer that joins later starts after it.
      const consumers = (batch.consumers ??= [...this.consumers]);
      const messages = batch.messages;
      // Each send is a socket write (a system call): a thousand consumers take milliseconds.
      while (this.cursor < consumers.length && performance.now() < turnEnds) {
        const sliceEnd = Math.min(consumers.length, this.cursor + CONSUMERS_PER_CHECK);
        for (; this.cursor < sliceEnd; this.cursor++)
          for (const message of messages) consumers[this.cursor].offer(message);
      }
      if (this.cursor < consumers.length) {
        setImmediate(() => this.drainBacklog());
        return;
      }
      this.cursor = 0;
      this.backlog.shift();
    }
  }
}
