#!/usr/bin/env node
// Gateway throughput benchmark: `npm run bench:gateway [-- --duration 6 --connections 50 --profile]`.
// Runs, in one invocation on loopback: the upstream directly, nginx as a plain reverse proxy, and the
// built gateway with (a) a keyless API and (b) auth token + rate limit + quota + analytics, as 1 process
// and as 2 worker processes. Load from wrk. Prints rps, p50, p99 and the ratio to nginx, and writes
// tools/bench/results/gateway-<timestamp>.json. A benchmark, not a test: numbers vary by machine.
import { execFileSync, spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { summarise } from './cpu-profile-summary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? fallback : args[index + 1];
};
const DURATION = Number(option('duration', 6));
const CONNECTIONS = Number(option('connections', 50));
const PROFILE = args.includes('--profile');
const SECRET = 'bench-secret';
const children = [];

function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function start(command, argv, env = {}) {
  const child = spawn(command, argv, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.on(
    'exit',
    (code) => code && code !== 0 && code !== null && log(`${command} exited ${code}: ${stderr.slice(-500)}`),
  );
  children.push(child);
  return child;
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function waitFor(url, headers = {}) {
  for (let i = 0; i < 200; i++) {
    try {
      const response = await fetch(url, { headers });
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up`);
}

function ensureTools() {
  const missing = ['wrk', 'nginx'].filter((tool) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool} || test -x /usr/sbin/${tool}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return;
  log(`installing ${missing.join(', ')} from Debian`);
  const packages = missing.map((tool) => (tool === 'nginx' ? 'nginx-light' : tool));
  execFileSync(
    'sh',
    [
      '-c',
      `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(' ')}`,
    ],
    {
      stdio: 'inherit',
    },
  );
}

async function waitForRedis(port) {
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((resolve) => {
      const socket = createConnection(port, '127.0.0.1');
      socket.once('connect', () => socket.end(() => resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('redis did not start');
}

function parseWrk(output) {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? 0);
  const toMs = (value, unit) => Number(value) * { us: 0.001, ms: 1, s: 1000 }[unit];
  const percentile = (p) => {
    const match = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(output);
    return match ? Math.round(toMs(match[1], match[2]) * 100) / 100 : NaN;
  };
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const requests = Number(/(\d+) requests in/.exec(output)?.[1] ?? 0);
  return { rps: Math.round(rps), p50_ms: percentile(50), p99_ms: percentile(99), requests, non_2xx: non2xx };
}

function wrk(url, headers = []) {
  const argv = [
    '-t1',
    `-c${CONNECTIONS}`,
    `-d${DURATION}s`,
    '--latency',
    ...headers.flatMap((h) => ['-H', h]),
    url,
  ];
  return parseWrk(execFileSync('wrk', argv, { encoding: 'utf8' }));
}

async function eventLoopMaxMs(metricsUrl) {
  const text = await (await fetch(metricsUrl)).text();
  const match = /nodejs_eventloop_lag_max_seconds\{[^}]*\}\s+([\d.e+-]+)/.exec(text);
  return match ? Math.round(Number(match[1]) * 100000) / 100 : NaN;
}

function nginxConfig(dir, listenPort, upstreamPort) {
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const config = `worker_processes 1;
daemon off;
error_log ${dir}/logs/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream backend { server 127.0.0.1:${upstreamPort}; keepalive 128; }
  server {
    listen 127.0.0.1:${listenPort};
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), config);
  return join(dir, 'nginx.conf');
}

function gatewayFiles(dir, upstreamUrl) {
  const apps = join(dir, 'apps');
  const policies = join(dir, 'policies');
  mkdirSync(apps, { recursive: true });
  mkdirSync(policies, { recursive: true });
  // (a) keyless measures the proxy alone, so it records no analytics; (b) keyed has everything on.
  const api = (id, keyless) => ({
    api_id: id,
    org_id: 'bench',
    name: id,
    active: true,
    use_keyless: keyless,
    do_not_track: keyless,
    proxy: { listen_path: `/${id}/`, target_url: upstreamUrl, strip_listen_path: true },
  });
  writeFileSync(join(apps, 'keyless.json'), JSON.stringify(api('keyless', true)));
  writeFileSync(join(apps, 'keyed.json'), JSON.stringify(api('keyed', false)));
  return { apps, policies };
}

async function runGateway(name, workers, files, redisUrl, prefix, profileDir) {
  const port = await freePort();
  const env = {
    GATEHOUSE_GATEWAY_LISTEN_ADDRESS: '127.0.0.1',
    GATEHOUSE_GATEWAY_LISTEN_PORT: String(port),
    GATEHOUSE_GATEWAY_SECRET: SECRET,
    GATEHOUSE_GATEWAY_APP_PATH: files.apps,
    GATEHOUSE_GATEWAY_POLICIES_POLICY_PATH: files.policies,
    GATEHOUSE_GATEWAY_REDIS_URL: redisUrl,
    GATEHOUSE_GATEWAY_REDIS_KEY_PREFIX: prefix,
    GATEHOUSE_GATEWAY_HASH_KEY_FUNCTION: 'murmur64',
    GATEHOUSE_GATEWAY_ENABLE_ANALYTICS: 'true',
    GATEHOUSE_GATEWAY_WORKERS: String(workers),
    GATEHOUSE_GATEWAY_LOG_LEVEL: 'warn',
    GATEHOUSE_GATEWAY_WATCH_FILES: 'false',
  };
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = start(process.execPath, [...nodeArgs, join(root, 'dist/apps/gateway/main.js')], env);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/hello`);
  const created = await fetch(`${base}/tyk/keys/create`, {
    method: 'POST',
    headers: { 'x-tyk-authorization': SECRET },
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
  execFileSync('wrk', ['-t1', '-c20', '-d2s', `${base}/keyless/`], { stdio: 'ignore' });
  return { child, base, key };
}

async function main() {
  ensureTools();
  log('building the gateway and starting a Redis of its own');
  execFileSync('npx', ['nx', 'build', 'gateway', '--output-style=static'], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  const work = mkdtempSync(join(tmpdir(), 'gatehouse-bench-'));
  // A fresh, empty Redis per run: streams left by earlier runs or by tests must not skew the numbers.
  execFileSync('bash', ['-c', `source ${join(root, 'tools/stack/install.sh')} && install_debian_packages`], {
    stdio: 'ignore',
  });
  const redisPort = await freePort();
  start('redis-server', [
    '--port',
    String(redisPort),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    work,
  ]);
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  await waitForRedis(redisPort);
  const upstreamPort = await freePort();
  start(process.execPath, [join(root, 'tools/bench/upstream.mjs'), String(upstreamPort)]);
  const upstreamUrl = `http://127.0.0.1:${upstreamPort}`;
  await waitFor(upstreamUrl);
  const nginxPort = await freePort();
  const nginx = start('nginx', ['-p', work, '-c', nginxConfig(join(work, 'nginx'), nginxPort, upstreamPort)]);
  await waitFor(`http://127.0.0.1:${nginxPort}/`);

  const results = {};
  log('direct');
  results.direct = wrk(`${upstreamUrl}/`);
  log('nginx');
  results.nginx = wrk(`http://127.0.0.1:${nginxPort}/`);
  await stop(nginx);
  const files = gatewayFiles(work, upstreamUrl);
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
    results[`keyless${suffix}`] = wrk(`${gateway.base}/keyless/`);
    log(`keyed${suffix}`);
    await eventLoopMaxMs(`${gateway.base}/metrics`);
    results[`keyed${suffix}`] = wrk(`${gateway.base}/keyed/`, [`Authorization: ${gateway.key}`]);
    if (workers === 1)
      results[`keyed${suffix}`].event_loop_max_ms = await eventLoopMaxMs(`${gateway.base}/metrics`);
    await stop(gateway.child);
    if (profileDir) {
      const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
      if (file) results.keyed.cpu_profile_top = summarise(join(profileDir, file));
    }
  }
  const nginxRps = results.nginx.rps;
  for (const entry of Object.values(results))
    entry.ratio_to_nginx = Math.round((entry.rps / nginxRps) * 100) / 100;

  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  const report = {
    benchmark: 'gateway',
    date: new Date().toISOString(),
    commit,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    wrk: { threads: 1, connections: CONNECTIONS, duration_s: DURATION },
    scenarios: results,
  };
  const outDir = join(root, 'tools/bench/results');
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, `gateway-${report.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);

  console.log(
    `\n${'scenario'.padEnd(12)} ${'rps'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'x nginx'.padStart(8)}  non-2xx`,
  );
  for (const [name, entry] of Object.entries(results)) {
    console.log(
      `${name.padEnd(12)} ${String(entry.rps).padStart(8)} ${String(entry.p50_ms).padStart(8)} ${String(entry.p99_ms).padStart(8)} ${String(entry.ratio_to_nginx).padStart(8)}  ${entry.non_2xx}`,
    );
  }
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
  .finally(async () => {
    await Promise.all(children.map((child) => stop(child)));
  });
