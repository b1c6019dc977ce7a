// Load from wrk over many (API, key) pairs: a Lua script sends each request to a random line of a pairs
// file (path, token), so the gateway sees keys and APIs in no order its caches could predict. wrk runs as
// a child process, so the benchmark can act on the gateway while the load goes on.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { parseWrk } from './load-tools.mjs';
import { start } from './processes.mjs';

/**
 * Writes `pairs` ([path, token] each) to `dir`/`name`.tsv and a wrk script that reads them once and
 * sends each request as `GET <path>` with `Authorization: <token>` of a random pair; returns the
 * script's path. Requests are formatted once per pair, so wrk spends its CPU on sending, not on Lua.
 */
export function writePairsScript(dir, name, pairs) {
  const pairsFile = join(dir, `${name}.tsv`);
  writeFileSync(pairsFile, pairs.map(([path, token]) => `${path}\t${token}\n`).join(''));
  const script = `local paths, tokens, formatted = {}, {}, {}
for line in io.lines(${JSON.stringify(pairsFile)}) do
  local path, token = line:match("^(%S+)\\t(%S+)$")
  paths[#paths + 1] = path
  tokens[#tokens + 1] = token
end
local count = #paths
request = function()
  local i = math.random(count)
  local r = formatted[i]
  if not r then
    r = wrk.format("GET", paths[i], { Authorization = tokens[i] })
    formatted[i] = r
  end
  return r
end
`;
  const scriptFile = join(dir, `${name}.lua`);
  writeFileSync(scriptFile, script);
  return scriptFile;
}

/**
 * A copy of a pairs script (see writePairsScript) whose connections each wait `delayMs` after a response
 * before sending their next request: a load below the gateway's capacity, whose event loop has idle
 * moments, so that a stall there is the gateway's own doing rather than a full queue of requests.
 */
export function pacedScript(script, delayMs) {
  const paced = script.replace(/\.lua$/, `-paced-${delayMs}ms.lua`);
  writeFileSync(paced, `${readFileSync(script, 'utf8')}delay = function() return ${delayMs} end\n`);
  return paced;
}

function parseReport(output) {
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  const parsed = parseWrk(output);
  return { ...parsed, socket_errors: socketErrors, failed: parsed.non_2xx + socketErrors };
}

/**
 * Starts wrk (1 thread) with `script` against `baseUrl` for at most `durationS` seconds. Returns
 * { result, interrupt, startedAt }: `result` resolves with rps, p50_ms, p99_ms, requests, non_2xx,
 * socket_errors, failed (the two summed) and seconds; `interrupt()` ends the run early, and wrk still
 * reports what it measured.
 */
export function startLoad(baseUrl, { script, connections, durationS }) {
  const argv = ['-t1', `-c${connections}`, `-d${Math.ceil(durationS)}s`, '--latency', '-s', script, baseUrl];
  const child = start('wrk', 'wrk', argv);
  // wrk's exit is the expected end of a run, not a crash worth logging (processes.mjs logs those).
  child.stopping = true;
  const startedAt = performance.now();
  const result = new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => {
      const report = parseReport(child.output);
      if (code !== 0 || !/Requests\/sec/.test(child.output))
        reject(new Error(`wrk failed (${code ?? signal}): ${child.output.slice(-1500)}`));
      else resolve({ ...report, seconds: Math.round((performance.now() - startedAt) / 100) / 10 });
    });
  });
  return { result, startedAt, interrupt: () => child.kill('SIGINT') };
}

/** A whole wrk run of `durationS` seconds: resolves with its report (see startLoad). */
export function runLoad(baseUrl, options) {
  return startLoad(baseUrl, options).result;
}

/**
 * Ends `load` (from startLoad) once it has run `minS` seconds and `afterMs` have passed since now, so a
 * window around an event keeps the steady run's length; resolves with its report.
 */
export async function finishLoad(load, { minS, afterMs = 1000 }) {
  const until = Math.max(load.startedAt + minS * 1000, performance.now() + afterMs);
  await sleep(Math.max(0, until - performance.now()));
  load.interrupt();
  return load.result;
}
