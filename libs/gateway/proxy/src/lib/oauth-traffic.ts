import type { ApiSpec } from '@gatehouse/gateway-core';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * An OAuth API's own endpoints (`/oauth/token`, `/oauth/revoke`, …), which Tyk routes beside the API
 * rather than through its chain: no authentication, rate limit or upstream applies to them. `serve`
 * answers true when it took the request (and will answer it), false for any other path.
 */
export interface OAuthTraffic {
  serve(spec: ApiSpec, path: string, req: IncomingMessage, res: ServerResponse): boolean;
}
