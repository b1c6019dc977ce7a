import { disguises } from './disguises';
import { GatewayUnderTest, startGatewayProcess } from './gateway-process';
import { NormalisingUpstream, startNormalisingUpstream } from './nginx-like-upstream';
import { rawRequest } from './raw-http';

const versionWith = (extendedPaths: Record<string, unknown>) => ({
  not_versioned: true,
  versions: { Default: { name: 'Default', use_extended_paths: true, extended_paths: extendedPaths } },
});

const api = (id: string, upstream: string, extra: Record<string, unknown>) => ({
  api_id: id,
  org_id: 'acme',
  name: id,
  active: true,
  use_keyless: true,
  proxy: { listen_path: `/${id}/`, target_url: upstream, strip_listen_path: true },
  ...extra,
});

/**
 * The path-normalisation matrix: every kind of path rule, attacked with every disguise, behind an
 * upstream that normalises as nginx does. The invariant is the gateway's promise: whatever path the
 * upstream ends up serving, the gateway applied the rule that governs that path. Before one canonical
 * path per request, each block below let a disguise through.
 */
describe('path rules against disguised paths (built gateway, nginx-like upstream)', () => {
  let upstream: NormalisingUpstream;
  let gateway: GatewayUnderTest;
  let keyForAllowedUrl: string;

  beforeAll(async () => {
    upstream = await startNormalisingUpstream();
    const url = upstream.url;
    gateway = await startGatewayProcess([
      api('ign', url, {
        use_keyless: false,
        version_data: versionWith({
          ignored: [{ path: '/public', method_actions: { GET: { action: 'no_action' } } }],
        }),
      }),
      api('bl', url, { version_data: versionWith({ black_list: [{ path: '/admin', method: 'GET' }] }) }),
      api('wl', url, { version_data: versionWith({ white_list: [{ path: '/allowed', method: 'GET' }] }) }),
      api('au', url, { use_keyless: false }),
      api('open', url, { proxy: { listen_path: '/open/', target_url: url, strip_listen_path: false } }),
      api('priv', url, {
        use_keyless: false,
        proxy: { listen_path: '/priv/', target_url: url, strip_listen_path: false },
      }),
    ]);
    keyForAllowedUrl = await gateway.createKey({
      access_rights: {
        au: { api_id: 'au', versions: [], allowed_urls: [{ url: '/allowed', methods: ['GET'] }] },
      },
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
  });

  beforeEach(() => upstream.reset());

  /** Sends every disguise; none may be a 5xx, and returns what the upstream served. */
  async function attack(
    listenPath: string,
    target: string,
    decoy: string,
    headers: Record<string, string> = {},
  ) {
    const answers = [];
    for (const path of disguises(target, decoy)) {
      const answer = await rawRequest(gateway.base, `${listenPath}${path}`, headers);
      answers.push({ path, status: answer.status });
    }
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    return { answers, served: [...upstream.served] };
  }

  it('ignored paths: skipping auth for /public never reaches /secret (was: /public/../secret → 200)', async () => {
    expect((await rawRequest(gateway.base, '/ign/public/page')).status).toBe(200);
    expect((await rawRequest(gateway.base, '/ign/secret')).status).toBe(401);
    upstream.reset();
    const { served } = await attack('/ign', 'secret', 'public');
    expect(served.filter((path) => !path.startsWith('/public'))).toEqual([]);
  });

  it('black lists: /admin is never served (was: //admin, /./admin, /x/../admin, /%61dmin)', async () => {
    expect((await rawRequest(gateway.base, '/bl/other')).status).toBe(200);
    expect((await rawRequest(gateway.base, '/bl/admin')).status).toBe(403);
    upstream.reset();
    const { served } = await attack('/bl', 'admin', 'x');
    expect(served.filter((path) => path.startsWith('/admin'))).toEqual([]);
  });

  it('white lists: nothing outside /allowed is served (was: /allowed/%2e%2e/other)', async () => {
    expect((await rawRequest(gateway.base, '/wl/allowed/x')).status).toBe(200);
    expect((await rawRequest(gateway.base, '/wl/other')).status).toBe(403);
    upstream.reset();
    const { served } = await attack('/wl', 'other', 'allowed');
    expect(served.filter((path) => !path.startsWith('/allowed'))).toEqual([]);
  });

  it("a key's allowed_urls: nothing outside /allowed is served to that key", async () => {
    const auth = { authorization: keyForAllowedUrl };
    expect((await rawRequest(gateway.base, '/au/allowed/x', auth)).status).toBe(200);
    expect((await rawRequest(gateway.base, '/au/other', auth)).status).toBe(403);
    upstream.reset();
    const { served } = await attack('/au', 'other', 'allowed', auth);
    expect(served.filter((path) => !path.startsWith('/allowed'))).toEqual([]);
  });

  it('listen paths: a keyless API never carries a request into a keyed one (was: /open/../priv/secret)', async () => {
    expect((await rawRequest(gateway.base, '/open/x')).status).toBe(200);
    expect((await rawRequest(gateway.base, '/priv/secret')).status).toBe(401);
    upstream.reset();
    const { served } = await attack('', 'priv/secret', 'open');
    expect(served.filter((path) => path.startsWith('/priv'))).toEqual([]);
  });

  it('refuses paths it cannot put in one form with 400, naming why', async () => {
    for (const path of [
      '/bl/a%2fb',
      '/bl/a\\b',
      '/bl/a%00',
      '/bl/%zz',
      '/bl/../../etc/passwd',
      '/bl/x/..;/admin',
    ]) {
      const answer = await rawRequest(gateway.base, path);
      expect({ path, status: answer.status }).toEqual({ path, status: 400 });
      expect(JSON.parse(answer.body)).toEqual({
        error: expect.stringMatching(/^Request path is not allowed: /),
      });
    }
  });
});
