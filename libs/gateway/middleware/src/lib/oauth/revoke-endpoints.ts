import { ApiSpec, FailureCounter } from '@gatehouse/gateway-core';
import { throttleSource } from '@gatehouse/shared-kernel';

import { apiStatus, OAuthAnswer } from './oauth-answers';
import type { OAuthTokenStore } from './oauth-ports';
import { field, FormValues } from './oauth-request';

/** A request's PostForm (urlencoded body fields only, as Go's PostFormValue reads), or 'malformed'. */
export type PostForm = FormValues | 'malformed';

const FORM_MALFORMED = 'error parsing form. Form malformed';

/**
 * Tyk's RevokeToken: `token_type_hint` access_token removes the access token, refresh_token the refresh
 * token, anything else both (the same value tried as each).
 */
export async function revokeToken(
  store: Pick<OAuthTokenStore, 'revokeAccess' | 'revokeRefresh'>,
  apiId: string,
  token: string,
  hint: string,
): Promise<void> {
  if (hint !== 'refresh_token') await store.revokeAccess(apiId, token);
  if (hint !== 'access_token') await store.revokeRefresh(apiId, token);
}

/**
 * `{listen_path}/oauth/revoke`: no client authentication, as in Tyk (RFC 7009 leaves it to the server):
 * whoever holds a token may end it. Only tokens this API issued are touched.
 */
export async function handleRevoke(
  store: OAuthTokenStore,
  spec: ApiSpec,
  form: PostForm,
): Promise<OAuthAnswer> {
  if (form === 'malformed') return apiStatus(400, 'error', FORM_MALFORMED);
  const token = field(form, 'token');
  if (token === '') return apiStatus(400, 'error', 'token is required');
  await revokeToken(store, spec.apiId, token, field(form, 'token_type_hint'));
  return apiStatus(200, 'ok', 'token revoked successfully');
}

/**
 * `{listen_path}/oauth/revoke_all`: the client proves itself with its id and secret in the form (Tyk's
 * statuses and words); wrong secrets count towards the same throttle as the token endpoint's.
 */
export async function handleRevokeAll(
  store: OAuthTokenStore,
  failures: FailureCounter,
  spec: ApiSpec,
  form: PostForm,
  clientIp: string,
): Promise<OAuthAnswer> {
  if (form === 'malformed') return apiStatus(400, 'error', FORM_MALFORMED);
  const clientId = field(form, 'client_id');
  const secret = field(form, 'client_secret');
  if (clientId === '') return apiStatus(401, 'error', 'client_id is required');
  if (secret === '') return apiStatus(401, 'error', 'client_secret is required');
  const throttleKey = `client\u0000${spec.apiId}\u0000${clientId}\u0000${throttleSource(clientIp)}`;
  if (failures.blockedForMs(throttleKey) > 0)
    return apiStatus(429, 'error', 'Too many failed authentication attempts; try again later');
  const client = await store.findClient(spec.apiId, clientId);
  if (!client) return apiStatus(404, 'error', 'error getting oauth client');
  if (!store.secretMatches(clientId, secret, client.secret_hash)) {
    failures.failed(throttleKey);
    return apiStatus(401, 'error', 'client secret is wrong');
  }
  failures.succeeded(throttleKey);
  await store.revokeAll(spec.apiId, clientId);
  return apiStatus(200, 'ok', 'tokens revoked successfully');
}
