import { Agent, fetch } from 'undici';

import {
  ApiAnswer,
  startTestDashboard,
  TEST_ADMIN_SECRET,
  TEST_PASSWORD,
  TestDashboard,
} from './test-dashboard.spec-helper';

/**
 * Guessing passwords and the admin secret, from real client addresses: loopback has all of 127.0.0.0/8,
 * so each agent below connects from an address of its own.
 */
describe('dashboard credential throttling (real services, real client addresses)', () => {
  let sut: TestDashboard;
  const attacker = new Agent({ localAddress: '127.0.0.2' });
  const owner = new Agent({ localAddress: '127.0.0.3' });
  const operator = new Agent({ localAddress: '127.0.0.4' });

  beforeAll(async () => {
    sut = await startTestDashboard('throttle');
    await sut.createOrg('victim');
    await sut.createOrg('racer');
  });

  afterAll(async () => {
    await sut?.close();
    await Promise.all([attacker.close(), owner.close(), operator.close()]);
  });

  async function post(
    from: Agent,
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer<{ token?: string }> & { headers: { 'retry-after': string } }> {
    const response = await fetch(`${sut.url}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      dispatcher: from,
    });
    return {
      status: response.status,
      headers: { 'retry-after': response.headers.get('retry-after') ?? '' },
      body: (await response.json()) as { token?: string },
    };
  }

  const login = (from: Agent, org: string, password: string) =>
    post(from, '/auth/login', { org, email: `owner@${org}.example`, password });

  it('checks at most 10 of 30 concurrent wrong passwords for one account; the rest get 429', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, index) => login(attacker, 'racer', `wrong password ${index}`)),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 401)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
  });

  it('does not lock the owner out: failures from one address leave the right password working from another', async () => {
    for (let index = 0; index < 12; index++)
      expect([401, 429]).toContain((await login(attacker, 'victim', 'wrong password!!')).status);
    const refused = await login(attacker, 'victim', TEST_PASSWORD);
    expect(refused.status).toBe(429);
    // Until the 15-minute window of this account from this address ends.
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(900);
    const fromOwner = await login(owner, 'victim', TEST_PASSWORD);
    expect(fromOwner.status).toBe(200);
    expect(fromOwner.body.token).toMatch(/^ghs_/);
  });

  it('throttles wrong admin secrets per address; the right secret from another address still works', async () => {
    const org = (slug: string) => ({
      slug,
      name: slug,
      owner: { email: `o@${slug}.example`, name: 'O', password: 'long enough password' },
    });
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        post(attacker, '/orgs', org('guessed'), { 'x-gatehouse-admin-secret': `guess-${index}` }),
      ),
    );
    const statuses = guesses.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 403)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
    const fromAttacker = await post(attacker, '/orgs', org('attacker'), {
      'x-gatehouse-admin-secret': TEST_ADMIN_SECRET,
    });
    expect(fromAttacker.status).toBe(429);
    const fromOperator = await post(operator, '/orgs', org('operated'), {
      'x-gatehouse-admin-secret': TEST_ADMIN_SECRET,
    });
    expect(fromOperator.status).toBe(201);
  });
});
