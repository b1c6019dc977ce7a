import type { Redis } from 'ioredis';

export const CHANGES_CHANNEL = 'gatehouse:changes';

/**
 * Wakes bridges the moment a change is committed, so regions hear of it in milliseconds; polling with
 * look-back stays as the safety net for a lost message.
 */
export class ChangeNotifier {
  constructor(private readonly redis: Redis) {}

  async changed(orgId: string, rev: number): Promise<void> {
    await this.redis.publish(CHANGES_CHANNEL, JSON.stringify({ orgId, rev }));
  }
}

/**
 * The bridges' side of the wake-ups: one subscription per process, fanned out to every watcher of the
 * org that changed. Messages that do not parse are ignored; polling catches up regardless.
 */
export class ChangeWakeUps {
  private readonly listeners = new Map<string, Set<() => void>>();
  private subscriber?: Redis;

  constructor(private readonly redis: Redis) {}

  async start(): Promise<void> {
    // Queued until connected, and re-subscribed by ioredis after every reconnect.
    this.subscriber = this.redis.duplicate({ enableOfflineQueue: true });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, message: string) => this.dispatch(message));
    await this.subscriber.subscribe(CHANGES_CHANNEL);
  }

  /** Calls `listener` after each change of the org; returns the unsubscribe function. */
  onChange(orgId: string, listener: () => void): () => void {
    let set = this.listeners.get(orgId);
    if (!set) {
      set = new Set();
      this.listeners.set(orgId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(orgId);
    };
  }

  stop(): void {
    this.subscriber?.disconnect();
  }

  private dispatch(message: string): void {
    let orgId: unknown;
    try {
      orgId = (JSON.parse(message) as { orgId?: unknown }).orgId;
    } catch {
      return;
    }
    if (typeof orgId !== 'string') return;
    for (const listener of this.listeners.get(orgId) ?? []) listener();
  }
}
