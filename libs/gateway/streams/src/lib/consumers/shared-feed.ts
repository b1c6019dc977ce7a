import type { StreamMessage } from '@gatehouse/gateway-storage';

import type { GroupReader } from '../output-worker';
import type { Consumer } from './consumer';

/**
 * Shared delivery (`x-gatehouse.delivery: shared`): each message to one consumer of the region, like a
 * queue. Every gateway with consumers reads the stream's `shared` consumer group, taking only as many
 * messages as it has consumers ready, and hands them out in turn; a message is acknowledged once sent.
 * One taken by a gateway that died, or whose consumer left first, is claimed by another after
 * `claimAfterMs`.
 */
export class SharedFeed {
  private running = false;
  private woken = false;
  private wakeUp?: () => void;
  private turn = 0;

  constructor(
    private readonly group: GroupReader,
    private readonly consumers: () => Iterable<Consumer>,
    private readonly claimAfterMs: number,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  stop(): void {
    this.running = false;
    this.wake();
  }

  /** A message arrived in the log. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const ready = [...this.consumers()].filter((consumer) => consumer.ready);
      if (ready.length === 0) {
        await this.pause(100);
        continue;
      }
      this.woken = false;
      let messages: StreamMessage[];
      try {
        messages = await this.group.read(ready.length, this.claimAfterMs);
      } catch {
        await this.pause(500);
        continue;
      }
      if (messages.length === 0) {
        await this.pause(1000);
        continue;
      }
      const sent: string[] = [];
      for (const message of messages) {
        const consumer = ready[this.turn++ % ready.length];
        if (!consumer.ready) continue;
        consumer.deliver(message);
        sent.push(message.id);
      }
      await this.group.ack(sent).catch(() => undefined);
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.woken || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wakeUp === done) this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
