import fc from 'fast-check';

import { GatewayUnderTest, startGatewayProcess } from './gateway-process';
import { NormalisingUpstream, startNormalisingUpstream } from './nginx-like-upstream';
import { rawRequest } from './raw-http';

/** Characters that matter to path parsing, and a few that do not. */
const PATH_CHARS = [
  'a',
  'd',
  'm',
  'i',
  'n',
  'x',
  '/',
  '/',
  '.',
  '.',
  '%',
  '2',
  'e',
  'E',
  'f',
  'F',
  '5',
  'c',
  '0',
  '\\',
  ';',
  '~',
];
const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
});

/**
 * Random paths, headers and cookies on the traffic port of a built gateway: nothing is a 5xx, nothing
 * reaches a black-listed path, and the process is still serving at the end.
 */
describe('fuzzing the traffic port (built gateway, nginx-like upstream)', () => {
  let upstream: NormalisingUpstream;
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    upstream = await startNormalisingUpstream();
    const definition = (id: string, extra: Record<string, unknown>) => ({
      api_id: id,
      org_id: 'acme',
      active: true,
      use_keyless: true,
      proxy: { listen_path: `/${id}/`, target_url: upstream.url, strip_listen_path: true },
      ...extra,
    });
    gateway = await startGatewayProcess([
      definition('bl', {
        version_data: {
          not_versioned: true,
          versions: {
            Default: { name: 'Default', extended_paths: { black_list: [{ path: '/admin', method: 'GET' }] } },
          },
        },
      }),
      definition('keyed', {
        use_keyless: false,
        auth_configs: {
          authToken: { use_cookie: true, cookie_name: 'session', use_param: true, param_name: 'key' },
        },
      }),
    ]);
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
  });

  it('never serves a black-listed path and never answers 5xx, whatever the path', async () => {
    upstream.reset();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...PATH_CHARS), { maxLength: 24 }), async (chars) => {
        const answer = await rawRequest(gateway.base, `/bl/${chars.join('')}`);
        expect(answer.status).toBeLessThan(500);
      }),
      { numRuns: 400 },
    );
    expect(upstream.served.filter((path) => path.startsWith('/admin'))).toEqual([]);
  });

  it('answers any Authorization header, cookie and key parameter with a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(printable, printable, printable, async (authorization, cookie, key) => {
        const answer = await rawRequest(gateway.base, `/keyed/x?key=${encodeURIComponent(key)}`, {
          authorization,
          cookie: `session=${cookie}`,
        });
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });

  it('is still serving afterwards', async () => {
    expect((await rawRequest(gateway.base, '/bl/fine')).status).toBe(200);
    expect(gateway.process.child.exitCode).toBeNull();
  });
});
