import type { ServerResponse } from 'node:http';

/** Answers with a JSON body; errors in Tyk's `{"error": ...}` shape, like the rest of the gateway. */
export function answer(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export function refuse(
  res: ServerResponse,
  status: number,
  error: string,
  headers?: Record<string, string>,
): void {
  answer(res, status, { error }, headers);
}
