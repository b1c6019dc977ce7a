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

  it('keeps no long string, so huge API names in keys cannot pin memory once their keys are evicted', () => {
    // Attack: a key author lists APIs whose names are a megabyte each; the cache evicts those keys by
    // bytes, but a table holding the names would keep them for the life of the process.
    const strings = new StringInterner(100);
    const huge = 'n'.repeat(1024 * 1024);
    expect(strings.intern(huge)).toBe(huge);
    expect(strings.size).toBe(0);
    expect(strings.intern('5f8e0c3b2a1d4e6f7a8b9c0d')).toBe('5f8e0c3b2a1d4e6f7a8b9c0d');
    expect(strings.size).toBe(1);
  });
});
