import type { ServerResponse } from 'node:http';

import type { UpstreamFailure } from './proxy-observer';

/** Tyk's error body (`templates/error.json`), so clients written against Tyk parse ours unchanged. */
export function sendError(res: ServerResponse, statusCode: number, message: string): void {
  const body = JSON.stringify({ error: message });
  res.writeHead(statusCode, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Tyk's answers for upstream failures: 504 on its hard timeout, 500 for everything else. */
export function upstreamErrorResponse(failure: UpstreamFailure): { statusCode: number; message: string } {
  return failure === 'timeout'
    ? { statusCode: 504, message: 'Upstream service reached hard timeout.' }
    : { statusCode: 500, message: 'there was a problem proxying the request' };
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
