import { z } from 'zod';

import { accepted, tls } from '../bento-fields';

/** Bento's `websocket` input: the region connects once to an upstream WebSocket and reads from it. */
export const websocketInput = z.strictObject({
  url: z
    .string()
    .max(2048)
    .regex(/^wss?:\/\/[^\s]+$/, 'expected a ws:// or wss:// URL'),
  open_message: z.string().max(65536).optional(),
  open_message_type: z.enum(['binary', 'text']).default('binary'),
  tls,
  ...accepted('auto_replay_nacks', 'connection'),
});
export type WebsocketInput = z.output<typeof websocketInput>;
