import { repoRoot, startProcess, StartedProcess, waitFor } from '@gatehouse/shared-testing';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type AppName = 'dashboard' | 'bridge' | 'gateway' | 'pump';

/** Starts a built app bundle as its own process, with the given GATEHOUSE_* environment. */
export function startApp(app: AppName, env: Record<string, string>): StartedProcess {
  const bundle = join(repoRoot(), 'dist', 'apps', app, 'main.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: build it with npx nx build ${app}`);
  return startProcess(process.execPath, [bundle], env);
}

/** Waits until `url` answers 200; fails with the app's output if it exits or the deadline passes. */
export async function waitForHealthy(app: StartedProcess, url: string): Promise<void> {
  let exited = false;
  void app.exited.then(() => (exited = true));
  try {
    await waitFor(
      async () => {
        if (exited) throw new Error('the process exited');
        return (await fetch(url)).status === 200;
      },
      { description: `${url} to answer 200`, timeoutMs: 20_000, intervalMs: 100 },
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- process output ---\n${app.output()}`);
  }
}

/** The JSON log lines a process wrote, parsed; non-JSON lines are skipped. */
export function logLines(app: StartedProcess): Record<string, unknown>[] {
  return app
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
