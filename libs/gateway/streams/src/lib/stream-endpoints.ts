import type { RequestContext, StageResult } from '@gatehouse/gateway-core';
import { isStreamId } from '@gatehouse/gateway-storage';
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';

import { requestContextValues } from './context-values';
import { Consumer, ConsumerConnection } from './consumers/consumer';
import { SseConnection } from './consumers/sse.connection';
import { WebSocketConnection } from './consumers/websocket.connection';
import { refuse } from './http/json-answer';
import { LongPollConnection } from './http/long-poll';
import type { RegionConnectionLimit } from './consumers/region-connection-limit';
import { MAX_MESSAGE_BYTES, publish } from './http/publish';
import { findStreamRoute } from './http/stream-routes';
import { servePublisher } from './http/websocket-publisher';
import type { RunningStream } from './running-stream';
import type { StreamMetrics } from './stream-metrics';

export interface RunningStreams {
  find(apiId: string, name: string): RunningStream | undefined;
}

type Refusal = { status: number; message: string };
type ConsumerKind = 'sse' | 'websocket' | 'long_poll';

/** Who a connection counts against: its key, or its client address on a keyless API. */
function ownerOf(ctx: RequestContext): string {
  return ctx.keyId ?? `ip:${ctx.clientIp}`;
}

/** A consumer let in: who it counts against, where it resumes, and what gives its place back. */
interface Admission {
  owner: string;
  resumeAfter?: string;
  /** For a consumer that never attached: its place on this gateway and in the region. */
  release(): void;
  /** For one that attached (detaching gives its place on this gateway back). */
  releaseRegion(): void;
}

/** Frames a consumer may send us: none are needed, so a large one only costs memory. */
const MAX_INCOMING_FRAME = 4 * 1024;

/**
 * The gateway's stream paths, reached only after the API's stages passed (authentication, access,
 * IP lists, rate limits and quotas): publishing, and consuming as Server-Sent Events, long polls and
 * WebSockets. Each connection counts against its key's limit for the stream on this gateway.
 */
export class StreamEndpoints {
  private readonly sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_INCOMING_FRAME });
  private readonly publishers = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  /** `regionLimit` applies `max_connections_per_key` across the region, not only on this gateway. */
  constructor(
    private readonly streams: RunningStreams,
    private readonly metrics: StreamMetrics,
    private readonly regionLimit?: RegionConnectionLimit,
  ) {}

  /** Going away: publishers are cut (consumers are closed, with a reason, by their streams). */
  close(): void {
    this.regionLimit?.close();
    for (const socket of this.publishers.clients) socket.close(1001, 'the gateway is shutting down');
    for (const socket of [...this.publishers.clients, ...this.sockets.clients])
      setTimeout(() => socket.terminate(), 1000).unref();
  }

  serve(ctx: RequestContext, res: ServerResponse): boolean {
    const route = findStreamRoute(ctx.spec.streams, ctx.path);
    if (!route) return false;
    const stream = this.streams.find(ctx.spec.apiId, route.stream.name);
    if (!stream) {
      refuse(res, 503, 'the stream is starting; try again', ctx.responseHeaders);
      return true;
    }
    if (route.action === 'publish' && route.stream.input.type === 'http_server') {
      void publish(ctx, res, stream, route.stream.input.config);
      return true;
    }
    const output = stream.httpOutput;
    if (route.action === 'websocket' || route.action === 'publish-websocket' || !output) {
      refuse(res, 426, 'Upgrade Required: connect with a WebSocket', ctx.responseHeaders);
      return true;
    }
    if (ctx.method !== 'GET') {
      refuse(res, 405, 'Method Not Allowed', { ...ctx.responseHeaders, Allow: 'GET' });
      return true;
    }
    void this.openHttpConsumer(
      ctx,
      res,
      stream,
      route.action === 'events' ? 'sse' : 'long_poll',
      output.timeout,
    );
    return true;
  }

  private async openHttpConsumer(
    ctx: RequestContext,
    res: ServerResponse,
    stream: RunningStream,
    kind: 'sse' | 'long_poll',
    timeoutMs: number,
  ): Promise<void> {
    const admitted = await this.admit(ctx, stream, kind);
    if ('status' in admitted) {
      refuse(res, admitted.status, admitted.message, ctx.responseHeaders);
      return;
    }
    if (res.destroyed) {
      admitted.release();
      return;
    }
    const connection =
      kind === 'sse'
        ? new SseConnection(res, ctx.responseHeaders)
        : new LongPollConnection(res, ctx.responseHeaders, timeoutMs, () => gone());
    const gone = this.attach(ctx, stream, connection, admitted, kind);
    res.once('close', gone);
  }

  upgrade(
    ctx: RequestContext,
    socket: Duplex,
    head: Buffer,
    recheck: () => StageResult | Promise<StageResult>,
  ): boolean | Refusal | Promise<boolean | Refusal> {
    const route = findStreamRoute(ctx.spec.streams, ctx.path);
    if (route?.action === 'publish-websocket') {
      const stream = this.streams.find(ctx.spec.apiId, route.stream.name);
      if (!stream) return { status: 503, message: 'the stream is starting; try again' };
      return this.openPublisher(ctx, socket, head, stream, recheck);
    }
    if (!route || route.action !== 'websocket') return false;
    const stream = this.streams.find(ctx.spec.apiId, route.stream.name);
    if (!stream?.httpOutput) return { status: 503, message: 'the stream is starting; try again' };
    return this.openWebSocketConsumer(ctx, socket, head, stream);
  }

  /**
   * A WebSocket publisher holds a connection like a consumer: it counts against its key's
   * `max_connections_per_key` across the region (publishing needs the regional Redis anyway).
   */
  private async openPublisher(
    ctx: RequestContext,
    socket: Duplex,
    head: Buffer,
    stream: RunningStream,
    recheck: () => StageResult | Promise<StageResult>,
  ): Promise<boolean | Refusal> {
    const key = `${stream.log.key}:publishers:${encodeURIComponent(ownerOf(ctx))}`;
    const slot = await this.regionLimit?.take(key, stream.spec.distribution.max_connections_per_key);
    if (slot === 'refused') return this.tooMany(stream);
    socket.once('close', () => {
      if (slot && slot !== 'unchecked') this.regionLimit?.release(slot);
    });
    this.publishers.handleUpgrade(ctx.req, socket, head, (ws) => servePublisher(ws, ctx, stream, recheck));
    return true;
  }

  private tooMany(stream: RunningStream): Refusal {
    this.metrics.dropped(stream.label, 'too_many_connections');
    const limit = stream.spec.distribution.max_connections_per_key;
    return { status: 429, message: `too many connections to this stream for this key (at most ${limit})` };
  }

  private async openWebSocketConsumer(
    ctx: RequestContext,
    socket: Duplex,
    head: Buffer,
    stream: RunningStream,
  ): Promise<boolean | Refusal> {
    const admitted = await this.admit(ctx, stream, 'websocket');
    if ('status' in admitted) return admitted;
    let opened = false;
    socket.once('close', () => {
      if (!opened) admitted.release();
    });
    this.sockets.handleUpgrade(ctx.req, socket, head, (ws) => {
      opened = true;
      const query = new URLSearchParams(ctx.query);
      const envelope = query.get('envelope') === 'true' || admitted.resumeAfter !== undefined;
      const gone = this.attach(ctx, stream, new WebSocketConnection(ws, envelope), admitted, 'websocket');
      ws.once('close', gone);
      ws.on('error', () => ws.terminate());
    });
    return true;
  }

  /**
   * Checks the resume id and the key's connection limit, on this gateway and then across the region;
   * what it returns is the consumer's admission, with what gives its place back.
   */
  private async admit(
    ctx: RequestContext,
    stream: RunningStream,
    kind: ConsumerKind,
  ): Promise<Admission | Refusal> {
    const query = new URLSearchParams(ctx.query);
    const resume =
      kind === 'long_poll'
        ? (query.get('after') ?? undefined)
        : (ctx.header('last-event-id') ?? query.get('last_event_id') ?? undefined);
    if (resume !== undefined && resume !== '' && !isStreamId(resume)) {
      const field = kind === 'long_poll' ? 'after' : 'Last-Event-ID (or last_event_id)';
      return { status: 400, message: `${field} is not a message id (expected <milliseconds>-<sequence>)` };
    }
    const owner = ownerOf(ctx);
    const limit = stream.spec.distribution.max_connections_per_key;
    if (!stream.consumers?.admit(owner)) return this.tooMany(stream);
    const slot = await this.regionLimit?.take(
      `${stream.log.key}:connections:${encodeURIComponent(owner)}`,
      limit,
    );
    if (slot === 'refused') {
      stream.consumers?.release(owner);
      return this.tooMany(stream);
    }
    const releaseRegion = () => {
      if (slot && slot !== 'unchecked') this.regionLimit?.release(slot);
    };
    return {
      owner,
      resumeAfter: resume || undefined,
      release: () => {
        stream.consumers?.release(owner);
        releaseRegion();
      },
      releaseRegion,
    };
  }

  /** Starts a consumer; returns what to call once its connection is gone. */
  private attach(
    ctx: RequestContext,
    stream: RunningStream,
    connection: ConsumerConnection,
    admitted: Admission,
    kind: ConsumerKind,
  ): () => void {
    const label = stream.label;
    const streamed = { messages: 0, bytes: 0 };
    ctx.streamed = streamed;
    const perConsumer =
      stream.spec.processing === 'per-consumer'
        ? { processors: stream.spec.processors, context: requestContextValues(ctx) }
        : undefined;
    const consumer = new Consumer(
      connection,
      {
        buffer: stream.spec.distribution.consumer_buffer,
        perConsumer,
        owner: admitted.owner,
        resumeAfter: admitted.resumeAfter,
        shared: stream.consumers?.delivery === 'shared',
      },
      {
        delivered: (bytes) => {
          streamed.messages++;
          streamed.bytes += bytes;
          this.metrics.messageOut(label, 'http_server', bytes);
        },
        filtered: (outcome) =>
          this.metrics.dropped(label, outcome === 'dropped' ? 'deleted' : 'processor_failed'),
        closed: (reason) => reason === 'slow' && this.metrics.dropped(label, 'slow_consumer'),
      },
    );
    this.metrics.consumers(label, kind, 1);
    let done = false;
    const gone = () => {
      if (done) return;
      done = true;
      consumer.disconnected();
      stream.consumers?.detach(consumer);
      admitted.releaseRegion();
      this.metrics.consumers(label, kind, -1);
    };
    stream.consumers
      ?.attach(consumer)
      .catch(() => consumer.close('unavailable', 'the stream log is unavailable; reconnect to resume'));
    return gone;
  }
}
