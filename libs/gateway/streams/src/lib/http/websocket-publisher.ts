import type { RequestContext, StageResult } from '@gatehouse/gateway-core';
import type { WebSocket } from 'ws';

import { requestContextValues } from '../context-values';
import type { RunningStream } from '../running-stream';

/** What a publisher may have waiting to be appended before it is told to slow down (closed). */
const MAX_PENDING = 64;
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

/**
 * Publishing over a WebSocket (the `http_server` input's `ws_path`): each frame is one message. Every
 * message goes through the API's stages again first, so rate limits and quotas count messages, not
 * connections; a refused message is answered with an `{"error","status"}` frame and the connection
 * stays open, unless the key itself is no longer valid (401/403 from authentication), which closes it.
 * Messages are appended in the order sent; a publisher with more than 64 messages or 4 MiB waiting is
 * closed (1008), so no publisher can make the gateway hold more than that for it.
 */
export function servePublisher(
  ws: WebSocket,
  ctx: RequestContext,
  stream: RunningStream,
  recheck: () => StageResult | Promise<StageResult>,
): void {
  const publisher = requestContextValues(ctx);
  let pending = 0;
  let pendingBytes = 0;
  let chain = Promise.resolve();
  const refuse = (status: number, error: string) => ws.send(JSON.stringify({ error, status }));
  ws.on('message', (data: Buffer) => {
    pendingBytes += data.length;
    if (++pending > MAX_PENDING || pendingBytes > MAX_PENDING_BYTES) {
      ws.close(1008, 'too many messages waiting to be appended: slow down');
      setTimeout(() => ws.terminate(), 1000).unref();
      return;
    }
    chain = chain.then(async () => {
      try {
        const rejection = await recheck();
        if (rejection) {
          if (rejection.status === 401) ws.close(1008, rejection.message.slice(0, 120));
          else refuse(rejection.status, rejection.message);
          return;
        }
        const outcome = await stream.ingest(data.toString('utf8'), {}, publisher);
        if (outcome.kind === 'failed') refuse(400, outcome.reason);
      } catch (error) {
        stream.fail('http_server', error as Error);
        refuse(503, 'the stream cannot take messages right now; try again');
      } finally {
        pending--;
        pendingBytes -= data.length;
      }
    });
  });
}
