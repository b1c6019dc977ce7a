import type { AnalyticsBatch, Sink } from '@gatehouse/pump-core';
import { toTykRecord } from '@gatehouse/shared-tyk-compat';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { z } from 'zod';

import type { SinkType } from './sink-type';

export interface KafkaSinkOptions {
  brokers: string[];
  topic: string;
  clientId: string;
  /** Milliseconds a send may take before it fails (and is retried by the runner). */
  timeoutMs: number;
}

/** Brokers refuse requests over `message.max.bytes` (1 MB by default); sends stay well under it. */
const MAX_REQUEST_BYTES = 512 * 1024;

interface Message {
  key: string;
  value: string;
  headers: Record<string, string>;
}

function* underRequestLimit(messages: Message[]): Generator<Message[]> {
  let chunk: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = message.key.length + message.value.length + 64;
    if (chunk.length > 0 && bytes + size > MAX_REQUEST_BYTES) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(message);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Tyk records to a Kafka topic, keyed by API id so one API's records keep their order in a partition.
 * Each message carries the record id for consumers that de-duplicate a redelivered batch.
 */
export class KafkaSink implements Sink {
  readonly name = 'kafka';
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(private readonly options: KafkaSinkOptions) {
    const kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.NOTHING,
      connectionTimeout: options.timeoutMs,
      requestTimeout: options.timeoutMs,
      // The runner owns retries (with dead-lettering); kafkajs gives up quickly instead of hanging.
      retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 1000 },
    });
    this.producer = kafka.producer({
      allowAutoTopicCreation: true,
      idempotent: true,
      maxInFlightRequests: 1,
    });
  }

  async write(batches: AnalyticsBatch[]): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    const messages = batches.flatMap((batch) =>
      batch.records.map((record): Message => ({
        key: record.api_id,
        value: JSON.stringify(toTykRecord(record, 0)),
        headers: { 'record-id': record.id },
      })),
    );
    for (const chunk of underRequestLimit(messages))
      await this.producer.send({
        topic: this.options.topic,
        messages: chunk,
        acks: -1,
        timeout: this.options.timeoutMs,
      });
  }

  async close(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
  }
}

/** Tyk kafka pump's `meta`. */
export const kafkaMetaSchema = z.strictObject({
  broker: z.array(z.string().min(1)).min(1),
  topic: z.string().min(1).default('tyk-pump'),
  client_id: z.string().min(1).default('gatehouse-pump'),
});

/** `kafka`: sends time out with the sink's `timeout`. */
export const kafkaSinkType: SinkType<typeof kafkaMetaSchema> = {
  meta: kafkaMetaSchema,
  open: async (meta, { timeoutMs }) => ({
    sink: new KafkaSink({ brokers: meta.broker, topic: meta.topic, clientId: meta.client_id, timeoutMs }),
  }),
};
