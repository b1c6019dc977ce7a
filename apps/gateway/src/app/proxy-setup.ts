import { Registry } from '@gatehouse/gateway-core';
import {
  CompiledApi,
  OAuthTraffic,
  ProxyObserver,
  ProxyServer,
  StreamTraffic,
  TrafficTls,
  UpstreamPools,
} from '@gatehouse/gateway-proxy';
import type { AnalyticsStreamWriter } from '@gatehouse/gateway-storage';
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { RawHandler } from './control-app';
import type { GatewayConfig } from './gateway.config';
import { upstreamTls } from './upstream-tls';

/** Tyk's reserved paths plus health and metrics, when the control surface shares the traffic port. */
const SHARED_CONTROL_PATHS = /^\/(tyk(\/|$|\?)|(hello|health|metrics)(\?|$))/;

/**
 * Where the proxy hands control requests when the Gateway API shares the traffic port. The control app
 * is created after the proxy listens, so its handler arrives later; until then such requests wait on
 * the proxy's not-ready answer.
 */
export class ControlRouter {
  readonly sharedPort: boolean;
  private handler?: RawHandler;

  constructor(config: GatewayConfig) {
    this.sharedPort = config.control_api_port === 0 || config.control_api_port === config.listen_port;
  }

  use(handler: RawHandler): void {
    this.handler = handler;
  }

  route(req: IncomingMessage, res: ServerResponse): void {
    this.handler?.(req, res);
  }
}

/** The hot path: an empty registry until the runtime's first build, and 503 until `ready()`. */
export function createProxy(
  config: GatewayConfig,
  observer: ProxyObserver,
  analytics: AnalyticsStreamWriter | undefined,
  control: ControlRouter,
  streams: StreamTraffic,
  { oauth, tls }: { oauth?: OAuthTraffic; tls?: TrafficTls } = {},
): ProxyServer {
  return new ProxyServer(
    Registry.empty<CompiledApi>(),
    new UpstreamPools({
      connections: config.upstream.connections_per_origin,
      headersTimeoutMs: config.upstream.headers_timeout_ms,
      bodyTimeoutMs: config.upstream.body_timeout_ms,
      maxRequestsPerOrigin: config.upstream.max_requests_per_origin,
      tls: upstreamTls(config),
    }),
    observer,
    {
      analytics,
      control: control.sharedPort ? (req, res) => control.route(req, res) : undefined,
      controlPaths: SHARED_CONTROL_PATHS,
      startsNotReady: true,
      streams,
      oauth,
      tls,
    },
  );
}
