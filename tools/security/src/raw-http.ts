import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  body: string;
}

/**
 * Sends a request with its target exactly as given: fetch() and URL would resolve `..` and `%2e`
 * before sending, hiding the very paths under test.
 */
export function rawRequest(
  base: string,
  target: string,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, path: target, method: 'GET', headers, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}
