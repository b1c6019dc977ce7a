import { ApiSpec, FailureCounter } from '@gatehouse/gateway-core';
import { UnavailableError } from '@gatehouse/shared-kernel';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { apiStatus, OAuthAnswer, osinError, OSIN_ERRORS, TOKEN_ENDPOINT_HEADERS } from './oauth-answers';
import type { OAuthServerDependencies } from './oauth-ports';
import { applyJsonBody, parseForm, readBody } from './oauth-request';
import { handleRevoke, handleRevokeAll } from './revoke-endpoints';
import { TokenEndpoint } from './token-endpoint';

type Endpoint = 'token' | 'revoke' | 'revoke_all' | 'authorize';

/** Tyk's routes under the listen path (gateway/server.go addOAuthHandlers), optional slash included. */
const ENDPOINTS: ReadonlyMap<string, Endpoint> = new Map<string, Endpoint>([
  ['/oauth/token', 'token'],
  ['/oauth/token/', 'token'],
  ['/oauth/revoke', 'revoke'],
  ['/oauth/revoke_all', 'revoke_all'],
  ['/oauth/authorize', 'authorize'],
  ['/oauth/authorize/', 'authorize'],
  ['/tyk/oauth/authorize-client', 'authorize'],
  ['/tyk/oauth/authorize-client/', 'authorize'],
]);

const METHOD_NOT_SUPPORTED = apiStatus(405, 'error', 'Method not supported');

/**
 * An OAuth API's own endpoints, answered by the gateway before (and instead of) the API's chain, as Tyk
 * routes them: `/oauth/token`, `/oauth/revoke`, `/oauth/revoke_all`. The authorization code flow is not
 * served: `/oauth/authorize` answers as Tyk does for a response type it does not allow.
 */
export class OAuthEndpoints {
  private readonly token: TokenEndpoint;
  /** Failed client secrets and passwords per client (or user) and address, for every OAuth API. */
  private readonly failures = new FailureCounter({ limit: 10, windowMs: 60_000, maxSources: 100_000 });

  constructor(
    private readonly deps: OAuthServerDependencies,
    /** Told of unexpected failures (a Redis outage, a bug), for logs and metrics. */
    private readonly failed: (error: unknown) => void = () => undefined,
  ) {
    this.token = new TokenEndpoint(deps, this.failures);
  }

  /** Answers the request when `path` (under the listen path) is one of the API's OAuth endpoints. */
  serve(spec: ApiSpec, path: string, req: IncomingMessage, res: ServerResponse): boolean {
    if (!spec.auth.oauth) return false;
    const endpoint = ENDPOINTS.get(path);
    if (!endpoint) return false;
    void this.answer(endpoint, spec, req).then(
      (answer) => write(res, answer, endpoint === 'token' ? TOKEN_ENDPOINT_HEADERS : {}),
      (error: unknown) => {
        this.failed(error);
        const unavailable = error instanceof UnavailableError;
        const answer =
          endpoint === 'token'
            ? osinError(unavailable ? 'temporarily_unavailable' : 'server_error', unavailable ? 503 : 500)
            : apiStatus(unavailable ? 503 : 500, 'error', unavailable ? error.message : 'internal error');
        write(res, answer, endpoint === 'token' ? TOKEN_ENDPOINT_HEADERS : {});
      },
    );
    return true;
  }

  private async answer(endpoint: Endpoint, spec: ApiSpec, req: IncomingMessage): Promise<OAuthAnswer> {
    const method = req.method ?? 'GET';
    if ((endpoint === 'token' || endpoint === 'authorize') && method !== 'GET' && method !== 'POST')
      return METHOD_NOT_SUPPORTED;
    // The flow needs a login page and authorisation codes: refused as osin refuses a response type.
    if (endpoint === 'authorize')
      return apiStatus(this.deps.settings.errorStatus, 'error', OSIN_ERRORS.unsupported_response_type);
    const body = await readBody(req);
    const url = req.url ?? '';
    const queryAt = url.indexOf('?');
    const parsed = body ? parseForm(req, body, queryAt === -1 ? '' : url.slice(queryAt)) : 'malformed';
    const clientIp = req.socket.remoteAddress ?? '';
    if (endpoint === 'revoke')
      return handleRevoke(this.deps.store, spec, parsed === 'malformed' ? parsed : parsed.postForm);
    if (endpoint === 'revoke_all') {
      const form = parsed === 'malformed' ? parsed : parsed.postForm;
      return handleRevokeAll(this.deps.store, this.failures, spec, form, clientIp);
    }
    if (parsed !== 'malformed' && body) applyJsonBody(req, body, parsed.form);
    return this.token.handle(spec, {
      method,
      form: parsed === 'malformed' ? parsed : parsed.form,
      authorization: req.headers.authorization,
      clientIp,
    });
  }
}

function write(res: ServerResponse, answer: OAuthAnswer, headers: Record<string, string>): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(answer.status, {
    ...headers,
    ...answer.headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(answer.body),
  });
  res.end(answer.body);
}
