import { z } from 'zod';

import { accepted, durationMs, refused, servedPath } from '../bento-fields';

const LISTENER = "streams are served by the gateway's own listener, under the API's listen path";

/**
 * Bento's `http_server` output, served to consumers on every gateway of the region: `ws_path` as a
 * WebSocket, `stream_path` as Server-Sent Events and `path` as a long-poll GET of a batch.
 */
export const httpServerOutput = z.strictObject({
  path: servedPath('/get'),
  stream_path: servedPath('/get/stream'),
  ws_path: servedPath('/get/ws'),
  allowed_verbs: z.array(z.literal('GET')).min(1).max(1).default(['GET']),
  timeout: durationMs('5s'),
  ...accepted('cors', 'stream_format', 'heartbeat', 'ping_period', 'pong_wait'),
  ...refused(LISTENER, 'address', 'cert_file', 'key_file'),
});
export type HttpServerOutput = z.output<typeof httpServerOutput>;
