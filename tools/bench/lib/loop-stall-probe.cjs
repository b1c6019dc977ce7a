// Preloaded into the gateway by the scale benchmark (`node --require`): the event loop's longest stall,
// measured from inside the process as the largest gap between two ticks of a 2 ms timer, beyond its
// period. prom-client's nodejs_eventloop_lag_max_seconds cannot tell: on Node 20 the
// perf_hooks.monitorEventLoopDelay histogram behind it reports about 10 ms for a 300 ms busy loop.
// On SIGUSR2 the process writes `[loop-stall <n>] <ms> (ended <t> ms after start)` to stderr (n counts
// the reports; t on the clock --trace-gc prints) and starts a new maximum. The timer is unref'd: it never keeps the process alive.
const { performance } = require('node:perf_hooks');

const PERIOD_MS = 2;
let last = performance.now();
let max = 0;
let maxEndedAt = 0;
let reports = 0;

setInterval(() => {
  const now = performance.now();
  if (now - last - PERIOD_MS > max) {
    max = now - last - PERIOD_MS;
    maxEndedAt = now;
  }
  last = now;
}, PERIOD_MS).unref();

process.on('SIGUSR2', () => {
  // The gap since the last tick belongs to this window: a process just resumed from SIGSTOP (the scale
  // bench pauses idle gateways) would otherwise count its whole pause on the next window's first tick.
  const now = performance.now();
  if (now - last - PERIOD_MS > max) {
    max = now - last - PERIOD_MS;
    maxEndedAt = now;
  }
  last = now;
  const at = `ended ${maxEndedAt.toFixed(0)} ms after start`;
  process.stderr.write(`[loop-stall ${++reports}] ${Math.max(0, max).toFixed(2)} (${at})\n`);
  max = 0;
});
