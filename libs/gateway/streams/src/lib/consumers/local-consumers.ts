import type { GroupReader } from '../output-worker';
import type { MessageLog, MessageTail } from '../ports';
import type { Consumer, ConsumerCloseReason } from './consumer';
import { SharedFeed } from './shared-feed';
import { Broadcaster } from './broadcaster';

/** Messages read from the log per round while a consumer catches up. */
const CATCH_UP_PAGE = 256;
/** A shared message taken by a gateway that died (or whose consumer left) goes to another after this. */
const SHARED_CLAIM_AFTER_MS = 10_000;

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
  private readonly broadcaster: Broadcaster;

  private readonly shared?: SharedFeed;

  /** With `sharedGroup`, each message goes to one consumer of the region instead of to all. */
  constructor(
    private readonly log: MessageLog,
    private readonly tail: MessageTail,
    private readonly maxPerOwner: number,
    sharedGroup?: GroupReader,
  ) {
    if (sharedGroup) this.shared = new SharedFeed(sharedGroup, () => this.consumers, SHARED_CLAIM_AFTER_MS);
    this.broadcaster = new Broadcaster(() => this.consumers, log);
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
      .follow(this.log.key, shared ? () => shared.wake() : (messages) => this.broadcaster.push(messages))
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
}
