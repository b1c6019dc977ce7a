import type { AnalyticsStreamPort, StreamEntry } from '@gatehouse/pump-core';
import type { Redis } from 'ioredis';

type RawEntry = [id: string, fields: string[]];

function toEntries(raw: RawEntry[] | null | undefined): StreamEntry[] {
  return (raw ?? [])
    .filter(([, fields]) => fields !== null)
    .map(([id, fields]) => {
      const record: Record<string, string> = {};
      for (let index = 0; index + 1 < fields.length; index += 2) record[fields[index]] = fields[index + 1];
      return { id, fields: record };
    });
}

export interface RedisStreamOptions {
  stream: string;
  /** The sink's consumer group. */
  group: string;
  /** This pump process within the group (stable across restarts, so it gets its own pending back). */
  consumer: string;
  /** Where unwritable entries go, with the sink and the error. */
  deadLetterStream: string;
}

/**
 * A sink's view of the analytics stream in Redis: a consumer group per sink. Uses its own connection
 * because XREADGROUP blocks.
 */
export class RedisAnalyticsStream implements AnalyticsStreamPort {
  constructor(
    private readonly redis: Redis,
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

  async deadLetter(entries: StreamEntry[], reason: string): Promise<void> {
    const pipeline = this.redis.multi();
    for (const entry of entries) {
      pipeline.xadd(
        this.options.deadLetterStream,
        '*',
        ...Object.entries(entry.fields).flat(),
        'sink',
        this.options.group,
        'error',
        reason,
        'entry',
        entry.id,
      );
    }
    pipeline.xack(this.options.stream, this.options.group, ...entries.map((entry) => entry.id));
    await pipeline.exec();
  }

  async lag(): Promise<number | undefined> {
    const groups = (await this.redis.xinfo('GROUPS', this.options.stream)) as unknown[][];
    for (const group of groups) {
      const info: Record<string, unknown> = {};
      for (let index = 0; index + 1 < group.length; index += 2) info[String(group[index])] = group[index + 1];
      if (info['name'] === this.options.group)
        return typeof info['lag'] === 'number' ? info['lag'] : undefined;
    }
    return undefined;
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
