import { envNameFor, toEnvSegment } from './env-names';

describe(toEnvSegment.name, () => {
  it.each([
    ['shutdownTimeoutMs', 'SHUTDOWN_TIMEOUT_MS'],
    ['url', 'URL'],
    ['connectionsPerOrigin', 'CONNECTIONS_PER_ORIGIN'],
    ['http2', 'HTTP2'],
  ])('%s -> %s', (key, expected) => {
    expect(toEnvSegment(key)).toBe(expected);
  });
});

describe(envNameFor.name, () => {
  it('prefixes the app and joins the path', () => {
    expect(envNameFor('gateway', ['upstream', 'headersTimeoutMs'])).toBe(
      'GATEHOUSE_GATEWAY_UPSTREAM_HEADERS_TIMEOUT_MS',
    );
  });
});
