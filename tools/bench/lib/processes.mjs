// The benchmarks' child processes: started with the tail of their output kept for error messages,
// stopped gracefully, and never left running once the script ends.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { log } from './log.mjs';
import { root } from './repo.mjs';

const children = [];
/** Set once a signal or the time-out has stopped the run (see runGuarded). */
let interrupted = false;

export const running = (child) => child.exitCode === null && child.signalCode === null;

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
  // BENCH_LOG_DIR: also keep every child's whole output there, as <name>.log (for investigations).
  const file = process.env.BENCH_LOG_DIR && join(process.env.BENCH_LOG_DIR, `${name}.log`);
  const keep = (chunk) => {
    child.output = (child.output + chunk).slice(-8000);
    if (file) appendFileSync(file, chunk);
  };
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
  // A child a benchmark paused (SIGSTOP) would not act on SIGTERM until continued.
  child.kill('SIGCONT');
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

/**
 * On SIGINT (Ctrl-C) or SIGTERM, or once `maxSeconds` have passed, kills the child processes at once,
 * awaits `cleanUp` and exits (130 after a signal, 1 after the time-out); a second signal exits at once.
 * Returns the function that disarms the time-out.
 */
function guardRun(maxSeconds, cleanUp) {
  const abort = (why, code) => {
    interrupted = true;
    log(why);
    killAllNow();
    Promise.resolve()
      .then(cleanUp)
      .catch((error) => log(`clean-up: ${error.message}`))
      .finally(() => process.exit(code));
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (interrupted) process.exit(130);
      abort(`${signal}: stopping the child processes and cleaning up (again to exit at once)`, 130);
    });
  }
  const watchdog = setTimeout(
    () => abort(`the run exceeded --max-seconds ${maxSeconds}: killing the child processes`, 1),
    maxSeconds * 1000,
  );
  return () => clearTimeout(watchdog);
}

/**
 * Runs a benchmark's `main` guarded as above: an error is printed and sets exit code 1, and however it
 * ends, no child process is left running. `startedAt` (ms) is when the run began, for its duration.
 */
export function runGuarded(main, { startedAt, maxSeconds, cleanUp }) {
  const disarm = guardRun(maxSeconds, cleanUp);
  main()
    .catch((error) => {
      // After an interruption, the work in progress fails on the processes killed under it.
      if (!interrupted) console.error(error);
      process.exitCode = 1;
    })
    .finally(() => {
      killAllNow();
      disarm();
      log(`done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    });
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
