import { Cluster, type Redis } from 'ioredis';
import { slotTagOf } from '@gatehouse/shared-kernel';

/**
 * The regional Redis as the stores use it: one server (standalone, or the primary Sentinel names) or a
 * Cluster. On a Cluster every script and transaction keeps its keys in one hash slot (see besideKey).
 */
export type RedisConnection = Redis | Cluster;

export function isCluster(redis: RedisConnection): redis is Cluster {
  return redis instanceof Cluster;
}

/** Another connection to the same Redis, for work that holds a connection (subscribing, blocking reads). */
export function duplicateConnection(
  redis: RedisConnection,
  overrides: { connectionName?: string; enableOfflineQueue?: boolean },
): RedisConnection {
  if (!isCluster(redis)) return redis.duplicate(overrides);
  const { connectionName, ...clusterLevel } = overrides;
  const redisOptions = { ...redis.options.redisOptions, ...(connectionName ? { connectionName } : {}) };
  return redis.duplicate(undefined, { ...clusterLevel, redisOptions });
}

/**
 * Every key matching `pattern` (give it with the key prefix; keys come back with it). SCAN walks one
 * server, so on a Cluster each primary is walked in turn.
 */
export async function scanKeys(redis: RedisConnection, pattern: string): Promise<string[]> {
  const servers = isCluster(redis) ? redis.nodes('master') : [redis];
  const keys: string[] = [];
  for (const server of servers) {
    let cursor = '0';
    do {
      const [next, page] = await server.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      keys.push(...page);
    } while (cursor !== '0');
  }
  return keys;
}

/**
 * The name of a key of ours that one script or transaction touches together with `anchor`, a key kept
 * under Tyk's name (`quota-<scope>`, `apikey-<id>`): `<label>{<what anchor's slot is hashed from>}`,
 * so both share a hash slot on a Cluster while the anchor keeps its name. The key prefix is part of
 * the anchor's full name, hence inside the tag. An anchor with a lone `}` cannot be matched by a tag:
 * its companion is then named plainly, which works on one server (on a Cluster the pair is refused
 * with CROSSSLOT and the caller's outage path answers).
 */
export function besideKey(redis: RedisConnection, anchor: string, label: string): string {
  try {
    return `${label}${slotTagOf(`${redis.options.keyPrefix ?? ''}${anchor}`)}`;
  } catch {
    return `${label}${anchor}`;
  }
}
