import type { RedisConnection } from './redis-connection';

import { StreamEntries, StreamMessage, toMessages } from './stream-message.log';

/** Dead letters kept per output: the newest, so a broken webhook cannot fill the region's Redis. */
const DEAD_LETTERS_KEPT = 10_000;

/**
 * One output's share of a stream log: a Redis consumer group that the region's gateways read together,
 * so each message is delivered once per region. A message is acknowledged after its write; one left
 * unacknowledged by a gateway that died is claimed by another after `claimAfterMs`.
 */
export class StreamGroupReader {
  private ready?: Promise<void>;
  private claimedAt = 0;

  constructor(
    private readonly redis: RedisConnection,
    readonly key: string,
    readonly group: string,
    private readonly consumer: string,
  ) {}

  /**
   * New messages for this consumer, after those it claimed from consumers that went quiet. Claiming is
   * looked at a few times per `claimAfterMs`, not on every read: it costs a round trip.
   */
  async read(count: number, claimAfterMs: number): Promise<StreamMessage[]> {
    await this.ensureGroup();
    const claimed =
      Date.now() - this.claimedAt >= claimAfterMs / 4 ? await this.claim(count, claimAfterMs) : [];
    if (claimed.length >= count) return claimed;
    const answer = (await this.redis.xreadgroup(
      'GROUP',
      this.group,
      this.consumer,
      'COUNT',
      count - claimed.length,
      'STREAMS',
      this.key,
      '>',
    )) as [string, StreamEntries][] | null;
    return [...claimed, ...toMessages(answer?.[0]?.[1])];
  }

  private async claim(count: number, claimAfterMs: number): Promise<StreamMessage[]> {
    this.claimedAt = Date.now();
    const claimed = (await this.redis.xautoclaim(
      this.key,
      this.group,
      this.consumer,
      claimAfterMs,
      '0-0',
      'COUNT',
      count,
    )) as [string, StreamEntries, string[]?];
    return toMessages(claimed[1].filter((entry) => entry !== null && entry[1] !== null));
  }

  async ack(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.redis.xack(this.key, this.group, ...ids);
  }

  /** Keeps a message that could not be delivered, with why, beside the stream; then acknowledges it. */
  async deadLetter(message: StreamMessage, reason: string): Promise<void> {
    await this.redis
      .multi()
      .xadd(
        `${this.key}:dead:${this.group}`,
        'MAXLEN',
        '~',
        DEAD_LETTERS_KEPT,
        '*',
        'c',
        message.content,
        'm',
        JSON.stringify(message.meta),
        'id',
        message.id,
        'reason',
        reason.slice(0, 1000),
      )
      .xack(this.key, this.group, message.id)
      .exec();
  }

  /** Messages in the log the group has not been given yet (Redis 7's `lag`), or undefined if unknown. */
  async lag(): Promise<number | undefined> {
    const groups = (await this.redis.xinfo('GROUPS', this.fullKey).catch(() => [])) as unknown[][];
    for (const fields of groups) {
      if (fields[fields.indexOf('name') + 1] !== this.group) continue;
      const lag = fields[fields.indexOf('lag') + 1];
      return typeof lag === 'number' ? lag : undefined;
    }
    return undefined;
  }

  private get fullKey(): string {
    return `${this.redis.options.keyPrefix ?? ''}${this.key}`;
  }

  /**
   * Creates the group at the log's end, once (an output starts with the messages after it was added);
   * reading creates it too.
   */
  ensureGroup(): Promise<void> {
    // ioredis does not apply keyPrefix to XGROUP's key (it follows a subcommand), so add it here.
    this.ready ??= this.redis
      .xgroup('CREATE', this.fullKey, this.group, '$', 'MKSTREAM')
      .then(
        () => undefined,
        (error: Error) => {
          if (!error.message.includes('BUSYGROUP')) throw error;
        },
      )
      .catch((error: unknown) => {
        this.ready = undefined;
        throw error;
      });
    return this.ready;
  }
}
