import {
  canonicalPath,
  Registry,
  Rejection,
  RequestContext,
  RouteMatch,
  runStages,
  StageResult,
  TYK_ERRORS,
} from '@gatehouse/gateway-core';
import { REQUEST_ID_HEADER, requestIdFrom } from '@gatehouse/shared-observability';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

import { AnalyticsSink, buildRecord } from './analytics-builder';
import type { CompiledApi } from './compiled-api';
import { rejectUpgrade, sendEmpty, sendError, sendReply } from './gateway-errors';
import type { ProxyObserver } from './proxy-observer';
import type { OAuthTraffic } from './oauth-traffic';
import type { StreamTraffic } from './stream-traffic';
import { createTrafficListener, TrafficListener, TrafficTls } from './traffic-listener';
import { UpstreamForwarder } from './upstream-forwarder';
import { UpstreamPools } from './upstream-pools';

export type ControlHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface ProxyServerOptions {
  /** Where analytics records go; none means analytics are off. */
  analytics?: AnalyticsSink;
  /**
   * Serves the Gateway API on this port (Tyk's default when no control_api_port is set): requests whose
   * URL matches `controlPaths` go to it instead of to an API.
   */
  control?: ControlHandler;
  controlPaths?: RegExp;
  /** Listen before the config is loaded, answering 503 until `ready()` (the app listens first). */
  startsNotReady?: boolean;
  /** Serves the paths of stream APIs (`x-tyk-streaming`) once their stages passed. */
  streams?: StreamTraffic;
  /** Serves OAuth APIs' token and revoke endpoints, before (and instead of) their chains. */
  oauth?: OAuthTraffic;
  /** HTTPS (and HTTP/2) on the traffic port; plain HTTP without it. */
  tls?: TrafficTls;
}

/** The context a routed request carries through its API's stages. */
function contextFor(req: IncomingMessage, match: RouteMatch<CompiledApi>): RequestContext {
  return new RequestContext(
    req,
    match.api.spec,
    match.path,
    match.query,
    req.socket.remoteAddress ?? '',
    requestIdFrom(req.headers[REQUEST_ID_HEADER]),
    Date.now(),
  );
}

const NO_WEBSOCKET: Rejection = { status: 404, message: 'No WebSocket is served on this path' };

/** Tyk reserves `/tyk/...` and `/hello` on the traffic port. */
export const TYK_CONTROL_PATHS = /^\/(tyk(\/|$|\?)|hello(\?|$))/;

/**
 * The gateway's traffic port: plain node:http, the API's chain of stages, then undici to the upstream.
 * No framework and no per-request logging; outcomes go to the observer (metrics) and analytics.
 */
export class ProxyServer {
  private registry: Registry<CompiledApi>;
  private readonly listener: TrafficListener;
  private readonly forwarder: UpstreamForwarder;
  private inFlight = 0;
  private closing = false;
  private isReady: boolean;

  constructor(
    registry: Registry<CompiledApi>,
    private readonly pools: UpstreamPools,
    private readonly observer: ProxyObserver,
    private readonly options: ProxyServerOptions,
  ) {
    this.registry = registry;
    this.isReady = !options.startsNotReady;
    this.forwarder = new UpstreamForwarder(pools, observer, () => this.closing);
    this.listener = createTrafficListener(
      (req, res) => this.handle(req, res),
      (req, socket, head) => this.upgrade(req, socket, head),
      options.tls,
    );
  }

  /** Swaps everything served atomically: each request finishes on the registry it started with. */
  swap(registry: Registry<CompiledApi>): void {
    this.registry = registry;
  }

  get current(): Registry<CompiledApi> {
    return this.registry;
  }

  /** Starts serving: APIs and the Gateway API answer from now on (see `startsNotReady`). */
  ready(): void {
    this.isReady = true;
  }

  get inFlightRequests(): number {
    return this.inFlight;
  }

  async listen(port: number, host: string): Promise<AddressInfo> {
    const server = this.listener.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host || undefined, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return server.address() as AddressInfo;
  }

  /** Stops accepting, lets in-flight requests finish (answering `Connection: close`), then cuts the rest. */
  async close(timeoutMs: number): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.listener.server.close(() => resolve()));
    this.listener.closeIdle();
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      this.listener.closeIdle();
    }
    this.listener.closeAll();
    await closed;
    await this.pools.close();
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    if (!this.isReady) {
      sendError(res, TYK_ERRORS.gatewayStarting.status, TYK_ERRORS.gatewayStarting.message);
      return;
    }
    const url = req.url ?? '/';
    const controlPaths = this.options.controlPaths ?? TYK_CONTROL_PATHS;
    if (this.options.control && controlPaths.test(url)) {
      this.options.control(req, res);
      return;
    }
    const routed = this.route(req, url, controlPaths);
    if (routed === 'control') {
      this.options.control?.(req, res);
      return;
    }
    if ('status' in routed) {
      sendError(res, routed.status, routed.message);
      return;
    }
    const api = routed.api;
    if (api.spec.auth.oauth && this.options.oauth?.serve(api.spec, routed.path, req, res)) {
      this.inFlight++;
      res.once('close', () => this.inFlight--);
      return;
    }
    const ctx = contextFor(req, routed);
    this.inFlight++;
    res.once('close', () => this.finish(ctx, res));
    let outcome: StageResult | Promise<StageResult>;
    try {
      // Tyk's options_passthrough: every OPTIONS request skips the whole chain and goes upstream.
      const passthrough = api.spec.optionsPassthrough && ctx.method === 'OPTIONS';
      outcome = passthrough ? undefined : runStages(api.stages, ctx);
    } catch (error) {
      this.fail(res, error);
      return;
    }
    if (outcome instanceof Promise) {
      outcome.then(
        (result) => this.proceed(api, ctx, res, result),
        (error: unknown) => this.fail(res, error),
      );
    } else {
      this.proceed(api, ctx, res, outcome);
    }
  }

  /**
   * Finds the API for a request: one canonical path for routing, every rule
   * and the upstream (`/open/../priv` is `/priv` here too). `control` for the Gateway API on this port.
   */
  private route(
    req: IncomingMessage,
    url: string,
    controlPaths: RegExp,
  ): RouteMatch<CompiledApi> | 'control' | Rejection {
    const queryAt = url.indexOf('?');
    const query = queryAt === -1 ? '' : url.slice(queryAt);
    const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
    const canonical = canonicalPath(rawPath);
    if ('refused' in canonical)
      return {
        status: TYK_ERRORS.pathRejected.status,
        message: `${TYK_ERRORS.pathRejected.message}: ${canonical.refused}`,
      };
    if (this.options.control && canonical.path !== rawPath && controlPaths.test(canonical.path + query)) {
      // `/x/../tyk/keys` is the Gateway API too, and is answered as if asked plainly.
      req.url = canonical.path + query;
      return 'control';
    }
    const match = this.registry.matchPath(req.headers.host, canonical.path, query);
    if (!match) return TYK_ERRORS.noApi;
    if (canonical.ambiguousSeparator && !match.api.spec.allowEncodedSlashes)
      return {
        status: TYK_ERRORS.pathRejected.status,
        message: `${TYK_ERRORS.pathRejected.message}: encoded / or \\ (allow_encoded_slashes is off)`,
      };
    return match;
  }

  /**
   * A WebSocket handshake: routed and checked by the API's stages like any request (authentication,
   * access rights, rate limits), then handed to the API's streams; refused with Tyk's JSON error body.
   */
  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const streams = this.options.streams;
    if (!this.isReady) return rejectUpgrade(socket, TYK_ERRORS.gatewayStarting);
    const routed = this.route(req, req.url ?? '/', this.options.controlPaths ?? TYK_CONTROL_PATHS);
    if (routed === 'control' || 'status' in routed)
      return rejectUpgrade(socket, routed === 'control' ? TYK_ERRORS.noApi : routed);
    const api = routed.api;
    const ctx = contextFor(req, routed);
    const proceed = (rejection: StageResult) => {
      if (rejection) {
        rejectUpgrade(socket, rejection, { ...ctx.responseHeaders, ...rejection.headers });
        return;
      }
      // A WebSocket publisher's every message goes through the stages again (rate limits, quotas).
      const recheck = () => runStages(api.stages, ctx);
      const taken = api.spec.streams.length > 0 ? streams?.upgrade(ctx, socket, head, recheck) : false;
      void Promise.resolve(taken).then((answer) => {
        if (answer === true) socket.once('close', () => this.recordConnection(ctx));
        else rejectUpgrade(socket, answer || NO_WEBSOCKET, ctx.responseHeaders);
      }, failed);
    };
    const failed = (error: unknown) => {
      this.observer.stageFailed(error);
      rejectUpgrade(socket, TYK_ERRORS.upstreamFailed);
    };
    try {
      const outcome = runStages(api.stages, ctx);
      if (outcome instanceof Promise) outcome.then(proceed, failed);
      else proceed(outcome);
    } catch (error) {
      failed(error);
    }
  }

  private proceed(api: CompiledApi, ctx: RequestContext, res: ServerResponse, rejection: StageResult): void {
    if (res.destroyed) return;
    if (rejection) {
      const headers = { ...ctx.responseHeaders, ...rejection.headers, [REQUEST_ID_HEADER]: ctx.requestId };
      if (rejection.bodiless) sendEmpty(res, rejection.status, headers);
      else if (rejection.body !== undefined) sendReply(res, rejection.status, headers, rejection.body);
      else sendError(res, rejection.status, rejection.message, headers);
      return;
    }
    if (api.spec.streams.length > 0 && this.options.streams?.serve(ctx, res)) return;
    this.forwarder.forward(api, ctx, res);
  }

  /** A stage failed unexpectedly (Redis down, a bug): the client gets Tyk's 500, the process lives on. */
  private fail(res: ServerResponse, error: unknown): void {
    this.observer.stageFailed(error);
    if (!res.headersSent) sendError(res, TYK_ERRORS.upstreamFailed.status, TYK_ERRORS.upstreamFailed.message);
    else res.destroy();
  }

  /** A WebSocket consumer's connection ended: one record for it, as Tyk records a proxied WebSocket (101). */
  private recordConnection(ctx: RequestContext): void {
    try {
      this.observer.requestCompleted(ctx.spec.apiId, 101, (Date.now() - ctx.startedAt) / 1000);
      if (this.options.analytics && !ctx.spec.doNotTrack)
        this.options.analytics.record(buildRecord(ctx, 101));
    } catch (error) {
      this.observer.stageFailed(error);
    }
  }

  /** Runs when the response is done; whatever fails here is counted, never allowed to crash the process. */
  private finish(ctx: RequestContext, res: ServerResponse): void {
    this.inFlight--;
    if (!res.writableFinished) ctx.abandonUpstream?.abort();
    try {
      const status = res.statusCode;
      this.observer.requestCompleted(ctx.spec.apiId, status, (Date.now() - ctx.startedAt) / 1000);
      if (this.options.analytics && !ctx.spec.doNotTrack) {
        this.options.analytics.record(buildRecord(ctx, status));
      }
    } catch (error) {
      this.observer.stageFailed(error);
    }
  }
}
