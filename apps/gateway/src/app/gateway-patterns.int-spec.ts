import { Harness, keylessApi, startHarness, TEST_SECRET } from './gateway.spec-helper';

const withBlackList = (path: string) => ({
  version_data: {
    not_versioned: true,
    versions: { Default: { name: 'Default', extended_paths: { black_list: [{ path, method: 'GET' }] } } },
  },
});

/** User-supplied patterns (attack: `/(a+)+$` and a 31-character path blocked the event loop for 4 s). */
describe('gateway path patterns from definitions (real Redis, real upstream)', () => {
  let harness: Harness;
  let base: string;

  beforeAll(async () => {
    harness = await startHarness((upstream) => [
      keylessApi('redos', '/redos/', upstream, withBlackList('/(a+)+$')),
      keylessApi('bystander', '/bystander/', upstream),
    ]);
    base = harness.gateway.proxyUrl;
  });

  afterAll(async () => harness?.stop());

  it('matches a catastrophic pattern in linear time, so other APIs keep answering', async () => {
    const attack = fetch(`${base}/redos/${'a'.repeat(4096)}!`);
    const bystander = await fetch(`${base}/bystander/x`);
    expect(bystander.status).toBe(200);
    expect((await attack).status).toBe(200);
    expect((await fetch(`${base}/redos/aaaa`)).status).toBe(403);
  });

  it('refuses a pattern RE2 cannot run at load, naming where it is', async () => {
    const answer = await fetch(`${base}/tyk/apis`, {
      method: 'POST',
      headers: { 'x-tyk-authorization': TEST_SECRET },
      body: JSON.stringify(
        keylessApi('lookahead', '/lookahead/', 'http://127.0.0.1:9', withBlackList('/(?=admin)')),
      ),
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { message: string }).message).toMatch(
      /version_data\.versions\.Default.*not a valid RE2 pattern/,
    );
  });
});
