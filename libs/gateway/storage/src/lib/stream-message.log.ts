import type { SourcePosition } from '@gatehouse/shared-streams';
import type { RedisConnection } from './redis-connection';

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
 * approximately so Redis trims whole nodes, cheaply. With a second key, the message has a position in
 * an ordered source (a Kafka partition's offset): one at or before the last appended is a redelivery.
 */
const APPEND = `
if KEYS[2] then
  local last = tonumber(redis.call('HGET', KEYS[2], ARGV[5]) or '-1')
  if tonumber(ARGV[6]) <= last then return false end
  redis.call('HSET', KEYS[2], ARGV[5], ARGV[6])
end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'c', ARGV[3], 'm', ARGV[4])
redis.call('XTRIM', KEYS[1], 'MINID', '~', ARGV[2])
return id
`;

/** Orders two Redis Stream ids (`ms-seq`) as Redis does. */
export function compareStreamIds(left: string, right: string): number {
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

export type StreamEntries = [string, string[]][];
type Entries = StreamEntries;

/** Entries as XREAD and XRANGE answer them, as messages. */
export function toMessages(entries: Entries | null | undefined): StreamMessage[] {
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
    private readonly redis: RedisConnection,
    readonly key: string,
    private readonly retention: StreamRetention,
  ) {}

  /** The new message's id; undefined when `position` is at or before the last appended from its source. */
  async append(
    content: string,
    meta: Record<string, string> = {},
    position?: SourcePosition,
  ): Promise<string | undefined> {
    const oldestKept = Math.max(0, Date.now() - this.retention.maxAgeMs);
    const keys = position === undefined ? [this.key] : [this.key, `${this.key}:positions`];
    const id = (await this.redis.eval(
      APPEND,
      keys.length,
      ...keys,
      this.retention.maxMessages,
      `${oldestKept}-0`,
      content,
      JSON.stringify(meta),
      position?.source ?? '',
      position?.sequence ?? 0,
    )) as string | null;
    return id ?? undefined;
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
    const truncated = trimmed && typeof first === 'string' && compareStreamIds(first, lastSeenId) > 0;
    const from = truncated ? '-' : `(${lastSeenId}`;
    const entries = (await this.redis.xrange(this.key, from, '+', 'COUNT', count)) as Entries;
    return { messages: toMessages(entries), truncated };
  }
}
