import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { SYSTEM_PATH } from './child-process';
import { repoRoot } from './repo-root';
import { temporaryDirectory } from './temporary-directory';

/** What tools/stack/redis-topology.sh wrote about the set it started. */
export interface StartedTopology {
  dir: string;
  kind: 'sentinel' | 'cluster';
  /** Sentinel: the sentinels; Cluster: the nodes; each host:port. */
  addresses: string[];
  masterName?: string;
  /** Sentinel only: the processes a test may kill. */
  primary?: { port: number; pidFile: string };
  replica?: { port: number; pidFile: string };
  stop(): Promise<void>;
}

interface TopologyFile {
  kind: 'sentinel' | 'cluster';
  sentinels?: string[];
  nodes?: string[];
  masterName?: string;
  primary?: { port: number; pidFile: string };
  replica?: { port: number; pidFile: string };
}

const run = promisify(execFile);

/**
 * A Sentinel set (primary, replica, three sentinels) or a three-node Cluster of this test's own, started
 * by the stack's script in a temporary folder, so killing a primary touches no other test.
 */
export async function startRedisTopology(kind: 'sentinel' | 'cluster'): Promise<StartedTopology> {
  const dir = temporaryDirectory(`gatehouse-redis-${kind}-`);
  const script = join(repoRoot(), 'tools', 'stack', 'redis-topology.sh');
  const env = { PATH: SYSTEM_PATH, HOME: homedir() };
  const stop = async () => void (await run('bash', [script, 'stop', dir], { env }));
  try {
    // Inside the 60 s the specs give their hooks, so a start that hangs fails with its own message and
    // its servers are stopped (it takes a few seconds when all is well).
    await run('bash', [script, kind, dir], { env, timeout: 50_000 });
  } catch (error) {
    await stop();
    throw error;
  }
  const file = JSON.parse(readFileSync(join(dir, 'topology.json'), 'utf8')) as TopologyFile;
  return {
    dir,
    kind,
    addresses: file.sentinels ?? file.nodes ?? [],
    masterName: file.masterName,
    primary: file.primary,
    replica: file.replica,
    stop,
  };
}
