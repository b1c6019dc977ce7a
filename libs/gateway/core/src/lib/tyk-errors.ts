/**
 * Tyk's answers, status and message, so clients written against Tyk keep working. Each is returned as
 * Tyk's `templates/error.json` renders it (see gateway-errors.ts in the proxy).
 */
export const TYK_ERRORS = {
  authFieldMissing: { status: 401, message: 'Authorization field missing' },
  keyNotAuthorised: { status: 403, message: 'Access to this API has been disallowed' },
  keyExpired: { status: 401, message: 'Key has expired, please renew' },
  keyInactive: { status: 403, message: 'Key is inactive, please renew' },
  rateLimited: { status: 429, message: 'Rate Limit Exceeded' },
  apiRateLimited: { status: 429, message: 'API Rate Limit Exceeded' },
  quotaExceeded: { status: 403, message: 'Quota exceeded' },
  apiNotAllowed: { status: 403, message: 'Access to this API has been disallowed' },
  resourceNotAllowed: { status: 403, message: 'Access to this resource has been disallowed' },
  endpointForbidden: { status: 403, message: 'Requested endpoint is forbidden' },
  ipNotAllowed: { status: 403, message: 'access from this IP has been disallowed' },
  // Tyk's CertificateCheckMW (internal/crypto ValidateRequestCerts), all 403.
  tlsNotEnabled: { status: 403, message: 'TLS not enabled' },
  clientCertificateRequired: { status: 403, message: 'Client TLS certificate is required' },
  clientCertificateExpired: { status: 403, message: 'Certificate has expired' },
  basicAuthFailed: { status: 401, message: 'User not authorised' },
  basicAuthNotBasic: {
    status: 400,
    message: 'Attempted access with malformed header, header not in basic auth format',
  },
  basicAuthNotBase64: {
    status: 400,
    message: 'Attempted access with malformed header, auth data not encoded correctly',
  },
  basicAuthMalformed: {
    status: 400,
    message: 'Attempted access with malformed header, values not in basic auth format',
  },
  versionNotFound: { status: 403, message: 'This API version does not seem to exist' },
  versionInfoNotFound: { status: 403, message: 'Version information not found' },
  apiExpired: {
    status: 403,
    message: 'API has expired, please check documentation or contact administrator',
  },
  versionExpired: {
    status: 403,
    message: 'Api Version has expired, please check documentation or contact administrator',
  },
  bodyTooLarge: { status: 400, message: 'Request is too large' },
  upstreamFailed: { status: 500, message: 'There was a problem proxying the request' },
  upstreamLookupFailed: { status: 500, message: 'Upstream host lookup failed' },
  upstreamTimeout: { status: 504, message: 'Upstream service reached hard timeout.' },
  circuitOpen: { status: 503, message: 'Service temporarily unavailable.' },
  noApi: { status: 404, message: 'Not Found' },
  jwtInvalid: { status: 403, message: 'Key not authorized' },
  jwtMissing: { status: 400, message: 'Authorization field missing' },
  jwtUnexpectedAlgorithm: { status: 403, message: 'Key not authorized: Unexpected signing method' },
  jwtExpired: { status: 401, message: 'Key not authorized: token has expired' },
  jwtUsedBeforeIssued: { status: 401, message: 'Key not authorized: token used before issued' },
  jwtNotValidYet: { status: 401, message: 'Key not authorized: token is not valid yet' },
  jwtEmptySubject: { status: 403, message: 'found an empty user ID in sub claim' },
  jwtNoIdentity: { status: 403, message: 'no suitable claims for user ID were found' },
  jwtNoPolicy: { status: 403, message: 'key not authorized: no matching policy found' },
  jwtUnknownPolicy: { status: 403, message: 'key not authorized: no matching policy' },
  jwtNoScopePolicy: { status: 403, message: 'key not authorized: no matching policy found in scope claim' },
  hmacFailed: { status: 400, message: 'Authorization field missing, malformed or invalid' },
  /** Regional Redis (or the bridge) is down and the key was not cached: retry later, not "unknown key". */
  keyStoreUnavailable: { status: 503, message: 'Key store unavailable, please try again later' },
  /** The request path cannot be put in one canonical form safely (see canonical-path.ts). */
  pathRejected: { status: 400, message: 'Request path is not allowed' },
  malformedCookie: { status: 400, message: 'Malformed cookie header' },
  gatewayStarting: { status: 503, message: 'Gateway is starting, please try again shortly' },
  upstreamBusy: { status: 503, message: 'Upstream is busy, please try again later' },
  tooManyFailedLogins: { status: 429, message: 'Too many failed login attempts, please try again later' },
  /** Tyk's Oauth2KeyExists: its own words (British "authorised"), and 400 for a missing or non-bearer value. */
  oauthFieldMissing: { status: 400, message: 'Authorization field missing' },
  oauthBearerMalformed: { status: 400, message: 'Bearer token malformed' },
  oauthKeyNotAuthorised: { status: 403, message: 'Key not authorised' },
  oauthClientRevoked: { status: 403, message: 'Key not authorised. OAuth client access was revoked' },
} as const;

/** A request the gateway answers itself instead of proxying. */
export interface Rejection {
  status: number;
  message: string;
  headers?: Record<string, string>;
  /** An answer with neither body nor content type (CORS preflights), not an error. */
  bodiless?: boolean;
  /** A canned answer's body (mock replies, cached answers), sent as it is instead of Tyk's error body. */
  body?: string | Buffer;
}

export function reject(
  error: { status: number; message: string },
  headers?: Record<string, string>,
): Rejection {
  return headers ? { status: error.status, message: error.message, headers } : error;
}
