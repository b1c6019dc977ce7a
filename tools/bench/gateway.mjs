#!/usr/bin/env node
// Gateway throughput benchmark: `npm run bench:gateway [-- --duration 6 --connections 50 --profile]`.
// Runs, in one invocation on loopback: the upstream directly, nginx as a plain reverse proxy, and the
// built gateway with (a) a keyless API and (b) auth token + rate limit + quota + analytics, as 1 process
// and as 2 worker processes. Load from wrk. Prints rps, p50, p99 and the ratio to nginx, and writes
// tools/bench/results/gateway-<timestamp>.json. A benchmark, not a test: numbers vary by machine.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { summarise } from './cpu-profile-summary.mjs';
import { flag, option } from './lib/cli.mjs';
import { log } from './lib/log.mjs';
import { ensureTools, nginxConfig, warmUp, wrk } from './lib/load-tools.mjs';
import { freePort, start, startUpstream, stop, stopAll, waitHealthy } from './lib/processes.mjs';
import { buildApps } from './lib/repo.mjs';
import { reportHeader, writeResult } from './lib/results.mjs';
import { GATEWAY_SECRET, startGateway, startPrivateRedis, writeApiFiles } from './lib/standalone-gateway.mjs';
import { printTable } from './lib/table.mjs';

const DURATION = Number(option('duration', 6));
const CONNECTIONS = Number(option('connections', 50));
const PROFILE = flag('profile');
// Generous: a profiled gateway writes its .cpuprofile on the way out, which SIGKILL would prevent.
const STOP_GRACE_MS = 15_000;

const load = (url, headers) => wrk(url, { connections: CONNECTIONS, durationS: DURATION, headers });

async function eventLoopMaxMs(metricsUrl) {
  const text = await (await fetch(metricsUrl)).text();
  const match = /nodejs_eventloop_lag_max_seconds\{[^}]*\}\s+([\d.e+-]+)/.exec(text);
  return match ? Math.round(Number(match[1]) * 100000) / 100 : NaN;
}

async function runGateway(name, workers, files, redisUrl, prefix, profileDir) {
  const { child, base } = await startGateway(name, {
    files,
    redisUrl,
    prefix,
    env: { GATEHOUSE_GATEWAY_ENABLE_ANALYTICS: 'true', GATEHOUSE_GATEWAY_WORKERS: String(workers) },
    nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
  const created = await fetch(`${base}/tyk/keys/create`, {
    method: 'POST',
    headers: { 'x-tyk-authorization': GATEWAY_SECRET },
    body: JSON.stringify({
      org_id: 'bench',
      rate: 10_000_000,
      per: 1,
      quota_max: 1_000_000_000,
      quota_renewal_rate: 3600,
      access_rights: { keyed: { api_id: 'keyed', api_name: 'keyed', versions: [] } },
    }),
  });
  const { key } = await created.json();
  log(`${name}: warming up`);
  warmUp(`${base}/keyless/`);
  return { child, base, key };
}

async function main() {
  ensureTools();
  buildApps(['gateway']);
  log('starting a Redis of its own');
  const work = mkdtempSync(join(tmpdir(), 'gatehouse-bench-'));
  const redisUrl = await startPrivateRedis(work);
  const upstream = await startUpstream();
  const upstreamUrl = upstream.url;
  await waitHealthy(upstream.child, upstreamUrl);
  const nginxPort = await freePort();
  const nginx = start('nginx', 'nginx', [
    '-p',
    work,
    '-c',
    nginxConfig(join(work, 'nginx'), nginxPort, upstream.port),
  ]);
  await waitHealthy(nginx, `http://127.0.0.1:${nginxPort}/`);

  const results = {};
  log('direct');
  results.direct = load(`${upstreamUrl}/`);
  log('nginx');
  results.nginx = load(`http://127.0.0.1:${nginxPort}/`);
  await stop(nginx);
  // (a) keyless measures the proxy alone, so it records no analytics; (b) keyed has everything on.
  const files = writeApiFiles(work, upstreamUrl, [
    { id: 'keyless', keyless: true, track: false },
    { id: 'keyed', keyless: false, track: true },
  ]);
  for (const workers of [1, 2]) {
    const suffix = workers === 1 ? '' : '_2w';
    const profileDir = PROFILE && workers === 1 ? join(work, 'profile') : undefined;
    const gateway = await runGateway(
      `gateway x${workers}`,
      workers,
      files,
      redisUrl,
      `bench${Date.now()}:`,
      profileDir,
    );
    log(`keyless${suffix}`);
    await eventLoopMaxMs(`${gateway.base}/metrics`);
    results[`keyless${suffix}`] = load(`${gateway.base}/keyless/`);
    log(`keyed${suffix}`);
    await eventLoopMaxMs(`${gateway.base}/metrics`);
    results[`keyed${suffix}`] = load(`${gateway.base}/keyed/`, [`Authorization: ${gateway.key}`]);
    if (workers === 1)
      results[`keyed${suffix}`].event_loop_max_ms = await eventLoopMaxMs(`${gateway.base}/metrics`);
    await stop(gateway.child, STOP_GRACE_MS);
    if (profileDir) {
      const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
      if (file) results.keyed.cpu_profile_top = summarise(join(profileDir, file));
    }
  }
  const nginxRps = results.nginx.rps;
  for (const entry of Object.values(results))
    entry.ratio_to_nginx = Math.round((entry.rps / nginxRps) * 100) / 100;

  const outFile = writeResult({
    ...reportHeader('gateway'),
    wrk: { threads: 1, connections: CONNECTIONS, duration_s: DURATION },
    scenarios: results,
  });

  printTable(
    [
      ['scenario', 12],
      ['rps', 8],
      ['p50 ms', 8],
      ['p99 ms', 8],
      ['x nginx', 8],
      ['non-2xx', 0, 2],
    ],
    Object.entries(results).map(([name, entry]) => [
      name,
      entry.rps,
      entry.p50_ms,
      entry.p99_ms,
      entry.ratio_to_nginx,
      entry.non_2xx,
    ]),
  );
  if (results.keyed.event_loop_max_ms !== undefined)
    console.log(`\nkeyed (1 process): event-loop delay max ${results.keyed.event_loop_max_ms} ms`);
  if (results.keyed.cpu_profile_top) {
    console.log('\nkeyed (1 process) CPU profile, self time:');
    for (const row of results.keyed.cpu_profile_top)
      console.log(`  ${String(row.percent).padStart(5)}%  ${row.name}`);
  }
  console.log(`\nwritten to ${outFile}`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => stopAll(STOP_GRACE_MS));
