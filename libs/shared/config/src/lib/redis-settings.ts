import { z } from 'zod';

import { redisUrlSchema } from './common-settings';

/** One address of a Sentinel or a Cluster seed node. */
export interface RedisHostPort {
  host: string;
  port: number;
}

/**
 * Where a process's Redis is, as every app's settings say it once validated: a URL (one server), or
 * sentinels with the name of the primary they watch, or the seed nodes of a Cluster.
 */
export interface RedisTopologySettings {
  url?: string;
  sentinels: RedisHostPort[];
  masterName: string;
  sentinelPassword: string;
  cluster: boolean;
  nodes: RedisHostPort[];
  /** Credentials of the data nodes with sentinels or a cluster (a URL carries its own). */
  username: string;
  password: string;
  /** The database number with sentinels (a URL carries its own; a cluster has only 0). */
  database?: number;
}

const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[^\s:,[\]]+):(\d{1,5})$/;

/** `host:port` (IPv6 in brackets), or undefined when it is not one. */
export function parseHostPort(text: string): RedisHostPort | undefined {
  const match = HOST_PORT.exec(text.trim());
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65535) return undefined;
  return { host: match[1].replace(/^\[(.*)\]$/, '$1'), port };
}

/** A list of `host:port`, as JSON (`["h:1","h:2"]`) in a file and comma-separated in the environment. */
export const hostPortListSchema = z
  .array(
    z.string().transform((item, context) => {
      const parsed = parseHostPort(item);
      if (parsed) return parsed;
      context.addIssue({ code: 'custom', message: `"${item}" is not host:port` });
      return z.NEVER;
    }),
  )
  .default([]);

type Field = keyof RedisTopologySettings;
type Issue = (field: Field, message: string) => void;

/**
 * The combinations that are refused, each reported at the field to change: exactly one of a URL,
 * sentinels with a master name, or a cluster with nodes. `name` gives a field's name in the app's
 * config, so messages speak the app's own keys.
 */
export function redisTopologyProblems(
  settings: RedisTopologySettings,
  name: (field: Field) => string,
  issue: Issue,
) {
  const sentinel = settings.sentinels.length > 0 || settings.masterName !== '';
  if (sentinel && settings.cluster) issue('cluster', `cannot be combined with ${name('sentinels')}`);
  if (settings.sentinels.length > 0 && settings.masterName === '')
    issue(
      'masterName',
      `required with ${name('sentinels')}: the name the sentinels monitor the primary under`,
    );
  if (settings.masterName !== '' && settings.sentinels.length === 0)
    issue('sentinels', `required with ${name('masterName')}: at least one sentinel as host:port`);
  if (settings.sentinelPassword !== '' && !sentinel)
    issue('masterName', `required when ${name('sentinelPassword')} is set (Redis Sentinel)`);
  if (settings.cluster && settings.nodes.length === 0)
    issue('nodes', `required when ${name('cluster')} is on: at least one cluster node as host:port`);
  if (!settings.cluster && settings.nodes.length > 0)
    issue('cluster', `must be true when ${name('nodes')} are given`);
  if (settings.url !== undefined && (sentinel || settings.cluster))
    issue(
      'url',
      `not used with ${sentinel ? 'sentinels' : 'a cluster'}: remove it (credentials go in ${name('username')} and ${name('password')})`,
    );
  if (settings.url === undefined && !sentinel && !settings.cluster)
    issue(
      'url',
      `required (or ${name('sentinels')} with ${name('masterName')}, or ${name('cluster')} with ${name('nodes')})`,
    );
  if (settings.url !== undefined && (settings.username !== '' || settings.password !== ''))
    issue('password', `not used with ${name('url')}: put the credentials in the URL`);
}

/** A Redis that the process needs before it can start (the bridge's and dashboard's `redis`). */
export const requiredRedisSchema = z
  .object({
    /** One Redis server: redis[s]://[user:password@]host:port/db. */
    url: redisUrlSchema.optional(),
    /** Redis Sentinel: the sentinels, host:port, comma-separated in the environment. */
    sentinels: hostPortListSchema,
    /** The name the sentinels know the primary by (`sentinel monitor <name> ...`). */
    masterName: z.string().default(''),
    /** The sentinels' own password, if they require one. */
    sentinelPassword: z.string().default(''),
    /** Redis Cluster: `nodes` are seed nodes, the client finds the rest. */
    cluster: z.boolean().default(false),
    nodes: hostPortListSchema,
    /** The data nodes' credentials with sentinels or a cluster. */
    username: z.string().default(''),
    password: z.string().default(''),
    /** How long to wait for Redis at start before giving up (the orchestrator restarts us). */
    startupTimeoutMs: z.number().int().min(1).default(5000),
  })
  .superRefine((settings, context) =>
    redisTopologyProblems(
      settings,
      (field) => field,
      (field, message) => context.addIssue({ code: 'custom', path: [field], message }),
    ),
  );

const SNAKE: Record<Field, string> = {
  url: 'url',
  sentinels: 'sentinels',
  masterName: 'master_name',
  sentinelPassword: 'sentinel_password',
  cluster: 'cluster',
  nodes: 'nodes',
  username: 'username',
  password: 'password',
  database: 'database',
};

/** The same settings with Tyk pump's snake_case names (the pump's `redis`). */
export const snakeCaseRedisSchema = z
  .object({
    url: redisUrlSchema.optional(),
    sentinels: hostPortListSchema,
    master_name: z.string().default(''),
    sentinel_password: z.string().default(''),
    cluster: z.boolean().default(false),
    nodes: hostPortListSchema,
    username: z.string().default(''),
    password: z.string().default(''),
    /** How long to wait for Redis at start before giving up (the orchestrator restarts us). */
    startup_timeout_ms: z.number().int().min(1).default(5000),
  })
  .superRefine((settings, context) =>
    redisTopologyProblems(
      fromSnakeCase(settings),
      (field) => SNAKE[field],
      (field, message) => context.addIssue({ code: 'custom', path: [SNAKE[field]], message }),
    ),
  );

/** The topology named by snake_case settings (see snakeCaseRedisSchema). */
export function fromSnakeCase(settings: z.output<typeof snakeCaseRedisSchema>): RedisTopologySettings {
  return {
    url: settings.url,
    sentinels: settings.sentinels,
    masterName: settings.master_name,
    sentinelPassword: settings.sentinel_password,
    cluster: settings.cluster,
    nodes: settings.nodes,
    username: settings.username,
    password: settings.password,
  };
}
