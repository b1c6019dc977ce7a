import { StringInterner } from './string-interner';

describe(StringInterner.name, () => {
  it('answers each string it was given, and stops remembering new ones at its bound', () => {
    const strings = new StringInterner(3);
    const flood = Array.from({ length: 1_000 }, (_, i) => `api-${i}-${'x'.repeat(20)}`);
    expect(flood.map((value) => strings.intern(value))).toEqual(flood);
    expect(strings.size).toBe(3);
    expect(strings.intern(flood[0])).toBe(flood[0]);
    expect(strings.size).toBe(3);
  });
});
