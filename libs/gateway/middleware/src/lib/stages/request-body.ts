import { reject, RequestContext, StageResult, TYK_ERRORS } from '@gatehouse/gateway-core';

/**
 * Bodies read whole are held in memory and parsed on the event loop, which every API of the gateway
 * shares: past this (or the API's own size limit, if lower), the request is refused instead.
 */
export const MAX_READ_BODY = 2 * 1024 * 1024;

/**
 * The request body read whole once (a later stage reuses it, and the proxy sends it upstream from
 * memory), or why it could not be.
 */
export function readRequestBody(ctx: RequestContext): Promise<Buffer | 'too-large' | 'unreadable'> {
  if (ctx.bufferedBody) return Promise.resolve(ctx.bufferedBody);
  const limit = Math.min(ctx.maxBodyBytes ?? MAX_READ_BODY, MAX_READ_BODY);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    ctx.req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        ctx.req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    ctx.req.once('end', () => {
      ctx.bufferedBody = Buffer.concat(chunks);
      resolve(ctx.bufferedBody);
    });
    ctx.req.once('error', () => resolve('unreadable'));
  });
}

/**
 * A stage's work on the whole body: a body over the limit is refused with Tyk's 400 (closing the
 * connection) before `use` runs; an unreadable one (the client went away) reaches `use` as undefined.
 */
export async function withRequestBody(
  ctx: RequestContext,
  use: (body: Buffer | undefined) => StageResult | Promise<StageResult>,
): Promise<StageResult> {
  const body = await readRequestBody(ctx);
  // The rest of the body is still on its way, unread: the connection closes after the answer, or the
  // client's next request on it would wait behind bytes nobody reads.
  if (body === 'too-large') return reject(TYK_ERRORS.bodyTooLarge, { connection: 'close' });
  return use(body === 'unreadable' ? undefined : body);
}
