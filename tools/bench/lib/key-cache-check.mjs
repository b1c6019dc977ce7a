// The propagation benchmark's key-cache check: API writes must leave every gateway's key cache alone
// (the runtime compiles one API per change; only a policy change evicts, and only its keys). Keys are
// warmed on every gateway before the propagation phase, /metrics is read before and after it, and the
// keys are used again before the second reading: any clear, policy eviction or miss in between is a
// finding.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { api, apiDefinition } from './dashboard.mjs';
import { log } from './log.mjs';
import { status, until } from './probe.mjs';

const LOOKUPS = 'gatehouse_gateway_key_cache_total';
const EVICTIONS = 'gatehouse_gateway_key_cache_evictions_total';
/** How long the lookups of the keys' second use may take to show in /metrics. */
const COUNTED_WITHIN_MS = 5000;

/**
 * The sum of the series of counter `name` whose labels include `label`. A series appears on its first
 * increment, so an absent one is 0; an absent counter (renamed, unregistered) fails instead of reading 0.
 */
function counter(text, name, label) {
  if (!text.includes(`# TYPE ${name} counter`)) throw new Error(`no counter ${name} in /metrics`);
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && line.includes(label))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

/** One gateway's key-cache counters: lookups by outcome, evictions by reason. */
async function countersOf(gateway) {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  return {
    hit: counter(text, LOOKUPS, 'outcome="hit"'),
    miss: counter(text, LOOKUPS, 'outcome="miss"'),
    clear: counter(text, EVICTIONS, 'reason="clear"'),
    policy: counter(text, EVICTIONS, 'reason="policy"'),
    key: counter(text, EVICTIONS, 'reason="key"'),
    size: counter(text, EVICTIONS, 'reason="size"'),
  };
}

/** Every gateway's counters, by region. */
export async function readKeyCache(gateways) {
  const entries = await Promise.all(
    gateways.map(async (gateway) => [gateway.region, await countersOf(gateway)]),
  );
  return Object.fromEntries(entries);
}

function policy(id, apiId) {
  return {
    id,
    name: id,
    rate: 1_000_000,
    per: 1,
    quota_max: -1,
    access_rights: { [apiId]: { api_id: apiId, api_name: apiId, versions: ['Default'] } },
  };
}

/**
 * A keyed API, a policy on it and `count` keys (even ones apply the policy, odd ones have the API in
 * their own access rights), each used once on every gateway so that every gateway caches every key.
 * A keyless API written after the keys tells when a gateway has applied them: their changes arrive
 * before it, so no late key change can evict a warmed key during the measured phase.
 */
export async function warmKeys(
  { dashboardUrl, auth, upstreamUrl, gateways, runId },
  { count, timeoutMs, pollMs },
) {
  const apiId = `${runId}-cached`;
  const policyId = `${runId}-cached-policy`;
  const marker = `${runId}-cached-marker`;
  await api(dashboardUrl, 'POST', '/apis', apiDefinition(apiId, upstreamUrl, false), auth);
  await api(dashboardUrl, 'POST', '/policies', policy(policyId, apiId), auth);
  const keys = [];
  for (let index = 0; index < count; index++) {
    const body =
      index % 2 === 0
        ? { apply_policies: [policyId] }
        : { access_rights: { [apiId]: { api_id: apiId, api_name: apiId, versions: ['Default'] } } };
    keys.push((await api(dashboardUrl, 'POST', '/keys', body, auth)).key);
  }
  await api(dashboardUrl, 'POST', '/apis', apiDefinition(marker, upstreamUrl, true), auth);
  for (const gateway of gateways) {
    const served = await until(`${gateway.url}/${marker}/`, 200, {
      t0: performance.now(),
      timeoutMs,
      pollMs,
    });
    if (served === undefined)
      throw new Error(`key cache: ${gateway.region} did not serve ${marker} within ${timeoutMs} ms`);
  }
  const warm = { apiId, policyId, keys };
  const failures = await useKeys(warm, gateways);
  if (failures.length) throw new Error(`key cache: warming failed: ${failures.join('; ')}`);
  return warm;
}

/** Uses every warmed key once on every gateway; resolves with the requests that did not answer 200. */
export async function useKeys({ apiId, keys }, gateways) {
  const failures = [];
  for (const gateway of gateways) {
    for (const [index, key] of keys.entries()) {
      try {
        const answer = await status(`${gateway.url}/${apiId}/warm${index}`, key);
        if (answer !== 200) failures.push(`key ${index} via ${gateway.region} answered ${answer}`);
      } catch (error) {
        failures.push(`key ${index} via ${gateway.region}: ${error.message}`);
      }
    }
  }
  return failures;
}

/**
 * The keys used again after the measured phase, then each gateway's counters read until the lookups
 * show (within COUNTED_WITHIN_MS). Resolves with, by region, how far each counter moved since `before`,
 * and the requests that failed.
 */
export async function keyCacheAfter(warm, gateways, before) {
  const failures = await useKeys(warm, gateways);
  const moved = {};
  for (const gateway of gateways) {
    const start = before[gateway.region];
    const deadline = performance.now() + COUNTED_WITHIN_MS;
    let delta;
    do {
      const now = await countersOf(gateway);
      delta = Object.fromEntries(Object.keys(start).map((name) => [name, now[name] - start[name]]));
      if (delta.hit + delta.miss >= warm.keys.length) break;
      await sleep(20);
    } while (performance.now() < deadline);
    moved[gateway.region] = { keys_reused: warm.keys.length, ...delta };
  }
  if (failures.length) log(`key cache: ${failures.length} reuse request(s) failed`);
  return { moved, failures };
}
