import { z } from 'zod';

import { accepted, clientId, hostPorts, kafkaTopic, sasl, tls } from '../bento-fields';

/**
 * Bento's `kafka` input. The region's gateways share one consumer group, so a topic is read once per
 * region; the group name gets the region appended, so every region reads every message.
 */
export const kafkaInput = z.strictObject({
  addresses: hostPorts,
  topics: z.array(kafkaTopic).min(1, 'at least one topic is required').max(32),
  consumer_group: clientId.max(200).optional(),
  client_id: clientId.default('gatehouse'),
  start_from_oldest: z.boolean().default(true),
  tls,
  sasl,
  ...accepted(
    'target_version',
    'checkpoint_limit',
    'auto_replay_nacks',
    'commit_period',
    'max_processing_period',
    'rack_id',
    'fetch_buffer_cap',
    'multi_header',
    'group',
    'batching',
    'extract_tracing_map',
  ),
});
export type KafkaInput = z.output<typeof kafkaInput>;
