import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The path an nginx upstream serves for a request target, written independently of the gateway's own
 * canonicaliser so the two can be checked against each other: every escape decoded once, slashes
 * merged, `.` and `..` resolved; above the root is an error (nginx answers 400). Undefined = refused.
 */
export function nginxPath(target: string): string | undefined {
  const raw = target.split('?')[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (decoded.includes('\u0000')) return undefined;
  const out: string[] = [];
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(segment);
  }
  return `/${out.join('/')}`;
}

export interface NormalisingUpstream {
  url: string;
  /** Normalised paths served since the last `reset()`, in order. */
  served: string[];
  reset(): void;
  close(): Promise<void>;
}

/** An upstream that serves 200 with the path it normalised, and records it; 400 when nginx would. */
export async function startNormalisingUpstream(): Promise<NormalisingUpstream> {
  const served: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = nginxPath(req.url ?? '/');
    if (path === undefined) {
      res.writeHead(400).end();
      return;
    }
    served.push(path);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path }));
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    reset: () => served.splice(0, served.length),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
