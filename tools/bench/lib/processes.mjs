// The benchmarks' child processes: started with the tail of their output kept for error messages,
// stopped gracefully, and never left running once the script ends.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { log } from './log.mjs';
import { root } from './repo.mjs';

const children = [];

const running = (child) => child.exitCode === null && child.signalCode === null;

export function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts `command`; an exit that `stop` did not ask for is logged with the end of its output. */
export function start(name, command, argv, env = {}) {
  const child = spawn(command, argv, {
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

/** Starts upstream.mjs, the origin server behind every proxy under test; resolves with { child, port, url }. */
export async function startUpstream() {
  const port = await freePort();
  const child = start('upstream', process.execPath, [join(root, 'tools/bench/upstream.mjs'), String(port)]);
  return { child, port, url: `http://127.0.0.1:${port}` };
}

/** SIGTERM, and SIGKILL if the process is still there after `graceMs`. */
export async function stop(child, graceMs = 5_000) {
  if (!running(child)) return;
  child.stopping = true;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Stops every child; those started last, which may depend on the earlier ones, are signalled first. */
export function stopAll(graceMs) {
  return Promise.all([...children].reverse().map((child) => stop(child, graceMs)));
}

export function killAllNow() {
  for (const child of children) {
    if (running(child)) {
      child.stopping = true;
      child.kill('SIGKILL');
    }
  }
}

// However the script ends, a server left behind would hold its port and skew the next run's numbers.
process.on('exit', killAllNow);

/** Waits until `url` answers 200; fails with the process output if it exits or `timeoutMs` passes. */
export async function waitHealthy(child, url, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && running(child)) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not up yet
    }
    await sleep(50);
  }
  throw new Error(`${child.name}: ${url} did not answer 200\n--- output ---\n${child.output.slice(-3000)}`);
}
