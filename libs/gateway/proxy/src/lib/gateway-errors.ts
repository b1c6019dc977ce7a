import { TYK_ERRORS } from '@gatehouse/gateway-core';
import { ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

import type { UpstreamFailure } from './proxy-observer';

/** Tyk's error body (`templates/error.json`), so clients written against Tyk parse ours unchanged. */
export function sendError(
  res: ServerResponse,
  statusCode: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  // A CORS preflight answered by the gateway (204) has no body at all.
  const body = statusCode === 204 ? '' : JSON.stringify({ error: message });
  res.writeHead(statusCode, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Tyk's answers for upstream failures: 504 on its hard timeout, 500 for everything else. */
export function upstreamErrorResponse(failure: UpstreamFailure): { statusCode: number; message: string } {
  const error = failure === 'timeout' ? TYK_ERRORS.upstreamTimeout : TYK_ERRORS.upstreamFailed;
  return { statusCode: error.status, message: error.message };
}

export function classifyUpstreamError(error: Error & { code?: string }): UpstreamFailure {
  switch (error.code) {
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'timeout';
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
      return 'connect';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'reset';
    default:
      return 'other';
  }
}

/** Refuses a WebSocket handshake with an HTTP answer in Tyk's error body, then closes the socket. */
export function rejectUpgrade(
  socket: Duplex,
  rejection: { status: number; message: string },
  headers: Record<string, string> = {},
): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error: rejection.message });
  const lines = Object.entries({
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
  }).map(([name, value]) => `${name}: ${value}`);
  socket.end(
    `HTTP/1.1 ${rejection.status} ${STATUS_CODES[rejection.status] ?? ''}\r\n${lines.join('\r\n')}\r\n\r\n${body}`,
  );
}
