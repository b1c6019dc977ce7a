// The propagation benchmark's baseline (plain requests to the upstream) and its first scenario: how long
// a dashboard write takes to be served by every gateway.
import { performance } from 'node:perf_hooks';

import { api, apiDefinition } from './dashboard.mjs';
import { log } from './log.mjs';
import { status, timed, until } from './probe.mjs';
import { summary } from './stats.mjs';

export const BASELINE_REQUESTS = 200;

export async function measureBaseline(upstreamUrl) {
  for (let i = 0; i < 50; i++) await status(`${upstreamUrl}/`);
  const samples = [];
  let failures = 0;
  for (let i = 0; i < BASELINE_REQUESTS; i++) {
    const { ms, status: answer } = await timed(`${upstreamUrl}/`);
    if (answer === 200) samples.push(ms);
    else failures++;
  }
  return summary(samples, failures, BASELINE_REQUESTS);
}

/**
 * `settings.changes` sequential API creations, each polled on every gateway until it answers 200. Each
 * gateway's time is also taken from the dashboard's answer (`<region>_after_answer`): the part of the
 * propagation after the write is stored, without the write itself, which slows as the catalogue grows
 * on a store that scans. A gateway may serve the API before the answer: that sample is then negative.
 */
export async function measurePropagation(
  { dashboardUrl, auth, upstreamUrl, gateways, runId },
  { changes, timeoutMs, pollMs, remaining },
) {
  const write = [];
  const perGateway = Object.fromEntries(gateways.map((gateway) => [gateway.region, []]));
  const afterAnswer = Object.fromEntries(gateways.map((gateway) => [gateway.region, []]));
  const failed = Object.fromEntries(gateways.map((gateway) => [gateway.region, 0]));
  let writeFailures = 0;
  const errors = [];
  for (let index = 0; index < changes; index++) {
    const budget = Math.min(timeoutMs, remaining());
    if (budget <= 0) {
      log(`config propagation: out of time after ${index} of ${changes} changes`);
      break;
    }
    const id = `${runId}-p${index}`;
    const abort = new AbortController();
    const t0 = performance.now();
    // Polling starts with the write: a gateway may serve the API before the dashboard has answered.
    const polls = gateways.map((gateway) =>
      until(`${gateway.url}/${id}/`, 200, { t0, timeoutMs: budget, pollMs, signal: abort.signal }),
    );
    let answeredMs;
    try {
      await api(dashboardUrl, 'POST', '/apis', apiDefinition(id, upstreamUrl, true), auth);
      answeredMs = performance.now() - t0;
      write.push(answeredMs);
    } catch (error) {
      writeFailures++;
      errors.push(`${id}: ${error.message}`);
      abort.abort();
    }
    const results = await Promise.all(polls);
    gateways.forEach((gateway, i) => {
      if (results[i] === undefined) {
        failed[gateway.region]++;
        if (!abort.signal.aborted) errors.push(`${id}: not served by ${gateway.region} within ${budget} ms`);
      } else {
        perGateway[gateway.region].push(results[i]);
        if (answeredMs !== undefined) afterAnswer[gateway.region].push(results[i] - answeredMs);
      }
    });
  }
  return {
    write: summary(write, writeFailures, changes),
    ...Object.fromEntries(
      gateways.flatMap((gateway) => [
        [gateway.region, summary(perGateway[gateway.region], failed[gateway.region], changes)],
        [
          `${gateway.region}_after_answer`,
          summary(afterAnswer[gateway.region], failed[gateway.region], changes),
        ],
      ]),
    ),
    errors,
  };
}
