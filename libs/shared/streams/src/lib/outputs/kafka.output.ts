import { z } from 'zod';

import { accepted, clientId, count, durationMs, hostPorts, kafkaTopic, sasl, tls } from '../bento-fields';
import { backoff } from './retry-fields';

/** Bento's `kafka` output: each message written once per region, acknowledged after the write. */
export const kafkaOutput = z.strictObject({
  addresses: hostPorts,
  topic: kafkaTopic,
  client_id: clientId.default('gatehouse'),
  key: z.string().max(1024).default(''),
  partitioner: z.enum(['fnv1a_hash', 'murmur2_hash', 'random', 'round_robin']).default('fnv1a_hash'),
  compression: z.enum(['none', 'gzip'], { error: 'only "none" and "gzip" are supported' }).default('none'),
  static_headers: z.record(z.string().max(256), z.string().max(4096)).default({}),
  max_in_flight: count(1, 1024, 64),
  max_retries: count(0, 1000, 0),
  timeout: durationMs('5s'),
  backoff,
  tls,
  sasl,
  ...accepted(
    'target_version',
    'ack_replicas',
    'idempotent_write',
    'metadata',
    'inject_tracing_map',
    'max_msg_bytes',
    'rack_id',
    'retry_as_batch',
    'batching',
    'custom_topic_creation',
  ),
});
export type KafkaOutput = z.output<typeof kafkaOutput>;
