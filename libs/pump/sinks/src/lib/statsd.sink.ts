import type { AnalyticsBatch, Sink } from '@gatehouse/pump-core';
import type { AnalyticsRecord } from '@gatehouse/shared-tyk-compat';
import { createSocket, Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { z } from 'zod';

import { RecentEntryIds } from './recent-entry-ids';
import type { SinkType } from './sink-type';

/** The record fields Tyk's statsd pump sends as timings (milliseconds), by its names. */
export const STATSD_FIELDS = [
  'request_time',
  'latency_total',
  'latency_upstream',
  'latency_gateway',
] as const;

/** The record fields whose values can make up a metric's name (Tyk's `tags`). */
export const STATSD_TAGS = [
  ...STATSD_FIELDS,
  'path',
  'method',
  'response_code',
  'api_key',
  'time_stamp',
  'api_version',
  'api_name',
  'api_id',
  'org_id',
  'oauth_id',
  'raw_request',
  'raw_response',
  'ip_address',
] as const;

export type StatsdField = (typeof STATSD_FIELDS)[number];
export type StatsdTag = (typeof STATSD_TAGS)[number];

export interface StatsdSinkOptions {
  host: string;
  port: number;
  fields: StatsdField[];
  tags: StatsdTag[];
  /** Tyk's `separated_method`: the `path` tag without the method in front of it. */
  separatedMethod: boolean;
  /** Metric lines share a datagram up to this size, kept under a typical MTU so none is fragmented. */
  maxDatagramBytes?: number;
}

/** `host:port` or `[ipv6]:port`; undefined when it is neither. */
export function parseHostPort(address: string): { host: string; port: number } | undefined {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:[\]]+)):(\d{1,5})$/.exec(address);
  if (!match) return undefined;
  const port = Number(match[3]);
  return port >= 1 && port <= 65_535 ? { host: match[1] ?? match[2], port } : undefined;
}

/**
 * Tyk statsd pump's metrics over UDP: per record a timing `<field>.<tag values>:<ms>|ms` for each of
 * `fields`, named by the record's `tags` values joined by dots (lowercased, as Tyk does), plus a
 * counter `count.<tag values>:<n>|c` per name and write. UDP has no acknowledgements: a write resolves
 * once the kernel has the datagrams, whether or not statsd gets them, so this sink is at most once. A
 * batch this process already sent is not sent again when redelivered.
 */
export class StatsdSink implements Sink {
  readonly name = 'statsd';
  private socket?: Socket;
  private readonly sent = new RecentEntryIds();

  constructor(private readonly options: StatsdSinkOptions) {}

  async write(batches: AnalyticsBatch[]): Promise<void> {
    const fresh = batches.filter((batch) => !this.sent.has(batch.entryId));
    const lines = this.metricLines(fresh.flatMap((batch) => batch.records));
    for (const datagram of pack(lines, this.options.maxDatagramBytes ?? 1400)) await this.send(datagram);
    for (const batch of fresh) this.sent.add(batch.entryId);
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  private metricLines(records: AnalyticsRecord[]): string[] {
    const lines: string[] = [];
    const counts = new Map<string, number>();
    for (const record of records) {
      const values = tagValues(record, this.options.separatedMethod);
      const name = this.options.tags.map((tag) => nameSegment(values[tag])).join('.');
      const suffix = name ? `.${name}` : '';
      for (const field of this.options.fields) lines.push(`${field}${suffix}:${values[field]}|ms`);
      counts.set(suffix, (counts.get(suffix) ?? 0) + 1);
    }
    for (const [suffix, count] of counts) lines.push(`count${suffix}:${count}|c`);
    return lines;
  }

  private send(datagram: Buffer): Promise<void> {
    const { host, port } = this.options;
    if (!this.socket) {
      this.socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
      // Send failures reach each send's callback; without a listener a late one would end the process.
      this.socket.on('error', () => undefined);
    }
    const socket = this.socket;
    return new Promise((resolve, reject) =>
      socket.send(datagram, port, host, (error) => (error ? reject(error) : resolve())),
    );
  }
}

/** The values Tyk's statsd pump maps each tag and field name to. */
function tagValues(record: AnalyticsRecord, separatedMethod: boolean): Record<StatsdTag, string | number> {
  const path = record.path.replace(/\/+$/, '');
  const { total, upstream } = record.latency;
  const time = new Date(Math.floor(record.timestamp / 1000) * 1000).toISOString();
  return {
    path: separatedMethod ? path : record.method + path,
    method: record.method,
    response_code: record.response_code,
    api_key: record.api_key,
    // Tyk's Go time string with the colons made dashes.
    time_stamp: `${time.slice(0, 10)} ${time.slice(11, 19).replaceAll(':', '-')} +0000 UTC`,
    api_version: record.api_version,
    api_name: record.api_name,
    api_id: record.api_id,
    org_id: record.org_id,
    oauth_id: record.oauth_id ?? '',
    raw_request: record.raw_request ?? '',
    raw_response: record.raw_response ?? '',
    ip_address: record.ip_address,
    request_time: total,
    latency_total: total,
    latency_upstream: upstream,
    latency_gateway: Math.max(0, total - upstream),
  };
}

/** Lowercased without quotes and white space, as Tyk does; `:`, `|` and `@` would break the line. */
function nameSegment(value: string | number): string {
  return String(value).toLowerCase().replace(/["\s]/g, '').replace(/[:|@]/g, '_');
}

function pack(lines: string[], maxBytes: number): Buffer[] {
  const datagrams: Buffer[] = [];
  let current = '';
  for (const line of lines) {
    if (current && Buffer.byteLength(`${current}\n${line}`) > maxBytes) {
      datagrams.push(Buffer.from(current));
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  if (current) datagrams.push(Buffer.from(current));
  return datagrams;
}

/** Tyk's statsd pump's `meta`. Tyk has no defaults (without `fields` it sends nothing): these send request times by path. */
export const statsdMetaSchema = z.strictObject({
  address: z.string().refine((address) => parseHostPort(address) !== undefined, 'must be host:port'),
  fields: z.array(z.enum(STATSD_FIELDS)).default(['request_time']),
  tags: z.array(z.enum(STATSD_TAGS)).default(['path']),
  separated_method: z.boolean().default(false),
});

export const statsdSinkType: SinkType<typeof statsdMetaSchema> = {
  meta: statsdMetaSchema,
  open: async (meta) => {
    const address = parseHostPort(meta.address);
    // The schema refused anything else; this only narrows the type.
    if (!address) throw new Error(`statsd address ${meta.address} is not host:port`);
    return {
      sink: new StatsdSink({
        ...address,
        fields: meta.fields,
        tags: meta.tags,
        separatedMethod: meta.separated_method,
      }),
    };
  },
};
