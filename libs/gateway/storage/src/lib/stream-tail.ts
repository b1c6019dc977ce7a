import { duplicateConnection, RedisConnection } from './redis-connection';

import { StreamEntries, StreamMessage, toMessages } from './stream-message.log';

export type TailListener = (messages: StreamMessage[]) => void;

export interface StreamTailOptions {
  /** How long one read waits for new messages before it is sent again (ms). */
  blockMs?: number;
  /** Messages read per stream per round. */
  count?: number;
  /** A failed read (Redis down): reported, then retried after a pause. */
  onError?: (error: Error) => void;
  /**
   * Interrupt a blocked read when a key is followed (CLIENT UNBLOCK). Off where the blocked connection
   * cannot be named (a Cluster client): a new key then joins when the read's `blockMs` runs out.
   */
  unblock?: boolean;
}

interface Followed {
  position: string;
  listeners: Set<TailListener>;
}

/**
 * The gateway's one reader of the region's stream logs: a single connection blocks on every followed
 * key at once (XREAD over many streams), so a gateway with a thousand stream APIs holds one connection,
 * not a thousand. Following a new key interrupts the blocked read (CLIENT UNBLOCK) so it joins at once.
 * Each listener gets every message appended after it started following, in order.
 */
export class StreamTail {
  private readonly followed = new Map<string, Followed>();
  private reader?: RedisConnection;
  private readerId?: number;
  private loop?: Promise<void>;
  private running = false;
  /** Set by follow(); cleared when the read loop takes the new key set. */
  private stale = false;
  private readonly blockMs: number;
  private readonly count: number;

  constructor(
    private readonly redis: RedisConnection,
    private readonly options: StreamTailOptions = {},
  ) {
    this.blockMs = options.blockMs ?? 2000;
    this.count = options.count ?? 512;
  }

  /**
   * Delivers every message appended to `key` from now on (or after `fromId`) to `listener`. Resolves
   * once the position is fixed; the returned function stops following.
   */
  async follow(key: string, listener: TailListener, fromId?: string): Promise<() => void> {
    let entry = this.followed.get(key);
    if (!entry) {
      const position = fromId ?? (await this.newestId(key));
      entry = this.followed.get(key) ?? { position, listeners: new Set() };
      this.followed.set(key, entry);
    }
    entry.listeners.add(listener);
    this.start();
    this.stale = true;
    this.wake();
    const followed = entry;
    return () => {
      followed.listeners.delete(listener);
      if (followed.listeners.size === 0 && this.followed.get(key) === followed) this.followed.delete(key);
    };
  }

  async close(): Promise<void> {
    this.running = false;
    this.followed.clear();
    this.stale = true;
    this.wake();
    this.reader?.disconnect();
    await this.loop;
  }

  private start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.readLoop();
  }

  private async newestId(key: string): Promise<string> {
    const [newest] = (await this.redis.xrevrange(key, '+', '-', 'COUNT', 1)) as StreamEntries;
    return newest?.[0] ?? '0-0';
  }

  private async readLoop(): Promise<void> {
    // One command at a time on this connection, so queueing it until (re)connected costs nothing.
    this.reader = duplicateConnection(this.redis, {
      connectionName: 'gatehouse-stream-tail',
      enableOfflineQueue: true,
    });
    while (this.running) {
      try {
        if (this.options.unblock !== false) this.readerId ??= Number(await this.reader.client('ID'));
        this.stale = false;
        const keys = [...this.followed.keys()];
        if (keys.length === 0) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        const positions = keys.map((key) => this.followed.get(key)?.position ?? '$');
        const answer = (await this.reader.xread(
          'COUNT',
          this.count,
          'BLOCK',
          this.blockMs,
          'STREAMS',
          ...keys,
          ...positions,
        )) as [string, StreamEntries][] | null;
        this.dispatch(answer ?? []);
      } catch (error) {
        if (!this.running) break;
        this.options.onError?.(error as Error);
        this.readerId = undefined;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private dispatch(answer: [string, StreamEntries][]): void {
    const prefix = this.redis.options.keyPrefix ?? '';
    for (const [fullKey, entries] of answer) {
      const entry = this.followed.get(fullKey.startsWith(prefix) ? fullKey.slice(prefix.length) : fullKey);
      if (!entry || entries.length === 0) continue;
      entry.position = entries[entries.length - 1][0];
      const messages = toMessages(entries);
      for (const listener of entry.listeners) listener(messages);
    }
  }

  /**
   * Interrupts a blocked read so it starts again with the current keys. The read may not be blocked
   * yet when this runs (it is between rounds): then try again shortly, until the loop took the keys.
   */
  private wake(attempt = 0): void {
    const readerId = this.readerId;
    if (readerId === undefined) return;
    this.redis.client('UNBLOCK', readerId).then(
      (unblocked) => {
        if (Number(unblocked) === 0 && this.stale && this.running && attempt < 50)
          setTimeout(() => this.wake(attempt + 1), 10);
      },
      () => undefined,
    );
  }
}
