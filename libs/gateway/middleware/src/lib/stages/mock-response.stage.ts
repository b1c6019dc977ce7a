import {
  applyResponseHeaders,
  findRule,
  ListRule,
  Rejection,
  RequestContext,
  Stage,
  StageResult,
} from '@gatehouse/gateway-core';

/** A mock reply as Tyk writes it: status, headers and body as configured, Go's sniffed type for text. */
export function mockReply(rule: ListRule): Rejection {
  const reply = rule.reply as NonNullable<ListRule['reply']>;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.headers)) headers[name.toLowerCase()] = value;
  if (reply.body !== '' && headers['content-type'] === undefined) {
    headers['content-type'] = 'text/plain; charset=utf-8';
  }
  return { status: reply.status || 200, message: '', headers, body: reply.body };
}

/**
 * Tyk's OAS mockResponse (gateway/mw_mock_response.go): after authentication, limits and transforms,
 * the operation is answered with its mock, through the response chain (response header rules and the
 * quota headers), never proxied.
 */
export class MockResponseStage implements Stage {
  readonly name = 'mock-response';

  run(ctx: RequestContext): StageResult {
    const rule = findRule(ctx.version.lateMockResponses, ctx.path, ctx.method);
    if (!rule) return undefined;
    const reply = mockReply(rule);
    const headers: Record<string, string | string[]> = { ...reply.headers };
    applyResponseHeaders(ctx, headers);
    return { ...reply, headers: headers as Record<string, string> };
  }
}
