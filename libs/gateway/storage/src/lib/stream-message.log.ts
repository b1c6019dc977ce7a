import type { Redis } from 'ioredis';

/** One message of a stream as the region keeps it: Redis Stream id, payload, and broker metadata. */
export interface StreamMessage {
  id: string;
  content: string;
  meta: Record<string, string>;
}

export interface StreamRetention {
  maxMessages: number;
  maxAgeMs: number;
}

/** What a consumer resuming from an id gets: the messages after it, and whether some were lost. */
export interface ResumedRead {
  messages: StreamMessage[];
  /** True when messages after the consumer's id were trimmed by retention before it came back. */
  truncated: boolean;
}

/**
 * Appends with both retention bounds in one call: count (MAXLEN) and age (MINID), each trimmed
 * approximately so Redis trims whole nodes, cheaply.
 */
const APPEND = `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'c', ARGV[3], 'm', ARGV[4])
redis.call('XTRIM', KEYS[1], 'MINID', '~', ARGV[2])
return id
`;

function compareIds(left: string, right: string): number {
  const [leftMs, leftSeq] = left.split('-').map(BigInt);
  const [rightMs, rightSeq] = right.split('-').map(BigInt);
  if (leftMs !== rightMs) return leftMs < rightMs ? -1 : 1;
  return leftSeq === rightSeq ? 0 : (leftSeq ?? 0n) < (rightSeq ?? 0n) ? -1 : 1;
}

const STREAM_ID = /^\d{1,20}-\d{1,20}$/;

/** True for an id a client may send back (`Last-Event-ID`): anything else is read from the start. */
export function isStreamId(value: string): boolean {
  return STREAM_ID.test(value);
}

type Entries = [string, string[]][];

function toMessages(entries: Entries | null | undefined): StreamMessage[] {
  return (entries ?? []).map(([id, fields]) => {
    const field = (name: string) => {
      const at = fields.indexOf(name);
      return at >= 0 ? (fields[at + 1] ?? '') : '';
    };
    let meta: Record<string, string> = {};
    try {
      meta = JSON.parse(field('m') || '{}');
    } catch {
      meta = {};
    }
    return { id, content: field('c'), meta };
  });
}

/**
 * A stream's messages in the regional Redis, as a Redis Stream: every gateway of the region appends to
 * it and reads from it, so a consumer gets every message whichever node it is connected to, and can
 * resume on any node from the last id it saw, within retention.
 */
export class StreamMessageLog {
  constructor(
    private readonly redis: Redis,
    readonly key: string,
    private readonly retention: StreamRetention,
  ) {}

  async append(content: string, meta: Record<string, string> = {}): Promise<string> {
    const oldestKept = Math.max(0, Date.now() - this.retention.maxAgeMs);
    return (await this.redis.eval(
      APPEND,
      1,
      this.key,
      this.retention.maxMessages,
      `${oldestKept}-0`,
      content,
      JSON.stringify(meta),
    )) as string;
  }

  /** Messages after `afterId` (`$` for only new ones), waiting up to `blockMs` for the first. */
  async readAfter(afterId: string, count: number, blockMs: number): Promise<StreamMessage[]> {
    const answer = (await this.redis.xread(
      'COUNT',
      count,
      'BLOCK',
      blockMs,
      'STREAMS',
      this.key,
      afterId,
    )) as [string, Entries][] | null;
    return toMessages(answer?.[0]?.[1]);
  }

  /** The id of the newest message, or `0-0` for an empty stream: where a new consumer starts. */
  async lastId(): Promise<string> {
    const [newest] = (await this.redis.xrevrange(this.key, '+', '-', 'COUNT', 1)) as Entries;
    return newest?.[0] ?? '0-0';
  }

  /**
   * Up to `count` messages after `lastSeenId`. When retention has trimmed the stream past that id, the
   * read starts at the oldest kept message and says it is truncated. (Redis 7.0 does not record ids
   * removed by trimming, so this errs towards "truncated" when only the seen message itself was trimmed.)
   */
  async resume(lastSeenId: string, count: number): Promise<ResumedRead> {
    // ioredis does not apply keyPrefix to XINFO's key (it follows a subcommand), so add it here.
    const fullKey = `${this.redis.options.keyPrefix ?? ''}${this.key}`;
    const info = (await this.redis.xinfo('STREAM', fullKey).catch(() => null)) as unknown[] | null;
    const field = (name: string) => (info ? info[info.indexOf(name) + 1] : undefined);
    const trimmed = info !== null && Number(field('entries-added')) > Number(field('length'));
    const first = field('recorded-first-entry-id');
    const truncated = trimmed && typeof first === 'string' && compareIds(first, lastSeenId) > 0;
    const from = truncated ? '-' : `(${lastSeenId}`;
    const entries = (await this.redis.xrange(this.key, from, '+', 'COUNT', count)) as Entries;
    return { messages: toMessages(entries), truncated };
  }
}
