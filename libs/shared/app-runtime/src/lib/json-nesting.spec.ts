import { jsonNestingExceeds } from './json-nesting';

const objects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const arrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe(jsonNestingExceeds.name, () => {
  it('allows nesting up to the limit and refuses one level more, for objects and arrays alike', () => {
    expect(jsonNestingExceeds(objects(64), 64)).toBe(false);
    expect(jsonNestingExceeds(objects(65), 64)).toBe(true);
    expect(jsonNestingExceeds(arrays(64), 64)).toBe(false);
    expect(jsonNestingExceeds(arrays(65), 64)).toBe(true);
    expect(jsonNestingExceeds(`[${objects(63)}]`, 64)).toBe(false);
    expect(jsonNestingExceeds(`{"x":[${objects(63)}]}`, 64)).toBe(true);
  });

  it('counts depth, not how many siblings there are', () => {
    const wide = JSON.stringify({
      list: Array.from({ length: 10_000 }, (_, index) => ({ index, tags: [] })),
    });
    expect(jsonNestingExceeds(wide, 4)).toBe(false);
    expect(jsonNestingExceeds(wide, 3)).toBe(true);
  });

  it('skips brackets inside strings, with escaped quotes and backslashes', () => {
    expect(jsonNestingExceeds(JSON.stringify({ name: '['.repeat(5000) }), 2)).toBe(false);
    expect(jsonNestingExceeds(JSON.stringify({ name: 'say \\"[[[[" and \\\\', more: '{{{{' }), 1)).toBe(
      false,
    );
    // The string ends after an escaped backslash: the brackets after it count again.
    expect(jsonNestingExceeds('{"a":"\\\\",' + '"b":' + arrays(3) + '}', 3)).toBe(true);
  });

  it('lets no unbalanced closer buy extra depth', () => {
    expect(jsonNestingExceeds(']]]]' + arrays(3), 2)).toBe(true);
  });

  it('scans a 5,000-deep body and a million brackets without recursing', () => {
    expect(jsonNestingExceeds(objects(5000), 64)).toBe(true);
    expect(jsonNestingExceeds(arrays(500_000), 1_000_000)).toBe(false);
  });
});
