import { dirname } from 'node:path';
import { ChildProcess, spawn } from 'node:child_process';

/**
 * A PATH for scripts under test that is the same on every run: this Node's folder, then the system's.
 * Specs pass it rather than the caller's environment, so a test never depends on the shell it ran from.
 */
export const SYSTEM_PATH = [
  dirname(process.execPath),
  '/usr/local/sbin',
  '/usr/local/bin',
  '/usr/sbin',
  '/usr/bin',
  '/sbin',
  '/bin',
].join(':');

export interface StartedProcess {
  child: ChildProcess;
  /** Everything the process wrote so far, stdout and stderr interleaved. */
  output(): string;
  /** Sends `signal` and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
  exited: Promise<number | null>;
}

/**
 * Starts a real process (an app bundle, a server) and keeps its output for assertions and failures.
 * `env` is the child's whole environment: nothing leaks in from the test runner's own variables.
 */
export function startProcess(
  command: string,
  args: string[],
  env: Record<string, string>,
  /** Where it runs and as whom (a packaged app as its image's user). */
  options: { cwd?: string; uid?: number; gid?: number } = {},
): StartedProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    stop: async (signal = 'SIGTERM', timeoutMs = 10_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
