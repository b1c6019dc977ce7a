import {
  createTykKey,
  freePort,
  repoRoot,
  stackService,
  startProcess,
  StartedProcess,
  temporaryDirectory,
  uniqueName,
  waitFor,
} from '@gatehouse/shared-testing';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ADMIN_SECRET = 'security-suite-gateway-secret';

export interface GatewayUnderTest {
  base: string;
  process: StartedProcess;
  /** Creates a key through the Gateway API. */
  createKey(session: Record<string, unknown>): Promise<string>;
  stop(): Promise<void>;
}

/** The built gateway as its own process, serving `apis` from files, on the stack's Redis. */
export async function startGatewayProcess(apis: Record<string, unknown>[]): Promise<GatewayUnderTest> {
  const bundle = join(repoRoot(), 'dist', 'apps', 'gateway', 'main.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: build it with npx nx build gateway`);
  const dir = temporaryDirectory('gatehouse-security-');
  mkdirSync(join(dir, 'apps'));
  for (const api of apis)
    writeFileSync(join(dir, 'apps', `${String(api['api_id'])}.json`), JSON.stringify(api));
  const port = await freePort();
  const gateway = startProcess(process.execPath, [bundle], {
    GATEHOUSE_GATEWAY_LISTEN_ADDRESS: '127.0.0.1',
    GATEHOUSE_GATEWAY_LISTEN_PORT: String(port),
    GATEHOUSE_GATEWAY_SECRET: ADMIN_SECRET,
    GATEHOUSE_GATEWAY_APP_PATH: join(dir, 'apps'),
    GATEHOUSE_GATEWAY_REDIS_URL: stackService('redis'),
    GATEHOUSE_GATEWAY_REDIS_KEY_PREFIX: `${uniqueName('security')}:`,
    GATEHOUSE_GATEWAY_HASH_KEY_FUNCTION: 'murmur64',
    GATEHOUSE_GATEWAY_KEY_HASHING_SECRET: 'security-suite-key-hashing-secret-0123',
    GATEHOUSE_GATEWAY_LOG_LEVEL: 'warn',
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (gateway.child.exitCode !== null) throw new Error(`the gateway exited:\n${gateway.output()}`);
      return (await fetch(`${base}/hello`)).status === 200;
    },
    { description: 'the gateway to answer /hello', timeoutMs: 20_000, intervalMs: 100 },
  );
  return {
    base,
    process: gateway,
    createKey: (session) => createTykKey(base, ADMIN_SECRET, session),
    stop: async () => {
      await gateway.stop('SIGTERM');
    },
  };
}
