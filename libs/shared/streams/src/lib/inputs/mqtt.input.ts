import { z } from 'zod';

import { accepted, mqttConnection } from '../bento-fields';

/**
 * A topic filter: levels separated by "/", "+" for one whole level, "#" only as the last level. A filter
 * beginning "$share/" is refused: the gateway makes the subscription shared itself.
 */
const topicFilter = z
  .string()
  .min(1)
  .max(512)
  .refine((topic) => !topic.startsWith('$share/'), 'give the plain topic; the region shares it already')
  .refine(
    (topic) =>
      topic
        .split('/')
        .every((level, index, levels) =>
          level.includes('#')
            ? level === '#' && index === levels.length - 1
            : !level.includes('+') || level === '+',
        ),
    'a "+" or "#" must be a whole level, and "#" the last one',
  );

/** Bento's `mqtt` input, read once per region through a shared subscription. */
export const mqttInput = z.strictObject({
  ...mqttConnection(),
  topics: z.array(topicFilter).min(1, 'at least one topic is required').max(32),
  clean_session: z.boolean().default(true),
  ...accepted('dynamic_client_id_suffix', 'will', 'auto_replay_nacks'),
});
export type MqttInput = z.output<typeof mqttInput>;
