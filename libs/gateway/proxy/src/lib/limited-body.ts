import type { RequestContext } from '@gatehouse/gateway-core';
import { Readable, Transform } from 'node:stream';

/**
 * The request body as a stream that fails once more than `ctx.maxBodyBytes` have passed, for chunked
 * bodies whose size is not declared up front. The failure aborts the upstream request; the proxy sees
 * `ctx.bodyTooLarge` and answers 400 as for a declared oversize body.
 */
export function limitedBody(ctx: RequestContext): Readable {
  const limit = ctx.maxBodyBytes;
  if (limit === undefined) return ctx.req;
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) {
        ctx.bodyTooLarge = true;
        done(new Error('request body over the size limit'));
        return;
      }
      done(null, chunk);
    },
  });
  ctx.req.on('error', (error) => counter.destroy(error));
  return ctx.req.pipe(counter);
}
