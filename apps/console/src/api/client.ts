import createClient, { type Middleware } from 'openapi-fetch';

import { sessionStore } from '../auth/session-store';
import { ApiError } from './api-error';
import type { paths } from './generated/dashboard-api';

const BEARER = 'Bearer ';

export const bearer: Middleware = {
  onRequest({ request }) {
    const session = sessionStore.get();
    if (session) request.headers.set('authorization', `${BEARER}${session.token}`);
    return request;
  },
  onResponse({ request, response }) {
    // A 401 to a signed-in call means the session it carried expired or was revoked: back to sign-in,
    // saying so (only if that session is still the tab's: see sessionStore.expire).
    const sent = request.headers.get('authorization');
    if (response.status === 401 && sent?.startsWith(BEARER)) {
      sessionStore.expire('Your session has ended. Sign in again.', sent.slice(BEARER.length));
    }
    return response;
  },
};

/** The dashboard API, typed from the committed OpenAPI document; same origin as the console. */
export const api = createClient<paths>({ baseUrl: '' });
api.use(bearer);

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's body, or an ApiError carrying the API's message. */
export async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await call;
  } catch (error) {
    throw new ApiError(0, error instanceof Error ? error.message : 'the dashboard could not be reached');
  }
  if (outcome.error !== undefined || !outcome.response.ok) {
    throw ApiError.from(outcome.response.status, outcome.error);
  }
  return outcome.data as T;
}

/** A page of a list, with the total the API reports in X-Total-Count. */
export interface Page<T> {
  items: T[];
  total: number;
}

export async function unwrapPage<T>(call: Promise<Outcome<T[]>>): Promise<Page<T>> {
  const outcome = await call.catch((error: unknown) => {
    throw new ApiError(0, error instanceof Error ? error.message : 'the dashboard could not be reached');
  });
  const items = await unwrap(Promise.resolve(outcome));
  const total = Number(outcome.response.headers.get('x-total-count'));
  return { items, total: Number.isFinite(total) && total >= items.length ? total : items.length };
}
