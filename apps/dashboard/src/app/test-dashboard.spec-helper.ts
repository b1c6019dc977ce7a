import { createLogger, type Logger } from '@gatehouse/shared-observability';
import { stackService, TEST_KEY_HASHING_SECRET, uniqueName } from '@gatehouse/shared-testing';

import { dashboardConfigSchema } from './dashboard.config';
import { RunningDashboard, startDashboard } from './dashboard-app';

export const TEST_ADMIN_SECRET = 'platform-admin-secret-for-tests';
export const TEST_PASSWORD = 'correct horse battery';

/** An answer of the API; `T` is what the spec expects the body to be, `unknown` until it says. */
export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

/** A real dashboard on the test stack's MongoDB and Redis, in its own database and key prefix. */
export interface TestDashboard extends RunningDashboard {
  database: string;
  /** Calls `/api/v1{path}`; `token` goes in as a bearer token; the body is parsed JSON, taken as `T`. */
  call<T = unknown>(
    method: string,
    path: string,
    token?: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiAnswer<T>>;
  /** An org and its owner (`owner@<slug>.example`, TEST_PASSWORD), created with the admin secret. */
  createOrg(slug: string): Promise<{ token: string; orgId: string }>;
}

export async function startTestDashboard(
  name: string,
  logger: Logger = createLogger({ name: 'dashboard', level: 'silent', format: 'json' }),
  /** Settings of the spec's own, e.g. `{ limits: { writes: { perSecond: 1 } } }`. */
  settings: Record<string, unknown> = {},
): Promise<TestDashboard> {
  const database = uniqueName(name);
  const config = dashboardConfigSchema.parse({
    keyHashing: { secret: TEST_KEY_HASHING_SECRET },
    ...settings,
    http: { port: 0 },
    mongo: { url: stackService('mongo'), database },
    redis: { url: stackService('redis'), keyPrefix: `${database}:` },
    adminSecret: TEST_ADMIN_SECRET,
  });
  const running = await startDashboard(config, logger);

  const call: TestDashboard['call'] = async <T>(
    method: string,
    path: string,
    token?: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer<T>> => {
    const response = await fetch(`${running.url}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };

  const createOrg: TestDashboard['createOrg'] = async (slug) => {
    const owner = { email: `owner@${slug}.example`, name: 'Owner', password: TEST_PASSWORD };
    const created = await call<{ token: string; org: { id: string } }>(
      'POST',
      '/orgs',
      undefined,
      { slug, name: slug, owner },
      {
        'x-gatehouse-admin-secret': TEST_ADMIN_SECRET,
      },
    );
    if (created.status !== 201)
      throw new Error(`creating org ${slug}: ${created.status} ${JSON.stringify(created.body)}`);
    return { token: created.body.token, orgId: created.body.org.id };
  };

  return { ...running, database, call, createOrg };
}
