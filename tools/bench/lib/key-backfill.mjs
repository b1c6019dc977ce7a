// The propagation benchmark's second scenario: a new dashboard key's first request through each gateway
// (a regional Redis miss, so a back-fill from the bridge) against its second (served from the cache).
import { performance } from 'node:perf_hooks';

import { api, apiDefinition, createKey } from './dashboard.mjs';
import { log } from './log.mjs';
import { timed, until } from './probe.mjs';
import { summary } from './stats.mjs';

/**
 * `settings.keys` keys, each timed on its first and second request through every gateway, one request
 * at a time. Before each first request, the key's absence from the regional Redis is checked.
 */
export async function measureBackfill(
  { dashboardUrl, auth, upstreamUrl, gateways, regionalRedis, runId, prefix },
  { keys, timeoutMs, pollMs, remaining },
) {
  const first = Object.fromEntries(gateways.map((gateway) => [gateway.region, []]));
  const cached = Object.fromEntries(gateways.map((gateway) => [gateway.region, []]));
  const failed = Object.fromEntries(gateways.map((gateway) => [gateway.region, { first: 0, cached: 0 }]));
  const errors = [];
  let notMiss = 0;
  let copies = 0;
  let created = 0;
  // The keyed API first: every gateway must answer 401 (served, key missing) before keys are timed.
  const apiId = `${runId}-keyed`;
  let ready = remaining() > 0;
  if (!ready) errors.push('key back-fill: out of time (--max-seconds) before it started');
  try {
    if (ready) await api(dashboardUrl, 'POST', '/apis', apiDefinition(apiId, upstreamUrl, false), auth);
    for (const gateway of ready ? gateways : []) {
      const budget = Math.min(timeoutMs, remaining());
      const served = await until(`${gateway.url}/${apiId}/`, 401, {
        t0: performance.now(),
        timeoutMs: budget,
        pollMs,
      });
      if (served === undefined) {
        errors.push(`keyed API ${apiId}: not served by ${gateway.region} within ${Math.max(0, budget)} ms`);
        ready = false;
      }
    }
  } catch (error) {
    errors.push(`keyed API ${apiId}: ${error.message}`);
    ready = false;
  }
  for (let index = 0; ready && index < keys; index++) {
    if (remaining() <= 0) {
      log(`key back-fill: out of time after ${index} of ${keys} keys`);
      break;
    }
    let key;
    try {
      key = await createKey(dashboardUrl, auth, apiId);
      created++;
    } catch (error) {
      errors.push(`key ${index}: ${error.message}`);
      for (const gateway of gateways) {
        failed[gateway.region].first++;
        failed[gateway.region].cached++;
      }
      continue;
    }
    // The regions take turns going first, so neither is always the one right after the key's write.
    const order = index % 2 === 0 ? gateways : [...gateways].reverse();
    for (const gateway of order) {
      const redis = regionalRedis[gateway.region];
      const keyName = `${prefix}apikey-${key.key_hash}`;
      if (await redis.exists(keyName).catch(() => 0)) notMiss++;
      const url = `${gateway.url}/${apiId}/k${index}`;
      for (const [kind, samples] of [
        ['first', first[gateway.region]],
        ['cached', cached[gateway.region]],
      ]) {
        try {
          const { ms, status: answer } = await timed(url, key.key);
          // The first request must leave the back-filled copy in regional Redis (checks the key name).
          if (kind === 'first' && (await redis.exists(keyName).catch(() => 0))) copies++;
          if (answer === 200) samples.push(ms);
          else {
            failed[gateway.region][kind]++;
            errors.push(`key ${index} ${kind} request via ${gateway.region} answered ${answer}`);
          }
        } catch (error) {
          failed[gateway.region][kind]++;
          errors.push(`key ${index} ${kind} request via ${gateway.region}: ${error.message}`);
        }
      }
    }
  }
  const result = {
    keys_created: created,
    regional_hits_before_first_request: notMiss,
    backfilled_copies_after_first_request: copies,
    errors,
  };
  for (const gateway of gateways) {
    result[`${gateway.region}_first`] = summary(first[gateway.region], failed[gateway.region].first, keys);
    result[`${gateway.region}_cached`] = summary(cached[gateway.region], failed[gateway.region].cached, keys);
  }
  return result;
}
