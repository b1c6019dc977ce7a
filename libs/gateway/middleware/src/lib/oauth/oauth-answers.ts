/** The bodies Tyk's OAuth endpoints answer with, byte for byte where Tyk's are well formed. */

/** osin's error ids and their default descriptions (osin/error.go). */
export const OSIN_ERRORS = {
  invalid_request:
    'The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.',
  unauthorized_client: 'The client is not authorized to request a token using this method.',
  access_denied: 'The resource owner or authorization server denied the request.',
  unsupported_response_type: 'The authorization server does not support obtaining a token using this method.',
  server_error:
    'The authorization server encountered an unexpected condition that prevented it from fulfilling the request.',
  temporarily_unavailable:
    'The authorization server is currently unable to handle the request due to a temporary overloading or maintenance of the server.',
  unsupported_grant_type: 'The authorization grant type is not supported by the authorization server.',
  invalid_grant:
    'The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  invalid_client:
    'Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method).',
} as const;
export type OsinErrorId = keyof typeof OSIN_ERRORS;

export interface OAuthAnswer {
  status: number;
  /** Already serialised: Tyk's encoders end every body with a newline. */
  body: string;
  headers?: Record<string, string>;
}

/** osin's error output, `{"error","error_description"}`, at the gateway's OAuth error status. */
export function osinError(id: OsinErrorId, status: number, description?: string): OAuthAnswer {
  return {
    status,
    body: `${JSON.stringify({ error: id, error_description: description ?? OSIN_ERRORS[id] })}\n`,
  };
}

/** osin's success output: Go encodes the map with its keys sorted. */
export function tokenOutput(output: Record<string, string | number>): OAuthAnswer {
  const sorted = Object.fromEntries(Object.entries(output).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { status: 200, body: `${JSON.stringify(sorted)}\n` };
}

/** Tyk's doJSONWrite of apiOk / apiError: `{"status","message"}` and a newline. */
export function apiStatus(status: number, outcome: 'ok' | 'error', message: string): OAuthAnswer {
  return { status, body: `${JSON.stringify({ status: outcome, message })}\n` };
}

/** Tyk's addSecureAndCacheHeaders, set on every answer of the token endpoint: tokens must not be cached. */
export const TOKEN_ENDPOINT_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-xss-protection': '1; mode=block',
  'x-frame-options': 'DENY',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'cache-control': 'no-cache, no-store, must-revalidate',
  pragma: 'no-cache',
  expires: '0',
};
