// The gateway benchmark's outside tools: wrk generates the load and reads out latency, nginx is the
// reference reverse proxy the gateway is compared with.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { log } from './log.mjs';

/** Installs wrk and nginx from Debian where they are missing. */
export function ensureTools() {
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

/** The numbers in wrk's `--latency` report: rps, p50, p99, requests and non-2xx/3xx responses. */
export function parseWrk(output) {
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

/** `connections` over one thread for `durationS` seconds against `url`, with latency percentiles. */
export function wrk(url, { connections, durationS, headers = [] }) {
  const argv = [
    '-t1',
    `-c${connections}`,
    `-d${durationS}s`,
    '--latency',
    ...headers.flatMap((h) => ['-H', h]),
    url,
  ];
  return parseWrk(execFileSync('wrk', argv, { encoding: 'utf8' }));
}

/** Two seconds of load against `url`, not measured: connections open and code paths compiled. */
export function warmUp(url) {
  execFileSync('wrk', ['-t1', '-c20', '-d2s', url], { stdio: 'ignore' });
}

/** Writes the config of a plain keep-alive reverse proxy to the upstream; returns its path. */
export function nginxConfig(dir, listenPort, upstreamPort) {
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
