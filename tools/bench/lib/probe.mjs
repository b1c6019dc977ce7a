// Single timed requests and polling, for the propagation benchmark's latency measurements.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export async function status(url, key) {
  const response = await fetch(url, { headers: key ? { authorization: key } : {} });
  await response.arrayBuffer();
  return response.status;
}

/** Times one request; resolves with { ms, status }. */
export async function timed(url, key) {
  const t0 = performance.now();
  const answer = await status(url, key);
  return { ms: performance.now() - t0, status: answer };
}

/**
 * Polls `url` every `pollMs` until it answers `expected`; resolves with the milliseconds since `t0`, or
 * undefined when `timeoutMs` passes or `signal` aborts.
 */
export async function until(url, expected, { t0, timeoutMs, pollMs, signal }) {
  const stopAt = t0 + timeoutMs;
  while (!signal?.aborted && performance.now() < stopAt) {
    try {
      if ((await status(url)) === expected) return performance.now() - t0;
    } catch {
      // a refused connection counts as not yet
    }
    await sleep(pollMs);
  }
  return undefined;
}
