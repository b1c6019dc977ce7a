// The scale benchmark's gateways: N keyed API files written before the gateway starts, then keys made
// through the Gateway API, each key allowed on one API only (small sessions).
import { performance } from 'node:perf_hooks';

import { createKeys } from './gateway-admin.mjs';
import { LOOP_STALL_PROBE } from './gateway-probes.mjs';
import { log } from './log.mjs';
import { stop } from './processes.mjs';
import { startGateway, writeApiFiles } from './standalone-gateway.mjs';

/** Keys made at once while loading. */
export const KEY_CONCURRENCY = 32;
export const STOP_GRACE_MS = 15_000;

/** api-0 .. api-(n-1): auth token, rate limit and quota from the key, analytics on. */
export const keyedApis = (n) =>
  Array.from({ length: n }, (_, i) => ({ id: `api-${i}`, keyless: false, track: true }));

/**
 * Writes `n` keyed API files to `dir`, starts `bundle` on them with the event-loop stall probe, and
 * creates `keyCount` keys, key i allowed on `apiOf(i)` (default api-(i mod n)), within `timeoutMs` for
 * the start and again for the keys. Resolves with { child, base, tokens, load } (load: files_ms,
 * start_ms, keys_ms); a load that fails or runs over stops the gateway and throws.
 */
export async function startLoadedGateway(name, settings) {
  const { dir, n, keyCount, apiOf = (i) => `api-${i % n}`, timeoutMs, env = {} } = settings;
  const t0 = performance.now();
  const files = writeApiFiles(dir, settings.upstreamUrl, keyedApis(n));
  const filesMs = Math.round(performance.now() - t0);
  const t1 = performance.now();
  const gateway = await startGateway(name, {
    files,
    redisUrl: settings.redisUrl,
    prefix: `scale${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}:`,
    env: { GATEHOUSE_GATEWAY_ENABLE_ANALYTICS: 'true', ...env },
    healthyTimeoutMs: timeoutMs,
    bundle: settings.bundle,
    // BENCH_GATEWAY_NODE_ARGS: extra Node flags for the gateway (e.g. --trace-gc), for investigations.
    nodeArgs: [
      ...(process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean),
      ...LOOP_STALL_PROBE,
    ],
  });
  const startMs = Math.round(performance.now() - t1);
  log(`${name}: serving after ${startMs} ms; creating ${keyCount} keys, ${KEY_CONCURRENCY} in flight`);
  const keys = await createKeys(gateway.base, keyCount, apiOf, {
    concurrency: KEY_CONCURRENCY,
    deadline: performance.now() + timeoutMs,
  });
  if (keys.done < keyCount) {
    await stop(gateway.child, STOP_GRACE_MS);
    const why = keys.timed_out ? `timed out after ${keys.done} keys` : `failed: ${keys.first_error}`;
    throw new Error(`key loading ${why}`);
  }
  log(`${name}: ${keyCount} keys in ${keys.ms} ms`);
  return {
    ...gateway,
    tokens: keys.tokens,
    load: { files_ms: filesMs, start_ms: startMs, keys_ms: keys.ms },
  };
}
