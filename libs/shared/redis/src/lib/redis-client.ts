import type { DependencyProbe } from '@gatehouse/shared-kernel';
import Redis from 'ioredis';

export type { Redis } from 'ioredis';

export interface RedisClientOptions {
  url: string;
  /** Shown in `CLIENT LIST`, so operators can tell which process holds a connection. */
  connectionName: string;
  /**
   * Prepended to every key. Lets several environments (or test files) share one Redis without
   * touching each other's keys; empty in production.
   */
  keyPrefix?: string;
  /**
   * Sends all commands issued in one event-loop tick as one write. On the gateway's hot path (one Lua
   * call per request, many requests in flight) this saves a syscall and a Redis read per command.
   */
  autoPipelining?: boolean;
}

/**
 * A Redis client that keeps retrying with capped backoff instead of giving up, because regional Redis
 * may restart at any time and the data plane must recover by itself. Commands fail fast while the link
 * is down (no offline queue), so callers can fall back instead of piling up requests.
 */
export function createRedisClient(options: RedisClientOptions): Redis {
  return new Redis(options.url, {
    connectionName: options.connectionName,
    keyPrefix: options.keyPrefix ?? '',
    enableAutoPipelining: options.autoPipelining ?? false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2000),
    lazyConnect: false,
    // ioredis waits this long for an already-dead socket to close on disconnect(), holding the process
    // open; its 2 s default delays every shutdown while Redis is unreachable.
    disconnectTimeout: 200,
  });
}

/** Waits until the client is connected, or rejects after `timeoutMs`. */
async function waitForRedis(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`redis not ready after ${timeoutMs} ms (status ${redis.status})`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}

export function redisProbe(redis: Redis, name = 'redis'): DependencyProbe {
  return {
    name,
    componentType: 'datastore',
    probe: async () => {
      const answer = await redis.ping();
      if (answer !== 'PONG') throw new Error(`unexpected PING answer: ${answer}`);
    },
  };
}

/**
 * A client that is connected before it is returned, for processes that cannot work without Redis.
 * On timeout the client is closed (so it stops retrying in the background) and the error is rethrown.
 */
export async function connectRedis(options: RedisClientOptions, startupTimeoutMs: number): Promise<Redis> {
  const redis = createRedisClient(options);
  try {
    await waitForRedis(redis, startupTimeoutMs);
    return redis;
  } catch (error) {
    redis.disconnect();
    throw error;
  }
}
