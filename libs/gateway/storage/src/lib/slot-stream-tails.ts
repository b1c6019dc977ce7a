import { slotTagOf } from '@gatehouse/shared-kernel';

import { isCluster, RedisConnection } from './redis-connection';
import type { StreamMessage } from './stream-message.log';
import { StreamTail, StreamTailOptions } from './stream-tail';

/** How long a Cluster tail's read blocks: the longest a newly followed stream of that API waits. */
const CLUSTER_BLOCK_MS = 200;

/** What the gateway's streams need of a tail (see StreamTail). */
export interface StreamFollower {
  follow(key: string, listener: (messages: StreamMessage[]) => void, fromId?: string): Promise<() => void>;
  close(): Promise<void>;
}

/**
 * On a Redis Cluster one XREAD may only name keys of one hash slot, and a stream API's keys share its
 * tag (`stream:{<org>:<api>}:…`): one StreamTail per tag then, each on its own connection, reading in
 * short blocks instead of being woken (a Cluster client cannot name its blocked connection to CLIENT
 * UNBLOCK). Connections grow with the stream APIs that have consumers on this gateway, not with APIs.
 */
export class SlotStreamTails implements StreamFollower {
  private readonly tails = new Map<string, StreamTail>();

  constructor(
    private readonly redis: RedisConnection,
    private readonly options: StreamTailOptions = {},
  ) {}

  follow(key: string, listener: (messages: StreamMessage[]) => void, fromId?: string): Promise<() => void> {
    const tag = slotTagOf(`${this.redis.options.keyPrefix ?? ''}${key}`);
    let tail = this.tails.get(tag);
    if (!tail) {
      tail = new StreamTail(this.redis, { ...this.options, unblock: false, blockMs: CLUSTER_BLOCK_MS });
      this.tails.set(tag, tail);
    }
    return tail.follow(key, listener, fromId);
  }

  async close(): Promise<void> {
    await Promise.all([...this.tails.values()].map((tail) => tail.close()));
    this.tails.clear();
  }
}

/** The gateway's tail of the region's stream logs: one connection on one server, one per API on a Cluster. */
export function createStreamTail(redis: RedisConnection, options: StreamTailOptions = {}): StreamFollower {
  return isCluster(redis) ? new SlotStreamTails(redis, options) : new StreamTail(redis, options);
}
