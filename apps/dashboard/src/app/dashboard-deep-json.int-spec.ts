import { startTestDashboard, TestDashboard } from './test-dashboard.spec-helper';

/** `{"a":{"a":…}}` nested `depth` deep (objects: arrays inside arrays are refused for another reason). */
function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

describe('dashboard: deeply nested JSON bodies (real services)', () => {
  let sut: TestDashboard;
  let token: string;

  beforeAll(async () => {
    sut = await startTestDashboard('deep-json');
    token = (await sut.createOrg('deep')).token;
  });

  afterAll(async () => sut?.close());

  async function post(path: string, body: string) {
    const response = await fetch(`${sut.url}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    return { status: response.status, body: (await response.json()) as { message?: string } };
  }

  it('refuses a body nested 5,000 deep with 400 and a clear message, not 500', async () => {
    for (const path of ['/apis', '/policies/import', '/auth/login']) {
      const answer = await post(path, `{"extra":${nested(5000)}}`);
      expect(answer).toMatchObject({ status: 400, body: { message: expect.stringContaining('nested') } });
    }
    expect((await fetch(`${sut.url}/health`)).status).toBe(200);
  });

  it('still accepts normal bodies, and brackets inside strings are not nesting', async () => {
    const created = await post(
      '/apis',
      JSON.stringify({
        api_id: 'brackets',
        name: `${'['.repeat(5000)} \\" [ {`,
        proxy: { listen_path: '/brackets/', target_url: 'http://up' },
      }),
    );
    expect(created.status).toBe(201);
  });
});
