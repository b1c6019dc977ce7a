import { globMatches } from './cors.stage';

describe(globMatches.name, () => {
  it.each([
    ['https://*.example.com', 'https://api.example.com', true],
    ['https://*.example.com', 'https://example.com', false],
    ['https://app.example.com', 'https://app.example.com', true],
    ['https://app.example.com', 'https://app.example.co', false],
    ['*://a*b*c', 'http://axxbyyc', true],
    ['*://a*b*c', 'http://axxcyyb', false],
  ])('%s against %s is %s', (glob, value, expected) => {
    expect(globMatches(glob, value)).toBe(expected);
  });

  it('answers a hostile origin against many wildcards without backtracking (attack: ReDoS via Origin)', () => {
    expect(globMatches('*a*a*a*a*a*a*a*b', 'a'.repeat(16_000))).toBe(false);
  });
});
