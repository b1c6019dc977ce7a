import { hostPortListSchema, RedisHostPort, RedisTopologySettings } from '@gatehouse/shared-config';
import { z } from 'zod';

import type { GatewayConfig } from './gateway.config';

const port = (fallback: number) => z.number().int().min(0).max(65535).default(fallback);

/**
 * Tyk's `storage`: one Redis server (host/port, or `redis_url` beside it), Redis Sentinel
 * (`master_name`, with the sentinels in `addrs`) or Redis Cluster (`enable_cluster`, seeds in `addrs`).
 */
export const storageSchema = z
  .object({
    type: z.literal('redis').default('redis'),
    host: z.string().min(1).default('localhost'),
    port: port(6379),
    /** Sentinels (with master_name) or cluster seed nodes (with enable_cluster), host:port each. */
    addrs: hostPortListSchema,
    /** Redis Sentinel: the name the sentinels know the primary by; `addrs` are the sentinels. */
    master_name: z.string().default(''),
    sentinel_password: z.string().default(''),
    /** Redis Cluster; `addrs` are seed nodes. */
    enable_cluster: z.boolean().default(false),
    username: z.string().default(''),
    password: z.string().default(''),
    database: z.number().int().min(0).default(0),
    use_ssl: z.boolean().default(false),
  })
  .superRefine((storage, context) => {
    for (const [field, message] of storageProblems(storage))
      context.addIssue({ code: 'custom', path: [field], message });
  })
  .prefault({});

interface StorageSettings {
  host: string;
  port: number;
  addrs: RedisHostPort[];
  master_name: string;
  sentinel_password: string;
  enable_cluster: boolean;
  use_ssl: boolean;
}

/**
 * Tyk reads `master_name` first (then `addrs` are sentinels), else `enable_cluster`; Gatehouse refuses
 * the combinations Tyk would quietly resolve, naming the field.
 */
function storageProblems(storage: StorageSettings): [field: string, message: string][] {
  const problems: [string, string][] = [];
  if (storage.master_name !== '' && storage.enable_cluster)
    problems.push(['enable_cluster', 'cannot be combined with master_name (Redis Sentinel)']);
  if (storage.sentinel_password !== '' && storage.master_name === '')
    problems.push(['master_name', 'required when sentinel_password is set (Redis Sentinel)']);
  if (storage.use_ssl && (storage.master_name !== '' || storage.enable_cluster))
    problems.push([
      'use_ssl',
      'not supported with Redis Sentinel or Cluster yet (only with host/port or redis_url)',
    ]);
  return problems;
}

/** `addrs`, or Tyk's fallback to host:port when it is empty. */
function storageAddrs(storage: StorageSettings): RedisHostPort[] {
  return storage.addrs.length > 0 ? storage.addrs : [{ host: storage.host, port: storage.port }];
}

/** `redis_url` replaces `storage`'s address, so it cannot stand beside Sentinel or Cluster settings. */
export function redisUrlProblem(config: Pick<GatewayConfig, 'redis_url' | 'storage'>): string | undefined {
  const { master_name: masterName, enable_cluster: cluster } = config.storage;
  if (config.redis_url === undefined || (masterName === '' && !cluster)) return undefined;
  return `not used with storage.${masterName ? 'master_name' : 'enable_cluster'}: remove it, or the Sentinel/Cluster settings`;
}

/** Where the gateway's Redis is: `redis_url`, else Sentinel (`master_name`), Cluster, or host:port. */
export function redisTopologyOf(config: GatewayConfig): RedisTopologySettings {
  const storage = config.storage;
  const sentinel = !config.redis_url && storage.master_name !== '';
  const cluster = !config.redis_url && !sentinel && storage.enable_cluster;
  return {
    url: sentinel || cluster ? undefined : (config.redis_url ?? storageUrl(storage)),
    sentinels: sentinel ? storageAddrs(storage) : [],
    masterName: sentinel ? storage.master_name : '',
    sentinelPassword: sentinel ? storage.sentinel_password : '',
    cluster,
    nodes: cluster ? storageAddrs(storage) : [],
    username: sentinel || cluster ? storage.username : '',
    password: sentinel || cluster ? storage.password : '',
    database: storage.database,
  };
}

function storageUrl(storage: GatewayConfig['storage']): string {
  const { host, port: redisPort, username, password, database, use_ssl: ssl } = storage;
  const auth = password ? `${encodeURIComponent(username)}:${encodeURIComponent(password)}@` : '';
  return `${ssl ? 'rediss' : 'redis'}://${auth}${host}:${redisPort}/${database}`;
}
