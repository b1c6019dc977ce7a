import { z } from 'zod';

import { accepted, durationMs, refused, servedPath } from '../bento-fields';

const LISTENER = "streams are served by the gateway's own listener, under the API's listen path";

/**
 * Bento's `http_server` input: clients publish by `POST` on `path` (or over a WebSocket on `ws_path`),
 * under the API's listen path, through the API's authentication and limits.
 */
export const httpServerInput = z.strictObject({
  path: servedPath('/post'),
  ws_path: servedPath('/post/ws'),
  allowed_verbs: z
    .array(z.enum(['POST', 'PUT', 'PATCH']))
    .min(1)
    .max(3)
    .default(['POST']),
  timeout: durationMs('5s'),
  ...accepted('sync_response', 'rate_limit', 'cors', 'ws_welcome_message', 'ws_rate_limit_message'),
  ...refused(LISTENER, 'address', 'cert_file', 'key_file'),
});
export type HttpServerInput = z.output<typeof httpServerInput>;
