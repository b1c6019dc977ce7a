import type { KafkaOutput } from '@gatehouse/shared-streams';
import type { Producer } from 'kafkajs';

import type { ConnectorContext, OutputConnector } from './connector-types';
import { kafkaClient, loadKafkajs } from './kafka-client';

/**
 * Bento's `kafka` output: each message written with all in-sync replicas acknowledging. Retries and
 * dead letters are the stream's (its output worker's); kafkajs itself gives up quickly.
 */
export class KafkaOutputConnector implements OutputConnector {
  /** The connected producer, made on the first write (and again after a failed connect). */
  private connected?: Promise<Producer>;

  constructor(
    private readonly config: KafkaOutput,
    private readonly context: ConnectorContext,
  ) {}

  async write(
    content: string,
    _meta: Record<string, string>,
    fields: Record<string, string> = {},
  ): Promise<void> {
    this.connected ??= this.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    const producer = await this.connected;
    const { CompressionTypes } = await loadKafkajs();
    await producer.send({
      topic: this.config.topic,
      acks: -1,
      timeout: this.config.timeout,
      compression: this.config.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None,
      messages: [
        {
          key: (fields['key'] ?? this.config.key) || undefined,
          value: content,
          headers: this.config.static_headers,
        },
      ],
    });
  }

  async close(): Promise<void> {
    const connected = this.connected;
    this.connected = undefined;
    // A producer that never connected has nothing to close.
    const producer = await connected?.catch(() => undefined);
    await producer?.disconnect();
  }

  private async connect(): Promise<Producer> {
    const kafka = await kafkaClient(this.config, this.context.nodeId, this.config.timeout);
    const producer = kafka.producer({
      allowAutoTopicCreation: true,
      retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 1000 },
    });
    await producer.connect();
    return producer;
  }
}
