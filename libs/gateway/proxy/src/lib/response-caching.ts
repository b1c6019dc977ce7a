import type { RequestContext } from '@gatehouse/gateway-core';
import { REQUEST_ID_HEADER } from '@gatehouse/shared-observability';
import { PassThrough, Writable } from 'node:stream';

/** Answers larger than this are passed on but not cached: one entry must not fill the region's Redis. */
export const MAX_CACHED_BODY_BYTES = 1024 * 1024;

/** Headers that describe this answer only, never replayed from the cache. */
const PER_REQUEST = new Set([
  REQUEST_ID_HEADER,
  'connection',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
]);

/**
 * Where the upstream's body goes when the request may be cached: `sink`, through a copy that is
 * handed to the cache once the body ended whole (Tyk's ResponseCacheMiddleware).
 */
export function cachingResponse(
  ctx: RequestContext,
  sink: Writable,
  statusCode: number,
  headers: Record<string, string | string[]>,
): Writable {
  const store = ctx.cacheWrite;
  if (!store) return sink;
  const chunks: Buffer[] = [];
  let size = 0;
  const tee = new PassThrough();
  tee.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_CACHED_BODY_BYTES) chunks.push(chunk);
  });
  tee.on('end', () => {
    if (size > MAX_CACHED_BODY_BYTES) return;
    const kept: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers)) if (!PER_REQUEST.has(name)) kept[name] = value;
    store({ status: statusCode, headers: kept, body: Buffer.concat(chunks) });
  });
  sink.on('close', () => tee.destroy());
  tee.pipe(sink);
  return tee;
}
