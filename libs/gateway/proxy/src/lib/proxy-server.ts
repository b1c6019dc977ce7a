import { REQUEST_ID_HEADER, requestIdFrom } from '@gatehouse/shared-observability';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { appendForwardedFor, endToEndHeaders } from './forwarded-headers';
import { classifyUpstreamError, sendError, upstreamErrorResponse } from './gateway-errors';
import { ProxyObserver } from './proxy-observer';
import { RouteMatch, RouteTable } from './route-table';
import { UpstreamPools } from './upstream-pools';

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * The gateway's hot path: plain node:http in, undici pools out, no framework in between. It logs nothing
 * per request; outcomes go to the observer (metrics) and errors to the client in Tyk's format.
 */
export class ProxyServer {
  private routes: RouteTable;
  private readonly server: Server;
  private inFlight = 0;
  private closing = false;

  constructor(
    routes: RouteTable,
    private readonly pools: UpstreamPools,
    private readonly observer: ProxyObserver,
  ) {
    this.routes = routes;
    this.server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => this.handle(req, res));
  }

  /** Swaps the routing table atomically: each request uses the table it started with. */
  swapRoutes(routes: RouteTable): void {
    this.routes = routes;
  }

  get inFlightRequests(): number {
    return this.inFlight;
  }

  async listen(port: number, host: string): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return this.server.address() as AddressInfo;
  }

  /**
   * Stops accepting connections, lets in-flight requests finish (their responses say `Connection:
   * close`), and after `timeoutMs` cuts whatever is left. Upstream pools close last.
   */
  async close(timeoutMs: number): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      this.server.closeIdleConnections();
    }
    this.server.closeAllConnections();
    await closed;
    await this.pools.close();
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const match = this.routes.match(req.url ?? '/');
    if (!match) {
      sendError(res, 404, 'no API is listening on this path');
      return;
    }
    const started = performance.now();
    this.inFlight++;
    res.once('close', () => {
      this.inFlight--;
      this.observer.requestCompleted(match.route.apiId, res.statusCode, (performance.now() - started) / 1000);
    });
    this.forward(req, res, match);
  }

  private forward(req: IncomingMessage, res: ServerResponse, match: RouteMatch): void {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    const headers = endToEndHeaders(req.headers);
    appendForwardedFor(headers, req.socket.remoteAddress);
    headers[REQUEST_ID_HEADER] = requestId;
    const pool = this.pools.get(match.route.upstreamOrigin);
    pool.stream(
      {
        path: match.upstreamPath,
        method: req.method ?? 'GET',
        headers,
        body: hasBody(req) ? req : null,
      },
      ({ statusCode, headers: upstreamHeaders }) => {
        const responseHeaders = endToEndHeaders(upstreamHeaders as Record<string, string | string[]>);
        responseHeaders[REQUEST_ID_HEADER] = requestId;
        if (this.closing) responseHeaders['connection'] = 'close';
        res.writeHead(statusCode, responseHeaders);
        return res;
      },
      (error) => {
        if (!error) return;
        const failure = classifyUpstreamError(error);
        this.observer.upstreamFailed(match.route.apiId, failure);
        if (res.headersSent) {
          res.destroy(error);
          return;
        }
        const { statusCode, message } = upstreamErrorResponse(failure);
        sendError(res, statusCode, message);
      },
    );
  }
}
