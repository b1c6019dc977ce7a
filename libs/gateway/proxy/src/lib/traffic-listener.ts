import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import {
  createSecureServer,
  Http2SecureServer,
  Http2ServerRequest,
  Http2ServerResponse,
  Http2Session,
} from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { SecureContextOptions, TlsOptions } from 'node:tls';

import { sendError } from './gateway-errors';

/** How the traffic port serves TLS (Tyk's `http_server_options`). */
export interface TrafficTls {
  /** Certificates (a default and SNI), versions, ciphers and client-certificate requests. */
  options: TlsOptions;
  /** HTTP/2 by ALPN beside HTTP/1.1. */
  http2: boolean;
  /** Registers for renewals of the default certificate, applied to new connections. */
  onDefaultChanged?(apply: (options: SecureContextOptions) => void): void;
  /** How long an HTTP/2 connection may stay without any frame before it is closed (ms). */
  idleTimeoutMs?: number;
  /** How long a client may take to complete the TLS handshake (ms). */
  handshakeTimeoutMs?: number;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** The traffic port's server, whichever protocol it speaks, with the shutdown steps the proxy needs. */
export interface TrafficListener {
  readonly server: Server | Http2SecureServer;
  /** Closes connections with no request in flight (HTTP/2: asks each session to finish, GOAWAY). */
  closeIdle(): void;
  /** Cuts every connection left. */
  closeAll(): void;
}

const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** Node's default is 120 s: a client opening connections and never finishing a handshake holds each that long. */
const HANDSHAKE_TIMEOUT_MS = 10_000;
/** Connection-specific headers, which HTTP/2 forbids (RFC 9113 §8.2.2); Node throws on them. */
const HTTP1_ONLY = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

type Headers = Record<string, string | string[] | number | undefined>;

function withoutHttp1Only(headers: unknown): unknown {
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) return headers;
  const kept: Headers = {};
  for (const [name, value] of Object.entries(headers as Headers))
    if (!HTTP1_ONLY.has(name.toLowerCase())) kept[name] = value;
  return kept;
}

/**
 * The proxy writes HTTP/1.1 answers (`Connection: close` on a refused oversize body or while draining);
 * on an HTTP/2 stream those headers are dropped instead: the stream ends on its own.
 */
function dropHttp1OnlyHeaders(res: Http2ServerResponse): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name: string, value: number | string | readonly string[]) =>
    HTTP1_ONLY.has(name.toLowerCase()) ? res : setHeader(name, value);
  const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => Http2ServerResponse;
  (res as { writeHead: (status: number, ...rest: unknown[]) => Http2ServerResponse }).writeHead = (
    status,
    ...rest
  ) => writeHead(status, ...rest.map(withoutHttp1Only));
}

const handshakeTimeoutOf = (tls: TrafficTls) => tls.handshakeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS;

function http1(server: Server): TrafficListener {
  return {
    server,
    closeIdle: () => server.closeIdleConnections(),
    closeAll: () => server.closeAllConnections(),
  };
}

/**
 * HTTP/2 with HTTP/1.1 for clients that do not offer h2. The compatibility API hands `handle` request and
 * response objects with the members the proxy uses (headers, url, method, body stream, writeHead,
 * setHeader, write, end, close events), so one request path serves both protocols; `:authority` is
 * given as `host`, as routing and upstreams expect.
 */
function http2(
  tls: TrafficTls,
  handle: RequestHandler,
  upgrade: UpgradeHandler,
): TrafficListener & { secure: Http2SecureServer } {
  const sessions = new Set<Http2Session>();
  const sockets = new Set<Socket>();
  const server = createSecureServer(
    { ...tls.options, handshakeTimeout: handshakeTimeoutOf(tls), allowHTTP1: true },
    (req: Http2ServerRequest, res: Http2ServerResponse) => {
      if (req.httpVersionMajor === 2) {
        dropHttp1OnlyHeaders(res);
        // RFC 9113 §8.3.1: a Host naming another site than :authority makes the request malformed.
        // Routing reads Host; a front proxy may have checked :authority: they must agree.
        const host = req.headers.host;
        if (host !== undefined && host.toLowerCase() !== req.authority.toLowerCase())
          return sendError(res as unknown as ServerResponse, 400, 'Host and :authority differ');
        req.headers.host = req.authority;
      }
      handle(req as unknown as IncomingMessage, res as unknown as ServerResponse);
    },
  );
  server.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('upgrade', upgrade);
  // HTTP/2 has no keep-alive timeout of its own: without this an idle connection stays open for ever,
  // and a client that opens many holds the gateway's sockets (HTTP/1.1 closes idle ones after 65 s).
  server.setTimeout(tls.idleTimeoutMs ?? KEEP_ALIVE_TIMEOUT_MS);
  return {
    server,
    secure: server,
    closeIdle: () => sessions.forEach((session) => session.close()),
    closeAll: () => {
      sessions.forEach((session) => session.destroy());
      sockets.forEach((socket) => socket.destroy());
    },
  };
}

/** Plain HTTP/1.1, HTTPS, or HTTPS with HTTP/2, as `tls` says. */
export function createTrafficListener(
  handle: RequestHandler,
  upgrade: UpgradeHandler,
  tls?: TrafficTls,
): TrafficListener {
  if (!tls) {
    const server = createHttpServer({ keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS }, handle);
    server.on('upgrade', upgrade);
    return http1(server);
  }
  if (tls.http2) {
    const listener = http2(tls, handle, upgrade);
    tls.onDefaultChanged?.((options) => listener.secure.setSecureContext(options));
    return listener;
  }
  const server = createHttpsServer(
    { ...tls.options, handshakeTimeout: handshakeTimeoutOf(tls), keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS },
    handle,
  );
  server.on('upgrade', upgrade);
  tls.onDefaultChanged?.((options) => server.setSecureContext(options));
  return http1(server);
}
