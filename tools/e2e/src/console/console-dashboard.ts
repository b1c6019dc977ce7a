import {
  freePort,
  repoRoot,
  stackService,
  StartedProcess,
  TEST_KEY_HASHING_SECRET,
  uniqueName,
} from '@gatehouse/shared-testing';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

import { startApp, waitForHealthy } from '../app-process';
import { ControlPlaneClient } from '../multi-region/control-plane-client';

export const CONSOLE_ADMIN_SECRET = 'console-e2e-admin-secret';
/** Every org the specs create gets this owner password (ControlPlaneClient.createOrg). */
export const OWNER_PASSWORD = 'e2e password 123';

/** The built console the dashboard serves (`npx nx build console`). */
export function consoleDir(): string {
  const dir = join(repoRoot(), 'dist', 'apps', 'console');
  if (!existsSync(join(dir, 'index.html')))
    throw new Error(`${dir} is missing: build it with npx nx build console`);
  return dir;
}

/** The environment that makes a dashboard process serve the console. */
export function consoleEnv(): Record<string, string> {
  return { GATEHOUSE_DASHBOARD_CONSOLE_DIR: consoleDir() };
}

/** A dashboard process serving the built console, on the stack's MongoDB and Redis, in a database of its own. */
export class ConsoleDashboard {
  url = '';
  private process?: StartedProcess;

  async start(): Promise<void> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const database = uniqueName('console');
    this.process = startApp('dashboard', {
      ...consoleEnv(),
      GATEHOUSE_DASHBOARD_HTTP_PORT: String(port),
      GATEHOUSE_DASHBOARD_MONGO_URL: stackService('mongo'),
      GATEHOUSE_DASHBOARD_MONGO_DATABASE: database,
      GATEHOUSE_DASHBOARD_REDIS_URL: stackService('redis'),
      GATEHOUSE_DASHBOARD_REDIS_KEY_PREFIX: `${database}:`,
      GATEHOUSE_DASHBOARD_ADMIN_SECRET: CONSOLE_ADMIN_SECRET,
      GATEHOUSE_DASHBOARD_KEY_HASHING_SECRET: TEST_KEY_HASHING_SECRET,
      // The 10,000-key list is seeded through the API in one go.
      GATEHOUSE_DASHBOARD_LIMITS_WRITES_PER_SECOND: '100000',
      GATEHOUSE_DASHBOARD_LIMITS_WRITES_BURST: '100000',
    });
    await waitForHealthy(this.process, `${this.url}/health`);
  }

  createOrg(slug: string): Promise<ControlPlaneClient> {
    return ControlPlaneClient.createOrg(this.url, CONSOLE_ADMIN_SECRET, slug);
  }

  /** Invites a user with `role` into the owner's org and accepts the invitation; returns the user's email. */
  async addUser(owner: ControlPlaneClient, role: string, password: string): Promise<string> {
    const email = `${role}-${uniqueName('u')}@example.com`.toLowerCase();
    const { invitation } = await owner.must<{ invitation: string }>('POST', '/users', {
      email,
      name: role,
      role,
    });
    const accepted = await fetch(`${this.url}/api/v1/auth/accept-invitation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ invitation, password }),
    });
    if (!accepted.ok) throw new Error(`accepting the invitation answered ${accepted.status}`);
    return email;
  }

  async close(): Promise<void> {
    await this.process?.stop();
  }
}

/** Signs in through the console's sign-in page and waits for the signed-in shell. */
export async function signIn(
  page: Page,
  url: string,
  org: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel('Organisation').fill(org);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}
