import type { RedisHostPort, RedisTopologySettings } from '@gatehouse/shared-config';

/** Credentials of the data nodes (not of the sentinels), as in a redis:// URL. */
export interface RedisNodeAuth {
  username?: string;
  password?: string;
  /** TLS to the data nodes (`rediss://` for a single Redis). */
  tls?: boolean;
}

/**
 * A primary found through Redis Sentinel: the sentinels are asked for the current primary of
 * `masterName`, and asked again after a failover, so the client follows it without a restart.
 */
export interface SentinelTarget extends RedisNodeAuth {
  sentinels: RedisHostPort[];
  masterName: string;
  /** Password of the sentinels themselves (Tyk's `storage.sentinel_password`). */
  sentinelPassword?: string;
  database?: number;
}

/** A Redis Cluster, found from any of its nodes (the client learns the rest and the slot map). */
export interface ClusterTarget extends RedisNodeAuth {
  nodes: RedisHostPort[];
}

/** Where a process's Redis is: one server by URL, a Sentinel-managed primary, or a Cluster. */
export type RedisTarget = { url: string } | { sentinel: SentinelTarget } | { cluster: ClusterTarget };

/** The target an app's validated `redis` settings name: Sentinel, Cluster, or else the URL. */
export function redisTargetOf(settings: RedisTopologySettings): RedisTarget {
  const auth = { username: settings.username || undefined, password: settings.password || undefined };
  if (settings.sentinels.length > 0)
    return {
      sentinel: {
        ...auth,
        sentinels: settings.sentinels,
        masterName: settings.masterName,
        sentinelPassword: settings.sentinelPassword || undefined,
        database: settings.database,
      },
    };
  if (settings.cluster) return { cluster: { ...auth, nodes: settings.nodes } };
  return { url: settings.url ?? '' };
}

/** For logs: where the client connects, never with a password. */
export function describeRedisTarget(target: RedisTarget): string {
  const list = (nodes: RedisHostPort[]) => nodes.map(({ host, port }) => `${host}:${port}`).join(',');
  if ('sentinel' in target)
    return `sentinel ${list(target.sentinel.sentinels)} (master ${target.sentinel.masterName})`;
  if ('cluster' in target) return `cluster ${list(target.cluster.nodes)}`;
  const url = new URL(target.url);
  url.password = '';
  url.username = '';
  return url.toString();
}
