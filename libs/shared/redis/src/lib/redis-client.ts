import type { DependencyProbe } from '@gatehouse/shared-kernel';
import IORedis, { Cluster, type ClusterOptions, type RedisOptions } from 'ioredis';

import type { ClusterTarget, RedisNodeAuth, RedisTarget, SentinelTarget } from './redis-target';

/**
 * A Gatehouse Redis client: one server (standalone, or the primary Sentinel names) or a Cluster. Both
 * answer the same commands; multi-key commands and scripts must keep their keys in one hash slot.
 */
export type Redis = IORedis | Cluster;

export type RedisClientOptions = RedisTarget & {
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
};

const backoff = (attempt: number) => Math.min(50 * 2 ** attempt, 2000);

/**
 * What every connection to a data node shares: retry forever with capped backoff, fail commands fast
 * while the link is down (no offline queue), and close a dead socket quickly.
 */
function nodeOptions(options: RedisClientOptions): RedisOptions {
  return {
    connectionName: options.connectionName,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: backoff,
    // ioredis waits this long for an already-dead socket to close on disconnect(), holding the process
    // open; its 2 s default delays every shutdown while Redis is unreachable.
    disconnectTimeout: 200,
  };
}

function authOptions(auth: RedisNodeAuth): RedisOptions {
  return {
    username: auth.username,
    password: auth.password,
    ...(auth.tls ? { tls: {} } : {}),
  };
}

function sentinelClient(target: SentinelTarget, options: RedisClientOptions): IORedis {
  return new IORedis({
    ...nodeOptions(options),
    ...authOptions(target),
    keyPrefix: options.keyPrefix ?? '',
    enableAutoPipelining: options.autoPipelining ?? false,
    sentinels: target.sentinels,
    name: target.masterName,
    sentinelPassword: target.sentinelPassword,
    db: target.database ?? 0,
    sentinelRetryStrategy: backoff,
    // Sentinels announce +switch-master; listening to it moves the client to the new primary at once
    // instead of when its socket to the old one finally fails.
    failoverDetector: true,
    // A primary demoted to replica (it came back after a failover, or a partition healed) refuses
    // writes with READONLY while the client is still connected to it: reconnecting asks the
    // sentinels for the primary again. The failing command is refused, as during any outage.
    reconnectOnError: (error) => error.message.startsWith('READONLY'),
  });
}

function clusterClient(target: ClusterTarget, options: RedisClientOptions): Cluster {
  const clusterOptions: ClusterOptions = {
    keyPrefix: options.keyPrefix ?? '',
    enableAutoPipelining: options.autoPipelining ?? false,
    enableOfflineQueue: false,
    clusterRetryStrategy: backoff,
    // Reads and writes go to primaries: a replica may be behind, and rate limits must be exact.
    scaleReads: 'master',
    redisOptions: { ...nodeOptions(options), ...authOptions(target) },
  };
  return new Cluster(target.nodes, clusterOptions);
}

/**
 * A Redis client that keeps retrying with capped backoff instead of giving up, because regional Redis
 * may restart (or fail over) at any time and the data plane must recover by itself. Commands fail fast
 * while the link is down (no offline queue), so callers can fall back instead of piling up requests.
 */
export function createRedisClient(options: RedisClientOptions & { url: string }): IORedis;
export function createRedisClient(options: RedisClientOptions): Redis;
export function createRedisClient(options: RedisClientOptions): Redis {
  if ('sentinel' in options) return sentinelClient(options.sentinel, options);
  if ('cluster' in options) return clusterClient(options.cluster, options);
  return new IORedis(options.url, {
    ...nodeOptions(options),
    keyPrefix: options.keyPrefix ?? '',
    enableAutoPipelining: options.autoPipelining ?? false,
    lazyConnect: false,
  });
}

export interface DuplicateOptions {
  connectionName?: string;
  /** A connection running one command at a time (a blocking read, a subscriber) may queue while down. */
  enableOfflineQueue?: boolean;
  enableAutoPipelining?: boolean;
}

/** Another connection to the same Redis (same topology, credentials and key prefix). */
export function duplicateRedis(redis: Redis, overrides: DuplicateOptions): Redis {
  if (!(redis instanceof Cluster)) return redis.duplicate(overrides);
  const { connectionName, ...clusterLevel } = overrides;
  const redisOptions = { ...redis.options.redisOptions, ...(connectionName ? { connectionName } : {}) };
  return redis.duplicate(undefined, { ...clusterLevel, redisOptions });
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
export async function connectRedis(
  options: RedisClientOptions & { url: string },
  startupTimeoutMs: number,
): Promise<IORedis>;
export async function connectRedis(options: RedisClientOptions, startupTimeoutMs: number): Promise<Redis>;
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
