import { TYK_ERRORS } from '@gatehouse/gateway-core';
import { ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

import type { UpstreamFailure } from './proxy-observer';

/** Tyk's `html/template.JSEscapeString` of what JSON can carry: the characters an HTML page must not see raw. */
const HTML_SENSITIVE = /[<>&=]/g;

/**
 * Tyk's error body, byte for byte as `templates/error.json` renders it (four-space indent, no final
 * newline), except that a quote is escaped the JSON way (Tyk writes `\'`, which JSON parsers refuse).
 */
export function tykErrorBody(message: string): string {
  const escaped = JSON.stringify(message).replace(
    HTML_SENSITIVE,
    (char) => `\\u00${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `{\n    "error": ${escaped}\n}`;
}

/** Sent with every answer the gateway makes itself, as Tyk does (`X-Generator: tyk.io`). */
const GENERATOR = { 'x-generator': 'tyk.io' };

/** An answer the gateway makes itself, in Tyk's error body. */
export function sendError(
  res: ServerResponse,
  statusCode: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body = tykErrorBody(message);
  res.writeHead(statusCode, {
    ...headers,
    ...GENERATOR,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * Tyk's answers for upstream failures: 504 on its hard timeout, 500 naming a failed DNS lookup, 500
 * for everything else (a connect timeout included).
 */
export function upstreamErrorResponse(failure: UpstreamFailure): { statusCode: number; message: string } {
  const error =
    failure === 'timeout'
      ? TYK_ERRORS.upstreamTimeout
      : failure === 'lookup'
        ? TYK_ERRORS.upstreamLookupFailed
        : TYK_ERRORS.upstreamFailed;
  return { statusCode: error.status, message: error.message };
}

export function classifyUpstreamError(error: Error & { code?: string }): UpstreamFailure {
  switch (error.code) {
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return 'timeout';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'lookup';
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connect';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'reset';
    default:
      return 'other';
  }
}

/** An answer with neither body nor content type (the gateway's own CORS answers). */
export function sendEmpty(res: ServerResponse, statusCode: number, headers: Record<string, string>): void {
  res.writeHead(statusCode, { ...headers, 'content-length': 0 });
  res.end();
}

/** A canned answer (mock reply): its status, headers and body as configured. */
export function sendReply(
  res: ServerResponse,
  statusCode: number,
  headers: Record<string, string | string[]>,
  body: string | Buffer,
): void {
  res.writeHead(statusCode, { ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Refuses a WebSocket handshake with an HTTP answer in Tyk's error body, then closes the socket. */
export function rejectUpgrade(
  socket: Duplex,
  rejection: { status: number; message: string },
  headers: Record<string, string> = {},
): void {
  if (socket.destroyed) return;
  const body = tykErrorBody(rejection.message);
  const lines = Object.entries({
    ...headers,
    'X-Generator': 'tyk.io',
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
  }).map(([name, value]) => `${name}: ${value}`);
  socket.end(
    `HTTP/1.1 ${rejection.status} ${STATUS_CODES[rejection.status] ?? ''}\r\n${lines.join('\r\n')}\r\n\r\n${body}`,
  );
}
