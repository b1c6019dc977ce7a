import { compileLinearRegex, PatternSyntaxError } from './linear-regex';

describe(compileLinearRegex.name, () => {
  it('matches a catastrophic pattern in linear time (attack: `(a+)+$` stalled the event loop)', () => {
    const sut = compileLinearRegex('/(a+)+$');
    // A backtracking engine needs ~2^5000 steps here and never returns: on regression this test hangs.
    expect(sut.test(`/${'a'.repeat(5_000)}!`)).toBe(false);
    expect(sut.test('/aaaa')).toBe(true);
  });

  it('refuses what RE2 refuses, so a definition fails at load and never at request time', () => {
    expect(() => compileLinearRegex('^/a(?=b)')).toThrow(PatternSyntaxError);
    expect(() => compileLinearRegex('(a)\\1')).toThrow(PatternSyntaxError);
    expect(() => compileLinearRegex('[')).toThrow(PatternSyntaxError);
  });

  it('keeps the semantics of plain and parameterised paths, case folding included', () => {
    const sut = compileLinearRegex('^/users/[^/]+/orders$', { safeSubpatterns: ['[^/]+'], ignoreCase: true });
    expect(sut.test('/USERS/7/orders')).toBe(true);
    expect(sut.test('/users/7/8/orders')).toBe(false);
  });

  it('replaces the first match with numbered groups', () => {
    expect(compileLinearRegex('^/old/(\\d+)').replaceFirst('/old/42/x', '/new/$1')).toBe('/new/42/x');
  });
});

describe('LinearRegex.firstMatch (Go FindStringSubmatch)', () => {
  it("gives the first match with its groups, '' for a group that took no part", () => {
    expect(compileLinearRegex('/u/(\\d+)(x)?').firstMatch('/a/u/12/b/u/3')).toEqual(['/u/12', '12', '']);
    expect(compileLinearRegex('plain').firstMatch('a plain text')).toEqual(['plain']);
    expect(compileLinearRegex('absent').firstMatch('text')).toBeUndefined();
  });
});
