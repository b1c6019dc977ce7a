import { BodyTransformRule, RequestContext, runBodyTransform, templateInput } from '@gatehouse/gateway-core';
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

import { sendError } from './gateway-errors';

/** Upstream answers read whole for a transform: past this the client gets Tyk's 500. */
export const MAX_TRANSFORMED_BODY_BYTES = 10 * 1024 * 1024;

function decoded(body: Buffer, encoding: string | string[] | undefined): Buffer {
  switch (typeof encoding === 'string' ? encoding.trim().toLowerCase() : '') {
    case 'gzip':
      return gunzipSync(body, { maxOutputLength: MAX_TRANSFORMED_BODY_BYTES });
    case 'deflate':
      return inflateSync(body, { maxOutputLength: MAX_TRANSFORMED_BODY_BYTES });
    case 'br':
      return brotliDecompressSync(body, { maxOutputLength: MAX_TRANSFORMED_BODY_BYTES });
    default:
      return body;
  }
}

/**
 * Tyk's response body transform (gateway/res_handler_transform.go): the upstream's answer is read
 * whole (decompressed), its JSON goes through the path's Go template (a body that is not JSON counts
 * as `{}`), and the output replaces it, even when the template stopped part-way, as in Tyk. The
 * answer goes out uncompressed with its new length.
 */
export function transformingResponse(
  ctx: RequestContext,
  res: ServerResponse,
  statusCode: number,
  headers: Record<string, string | string[]>,
  rule: BodyTransformRule,
): Writable {
  const chunks: Buffer[] = [];
  let size = 0;
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size <= MAX_TRANSFORMED_BODY_BYTES) chunks.push(chunk);
      done();
    },
    final(done) {
      let body: Buffer;
      try {
        if (size > MAX_TRANSFORMED_BODY_BYTES) throw new Error('too large');
        body = decoded(Buffer.concat(chunks), headers['content-encoding']);
      } catch {
        sendError(res, 500, 'Response body too large', {});
        done();
        return;
      }
      const output = Buffer.from(
        runBodyTransform(rule, templateInput(body.toString('utf8')) ?? {}, ctx).output,
      );
      delete headers['content-encoding'];
      headers['content-length'] = String(output.length);
      res.writeHead(statusCode, headers);
      res.end(output);
      ctx.cacheWrite?.({ status: statusCode, headers, body: output });
      done();
    },
  });
}
