import { applyResponseHeaders, findRule, RequestContext, TYK_ERRORS } from '@gatehouse/gateway-core';
import { REQUEST_ID_HEADER } from '@gatehouse/shared-observability';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

import type { CircuitBreaker } from './circuit-breaker';
import { ClientGoneSignal } from './client-gone-signal';
import type { CompiledApi } from './compiled-api';
import { endToEndHeaders } from './forwarded-headers';
import {
  capturingRequestBody,
  capturingResponse,
  startCapture,
  wantsDetailedRecording,
} from './detailed-capture';
import { limitedBody } from './limited-body';
import { cachingResponse } from './response-caching';
import { transformingResponse } from './response-transform';
import { classifyUpstreamError, sendError, upstreamErrorResponse } from './gateway-errors';
import type { ProxyObserver } from './proxy-observer';
import { UpstreamPools } from './upstream-pools';
import { upstreamRequest } from './upstream-request';

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

function hasBody(ctx: RequestContext): boolean {
  const length = ctx.req.headers['content-length'];
  return (length !== undefined && length !== '0') || ctx.req.headers['transfer-encoding'] !== undefined;
}

/**
 * Sends a request that passed its chain to the upstream and streams the answer back. Idempotent requests
 * without a body that fail to connect are retried once on each other target; per-path circuit breakers
 * short-circuit a failing upstream with 503.
 */
export class UpstreamForwarder {
  constructor(
    private readonly pools: UpstreamPools,
    private readonly observer: ProxyObserver,
    private readonly isClosing: () => boolean,
  ) {}

  forward(api: CompiledApi, ctx: RequestContext, res: ServerResponse): void {
    const rule =
      api.breakers.size > 0 ? findRule(ctx.version.circuitBreakers, ctx.path, ctx.method) : undefined;
    const breaker = rule ? api.breakers.get(rule) : undefined;
    if (breaker && !breaker.allow()) {
      sendError(res, TYK_ERRORS.circuitOpen.status, TYK_ERRORS.circuitOpen.message, ctx.responseHeaders);
      return;
    }
    const timeout =
      ctx.version.hardTimeouts.length > 0
        ? findRule(ctx.version.hardTimeouts, ctx.path, ctx.method)
        : undefined;
    const retries =
      !hasBody(ctx) && IDEMPOTENT.has(ctx.method) && !ctx.upstreamOverride ? api.targets.size - 1 : 0;
    this.attempt(api, ctx, res, { breaker, timeoutMs: timeout?.value }, retries);
  }

  private attempt(
    api: CompiledApi,
    ctx: RequestContext,
    res: ServerResponse,
    guards: { breaker?: CircuitBreaker; timeoutMs?: number },
    retriesLeft: number,
  ): void {
    const breaker = guards.breaker;
    const request = upstreamRequest(ctx, api.targets.pick());
    if (!this.pools.acquire(request.origin)) {
      this.observer.upstreamFailed(ctx.spec.apiId, 'busy');
      const busy = TYK_ERRORS.upstreamBusy;
      sendError(res, busy.status, busy.message, ctx.responseHeaders);
      return;
    }
    const started = performance.now();
    if (wantsDetailedRecording(ctx) && !ctx.capture) startCapture(ctx);
    // A client that goes away takes its upstream request with it: nothing waits on an answer nobody reads.
    const abandoned = new ClientGoneSignal();
    ctx.abandonUpstream = abandoned;
    this.pools.get(request.origin).stream(
      {
        path: request.path,
        method: ctx.method as 'GET',
        headers: request.headers,
        body: ctx.bufferedBody
          ? capturingRequestBody(ctx, Readable.from([ctx.bufferedBody]))
          : hasBody(ctx)
            ? capturingRequestBody(ctx, limitedBody(ctx))
            : null,
        headersTimeout: guards.timeoutMs,
        signal: abandoned,
      },
      ({ statusCode, headers }) => {
        ctx.upstreamMs = performance.now() - started;
        breaker?.record(statusCode < 500);
        const responseHeaders = endToEndHeaders(headers as Record<string, string | string[]>);
        applyResponseHeaders(ctx, responseHeaders);
        responseHeaders[REQUEST_ID_HEADER] = ctx.requestId;
        if (this.isClosing()) responseHeaders['connection'] = 'close';
        const transform =
          ctx.version.responseTransforms.length > 0
            ? findRule(ctx.version.responseTransforms, ctx.path, ctx.method)
            : undefined;
        if (transform) return transformingResponse(ctx, res, statusCode, responseHeaders, transform);
        res.writeHead(statusCode, responseHeaders);
        return cachingResponse(
          ctx,
          capturingResponse(ctx, res, statusCode, responseHeaders),
          statusCode,
          responseHeaders,
        );
      },
      (error) => {
        this.pools.release(request.origin);
        if (!error) return;
        if (abandoned.aborted) {
          // Tyk records a request its client abandoned as 499 (nginx's "client closed request").
          res.statusCode = 499;
          this.observer.upstreamFailed(ctx.spec.apiId, 'client_closed');
          return;
        }
        const failure = classifyUpstreamError(error);
        if (failure === 'connect' && retriesLeft > 0 && !res.headersSent) {
          this.attempt(api, ctx, res, guards, retriesLeft - 1);
          return;
        }
        if (ctx.bodyTooLarge && !res.headersSent) {
          const tooLarge = TYK_ERRORS.bodyTooLarge;
          sendError(res, tooLarge.status, tooLarge.message, ctx.responseHeaders);
          return;
        }
        breaker?.record(false);
        this.observer.upstreamFailed(ctx.spec.apiId, failure);
        if (res.headersSent) {
          res.destroy(error);
          return;
        }
        const { statusCode, message } = upstreamErrorResponse(failure);
        sendError(res, statusCode, message, ctx.responseHeaders);
      },
    );
  }
}
