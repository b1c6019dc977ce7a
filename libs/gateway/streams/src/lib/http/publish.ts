import type { RequestContext } from '@gatehouse/gateway-core';
import type { HttpServerInput } from '@gatehouse/shared-streams';
import type { ServerResponse } from 'node:http';

import { requestContextValues } from '../context-values';
import type { RunningStream } from '../running-stream';
import { answer, refuse } from './json-answer';
import { BodyTooLargeError, readBody } from './request-body';

/** A published message is at most this large unless the API sets a smaller size limit. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * Publishing on an `http_server` input: the body is one message, put through the stream's pipeline
 * with the publisher's context and appended to the region's log. Answers with the message's id, or a
 * 400 naming why a processor refused it. The API's stages have run already, so the publish counted
 * against the key's rate limit and quota like any request.
 */
export async function publish(
  ctx: RequestContext,
  res: ServerResponse,
  stream: RunningStream,
  input: HttpServerInput,
): Promise<void> {
  if (!input.allowed_verbs.includes(ctx.method as 'POST')) {
    refuse(res, 405, 'Method Not Allowed', { ...ctx.responseHeaders, Allow: input.allowed_verbs.join(', ') });
    return;
  }
  let body: Buffer;
  try {
    body = await readBody(ctx.req, Math.min(MAX_MESSAGE_BYTES, ctx.maxBodyBytes ?? MAX_MESSAGE_BYTES));
  } catch (error) {
    if (error instanceof BodyTooLargeError) refuse(res, 413, 'Request is too large', ctx.responseHeaders);
    else res.destroy();
    return;
  }
  const meta: Record<string, string> = {};
  const contentType = ctx.header('content-type');
  if (contentType) meta['content_type'] = contentType.slice(0, 200);
  try {
    const outcome = await stream.ingest(body.toString('utf8'), meta, requestContextValues(ctx));
    if (outcome.kind === 'failed') refuse(res, 400, outcome.reason, ctx.responseHeaders);
    else
      answer(
        res,
        200,
        outcome.kind === 'appended' ? { id: outcome.id } : { dropped: true },
        ctx.responseHeaders,
      );
  } catch (error) {
    stream.fail('http_server', error as Error);
    refuse(res, 503, 'the stream cannot take messages right now; try again', ctx.responseHeaders);
  }
}
