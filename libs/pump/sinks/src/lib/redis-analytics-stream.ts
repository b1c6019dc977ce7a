import type { AnalyticsStream, DeadLetter, StreamEntry } from '@gatehouse/pump-core';
import { Cluster, type Redis } from 'ioredis';

import { compareIds, nextId, pairsToObject, RawEntry, toEntries } from './redis-stream-replies';

/** Fields a dead letter carries besides the entry's own. */
const DEAD_LETTER_FIELDS = { sink: 'sink', error: 'error', entry: 'entry' } as const;

export interface RedisStreamOptions {
  stream: string;
  /** The sink's consumer group. */
  group: string;
  /** This pump process within the group (stable across restarts, so it gets its own pending back). */
  consumer: string;
  /** Where unwritable entries go, with the group (`sink`), the `error` and the original `entry` id. */
  deadLetterStream: string;
}

/**
 * The analytics stream in Redis as one sink's consumer group sees it. Give it a connection of its own:
 * XREADGROUP blocks it.
 */
export class RedisAnalyticsStream implements AnalyticsStream {
  constructor(
    /** One server (standalone or the Sentinel primary) or a Redis Cluster. */
    private readonly redis: Redis | Cluster,
    private readonly options: RedisStreamOptions,
  ) {}

  async ensureGroup(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.options.stream, this.options.group, '0', 'MKSTREAM');
    } catch (error) {
      if (!(error as Error).message.includes('BUSYGROUP')) throw error;
    }
  }

  async readPending(count: number): Promise<StreamEntry[]> {
    return this.read(count, 0, '0');
  }

  async claimStale(minIdleMs: number, count: number): Promise<StreamEntry[]> {
    const [, claimed] = (await this.redis.xautoclaim(
      this.options.stream,
      this.options.group,
      this.options.consumer,
      minIdleMs,
      '0-0',
      'COUNT',
      count,
    )) as [string, RawEntry[]];
    return toEntries(claimed);
  }

  async readNew(count: number, blockMs: number): Promise<StreamEntry[]> {
    return this.read(count, blockMs, '>');
  }

  async ack(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.redis.xack(this.options.stream, this.options.group, ...ids);
  }

  /**
   * Stores the entries as dead letters and acknowledges them, in one transaction on one server. On a
   * Cluster the two streams may sit in different slots, so the letters are written first and then the
   * entries acknowledged: a pump dying in between leaves the entries pending, and they are retried and
   * may be dead-lettered twice, never lost.
   */
  async deadLetter(entries: StreamEntry[], reason: string): Promise<void> {
    const cluster = this.redis instanceof Cluster;
    const transaction = cluster ? this.redis.pipeline() : this.redis.multi();
    for (const entry of entries) {
      transaction.xadd(
        this.options.deadLetterStream,
        '*',
        ...Object.entries(entry.fields).flat(),
        DEAD_LETTER_FIELDS.sink,
        this.options.group,
        DEAD_LETTER_FIELDS.error,
        reason,
        DEAD_LETTER_FIELDS.entry,
        entry.id,
      );
    }
    const ids = entries.map((entry) => entry.id);
    if (!cluster) transaction.xack(this.options.stream, this.options.group, ...ids);
    const written = await transaction.exec();
    const failed = written?.find(([error]) => error !== null)?.[0];
    if (failed) throw failed;
    if (cluster) await this.redis.xack(this.options.stream, this.options.group, ...ids);
  }

  /** Pages through the dead-letter stream, which every sink's group shares, keeping this group's. */
  async readDeadLetters(after: string, count: number): Promise<DeadLetter[]> {
    const letters: DeadLetter[] = [];
    let from = after ? `(${after}` : '-';
    while (letters.length < count) {
      const page = toEntries(
        (await this.redis.xrange(this.options.deadLetterStream, from, '+', 'COUNT', count)) as RawEntry[],
      );
      for (const { id, fields } of page) {
        const { sink, error, entry, ...own } = fields;
        if (sink === this.options.group && letters.length < count)
          letters.push({ id, entry: { id: entry ?? id, fields: own }, reason: error ?? '' });
      }
      if (page.length < count) break;
      from = `(${page[page.length - 1].id}`;
    }
    return letters;
  }

  async removeDeadLetters(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.redis.xdel(this.options.deadLetterStream, ...ids);
  }

  /**
   * Trims up to the oldest entry some group still needs: its oldest pending entry, or else the first it
   * has not been given. No group yet: nothing is trimmed.
   */
  async trimAcknowledged(): Promise<number> {
    let groups: Record<string, unknown>[];
    try {
      groups = ((await this.redis.xinfo('GROUPS', this.options.stream)) as unknown[][]).map(pairsToObject);
    } catch {
      return 0;
    }
    let floor: string | undefined;
    for (const group of groups) {
      let keepFrom = nextId(String(group['last-delivered-id']));
      if (Number(group['pending']) > 0) {
        const [, oldestPending] = (await this.redis.xpending(this.options.stream, String(group['name']))) as [
          number,
          string,
        ];
        keepFrom = oldestPending;
      }
      if (floor === undefined || compareIds(keepFrom, floor) < 0) floor = keepFrom;
    }
    return floor ? Number(await this.redis.xtrim(this.options.stream, 'MINID', floor)) : 0;
  }

  async lag(): Promise<number | undefined> {
    const groups = ((await this.redis.xinfo('GROUPS', this.options.stream)) as unknown[][]).map(
      pairsToObject,
    );
    const lag = groups.find((group) => group['name'] === this.options.group)?.['lag'];
    return typeof lag === 'number' ? lag : undefined;
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }

  private async read(count: number, blockMs: number, from: '0' | '>'): Promise<StreamEntry[]> {
    const args: (string | number)[] = ['GROUP', this.options.group, this.options.consumer, 'COUNT', count];
    if (from === '>' && blockMs > 0) args.push('BLOCK', blockMs);
    const answer = (await this.redis.call('XREADGROUP', ...args, 'STREAMS', this.options.stream, from)) as
      [string, RawEntry[]][] | null;
    return toEntries(answer?.[0]?.[1]);
  }
}
