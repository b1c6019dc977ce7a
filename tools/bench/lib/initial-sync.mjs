// The propagation benchmark's initial sync: how long each gateway took, from its spawn, to be healthy and
// to serve the seeded APIs (topology.mjs times both), and whether the seeded APIs are all there.
import { seededApiId } from './api-seeding.mjs';
import { status } from './probe.mjs';
import { round } from './stats.mjs';

/** Seeded APIs asked for on every gateway once it serves the first: spread evenly, first and last included. */
const SAMPLE = 50;

/** The sample's indexes among `count` seeded APIs. */
function sampleIndexes(count) {
  if (count <= SAMPLE) return Array.from({ length: count }, (_, i) => i);
  return Array.from({ length: SAMPLE }, (_, i) => Math.round((i * (count - 1)) / (SAMPLE - 1)));
}

/**
 * By region: { healthy_ms, first_seeded_api_ms, sampled, sampled_served } for `count` seeded APIs of
 * run `runId`; without seeding, only healthy_ms.
 */
export async function initialSync(gateways, runId, count) {
  const indexes = sampleIndexes(count);
  const result = {};
  for (const gateway of gateways) {
    let served = 0;
    for (const index of indexes) {
      const answer = await status(`${gateway.url}/${seededApiId(runId, index)}/`).catch(() => 0);
      if (answer === 200) served++;
    }
    result[gateway.region] = {
      healthy_ms: round(gateway.healthyMs),
      first_seeded_api_ms: count > 0 ? round(gateway.firstServedMs) : null,
      sampled: indexes.length,
      sampled_served: served,
    };
  }
  return result;
}
