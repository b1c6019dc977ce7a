// The scale benchmark's calls to a standalone gateway's Gateway API (/tyk/), and running many of them
// with a bounded number in flight and a deadline. undici's request, not fetch: loading 100,000 keys
// with fetch costs the benchmark process more CPU than the gateway spends storing them.
import { performance } from 'node:perf_hooks';

import { request } from 'undici';

import { GATEWAY_SECRET } from './standalone-gateway.mjs';

/** One Gateway API call; resolves with the parsed answer, fails with the status and body otherwise. */
export async function tyk(base, method, path, body, { signal } = {}) {
  const response = await request(`${base}${path}`, {
    method,
    headers: { 'x-tyk-authorization': GATEWAY_SECRET, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  const text = await response.body.text();
  if (response.statusCode >= 300)
    throw new Error(`${method} ${path}: ${response.statusCode} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * Calls `task(i, signal)` for i in 0..count-1 with at most `concurrency` in flight, until all are done,
 * `deadline` (a performance.now() time) passes, or `maxFailures` have failed; each call's `signal`
 * aborts it at the deadline. Resolves with { done, failed, timed_out, ms, first_error }.
 */
export async function runBounded(count, concurrency, task, { deadline, maxFailures = 50 }) {
  const t0 = performance.now();
  const late = () => performance.now() >= deadline;
  let next = 0;
  let done = 0;
  let failed = 0;
  let firstError;
  const worker = async () => {
    while (next < count && !late() && failed < maxFailures) {
      const i = next++;
      try {
        // A signal per call: one shared signal would collect a listener per call in undici.
        await task(i, AbortSignal.timeout(Math.max(1, Math.ceil(deadline - performance.now()))));
        done++;
      } catch (error) {
        if (late()) break;
        failed++;
        firstError ??= error.message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return {
    done,
    failed,
    timed_out: done + failed < count && late(),
    ms: Math.round(performance.now() - t0),
    first_error: firstError,
  };
}

/** A key allowed on `apiId` only, with limits far above what the load can reach. */
export function keySession(apiId) {
  return {
    org_id: 'bench',
    rate: 10_000_000,
    per: 1,
    quota_max: 1_000_000_000,
    quota_renewal_rate: 3600,
    access_rights: { [apiId]: { api_id: apiId, api_name: apiId, versions: [] } },
  };
}

/**
 * Creates `count` keys through POST /tyk/keys/create, key i allowed on `apiOf(i)` only, `concurrency`
 * at a time; resolves with the run (see runBounded) and `tokens`, key i's token at index i.
 */
export async function createKeys(base, count, apiOf, { concurrency, deadline }) {
  const tokens = new Array(count);
  const run = await runBounded(
    count,
    concurrency,
    async (i, signal) => {
      tokens[i] = (await tyk(base, 'POST', '/tyk/keys/create', keySession(apiOf(i)), { signal })).key;
    },
    { deadline },
  );
  return { ...run, tokens };
}
