import type { KafkaOutput } from '@gatehouse/shared-streams';
import { CompressionTypes, Producer } from 'kafkajs';

import type { ConnectorContext, OutputConnector } from './connector-types';
import { kafkaClient } from './kafka-client';

/**
 * Bento's `kafka` output: each message written with all in-sync replicas acknowledging. Retries and
 * dead letters are the stream's (its output worker's); kafkajs itself gives up quickly.
 */
export class KafkaOutputConnector implements OutputConnector {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(
    private readonly config: KafkaOutput,
    context: ConnectorContext,
  ) {
    this.producer = kafkaClient(config, context.nodeId, config.timeout).producer({
      allowAutoTopicCreation: true,
      retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 1000 },
    });
  }

  async write(
    content: string,
    _meta: Record<string, string>,
    fields: Record<string, string> = {},
  ): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    await this.producer.send({
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
    if (this.connected) await this.producer.disconnect();
    this.connected = undefined;
  }
}
