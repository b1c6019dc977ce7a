import { z } from 'zod';

import { accepted, count, durationMs, mqttConnection } from '../bento-fields';

/** Bento's `mqtt` output: each message published once per region. */
export const mqttOutput = z.strictObject({
  ...mqttConnection(),
  topic: z
    .string()
    .min(1)
    .max(512)
    .refine((topic) => !/[+#]/.test(topic), 'a topic to publish to cannot hold "+" or "#"'),
  retained: z.boolean().default(false),
  write_timeout: durationMs('3s'),
  max_in_flight: count(1, 1024, 64),
  ...accepted('dynamic_client_id_suffix', 'will', 'retained_interpolated'),
});
export type MqttOutput = z.output<typeof mqttOutput>;
