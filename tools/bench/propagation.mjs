#!/usr/bin/env node
// Propagation benchmark: `npm run bench:propagation [-- --changes 50 --keys 50 --no-build]`.
// Starts, as real processes on loopback: the dashboard, one bridge, and one hybrid gateway in each of
// two regions (eu, the control plane's region, and us, another region), each region with its own Redis
// (tools/stack: redis, mongo, redis-eu, redis-us). Measures, in one invocation:
//   1. config propagation: from a dashboard write (POST /apis) until each gateway serves the API (200);
//   2. key back-fill: the first request with a new dashboard key through each gateway (regional Redis
//      miss -> bridge GetKey -> Mongo) against the second request with the same key (cached).
// The baseline is a plain request to the upstream directly. Prints a table with p50, p99, max and the
// ratio to the baseline, and writes tools/bench/results/propagation-<timestamp>.json. A benchmark, not
// a test: numbers vary by machine, and every process shares one host, so "regions" differ in their
// Redis and gateway group, not in network distance.
// Flags (or env): --changes N (BENCH_CHANGES, 50), --keys M (BENCH_KEYS, 50), --timeout-ms per change
// (BENCH_TIMEOUT_MS, 10000), --poll-ms (BENCH_POLL_MS, 2), --max-seconds for the whole run
// (BENCH_MAX_SECONDS, 110), --no-build (use the bundles in dist as they are), --keep-data (do not drop
// this run's database and regional Redis keys).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const startedAt = Date.now();
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (name, envName, fallback) => {
  const index = args.indexOf(`--${name}`);
  if (index !== -1) return args[index + 1];
  return process.env[envName] ?? fallback;
};
const CHANGES = Number(option('changes', 'BENCH_CHANGES', 50));
const KEYS = Number(option('keys', 'BENCH_KEYS', 50));
const TIMEOUT_MS = Number(option('timeout-ms', 'BENCH_TIMEOUT_MS', 10_000));
const POLL_MS = Number(option('poll-ms', 'BENCH_POLL_MS', 2));
const MAX_SECONDS = Number(option('max-seconds', 'BENCH_MAX_SECONDS', 110));
const BUILD = !args.includes('--no-build');
const KEEP_DATA = args.includes('--keep-data');
const BASELINE_REQUESTS = 200;
const TYK_KEY_SPACE_SYNC_MS = 10_000;
const ADMIN_SECRET = 'bench-admin-secret-0123456789';
const GATEWAY_SECRET = 'bench-gateway-secret';
/** Kept free at the end of the run for stopping the processes, cleaning up and printing. */
const RESERVE_MS = 15_000;
const deadline = startedAt + MAX_SECONDS * 1000;
const children = [];

for (const [name, value] of Object.entries({ CHANGES, KEYS, TIMEOUT_MS, POLL_MS, MAX_SECONDS })) {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
}

function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Milliseconds left for measuring before the reserve for cleanup. */
const remaining = () => deadline - RESERVE_MS - Date.now();

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a child process; keeps the tail of its output for error messages. */
function start(name, argv, env = {}) {
  const child = spawn(process.execPath, argv, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.name = name;
  child.output = '';
  const keep = (chunk) => (child.output = (child.output + chunk).slice(-8000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('exit', (code, signal) => {
    if (!child.stopping) log(`${name} exited (${code ?? signal}): ${child.output.slice(-1500)}`);
  });
  children.push(child);
  return child;
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.stopping = true;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function killAllNow() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.stopping = true;
      child.kill('SIGKILL');
    }
  }
}

/** This run's database and Redis key prefix, for the clean-up after an interruption. */
let run;
let interrupted = false;
process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log(`${signal}: stopping the child processes and cleaning up (again to exit at once)`);
    killAllNow();
    Promise.resolve(run && cleanUp(run)).finally(() => process.exit(130));
  });
}
const watchdog = setTimeout(() => {
  log(`the run exceeded --max-seconds ${MAX_SECONDS}: killing the child processes`);
  killAllNow();
  Promise.resolve(run && cleanUp(run)).finally(() => process.exit(1));
}, MAX_SECONDS * 1000);

/** Waits until `url` answers 200; fails with the process output if it exits or 20 s pass. */
async function waitHealthy(child, url) {
  const until = Date.now() + Math.min(20_000, remaining());
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not up yet
    }
    await sleep(50);
  }
  throw new Error(`${child.name}: ${url} did not answer 200\n--- output ---\n${child.output.slice(-3000)}`);
}

function stackAddresses() {
  log('starting the stack: redis mongo redis-eu redis-us');
  execFileSync('bash', [join(root, 'tools/stack/stack.sh'), 'up', 'redis', 'mongo', 'redis-eu', 'redis-us'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: Math.max(1000, remaining()),
  });
  const stack = JSON.parse(readFileSync(join(root, '.cache/stack/run/stack.json'), 'utf8'));
  for (const service of ['redis', 'mongo', 'redis-eu', 'redis-us'])
    if (!stack[service]) throw new Error(`.cache/stack/run/stack.json has no ${service}`);
  return stack;
}

function build() {
  const bundles = ['dashboard', 'bridge', 'gateway'].map((app) => join(root, 'dist/apps', app, 'main.js'));
  if (!BUILD && bundles.every((bundle) => existsSync(bundle))) return;
  log('building dashboard, bridge and gateway');
  execFileSync(
    'npx',
    ['nx', 'run-many', '-t', 'build', '-p', 'dashboard', 'bridge', 'gateway', '--output-style=static'],
    {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, NX_DAEMON: 'false' },
      timeout: Math.max(1000, remaining()),
    },
  );
}

/** The dashboard's REST API; fails unless the answer is 2xx. */
async function api(base, method, path, body, headers) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

function apiDefinition(id, upstreamUrl, keyless) {
  return {
    api_id: id,
    name: id,
    active: true,
    use_keyless: keyless,
    ...(keyless ? {} : { auth: { auth_header_name: 'Authorization' } }),
    version_data: { not_versioned: true, versions: { Default: { name: 'Default' } } },
    proxy: { listen_path: `/${id}/`, target_url: upstreamUrl, strip_listen_path: true },
  };
}

async function status(url, key) {
  const response = await fetch(url, { headers: key ? { authorization: key } : {} });
  await response.arrayBuffer();
  return response.status;
}

/** Times one request; resolves with { ms, status }. */
async function timed(url, key) {
  const t0 = performance.now();
  const answer = await status(url, key);
  return { ms: performance.now() - t0, status: answer };
}

/**
 * Polls `url` every POLL_MS until it answers `expected`; resolves with the milliseconds since `t0`, or
 * undefined when `timeoutMs` passes or `signal` aborts.
 */
async function until(url, expected, t0, timeoutMs, signal) {
  const stopAt = t0 + timeoutMs;
  while (!signal?.aborted && performance.now() < stopAt) {
    try {
      if ((await status(url)) === expected) return performance.now() - t0;
    } catch {
      // a refused connection counts as not yet
    }
    await sleep(POLL_MS);
  }
  return undefined;
}

function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round = (value) => (Number.isFinite(value) ? Math.round(value * 100) / 100 : null);

function summary(samples, failures, planned) {
  return {
    n: samples.length,
    failures,
    not_run: Math.max(0, planned - samples.length - failures),
    p50_ms: round(percentile(samples, 50)),
    p99_ms: round(percentile(samples, 99)),
    max_ms: round(samples.length ? Math.max(...samples) : NaN),
    samples_ms: samples.map(round),
  };
}

async function measureBaseline(upstreamUrl) {
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

/** Scenario 1: N sequential API creations, each polled on every gateway until it answers 200. */
async function measurePropagation(dashboard, auth, upstreamUrl, gateways, runId) {
  const write = [];
  const perGateway = Object.fromEntries(gateways.map((gateway) => [gateway.region, []]));
  const failed = Object.fromEntries(gateways.map((gateway) => [gateway.region, 0]));
  let writeFailures = 0;
  const errors = [];
  for (let index = 0; index < CHANGES; index++) {
    const budget = Math.min(TIMEOUT_MS, remaining());
    if (budget <= 0) {
      log(`config propagation: out of time after ${index} of ${CHANGES} changes`);
      break;
    }
    const id = `${runId}-p${index}`;
    const abort = new AbortController();
    const t0 = performance.now();
    // Polling starts with the write: a gateway may serve the API before the dashboard has answered.
    const polls = gateways.map((gateway) => until(`${gateway.url}/${id}/`, 200, t0, budget, abort.signal));
    try {
      await api(dashboard, 'POST', '/apis', apiDefinition(id, upstreamUrl, true), auth);
      write.push(performance.now() - t0);
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
      } else perGateway[gateway.region].push(results[i]);
    });
  }
  return {
    write: summary(write, writeFailures, CHANGES),
    ...Object.fromEntries(
      gateways.map((gateway) => [
        gateway.region,
        summary(perGateway[gateway.region], failed[gateway.region], CHANGES),
      ]),
    ),
    errors,
  };
}

/**
 * Scenario 2: M keys created in the dashboard; for each, the first request through each gateway (a
 * regional Redis miss, checked beforehand, so a back-fill from the bridge) and the second (cached).
 * Each request is timed alone, sequentially.
 */
async function measureBackfill(dashboard, auth, upstreamUrl, gateways, regionalRedis, { runId, prefix }) {
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
    if (ready) await api(dashboard, 'POST', '/apis', apiDefinition(apiId, upstreamUrl, false), auth);
    for (const gateway of ready ? gateways : []) {
      const budget = Math.min(TIMEOUT_MS, remaining());
      if ((await until(`${gateway.url}/${apiId}/`, 401, performance.now(), budget)) === undefined) {
        errors.push(`keyed API ${apiId}: not served by ${gateway.region} within ${Math.max(0, budget)} ms`);
        ready = false;
      }
    }
  } catch (error) {
    errors.push(`keyed API ${apiId}: ${error.message}`);
    ready = false;
  }
  for (let index = 0; ready && index < KEYS; index++) {
    if (remaining() <= 0) {
      log(`key back-fill: out of time after ${index} of ${KEYS} keys`);
      break;
    }
    let key;
    try {
      key = await api(
        dashboard,
        'POST',
        '/keys',
        {
          access_rights: { [apiId]: { api_id: apiId, api_name: apiId, versions: ['Default'] } },
        },
        auth,
      );
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
    result[`${gateway.region}_first`] = summary(first[gateway.region], failed[gateway.region].first, KEYS);
    result[`${gateway.region}_cached`] = summary(cached[gateway.region], failed[gateway.region].cached, KEYS);
  }
  return result;
}

async function connectRedis(urls) {
  const { default: Redis } = await import('ioredis');
  const clients = {};
  for (const [region, url] of Object.entries(urls)) {
    clients[region] = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 });
    await clients[region].connect();
  }
  return clients;
}

/** Drops this run's database and deletes its regional Redis keys; best effort, each step at most 5 s. */
async function cleanUp({ stack, database, prefix }) {
  if (KEEP_DATA) {
    log(`keeping database ${database} and Redis keys ${prefix}*`);
    return;
  }
  const withTimeout = (what, work) => {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out`)), 5000);
    });
    return Promise.race([work(), timeout])
      .catch((error) => log(`clean-up: ${error.message}`))
      .finally(() => clearTimeout(timer));
  };
  const { default: Redis } = await import('ioredis');
  for (const service of ['redis-eu', 'redis-us']) {
    const redis = new Redis(stack[service], {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      connectTimeout: 3000,
    });
    await withTimeout(`deleting ${prefix}* in ${service}`, async () => {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
    });
    redis.disconnect();
  }
  const { MongoClient } = await import('mongodb');
  const mongo = new MongoClient(stack.mongo, { serverSelectionTimeoutMS: 3000 });
  await withTimeout(`dropping database ${database}`, async () => {
    await mongo.connect();
    await mongo.db(database).dropDatabase();
  });
  await mongo.close().catch(() => undefined);
}

function printTable(report) {
  const { baseline, propagation, backfill } = report.scenarios;
  const direct = baseline.p50_ms;
  const ratio = (value) => (Number.isFinite(value) && direct ? `${(value / direct).toFixed(1)}x` : '-');
  const rows = [
    ['direct upstream (baseline)', baseline],
    ['dashboard POST /apis answer', propagation.write],
    ['config -> eu gateway (same)', propagation.eu],
    ['config -> us gateway (other)', propagation.us],
    ['key 1st req eu (back-fill)', backfill.eu_first],
    ['key 2nd req eu (cached)', backfill.eu_cached],
    ['key 1st req us (back-fill)', backfill.us_first],
    ['key 2nd req us (cached)', backfill.us_cached],
  ];
  const cell = (value, width) => String(value ?? '-').padStart(width);
  console.log(
    `\n${'scenario'.padEnd(30)} ${'n'.padStart(4)} ${'fail'.padStart(4)} ${'skip'.padStart(4)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'max ms'.padStart(9)} ${'p50/direct'.padStart(10)}`,
  );
  for (const [name, entry] of rows) {
    console.log(
      `${name.padEnd(30)} ${cell(entry.n, 4)} ${cell(entry.failures, 4)} ${cell(entry.not_run, 4)} ${cell(entry.p50_ms, 9)} ${cell(entry.p99_ms, 9)} ${cell(entry.max_ms, 9)} ${cell(ratio(entry.p50_ms), 10)}`,
    );
  }
  console.log(`\nbaseline: direct upstream p50 ${direct} ms over ${baseline.n} requests`);
  for (const region of ['eu', 'us']) {
    const entry = propagation[region];
    console.log(
      `config -> ${region}: p50 ${ratio(entry.p50_ms)}, p99 ${ratio(entry.p99_ms)}, max ${ratio(entry.max_ms)} the direct p50`,
    );
  }
  for (const region of ['eu', 'us']) {
    const firstEntry = backfill[`${region}_first`];
    const cachedEntry = backfill[`${region}_cached`];
    const times = (a, b) => (Number.isFinite(a) && b ? `${(a / b).toFixed(1)}x` : '-');
    console.log(
      `key back-fill ${region}: first/cached p50 ${times(firstEntry.p50_ms, cachedEntry.p50_ms)}, p99 ${times(firstEntry.p99_ms, cachedEntry.p99_ms)}`,
    );
  }
  const usP99 = propagation.us.p99_ms;
  console.log(
    `Tyk MDCB key-space sync polls every 10 s by default (${TYK_KEY_SPACE_SYNC_MS} ms): our cross-region (us) config p99 ${usP99 ?? '-'} ms = ${Number.isFinite(usP99) ? (usP99 / TYK_KEY_SPACE_SYNC_MS).toFixed(4) : '-'} x ${TYK_KEY_SPACE_SYNC_MS} ms`,
  );
  const firstRequests = backfill.keys_created * 2;
  console.log(
    `regional Redis: ${backfill.regional_hits_before_first_request} of ${firstRequests} keys were there before the first request (want 0), ${backfill.backfilled_copies_after_first_request} of ${firstRequests} were back-filled after it (want ${firstRequests})`,
  );
  const errors = [...propagation.errors, ...backfill.errors];
  if (errors.length) {
    console.log(`\n${errors.length} failure(s):`);
    for (const error of errors.slice(0, 20)) console.log(`  ${error}`);
  }
}

async function main() {
  const stack = stackAddresses();
  build();
  const runId = `bench${Date.now().toString(36)}`;
  const database = `bench_propagation_${runId}`;
  const prefix = `${database}:`;
  run = { stack, database, prefix, runId };
  let regionalRedis;
  try {
    log(`database ${database}, Redis key prefix ${prefix}`);
    const upstreamPort = await freePort();
    const upstream = start('upstream', [join(root, 'tools/bench/upstream.mjs'), String(upstreamPort)]);
    const upstreamUrl = `http://127.0.0.1:${upstreamPort}`;

    const dashboardPort = await freePort();
    const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
    const dashboard = start('dashboard', [join(root, 'dist/apps/dashboard/main.js')], {
      GATEHOUSE_DASHBOARD_HTTP_PORT: String(dashboardPort),
      GATEHOUSE_DASHBOARD_MONGO_URL: stack.mongo,
      GATEHOUSE_DASHBOARD_MONGO_DATABASE: database,
      GATEHOUSE_DASHBOARD_REDIS_URL: stack.redis,
      GATEHOUSE_DASHBOARD_ADMIN_SECRET: ADMIN_SECRET,
    });
    const [bridgeHttpPort, bridgeGrpcPort] = [await freePort(), await freePort()];
    const bridge = start('bridge', [join(root, 'dist/apps/bridge/main.js')], {
      GATEHOUSE_BRIDGE_HTTP_PORT: String(bridgeHttpPort),
      GATEHOUSE_BRIDGE_GRPC_PORT: String(bridgeGrpcPort),
      GATEHOUSE_BRIDGE_MONGO_URL: stack.mongo,
      GATEHOUSE_BRIDGE_MONGO_DATABASE: database,
      GATEHOUSE_BRIDGE_REDIS_URL: stack.redis,
    });
    await waitHealthy(upstream, `${upstreamUrl}/`);
    await waitHealthy(dashboard, `${dashboardUrl}/health`);
    await waitHealthy(bridge, `http://127.0.0.1:${bridgeHttpPort}/health`);

    log('creating the org, gateway groups eu and us, and node tokens');
    const { token } = await api(
      dashboardUrl,
      'POST',
      '/orgs',
      {
        slug: 'bench',
        name: 'Bench',
        owner: { email: 'owner@bench.example', name: 'Owner', password: 'bench password 123' },
      },
      { 'x-gatehouse-admin-secret': ADMIN_SECRET },
    );
    if (!token) throw new Error('POST /orgs answered no token');
    const auth = { authorization: `Bearer ${token}` };
    let orgId = '';
    const nodeTokens = {};
    for (const region of ['eu', 'us']) {
      const group = await api(
        dashboardUrl,
        'POST',
        '/gateway-groups',
        { groupId: region, name: region.toUpperCase(), region, tags: [region] },
        auth,
      );
      orgId = group.orgId;
      nodeTokens[region] = (
        await api(dashboardUrl, 'POST', `/gateway-groups/${region}/tokens`, undefined, auth)
      ).token;
    }

    const gateways = [];
    for (const region of ['eu', 'us']) {
      const port = await freePort();
      const child = start(`gateway-${region}`, [join(root, 'dist/apps/gateway/main.js')], {
        GATEHOUSE_GATEWAY_LISTEN_ADDRESS: '127.0.0.1',
        GATEHOUSE_GATEWAY_LISTEN_PORT: String(port),
        GATEHOUSE_GATEWAY_SECRET: GATEWAY_SECRET,
        GATEHOUSE_GATEWAY_REDIS_URL: stack[`redis-${region}`],
        GATEHOUSE_GATEWAY_REDIS_KEY_PREFIX: prefix,
        GATEHOUSE_GATEWAY_SLAVE_OPTIONS_USE_RPC: 'true',
        GATEHOUSE_GATEWAY_SLAVE_OPTIONS_CONNECTION_STRING: `127.0.0.1:${bridgeGrpcPort}`,
        GATEHOUSE_GATEWAY_SLAVE_OPTIONS_RPC_KEY: orgId,
        GATEHOUSE_GATEWAY_SLAVE_OPTIONS_API_KEY: nodeTokens[region],
        GATEHOUSE_GATEWAY_SLAVE_OPTIONS_GROUP_ID: region,
        GATEHOUSE_GATEWAY_HYBRID_NODE_ID: `bench-${region}`,
        GATEHOUSE_GATEWAY_LOG_LEVEL: 'warn',
      });
      gateways.push({ region, child, url: `http://127.0.0.1:${port}` });
    }
    for (const gateway of gateways) await waitHealthy(gateway.child, `${gateway.url}/health`);
    regionalRedis = await connectRedis({ eu: stack['redis-eu'], us: stack['redis-us'] });

    // Warm-up, not counted: the Watch streams are live and the code paths are compiled.
    log('warming up');
    const warmId = `${runId}-warm`;
    await api(dashboardUrl, 'POST', '/apis', apiDefinition(warmId, upstreamUrl, true), auth);
    for (const gateway of gateways) {
      const took = await until(
        `${gateway.url}/${warmId}/`,
        200,
        performance.now(),
        Math.min(20_000, remaining()),
      );
      if (took === undefined)
        throw new Error(`warm-up: ${gateway.region} did not serve ${warmId} within 20 s`);
      for (let i = 0; i < 20; i++) await status(`${gateway.url}/${warmId}/`);
    }

    log('baseline: direct upstream');
    const baseline = await measureBaseline(upstreamUrl);
    log(`config propagation: ${CHANGES} changes`);
    const propagation = await measurePropagation(dashboardUrl, auth, upstreamUrl, gateways, runId);

    log(`key back-fill: ${KEYS} keys`);
    const backfill = await measureBackfill(dashboardUrl, auth, upstreamUrl, gateways, regionalRedis, run);

    let commit = 'unknown';
    try {
      commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    } catch {
      // not a git checkout
    }
    const usP99 = propagation.us.p99_ms;
    const report = {
      benchmark: 'propagation',
      date: new Date().toISOString(),
      commit,
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      settings: {
        changes: CHANGES,
        keys: KEYS,
        baseline_requests: BASELINE_REQUESTS,
        timeout_ms_per_change: TIMEOUT_MS,
        poll_ms: POLL_MS,
        key_region_order: 'alternating (even keys eu first, odd keys us first)',
        max_seconds: MAX_SECONDS,
      },
      topology:
        'loopback: dashboard, 1 bridge, hybrid gateway eu (redis-eu) and us (redis-us); eu is the control plane region; app settings at their defaults',
      scenarios: { baseline, propagation, backfill },
      ratios: {
        config_eu_p50_to_direct_p50: round(propagation.eu.p50_ms / baseline.p50_ms),
        config_us_p50_to_direct_p50: round(propagation.us.p50_ms / baseline.p50_ms),
        config_us_p99_to_direct_p50: round(usP99 / baseline.p50_ms),
        key_first_to_cached_p50_eu: round(backfill.eu_first.p50_ms / backfill.eu_cached.p50_ms),
        key_first_to_cached_p99_eu: round(backfill.eu_first.p99_ms / backfill.eu_cached.p99_ms),
        key_first_to_cached_p50_us: round(backfill.us_first.p50_ms / backfill.us_cached.p50_ms),
        key_first_to_cached_p99_us: round(backfill.us_first.p99_ms / backfill.us_cached.p99_ms),
      },
      reference: {
        tyk_mdcb_key_space_sync_interval_ms: TYK_KEY_SPACE_SYNC_MS,
        note: 'Tyk MDCB key-space sync polls every 10 s by default (slave_options.key_space_sync_interval)',
        config_us_p99_to_tyk_interval: Number.isFinite(usP99)
          ? Math.round((usP99 / TYK_KEY_SPACE_SYNC_MS) * 10000) / 10000
          : null,
      },
    };
    const outDir = join(root, 'tools/bench/results');
    mkdirSync(outDir, { recursive: true });
    const outFile = join(outDir, `propagation-${report.date.replace(/[:.]/g, '-')}.json`);
    writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
    printTable(report);
    console.log(`\nwritten to ${outFile}`);
    const failures = propagation.errors.length + backfill.errors.length;
    const incomplete = [propagation.eu, propagation.us, backfill.eu_first, backfill.us_first].some(
      (entry) => entry.failures + entry.not_run > 0,
    );
    if (failures || incomplete) process.exitCode = 1;
  } finally {
    log('stopping the processes');
    await Promise.all([...children].reverse().map((child) => stop(child)));
    await cleanUp(run);
    for (const redis of Object.values(regionalRedis ?? {})) redis.disconnect();
  }
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    killAllNow();
    clearTimeout(watchdog);
    log(`done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  });
