import type { KafkaInput } from '@gatehouse/shared-streams';
import type { Consumer, KafkaMessage } from 'kafkajs';

import type { ConnectorContext, Ingest, InputConnector } from './connector-types';
import { kafkaClient } from './kafka-client';

const MAX_HEADERS = 32;
const MAX_HEADER_BYTES = 1024;

function metadataOf(topic: string, partition: number, message: KafkaMessage): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {}).slice(0, MAX_HEADERS)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) meta[name] = first.toString().slice(0, MAX_HEADER_BYTES);
  }
  return {
    ...meta,
    kafka_topic: topic,
    kafka_partition: String(partition),
    kafka_offset: message.offset,
    kafka_key: message.key?.toString() ?? '',
    kafka_timestamp_unix: message.timestamp,
  };
}

/**
 * Bento's `kafka` input, read once per region: the region's gateways join one consumer group (named
 * for the region, the org, the API and the stream), so the partitions are spread among them and move
 * to the survivors when one dies. An offset is committed only after its message is in the region's
 * log; a message redelivered after a rebalance is recognised there by its offset and appended once.
 */
export class KafkaInputConnector implements InputConnector {
  private consumer?: Consumer;
  private stopped = false;

  constructor(
    private readonly config: KafkaInput,
    private readonly ingest: Ingest,
    private readonly context: ConnectorContext,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    const kafka = await kafkaClient(this.config, this.context.nodeId);
    // Stopped while kafkajs loaded: nothing to start.
    if (this.stopped) return;
    const consumer = kafka.consumer({
      groupId: this.context.group(this.config.consumer_group),
      // A gateway that dies hands its partitions over within seconds, not the default 30.
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
      // Few retries inside kafkajs: a broker that stays down fails the start within seconds, and the
      // stream's own retry (with backoff) reports it each time instead of looking healthy meanwhile.
      retry: {
        retries: 3,
        initialRetryTime: 500,
        maxRetryTime: 5000,
        // kafkajs restarts a crashed consumer, even one crashed by our own disconnect; only while running.
        restartOnFailure: async () => !this.stopped,
      },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, (event) => this.context.reportError(event.payload.error));
    await consumer.connect();
    await consumer.subscribe({ topics: this.config.topics, fromBeginning: this.config.start_from_oldest });
    await consumer.run({
      // A batch's appends go out together (pipelined on one connection, so a partition's order holds in
      // the log); offsets are resolved as they land, and committed only after.
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const appends: Promise<void>[] = [];
        for (const message of batch.messages) {
          if (!isRunning() || isStale()) break;
          const position = { source: `${batch.topic}:${batch.partition}`, sequence: Number(message.offset) };
          const content = message.value?.toString('utf8') ?? '';
          appends.push(
            this.ingest(content, metadataOf(batch.topic, batch.partition, message), position).then(() =>
              resolveOffset(message.offset),
            ),
          );
        }
        await Promise.all(appends);
        await heartbeat();
      },
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }
}
