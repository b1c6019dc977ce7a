import fc from 'fast-check';

import { canonicalPath } from './canonical-path';

const pathOf = (raw: string) => {
  const result = canonicalPath(raw);
  return 'refused' in result ? `refused: ${result.refused}` : result.path;
};

describe(canonicalPath.name, () => {
  it.each([
    ['/pn/public/../secret', '/pn/secret'],
    ['//admin', '/admin'],
    ['/./admin', '/admin'],
    ['/x/../admin', '/admin'],
    ['/%61dmin', '/admin'],
    ['/allowed/%2e%2e/other', '/other'],
    ['/allowed/%2E%2E/other', '/other'],
    ['/open/../priv/secret', '/priv/secret'],
    ['/a/b/', '/a/b/'],
    ['/a/b/.', '/a/b/'],
    ['/a/%40x', '/a/@x'],
    ['/a%20b', '/a%20b'],
    ['/a%c3%a9', '/a%C3%A9'],
    ['/', '/'],
    ['/users/42', '/users/42'],
  ])('puts %s in canonical form %s', (raw, expected) => {
    expect(pathOf(raw)).toBe(expected);
  });

  it.each([
    ['/a%zz', 'invalid percent-encoding'],
    ['/a%2', 'invalid percent-encoding'],
    ['/a%00b', 'encoded control character'],
    ['/a%0d%0a', 'encoded control character'],
    ['/../etc/passwd', 'climbs above the root'],
    ['/a/..;/admin', 'dot-segment with a path parameter'],
    ['relative', 'must start with /'],
  ])('refuses %s (%s)', (raw, reason) => {
    expect(pathOf(raw)).toContain(reason);
  });

  it('flags encoded slashes and backslashes instead of decoding them into separators', () => {
    expect(canonicalPath('/a%2fadmin')).toEqual({ path: '/a%2Fadmin', ambiguousSeparator: true });
    expect(canonicalPath('/a\\admin')).toEqual({ path: '/a%5Cadmin', ambiguousSeparator: true });
    expect(canonicalPath('/a/b')).toEqual({ path: '/a/b', ambiguousSeparator: false });
  });

  it('is idempotent and never leaves a dot-segment or an empty segment (property)', () => {
    const segment = fc.constantFrom('a', 'B', '.', '..', '', '%2e', '%2E%2e', '%61', '%40', '~', 'x;y');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const result = canonicalPath(`/${segments.join('/')}`);
        if ('refused' in result) return;
        expect(canonicalPath(result.path)).toEqual({ path: result.path, ambiguousSeparator: false });
        const inner = result.path.split('/').slice(1, result.path.endsWith('/') ? -1 : undefined);
        for (const part of inner) expect(['', '.', '..']).not.toContain(part);
      }),
    );
  });
});
