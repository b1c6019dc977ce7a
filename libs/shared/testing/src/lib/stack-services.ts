import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from './repo-root';

export type StackService =
  | 'redis'
  | 'mongo'
  | 'mosquitto'
  | 'kafka'
  | 'redis-eu'
  | 'redis-us'
  /** A broker of its own for the test that freezes Kafka, so no other test sees the outage. */
  | 'kafka-outage';

/** Where `tools/stack/stack.sh up` describes the running services. */
export function stackDescriptionPath(): string {
  return join(repoRoot(), '.cache', 'stack', 'run', 'stack.json');
}

function readDescription(): Partial<Record<StackService, string>> {
  try {
    return JSON.parse(readFileSync(stackDescriptionPath(), 'utf8')) as Partial<Record<StackService, string>>;
  } catch {
    return {};
  }
}

/**
 * The address of a real service started by tools/stack. Tests never skip for a missing service: they
 * fail here, saying how to start it.
 */
export function stackService(service: StackService): string {
  const address = readDescription()[service];
  if (!address) {
    throw new Error(
      `this test needs ${service}, which is not running. Start it with: npm run stack -- up ${service}` +
        ` (or run the whole suite with: npm test)`,
    );
  }
  return address;
}

/** The process id of a running stack service, for tests that inject faults into it (e.g. SIGSTOP). */
export function stackServicePid(service: StackService): number {
  stackService(service);
  return Number(readFileSync(join(repoRoot(), '.cache', 'stack', 'run', service, 'pid'), 'utf8').trim());
}
