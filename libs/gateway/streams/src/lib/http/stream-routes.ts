import type { StreamSpec } from '@gatehouse/shared-streams';

export type StreamAction = 'publish' | 'publish-websocket' | 'events' | 'poll' | 'websocket';

export interface StreamRoute {
  stream: StreamSpec;
  action: StreamAction;
}

function same(path: string, served: string): boolean {
  const trimmed = (value: string) => value.replace(/\/+$/, '') || '/';
  return trimmed(path) === trimmed(served);
}

/**
 * Which stream serves `path` (relative to the API's listen path), and how: publishing on the input's
 * `path` (HTTP) and `ws_path` (WebSocket), and on the `http_server` output's `stream_path` (SSE), `path` (long poll) and `ws_path`.
 * Definitions are checked at load so that no two of these paths collide.
 */
export function findStreamRoute(streams: readonly StreamSpec[], path: string): StreamRoute | undefined {
  for (const stream of streams) {
    if (stream.input.type === 'http_server' && same(path, stream.input.config.path))
      return { stream, action: 'publish' };
    if (stream.input.type === 'http_server' && same(path, stream.input.config.ws_path))
      return { stream, action: 'publish-websocket' };
    for (const output of stream.outputs) {
      if (output.type !== 'http_server') continue;
      if (same(path, output.config.stream_path)) return { stream, action: 'events' };
      if (same(path, output.config.path)) return { stream, action: 'poll' };
      if (same(path, output.config.ws_path)) return { stream, action: 'websocket' };
    }
  }
  return undefined;
}
