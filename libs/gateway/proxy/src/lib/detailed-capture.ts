import type { RequestContext } from '@gatehouse/gateway-core';
import { STATUS_CODES } from 'node:http';
import { PassThrough, Readable, Transform, Writable } from 'node:stream';

import { recordedHeader, recordedUrl } from './recorded-request';

/** Bytes kept of each raw request and response body; the pump's `max_record_size` may cut further. */
export const CAPTURE_LIMIT_BYTES = 64 * 1024;

/** Tyk's `enable_detailed_recording`, on the API definition or on the key's session. */
export function wantsDetailedRecording(ctx: RequestContext): boolean {
  return ctx.spec.detailedRecording || ctx.session?.enable_detailed_recording === true;
}

function keepUpTo(buffers: Buffer[], chunk: Buffer): void {
  const kept = buffers.reduce((sum, buffer) => sum + buffer.length, 0);
  if (kept < CAPTURE_LIMIT_BYTES) buffers.push(chunk.subarray(0, CAPTURE_LIMIT_BYTES - kept));
}

function head(firstLine: string, headers: [string, string][]): Buffer {
  return Buffer.from(
    `${firstLine}\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`,
  );
}

/**
 * Starts the capture with the request line and headers (credentials masked: a recording must never hold
 * a key); the body follows as it streams.
 */
export function startCapture(ctx: RequestContext): void {
  const raw = ctx.req.rawHeaders;
  const headers: [string, string][] = [];
  for (let index = 0; index + 1 < raw.length; index += 2)
    headers.push([raw[index], recordedHeader(ctx.spec, raw[index], raw[index + 1])]);
  ctx.capture = {
    request: [head(`${ctx.req.method} ${recordedUrl(ctx)} HTTP/${ctx.req.httpVersion}`, headers)],
    response: [],
  };
}

/** The request body stream, copying its first bytes into the capture. */
export function capturingRequestBody(ctx: RequestContext, body: Readable): Readable {
  const capture = ctx.capture;
  if (!capture) return body;
  const tee = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      keepUpTo(capture.request, chunk);
      done(null, chunk);
    },
  });
  body.on('error', (error) => tee.destroy(error));
  return body.pipe(tee);
}

/** Where the upstream's response body goes: `res`, through a copy of its first bytes when capturing. */
export function capturingResponse(
  ctx: RequestContext,
  res: Writable,
  statusCode: number,
  headers: Record<string, string | string[]>,
): Writable {
  const capture = ctx.capture;
  if (!capture) return res;
  const lines = Object.entries(headers).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((one): [string, string] => [name, one]),
  );
  capture.response.push(head(`HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode] ?? ''}`, lines));
  const tee = new PassThrough();
  tee.on('data', (chunk: Buffer) => keepUpTo(capture.response, chunk));
  // A client that goes away must abort the upstream read, as it would without the copy in between.
  res.on('close', () => tee.destroy());
  tee.pipe(res);
  return tee;
}
