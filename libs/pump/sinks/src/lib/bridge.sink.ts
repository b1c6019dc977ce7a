import type { AnalyticsBatch, Sink } from '@gatehouse/pump-core';
import { bridgeClientTlsFields, bridgeClientTlsProblems } from '@gatehouse/shared-config';
import {
  BridgeClient,
  bridgeClientTls,
  GrpcClientTls,
  ReportAnalyticsRequest,
  ReportAnalyticsResponse,
} from '@gatehouse/shared-proto';
import type { ClientDuplexStream } from '@grpc/grpc-js';
import { z } from 'zod';

import type { SinkType } from './sink-type';

export interface BridgeSinkOptions {
  addresses: string[];
  nodeToken: string;
  groupId: string;
  timeoutMs: number;
  /** TLS to the bridges (closed with the sink); plaintext without it. */
  tls?: GrpcClientTls;
}

interface Waiting {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * Forwards a region's analytics to the control plane through `ReportAnalytics` (Tyk's hybrid pump).
 * Each stream entry is one batch with a stable id (group and entry id), and the bridge stores a batch id
 * once, so resending after a failure or a crash never duplicates records.
 */
export class BridgeSink implements Sink {
  readonly name = 'bridge';
  private attempt = 0;
  private client?: BridgeClient;
  private stream?: ClientDuplexStream<ReportAnalyticsRequest, ReportAnalyticsResponse>;
  private readonly waiting = new Map<string, Waiting>();

  constructor(private readonly options: BridgeSinkOptions) {}

  async write(batches: AnalyticsBatch[]): Promise<void> {
    const stream = this.open();
    const acked = batches.map((batch) => {
      const batchId = `${this.options.groupId}.${batch.entryId}`;
      const done = new Promise<void>((resolve, reject) => this.waiting.set(batchId, { resolve, reject }));
      stream.write({ batchId, recordsJson: batch.records.map((record) => JSON.stringify(record)) });
      return done;
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('bridge did not acknowledge in time')),
        this.options.timeoutMs,
      );
    });
    try {
      await Promise.race([Promise.all(acked), timeout]);
    } catch (error) {
      this.reset(error as Error);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.reset(new Error('closing'));
    this.options.tls?.close();
  }

  private open(): ClientDuplexStream<ReportAnalyticsRequest, ReportAnalyticsResponse> {
    if (this.stream) return this.stream;
    // A new stream after a failure goes to the next bridge.
    const address = this.options.addresses[this.attempt++ % this.options.addresses.length];
    this.client = new BridgeClient(address, this.options.nodeToken, { tls: this.options.tls });
    const stream = this.client.reportAnalytics();
    stream.on('data', (ack: ReportAnalyticsResponse) => {
      this.waiting.get(ack.batchId)?.resolve();
      this.waiting.delete(ack.batchId);
    });
    stream.on('error', (error: Error) => this.reset(error));
    stream.on('end', () => this.reset(new Error('bridge ended the analytics stream')));
    this.stream = stream;
    return stream;
  }

  private reset(error: Error): void {
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
    this.stream?.cancel();
    this.stream = undefined;
    this.client?.close();
    this.client = undefined;
  }
}

/**
 * Tyk's hybrid pump's `meta`: the bridges and the gateway group's credentials, with the gateway's
 * `slave_options` TLS settings (Tyk's `use_ssl` and `ssl_insecure_skip_verify`, then ours).
 */
export const bridgeMetaSchema = z
  .strictObject({
    /** Bridge gRPC addresses, comma-separated; a failed stream moves to the next. */
    connection_string: z.string().min(1),
    /** The gateway group's node token. */
    api_key: z.string().min(1),
    group_id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
    ...bridgeClientTlsFields,
  })
  .superRefine((meta, context) => {
    for (const [field, message] of bridgeClientTlsProblems(meta))
      context.addIssue({ code: 'custom', path: [field], message });
  });

/** How often the sink's certificate files are read again. */
const TLS_RELOAD_INTERVAL_MS = 10_000;

/** `bridge` (Tyk's `hybrid`): a region's analytics to the control plane. */
export const bridgeSinkType: SinkType<typeof bridgeMetaSchema> = {
  meta: bridgeMetaSchema,
  open: async (meta, { timeoutMs, logger }) => ({
    sink: new BridgeSink({
      addresses: meta.connection_string
        .split(',')
        .map((address) => address.trim())
        .filter(Boolean),
      nodeToken: meta.api_key,
      groupId: meta.group_id,
      timeoutMs,
      tls: meta.use_ssl
        ? await bridgeClientTls(meta, TLS_RELOAD_INTERVAL_MS, (message) =>
            logger?.error({}, `bridge sink TLS files not reloaded: ${message}`),
          )
        : undefined,
    }),
  }),
};
